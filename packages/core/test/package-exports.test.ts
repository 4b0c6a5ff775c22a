import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { beforeAll, describe, expect, it } from 'vitest'
import { balongbendo } from '../src/index'

const packageDir = fileURLToPath(new URL('..', import.meta.url))
const script = (name: string) => fileURLToPath(new URL(`./package-exports/${name}`, import.meta.url))

/** Runs a script with plain Node (no source condition), so `@ak1/core` resolves to `dist`. */
function runNode(file: string): Record<string, unknown> {
  const { NODE_OPTIONS: _ignored, ...env } = process.env
  const out = execFileSync(process.execPath, [file], { cwd: packageDir, env, encoding: 'utf8' })
  return JSON.parse(out.trim().split('\n').at(-1) ?? '{}')
}

describe('the built package', () => {
  beforeAll(() => {
    // turbo builds before testing; a bare `vitest run` builds here when dist is missing.
    const built = ['dist/index.js', 'dist/index.cjs', 'dist/ports/index.js', 'dist/ports/index.cjs'].every(
      (f) => existsSync(`${packageDir}/${f}`),
    )
    if (!built) execFileSync('npx', ['tsup'], { cwd: packageDir, stdio: 'ignore' })
  }, 180_000)

  const expected = {
    office: balongbendo.office.code,
    steps: balongbendo.steps.length,
    code: 'VALIDATION',
  }

  it('imports from a plain Node ESM script, one error class across . and ./ports', () => {
    const result = runNode(script('esm.mjs'))
    expect(result).toMatchObject({ format: 'esm', ...expected })
    expect(result.issues).toBeGreaterThan(0)
  })

  it('requires from a CommonJS script, one error class across . and ./ports', () => {
    const result = runNode(script('cjs.cjs'))
    expect(result).toMatchObject({ format: 'cjs', ...expected })
    expect(result.issues).toBeGreaterThan(0)
  })

  it('maps every subpath for node10 resolution too (typesVersions), to the types its require branch names', () => {
    const pkg = JSON.parse(readFileSync(`${packageDir}/package.json`, 'utf8')) as {
      exports: Record<string, string | { require?: { types: string } }>
      typesVersions: { '*': Record<string, string[]> }
    }
    // JSON files (package.json, the standard's JSON Schema) carry no types.
    const subpaths = Object.entries(pkg.exports).filter(([key]) => key !== '.' && !key.endsWith('.json'))
    expect(subpaths.map(([key]) => key)).toEqual(
      expect.arrayContaining(['./model', './ports', './testing', './conformance', './arbitraries']),
    )
    const expected = Object.fromEntries(
      subpaths.map(([key, value]) => [
        key.slice(2),
        [typeof value === 'string' ? value : value.require?.types],
      ]),
    )
    expect(pkg.typesVersions['*']).toEqual(expected)
  })
})
