import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import vm from 'node:vm'
import { build } from 'esbuild'
import { beforeAll, describe, expect, it } from 'vitest'
import { sampleApplication } from '../src/testing/index'
import { pureSha256Hex, sha256Hex } from '../src/util/sha256'

const packageDir = fileURLToPath(new URL('..', import.meta.url))

/** Balongbendo's content hash as published; a change of the hashing code must not move it. */
const balongbendoHash = '0a18a84788d5a3054e5857aaadeba0b3ba205da12e679e798694ea8df2ba015c'

/**
 * Bundles `@ak1/core/model` for the browser as a script that sets `globalThis.ak1`. With the
 * source condition it bundles src/ (no build needed); without, the built dist/ a user installs.
 */
async function bundle(conditions: string[]): Promise<{ code: string; inputs: string[] }> {
  const result = await build({
    stdin: { contents: "export * from '@ak1/core/model'", resolveDir: packageDir, loader: 'ts' },
    bundle: true,
    platform: 'browser',
    format: 'iife',
    globalName: 'ak1',
    conditions,
    write: false,
    metafile: true,
    logLevel: 'silent',
  })
  return { code: result.outputFiles[0]?.text ?? '', inputs: Object.keys(result.metafile.inputs) }
}

/** A context with the Web APIs a browser has and none of Node's globals. */
function browserLikeContext(): vm.Context {
  return vm.createContext({ TextEncoder, TextDecoder, URL, console })
}

interface Outcome {
  nodeGlobals: string[]
  hash: string
  steps: number
  good: { nik: string; mobile: string } | null
  bad: { code: string; name: string; message: string; messageEn: string; paths: string[] } | null
}

/** Runs the bundle in the context, then parses a good and a bad application inside it. */
function runIn(context: vm.Context, code: string, good: unknown, bad: unknown): Outcome {
  vm.runInContext(code, context)
  context.good = JSON.parse(JSON.stringify(good))
  context.bad = JSON.parse(JSON.stringify(bad))
  const script = `(() => {
    const nodeGlobals = ['process', 'Buffer', 'require', 'global', 'module', '__dirname']
      .filter((name) => typeof globalThis[name] !== 'undefined')
    const now = new Date('2026-11-27T05:00:00Z')
    const parsed = ak1.parseApplication(good, { now })
    let bad = null
    try {
      ak1.parseApplication(globalThis.bad, { now })
    } catch (error) {
      bad = {
        code: error.code,
        name: error instanceof ak1.ValidationError ? 'ValidationError' : String(error),
        message: error.message,
        messageEn: error.messageEn,
        paths: error.issues.map((i) => i.path.join('.')),
      }
    }
    return JSON.stringify({
      nodeGlobals,
      hash: ak1.balongbendo.hash,
      steps: ak1.balongbendo.steps.length,
      good: { nik: parsed.applicant.nik, mobile: parsed.contacts.mobile },
      bad,
    })
  })()`
  return JSON.parse(vm.runInContext(script, context) as string) as Outcome
}

const good = sampleApplication({
  applicant: { nik: '3515 1254 0501 0001' },
  contacts: { mobile: '0812-3456-7890' },
})
const bad = sampleApplication({ applicant: { nik: '35151254050100' } })

describe('@ak1/core/model in a browser', () => {
  beforeAll(() => {
    // turbo builds before testing; a bare `vitest run` builds here when dist is missing.
    if (!existsSync(`${packageDir}/dist/model/index.js`)) {
      execFileSync('npx', ['tsup'], { cwd: packageDir, stdio: 'ignore' })
    }
  }, 180_000)

  // The built package carries @noble/hashes inside its own chunk (tsup noExternal); the sources import it.
  for (const [label, conditions, nobleInput] of [
    ['the sources', ['@ak1/source'], true],
    ['the built package', [], false],
  ] as const) {
    it(`bundles from ${label} for platform browser with no node: module, and validates with no Node globals`, async () => {
      const { code, inputs } = await bundle([...conditions])
      expect(inputs.filter((f) => f.startsWith('node:') || f.includes('node_modules/@types/node'))).toEqual(
        [],
      )
      expect(inputs.some((f) => f.includes('node_modules/@noble/hashes/'))).toBe(nobleInput)
      expect(code).not.toMatch(/\bfrom\s*["']node:|require\(["']node:/)

      const outcome = runIn(browserLikeContext(), code, good, bad)
      expect(outcome.nodeGlobals).toEqual([])
      expect(outcome.hash).toBe(balongbendoHash)
      expect(outcome.steps).toBeGreaterThan(5)
      expect(outcome.good).toEqual({ nik: '3515125405010001', mobile: '+6281234567890' })
      expect(outcome.bad).toMatchObject({
        code: 'VALIDATION',
        name: 'ValidationError',
        paths: ['applicant.nik'],
      })
      expect(outcome.bad?.message).toBe(
        'Data tidak valid: applicant.nik: NIK harus 16 digit (diisi 14 digit)',
      )
      expect(outcome.bad?.messageEn).toMatch(/the NIK must have 16 digits \(got 14\)/)
    })
  }
})

describe('the synchronous SHA-256', () => {
  it("gives the same hex digest in pure JS as Node's native one, for text and for bytes", () => {
    const samples: Array<string | Uint8Array> = [
      '',
      'abc',
      'Kecamatan Balongbendo — ñ 𝄞',
      'x'.repeat(1_000_003),
      new Uint8Array([0, 1, 2, 255]),
    ]
    for (const sample of samples) expect(pureSha256Hex(sample)).toBe(sha256Hex(sample))
    expect(pureSha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad')
  })
})
