// The embedding outside this repository: every package packed with `npm pack`, the tarballs
// installed into a fresh project in the system's temp folder (third-party packages from the npm
// registry), and there the README's example (embed.mjs) run as an ES module and as CommonJS, and a
// TypeScript file typechecked with `skipLibCheck: false` against what was installed.
import { execFileSync } from 'node:child_process'
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const root = fileURLToPath(new URL('../..', import.meta.url))
const here = fileURLToPath(new URL('..', import.meta.url))
const require = createRequire(import.meta.url)
const dir = mkdtempSync(join(tmpdir(), 'ak1-packed-'))
/** Generous: the machine is shared, and a full typecheck of @types/node takes a while. */
const slow = 300_000
const project = join(dir, 'project')

/**
 * Runs a command with neither the test runner's Node options nor the npm script's `npm_*`
 * settings, so nothing resolves through the repository's sources or workspace.
 */
function run(command: string, args: string[], cwd: string): string {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(
      ([key]) => key !== 'NODE_OPTIONS' && !key.toLowerCase().startsWith('npm_'),
    ),
  )
  return execFileSync(command, args, { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
}

/** The workspace's published packages, by folder and name. */
function packages(): Array<{ folder: string; name: string }> {
  return readdirSync(join(root, 'packages'))
    .map((folder) => ({
      folder,
      json: JSON.parse(readFileSync(join(root, 'packages', folder, 'package.json'), 'utf8')),
    }))
    .filter(({ json }) => !json.private)
    .map(({ folder, json }) => ({ folder, name: json.name as string }))
}

/** The README's example as CommonJS: its imports as require() calls, its body in an async function. */
function asCommonJs(esm: string): string {
  const lines = esm.split('\n')
  const body: string[] = []
  const requires: string[] = []
  for (const line of lines) {
    const m = /^import \{ (.+) \} from '([^']+)'$/.exec(line)
    if (m) requires.push(`const { ${m[1]!.replace(/ as /g, ': ')} } = require('${m[2]}')`)
    else if (line.startsWith('import ')) throw new Error(`not a named import: ${line}`)
    else body.push(line)
  }
  return `'use strict'\n${requires.join('\n')}\n;(async () => {\n${body.join('\n')}\n})().catch((error) => {\n  console.error(error)\n  process.exitCode = 1\n})\n`
}

describe('the packed packages in a project of their own', () => {
  const tarballs: Record<string, string> = {}

  beforeAll(() => {
    const packs = join(dir, 'tarballs')
    mkdirSync(packs, { recursive: true })
    mkdirSync(project, { recursive: true })
    for (const { folder, name } of packages()) {
      const out = run('npm', ['pack', '--json', '--pack-destination', packs], join(root, 'packages', folder))
      const [info] = JSON.parse(out) as Array<{ filename: string }>
      tarballs[name] = `file:${join(packs, info!.filename)}`
    }
    // better-sqlite3 compiles from source on install (about a minute); the project pins the
    // workspace's version, installs without scripts, and reuses the workspace's compiled addon.
    const sqliteDir = dirname(require.resolve('better-sqlite3/package.json'))
    const sqliteVersion = JSON.parse(readFileSync(join(sqliteDir, 'package.json'), 'utf8')).version as string
    writeFileSync(
      join(project, 'package.json'),
      `${JSON.stringify(
        {
          name: 'ak1-packed-check',
          private: true,
          type: 'module',
          dependencies: { ...tarballs, '@types/node': '^20.19.0' },
          overrides: { 'better-sqlite3': sqliteVersion },
        },
        null,
        2,
      )}\n`,
    )
    run(
      'npm',
      ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'],
      project,
    )
    const addon = join('build', 'Release', 'better_sqlite3.node')
    mkdirSync(join(project, 'node_modules', 'better-sqlite3', 'build', 'Release'), { recursive: true })
    copyFileSync(join(sqliteDir, addon), join(project, 'node_modules', 'better-sqlite3', addon))
    const example = readFileSync(join(here, 'embed.mjs'), 'utf8')
    writeFileSync(join(project, 'embed.mjs'), example)
    writeFileSync(join(project, 'embed.cjs'), asCommonJs(example))
  }, 600_000)

  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it(
    'installs every package from its tarball, without vitest or fast-check',
    () => {
      expect(Object.keys(tarballs).sort()).toEqual([
        '@ak1/adapter-postgres',
        '@ak1/adapter-sipraja',
        '@ak1/adapter-sqlite',
        '@ak1/card-pdf',
        '@ak1/core',
        '@ak1/notify-email',
        '@ak1/notify-sms',
      ])
      for (const name of Object.keys(tarballs)) {
        expect(existsSync(join(project, 'node_modules', name, 'dist'))).toBe(true)
      }
      expect(existsSync(join(project, 'node_modules', 'vitest'))).toBe(false)
      expect(existsSync(join(project, 'node_modules', 'fast-check'))).toBe(false)
    },
    slow,
  )

  for (const [format, file] of [
    ['an ES module', 'embed.mjs'],
    ['CommonJS', 'embed.cjs'],
  ] as const) {
    it(
      `runs the README's example as ${format}: a case on SQLite, accepted, its notices sent, no incident`,
      () => {
        const filename = join(project, `${file}.sqlite`)
        const out = run(process.execPath, [file, filename], project)
        expect(out).toMatch(/^AK1-\d{6}-00001: penerimaan -> pemindaian, menunggu operator$/m)
        expect(out).toContain('notices: sms:diterima, email:diterima, incidents: 0')
      },
      slow,
    )
  }

  it(
    'typechecks a TypeScript file against the installed types, as ESM and as CommonJS, with skipLibCheck false',
    () => {
      const source = readFileSync(join(here, 'packed', 'check-types.ts'), 'utf8')
      writeFileSync(join(project, 'check-types.ts'), source)
      writeFileSync(join(project, 'check-types.cts'), source)
      writeFileSync(
        join(project, 'tsconfig.json'),
        JSON.stringify({
          compilerOptions: {
            target: 'ES2022',
            module: 'nodenext',
            moduleResolution: 'nodenext',
            strict: true,
            skipLibCheck: false,
            noEmit: true,
          },
          files: ['check-types.ts', 'check-types.cts'],
        }),
      )
      const tsc = require.resolve('typescript/bin/tsc')
      let output = ''
      try {
        output = run(process.execPath, [tsc, '-p', 'tsconfig.json', '--pretty', 'false'], project)
      } catch (error) {
        output = String((error as { stdout?: string }).stdout ?? error)
      }
      expect(output).toBe('')
    },
    slow,
  )
})
