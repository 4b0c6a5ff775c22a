import { expect } from 'vitest'
import type { AdapterError } from '../errors/errors'
import type { SiprajaAttachmentInput, SiprajaGateway } from '../ports/sipraja'
import { sha256Hex } from '../util/canonical-json'
import { expectAdapterError } from './conformance-suite'

/** What a SIPRAJA test gives the checks: the gateway, and optionally a look at the far side. */
export interface SiprajaHarness {
  gateway: SiprajaGateway
  /** Reads the far side directly (the simulator's state), to check effects beyond the answers. */
  inspect?: {
    /** The status SIPRAJA shows for a case, or `null`. */
    status(caseRef: string): Promise<string | null> | string | null
    /** How many files SIPRAJA holds for a case. */
    attachmentCount(caseRef: string): Promise<number> | number
  }
  /** Runs after each test. */
  cleanup?: () => Promise<void>
}

/** One named check of the {@link SiprajaGateway} contract. */
export interface SiprajaCheck {
  /** The method it checks (the `describe` block). */
  group: string
  /** What must hold, as a sentence (the test name). */
  name: string
  /** Resolves when the harness (fresh, empty) keeps the contract; throws otherwise. */
  run(harness: SiprajaHarness): Promise<void>
}

let counter = 0
/** A fresh, well-formed 16-digit NIK (Sidoarjo, born 1 Jan 1990) for each call. */
function freshNik(): string {
  counter += 1
  return `35151001019${String(counter % 100_000).padStart(5, '0')}`
}
function freshKey(label: string): string {
  counter += 1
  return `conformance.${label}.${Date.now().toString(36)}.${counter}`
}
function freshRef(): string {
  counter += 1
  return `AK1-CONF-${Date.now().toString(36)}-${counter}`
}
function attachment(nik: string, caseRef: string, content = 'scan ijazah SMA'): SiprajaAttachmentInput {
  const bytes = new TextEncoder().encode(content)
  return {
    nik,
    caseRef,
    sha256: sha256Hex(bytes),
    contentType: 'application/pdf',
    bytes,
    itemId: 'ijazah:sma',
  }
}

const check = (group: string, name: string, run: (h: SiprajaHarness) => Promise<void>): SiprajaCheck => ({
  group,
  name,
  run,
})

async function account(g: SiprajaGateway, nik = freshNik()) {
  await g.ensureAccount({ nik, name: 'Siti Aminah' }, { idempotencyKey: freshKey('acc') })
  return nik
}

/**
 * Every check of the {@link SiprajaGateway} contract, as plain named async functions.
 * `describeSiprajaGateway` registers each as a test; they can also run directly, e.g. to prove that a
 * gateway applying a repeated idempotency key twice fails them.
 */
export function siprajaChecks(): SiprajaCheck[] {
  return [
    check('gateway', 'has a non-empty id', async ({ gateway }) => {
      expect(typeof gateway.id).toBe('string')
      expect(gateway.id.length).toBeGreaterThan(0)
    }),
    check('ensureAccount', 'ensureAccount() creates an account for a new NIK', async ({ gateway }) => {
      const result = await gateway.ensureAccount(
        { nik: freshNik(), name: 'Siti Aminah', email: 'siti@example.com', mobile: '+6281234567890' },
        { idempotencyKey: freshKey('acc') },
      )
      expect(result.created).toBe(true)
      expect(typeof result.accountId).toBe('string')
      expect(result.accountId.length).toBeGreaterThan(0)
    }),
    check(
      'ensureAccount',
      'ensureAccount() with a new key for a known NIK returns the same account, not created',
      async ({ gateway }) => {
        const nik = freshNik()
        const first = await gateway.ensureAccount(
          { nik, name: 'Siti Aminah' },
          { idempotencyKey: freshKey('a') },
        )
        const again = await gateway.ensureAccount(
          { nik, name: 'Siti Aminah' },
          { idempotencyKey: freshKey('b') },
        )
        expect(again).toEqual({ accountId: first.accountId, created: false })
      },
    ),
    check(
      'ensureAccount',
      'ensureAccount() repeated with the same key gives the first answer again',
      async ({ gateway }) => {
        const nik = freshNik()
        const key = freshKey('same')
        const first = await gateway.ensureAccount({ nik, name: 'Siti Aminah' }, { idempotencyKey: key })
        const replay = await gateway.ensureAccount({ nik, name: 'Siti Aminah' }, { idempotencyKey: key })
        expect(first.created).toBe(true)
        expect(replay).toEqual(first)
      },
    ),
    check('ensureAccount', 'concurrent calls with the same key create one account', async ({ gateway }) => {
      const nik = freshNik()
      const key = freshKey('race')
      const settled = await Promise.allSettled(
        [1, 2, 3].map(() => gateway.ensureAccount({ nik, name: 'Siti Aminah' }, { idempotencyKey: key })),
      )
      const ok = settled.filter((s) => s.status === 'fulfilled').map((s) => s.value)
      expect(ok.length).toBeGreaterThan(0)
      for (const s of settled) {
        if (s.status === 'rejected') expect((s.reason as AdapterError).retryable).toBe(true)
      }
      expect(new Set(ok.map((r) => r.accountId)).size).toBe(1)
      expect(ok.every((r) => r.created)).toBe(true)
      const later = await gateway.ensureAccount(
        { nik, name: 'Siti Aminah' },
        { idempotencyKey: freshKey('l') },
      )
      expect(later).toEqual({ accountId: ok[0]?.accountId, created: false })
    }),
    check(
      'ensureAccount',
      'ensureAccount() with an aborted signal rejects retryably and creates nothing',
      async ({ gateway }) => {
        const nik = freshNik()
        const controller = new AbortController()
        controller.abort()
        await expectAdapterError(
          gateway.ensureAccount(
            { nik, name: 'Siti Aminah' },
            { idempotencyKey: freshKey('abort'), signal: controller.signal },
          ),
          true,
        )
        const after = await gateway.ensureAccount(
          { nik, name: 'Siti Aminah' },
          { idempotencyKey: freshKey('n') },
        )
        expect(after.created).toBe(true)
      },
    ),
    check('ensureAccount', 'ensureAccount() refuses a malformed NIK without retry', async ({ gateway }) => {
      await expectAdapterError(
        gateway.ensureAccount({ nik: '12345', name: 'Siti Aminah' }, { idempotencyKey: freshKey('bad') }),
        false,
      )
    }),
    check('uploadAttachment', 'uploadAttachment() stores a file once per case', async (h) => {
      const nik = await account(h.gateway)
      const ref = freshRef()
      const file = attachment(nik, ref)
      const key = freshKey('up')
      const first = await h.gateway.uploadAttachment(file, { idempotencyKey: key })
      expect(first.duplicate).toBe(false)
      expect(first.attachmentId.length).toBeGreaterThan(0)
      expect(await h.gateway.uploadAttachment(file, { idempotencyKey: key })).toEqual(first)
      const sameBytes = await h.gateway.uploadAttachment(file, { idempotencyKey: freshKey('up2') })
      expect(sameBytes).toEqual({ attachmentId: first.attachmentId, duplicate: true })
      const other = await h.gateway.uploadAttachment(attachment(nik, ref, 'pas foto 3x4'), {
        idempotencyKey: freshKey('up3'),
      })
      expect(other.duplicate).toBe(false)
      expect(other.attachmentId).not.toBe(first.attachmentId)
      if (h.inspect) expect(await h.inspect.attachmentCount(ref)).toBe(2)
    }),
    check(
      'uploadAttachment',
      'uploadAttachment() before the account exists rejects retryably',
      async ({ gateway }) => {
        await expectAdapterError(
          gateway.uploadAttachment(attachment(freshNik(), freshRef()), { idempotencyKey: freshKey('noacc') }),
          true,
        )
      },
    ),
    check('uploadAttachment', 'uploadAttachment() refuses a malformed sha256 without retry', async (h) => {
      const nik = await account(h.gateway)
      await expectAdapterError(
        h.gateway.uploadAttachment(
          { ...attachment(nik, freshRef()), sha256: 'not-a-hash' },
          { idempotencyKey: freshKey('bad') },
        ),
        false,
      )
    }),
    check(
      'setStatus',
      'setStatus() shows the status, and says unchanged when it already shows',
      async (h) => {
        const nik = await account(h.gateway)
        const ref = freshRef()
        expect(
          await h.gateway.setStatus(
            { nik, caseRef: ref, status: 'Menunggu' },
            { idempotencyKey: freshKey('s1') },
          ),
        ).toEqual({ status: 'Menunggu', changed: true })
        expect(
          await h.gateway.setStatus(
            { nik, caseRef: ref, status: 'Menunggu' },
            { idempotencyKey: freshKey('s2') },
          ),
        ).toEqual({ status: 'Menunggu', changed: false })
        if (h.inspect) expect(await h.inspect.status(ref)).toBe('Menunggu')
      },
    ),
    check('setStatus', 'a replayed setStatus() key is not applied again over a later status', async (h) => {
      const nik = await account(h.gateway)
      const ref = freshRef()
      const k1 = freshKey('s1')
      const first = await h.gateway.setStatus(
        { nik, caseRef: ref, status: 'Menunggu' },
        { idempotencyKey: k1 },
      )
      await h.gateway.setStatus(
        { nik, caseRef: ref, status: 'Bisa Diambil' },
        { idempotencyKey: freshKey('s2') },
      )
      const replay = await h.gateway.setStatus(
        { nik, caseRef: ref, status: 'Menunggu' },
        { idempotencyKey: k1 },
      )
      expect(replay).toEqual(first)
      const still = await h.gateway.setStatus(
        { nik, caseRef: ref, status: 'Bisa Diambil' },
        { idempotencyKey: freshKey('s3') },
      )
      expect(still).toEqual({ status: 'Bisa Diambil', changed: false })
      if (h.inspect) expect(await h.inspect.status(ref)).toBe('Bisa Diambil')
    }),
    check('setStatus', 'setStatus() before the account exists rejects retryably', async ({ gateway }) => {
      await expectAdapterError(
        gateway.setStatus(
          { nik: freshNik(), caseRef: freshRef(), status: 'Menunggu' },
          { idempotencyKey: freshKey('noacc') },
        ),
        true,
      )
    }),
    check('setStatus', 'setStatus() refuses an empty status without retry', async (h) => {
      const nik = await account(h.gateway)
      await expectAdapterError(
        h.gateway.setStatus({ nik, caseRef: freshRef(), status: '' }, { idempotencyKey: freshKey('bad') }),
        false,
      )
    }),
  ]
}
