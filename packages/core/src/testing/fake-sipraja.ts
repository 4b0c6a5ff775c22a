import { z } from 'zod'
import { AdapterError, ConfigError } from '../errors/errors'
import type {
  SiprajaAccountInput,
  SiprajaAccountResult,
  SiprajaAttachmentInput,
  SiprajaAttachmentResult,
  SiprajaCallOptions,
  SiprajaGateway,
  SiprajaStatusInput,
  SiprajaStatusResult,
} from '../ports/sipraja'

/** A SIPRAJA write method's name. */
export type SiprajaMethod = 'ensureAccount' | 'uploadAttachment' | 'setStatus'

/** One call the fake received, with what became of it. */
export interface FakeSiprajaCall {
  /** 1, 2, 3... in arrival order. */
  seq: number
  method: SiprajaMethod
  idempotencyKey: string
  nik: string
  caseRef?: string
  /** `status` for `setStatus`. */
  status?: string
  /**
   * `applied`: took effect now; `replayed`: a repeated key, answered from the first call;
   * `failed` / `rejected`: a retryable / non-retryable error before any effect; `lost`: took effect
   * but the answer was lost (an error or a hang after applying); `hung`: hung before any effect.
   */
  outcome: 'applied' | 'replayed' | 'failed' | 'rejected' | 'lost' | 'hung'
}

/** A SIPRAJA account the fake holds. */
export interface FakeSiprajaAccount {
  accountId: string
  nik: string
  name: string
  email?: string
  mobile?: string
}

/** A case as the fake holds it: its status history and files. */
export interface FakeSiprajaCase {
  nik: string
  caseRef: string
  /** The status shown now (`null` before the first `setStatus`). */
  status: string | null
  /** Every status applied, in order. */
  statusHistory: string[]
  /** Files by sha256. */
  attachments: Map<string, { attachmentId: string; contentType: string; size: number; itemId?: string }>
}

/** Options of {@link createFakeSipraja}. */
export interface FakeSiprajaOptions {
  /** @default 'fake-sipraja' */
  id?: string
  /** Seed of the deterministic PRNG behind `failRate`. @default 1 */
  seed?: number
  /** Share of calls (0..1) that fail at random with a retryable error. @default 0 */
  failRate?: number
  /** The next N calls fail with a retryable error. @default 0 */
  failNext?: number
  /**
   * Whether injected failures happen before the effect (`before`: nothing applied) or after it
   * (`after`: applied, the answer lost, as when a connection drops mid-response).
   * @default 'before'
   */
  failPhase?: 'before' | 'after'
}

/** The fake's state and its fault switches. */
export interface FakeSipraja extends SiprajaGateway {
  /** Accounts by NIK. */
  readonly accounts: Map<string, FakeSiprajaAccount>
  /** Cases by tracking code. */
  readonly cases: Map<string, FakeSiprajaCase>
  /** Every call, in arrival order. */
  readonly calls: FakeSiprajaCall[]
  /** How many times each idempotency key took effect (never more than 1). */
  readonly applied: Map<string, number>
  /** How many calls carried each idempotency key. */
  readonly callsByKey: Map<string, number>
  /** Makes the next `count` calls fail (retryable, or not with `retryable: false`). */
  failNext(count: number, options?: { retryable?: boolean; phase?: 'before' | 'after' }): void
  /** Sets the share of calls failing at random (retryable). */
  setFailRate(rate: number, phase?: 'before' | 'after'): void
  /**
   * Makes the next `count` calls hang until their `signal` aborts, then reject (retryable):
   * `before` any effect, or `after` applying it (the answer is lost).
   */
  hangNext(count: number, phase?: 'before' | 'after'): void
  /** Ends every injected failure and hang. */
  heal(): void
}

const optionsSchema = z.strictObject({
  id: z.string().min(1).optional(),
  seed: z.number().int().optional(),
  failRate: z.number().min(0).max(1).optional(),
  failNext: z.number().int().nonnegative().optional(),
  failPhase: z.enum(['before', 'after']).optional(),
})

const nikPattern = /^\d{16}$/
const sha256Pattern = /^[0-9a-f]{64}$/

/** mulberry32: a small deterministic PRNG, enough to pick which calls fail. @internal */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/**
 * An in-memory SIPRAJA for tests: accounts by NIK, cases by tracking code with their status history
 * and files, every call in `calls`, and per idempotency key how many calls came and how many took
 * effect (`applied`, never above 1: a repeated key is answered from the first call). Faults on
 * demand: fail the next N calls, fail a share at random (seeded, deterministic), hang until the
 * caller's signal aborts; each before or after the effect. It passes `describeSiprajaGateway`.
 *
 * @example
 * ```ts
 * const sipraja = createFakeSipraja({ seed: 7, failRate: 0.5 })
 * // ... deliver, then heal and deliver again
 * sipraja.heal()
 * expect([...sipraja.applied.values()].every((n) => n === 1)).toBe(true)
 * ```
 */
export function createFakeSipraja(options: FakeSiprajaOptions = {}): FakeSipraja {
  const parsed = optionsSchema.safeParse(options)
  if (!parsed.success) {
    const keys = [...new Set(parsed.error.issues.map((i) => i.path.join('.') || '(root)'))]
    throw new ConfigError(`Opsi createFakeSipraja tidak valid: ${keys.join(', ')}`, {
      messageEn: `Invalid createFakeSipraja options: ${keys.join(', ')}`,
      keys,
    })
  }
  const id = options.id ?? 'fake-sipraja'
  const random = seededRandom(options.seed ?? 1)
  let failRate = options.failRate ?? 0
  let ratePhase: 'before' | 'after' = options.failPhase ?? 'before'
  let failCount = options.failNext ?? 0
  let failPhase: 'before' | 'after' = options.failPhase ?? 'before'
  let failRetryable = true
  let hangCount = 0
  let hangPhase: 'before' | 'after' = 'before'
  let counter = 0

  const accounts = new Map<string, FakeSiprajaAccount>()
  const cases = new Map<string, FakeSiprajaCase>()
  const calls: FakeSiprajaCall[] = []
  const applied = new Map<string, number>()
  const callsByKey = new Map<string, number>()
  /** First answers by method and key. */
  const answers = new Map<string, unknown>()

  const error = (operation: string, message: string, messageEn: string, retryable: boolean) =>
    new AdapterError(message, { messageEn, adapterId: id, operation, retryable })

  async function call<R>(
    method: SiprajaMethod,
    input: { nik: string; caseRef?: string; status?: string },
    callOptions: SiprajaCallOptions,
    validate: () => string | null,
    apply: () => R,
  ): Promise<R> {
    await Promise.resolve()
    const key = callOptions.idempotencyKey
    const entry: FakeSiprajaCall = {
      seq: calls.length + 1,
      method,
      idempotencyKey: key,
      nik: input.nik,
      outcome: 'failed',
    }
    if (input.caseRef !== undefined) entry.caseRef = input.caseRef
    if (input.status !== undefined) entry.status = input.status
    calls.push(entry)
    callsByKey.set(key, (callsByKey.get(key) ?? 0) + 1)
    if (callOptions.signal?.aborted) throw error(method, 'permintaan dibatalkan', 'request aborted', true)
    if (typeof key !== 'string' || key.length === 0) {
      entry.outcome = 'rejected'
      throw error(method, 'idempotencyKey wajib diisi', 'idempotencyKey is required', false)
    }
    const invalid = validate()
    if (invalid) {
      entry.outcome = 'rejected'
      throw error(
        method,
        `permintaan ditolak SIPRAJA: ${invalid}`,
        `SIPRAJA refused the request: ${invalid}`,
        false,
      )
    }
    const hang = hangCount > 0 ? hangPhase : null
    if (hang) hangCount -= 1
    let fail: { phase: 'before' | 'after'; retryable: boolean } | null = null
    if (failCount > 0) {
      failCount -= 1
      fail = { phase: failPhase, retryable: failRetryable }
    } else if (failRate > 0 && random() < failRate) {
      fail = { phase: ratePhase, retryable: true }
    }
    const hangNow = async () => {
      await new Promise<never>((_, reject) => {
        const abort = () =>
          reject(
            error(method, 'SIPRAJA tidak menjawab (habis waktu)', 'SIPRAJA did not answer (timeout)', true),
          )
        if (callOptions.signal?.aborted) abort()
        callOptions.signal?.addEventListener('abort', abort, { once: true })
      })
    }
    if (hang === 'before') {
      entry.outcome = 'hung'
      await hangNow()
    }
    if (fail?.phase === 'before') {
      entry.outcome = fail.retryable ? 'failed' : 'rejected'
      throw error(
        method,
        fail.retryable ? 'SIPRAJA sedang gangguan (503)' : 'SIPRAJA menolak permintaan (400)',
        fail.retryable ? 'SIPRAJA is unavailable (503)' : 'SIPRAJA refused the request (400)',
        fail.retryable,
      )
    }
    const answerKey = `${method}\u0000${key}`
    let result: R
    if (answers.has(answerKey)) {
      entry.outcome = 'replayed'
      result = structuredClone(answers.get(answerKey)) as R
    } else {
      result = apply()
      answers.set(answerKey, structuredClone(result))
      applied.set(key, (applied.get(key) ?? 0) + 1)
      entry.outcome = 'applied'
    }
    if (hang === 'after') {
      entry.outcome = 'lost'
      await hangNow()
    }
    if (fail?.phase === 'after') {
      entry.outcome = 'lost'
      throw error(method, 'koneksi ke SIPRAJA terputus', 'the connection to SIPRAJA dropped', true)
    }
    return result
  }

  const noAccount = (method: string, nik: string) => {
    if (accounts.has(nik)) return
    throw error(
      method,
      'akun SIPRAJA untuk NIK ini belum ada',
      'no SIPRAJA account exists for this NIK yet',
      true,
    )
  }
  const caseOf = (nik: string, caseRef: string): FakeSiprajaCase => {
    let c = cases.get(caseRef)
    if (!c) {
      c = { nik, caseRef, status: null, statusHistory: [], attachments: new Map() }
      cases.set(caseRef, c)
    }
    return c
  }

  return {
    id,
    capabilities: { resultUpload: true },
    accounts,
    cases,
    calls,
    applied,
    callsByKey,
    failNext(count, opts = {}) {
      failCount = count
      failRetryable = opts.retryable ?? true
      failPhase = opts.phase ?? 'before'
    },
    setFailRate(rate, phase = 'before') {
      failRate = rate
      ratePhase = phase
    },
    hangNext(count, phase = 'before') {
      hangCount = count
      hangPhase = phase
    },
    heal() {
      failCount = 0
      failRate = 0
      hangCount = 0
    },
    ensureAccount(account: SiprajaAccountInput, callOptions): Promise<SiprajaAccountResult> {
      return call(
        'ensureAccount',
        { nik: account.nik },
        callOptions,
        () =>
          !nikPattern.test(account.nik ?? '')
            ? 'nik harus 16 angka'
            : !account.name?.trim()
              ? 'name wajib diisi'
              : null,
        () => {
          const existing = accounts.get(account.nik)
          if (existing) return { accountId: existing.accountId, created: false }
          counter += 1
          const created: FakeSiprajaAccount = {
            accountId: `acc-${counter}`,
            nik: account.nik,
            name: account.name,
          }
          if (account.email) created.email = account.email
          if (account.mobile) created.mobile = account.mobile
          accounts.set(account.nik, created)
          return { accountId: created.accountId, created: true }
        },
      )
    },
    uploadAttachment(attachment: SiprajaAttachmentInput, callOptions): Promise<SiprajaAttachmentResult> {
      return call(
        'uploadAttachment',
        { nik: attachment.nik, caseRef: attachment.caseRef },
        callOptions,
        () =>
          !nikPattern.test(attachment.nik ?? '')
            ? 'nik harus 16 angka'
            : !attachment.caseRef
              ? 'caseRef wajib diisi'
              : !sha256Pattern.test(attachment.sha256 ?? '')
                ? 'sha256 harus 64 digit heksadesimal'
                : !(attachment.bytes instanceof Uint8Array)
                  ? 'bytes wajib berupa Uint8Array'
                  : null,
        () => {
          noAccount('uploadAttachment', attachment.nik)
          const c = caseOf(attachment.nik, attachment.caseRef)
          const existing = c.attachments.get(attachment.sha256)
          if (existing) return { attachmentId: existing.attachmentId, duplicate: true }
          counter += 1
          const stored: { attachmentId: string; contentType: string; size: number; itemId?: string } = {
            attachmentId: `att-${counter}`,
            contentType: attachment.contentType,
            size: attachment.bytes.byteLength,
          }
          if (attachment.itemId) stored.itemId = attachment.itemId
          c.attachments.set(attachment.sha256, stored)
          return { attachmentId: stored.attachmentId, duplicate: false }
        },
      )
    },
    setStatus(status: SiprajaStatusInput, callOptions): Promise<SiprajaStatusResult> {
      return call(
        'setStatus',
        { nik: status.nik, caseRef: status.caseRef, status: status.status },
        callOptions,
        () =>
          !nikPattern.test(status.nik ?? '')
            ? 'nik harus 16 angka'
            : !status.caseRef
              ? 'caseRef wajib diisi'
              : !status.status?.trim()
                ? 'status wajib diisi'
                : null,
        () => {
          noAccount('setStatus', status.nik)
          const c = caseOf(status.nik, status.caseRef)
          if (c.status === status.status) return { status: c.status, changed: false }
          c.status = status.status
          c.statusHistory.push(status.status)
          return { status: status.status, changed: true }
        },
      )
    },
  }
}
