import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { describeSiprajaGateway, type SiprajaHarness, siprajaChecks } from '../src/conformance/index'
import type { SiprajaGateway } from '../src/ports/sipraja'
import { createFakeSipraja, type FakeSipraja } from '../src/testing/index'

const harness = (fake: FakeSipraja, gateway: SiprajaGateway = fake): SiprajaHarness => ({
  gateway,
  inspect: {
    status: (ref) => fake.cases.get(ref)?.status ?? null,
    attachmentCount: (ref) => fake.cases.get(ref)?.attachments.size ?? 0,
  },
})

describeSiprajaGateway({ name: 'fake', create: async () => harness(createFakeSipraja()) })

async function failedChecks(make: () => SiprajaHarness): Promise<string[]> {
  const failed: string[] = []
  for (const check of siprajaChecks()) {
    try {
      await check.run(make())
    } catch {
      failed.push(check.name)
    }
  }
  return failed
}

let unique = 0
/** A gateway that forgets idempotency keys: every call gets a key of its own. */
function forgetful(fake: FakeSipraja): SiprajaGateway {
  const fresh = <O extends { idempotencyKey: string }>(o: O): O => ({ ...o, idempotencyKey: `k${++unique}` })
  return {
    id: 'forgetful',
    ensureAccount: (a, o) => fake.ensureAccount(a, fresh(o)),
    uploadAttachment: (a, o) => fake.uploadAttachment(a, fresh(o)),
    setStatus: (s, o) => fake.setStatus(s, fresh(o)),
  }
}

describe('describeSiprajaGateway catches broken gateways', () => {
  it('passes every check with the fake', async () => {
    expect(await failedChecks(() => harness(createFakeSipraja()))).toEqual([])
  })

  it('fails a gateway that applies a repeated idempotency key twice', async () => {
    const failed = await failedChecks(() => {
      const fake = createFakeSipraja()
      return harness(fake, forgetful(fake))
    })
    expect(failed).toContain('ensureAccount() repeated with the same key gives the first answer again')
    expect(failed).toContain('a replayed setStatus() key is not applied again over a later status')
    expect(failed).toContain('uploadAttachment() stores a file once per case')
  })

  it('fails a gateway that applies a replay but answers from memory (seen only on the far side)', async () => {
    const failed = await failedChecks(() => {
      const fake = createFakeSipraja()
      const answers = new Map<string, unknown>()
      const gateway: SiprajaGateway = {
        id: 'replays',
        ensureAccount: (a, o) => fake.ensureAccount(a, o),
        uploadAttachment: (a, o) => fake.uploadAttachment(a, o),
        async setStatus(s, o) {
          const result = await fake.setStatus(s, { ...o, idempotencyKey: `k${++unique}` })
          if (!answers.has(o.idempotencyKey)) answers.set(o.idempotencyKey, result)
          return answers.get(o.idempotencyKey) as typeof result
        },
      }
      return harness(fake, gateway)
    })
    expect(failed).toEqual(['a replayed setStatus() key is not applied again over a later status'])
  })

  it('fails a gateway that reports every error as retryable', async () => {
    const failed = await failedChecks(() => {
      const fake = createFakeSipraja()
      const retryable =
        <A, R>(fn: (a: A, o: { idempotencyKey: string }) => Promise<R>) =>
        async (a: A, o: { idempotencyKey: string }) => {
          try {
            return await fn(a, o)
          } catch (e) {
            Object.defineProperty(e, 'retryable', { value: true })
            throw e
          }
        }
      return harness(fake, {
        id: 'all-retryable',
        ensureAccount: retryable(fake.ensureAccount),
        uploadAttachment: retryable(fake.uploadAttachment),
        setStatus: retryable(fake.setStatus),
      })
    })
    expect(failed).toEqual([
      'ensureAccount() refuses a malformed NIK without retry',
      'uploadAttachment() refuses a malformed sha256 without retry',
      'setStatus() refuses an empty status without retry',
    ])
  })
})

const nik = '3515104506990001'
const opts = (idempotencyKey: string) => ({ idempotencyKey })

describe('createFakeSipraja', () => {
  it('counts calls and effects per idempotency key', async () => {
    const fake = createFakeSipraja()
    await fake.ensureAccount({ nik, name: 'Siti' }, opts('k1'))
    await fake.ensureAccount({ nik, name: 'Siti' }, opts('k1'))
    await fake.setStatus({ nik, caseRef: 'T1', status: 'Menunggu' }, opts('k2'))
    expect(fake.callsByKey.get('k1')).toBe(2)
    expect(fake.applied.get('k1')).toBe(1)
    expect(fake.calls.map((c) => c.outcome)).toEqual(['applied', 'replayed', 'applied'])
    expect(fake.accounts.get(nik)).toMatchObject({ name: 'Siti' })
    expect(fake.cases.get('T1')?.statusHistory).toEqual(['Menunggu'])
  })

  it('fails the same calls for the same seed, about the share asked', async () => {
    const pattern = async (seed: number) => {
      const fake = createFakeSipraja({ seed, failRate: 0.5 })
      const out: boolean[] = []
      for (let i = 0; i < 200; i++) {
        out.push(
          await fake.ensureAccount({ nik, name: 'Siti' }, opts(`k${i}`)).then(
            () => true,
            () => false,
          ),
        )
      }
      return out
    }
    const a = await pattern(42)
    expect(await pattern(42)).toEqual(a)
    expect(await pattern(43)).not.toEqual(a)
    const failures = a.filter((ok) => !ok).length
    expect(failures).toBeGreaterThan(70)
    expect(failures).toBeLessThan(130)
  })

  it('applies a call whose answer is lost only once when it is retried with its key', async () => {
    const fake = createFakeSipraja()
    await fake.ensureAccount({ nik, name: 'Siti' }, opts('acc'))
    fake.failNext(1, { phase: 'after' })
    await expect(
      fake.setStatus({ nik, caseRef: 'T1', status: 'Menunggu' }, opts('s1')),
    ).rejects.toMatchObject({
      retryable: true,
    })
    expect(fake.cases.get('T1')?.status).toBe('Menunggu')
    await expect(fake.setStatus({ nik, caseRef: 'T1', status: 'Menunggu' }, opts('s1'))).resolves.toEqual({
      status: 'Menunggu',
      changed: true,
    })
    expect(fake.applied.get('s1')).toBe(1)
    expect(fake.calls.map((c) => c.outcome)).toEqual(['applied', 'lost', 'replayed'])
  })

  it('hangs until the caller aborts, before or after the effect', async () => {
    const fake = createFakeSipraja()
    fake.hangNext(2, 'after')
    for (const key of ['a', 'a']) {
      const controller = new AbortController()
      const pending = fake.ensureAccount(
        { nik, name: 'Siti' },
        { idempotencyKey: key, signal: controller.signal },
      )
      await new Promise((r) => setTimeout(r, 1))
      controller.abort()
      await expect(pending).rejects.toMatchObject({ retryable: true })
    }
    expect(fake.applied.get('a')).toBe(1)
    expect(fake.accounts.size).toBe(1)
  })

  it('refuses a non-retryable failure on demand and uploads once per sha256', async () => {
    const fake = createFakeSipraja()
    fake.failNext(1, { retryable: false })
    await expect(fake.ensureAccount({ nik, name: 'Siti' }, opts('x'))).rejects.toMatchObject({
      retryable: false,
    })
    await fake.ensureAccount({ nik, name: 'Siti' }, opts('y'))
    const bytes = new Uint8Array([1, 2, 3])
    const sha256 = createHash('sha256').update(bytes).digest('hex')
    const file = { nik, caseRef: 'T1', sha256, contentType: 'image/png', bytes }
    await fake.uploadAttachment(file, opts('u1'))
    await fake.uploadAttachment(file, opts('u2'))
    expect(fake.cases.get('T1')?.attachments.size).toBe(1)
  })
})
