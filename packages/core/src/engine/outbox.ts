import { z } from 'zod'
import { ConfigError } from '../errors/errors'
import type { Json } from '../ports/case-store'
import { systemClock } from '../ports/clock'
import type { OutboxRow } from '../ports/work-queue'
import { payloadOf } from './deliveries'
import { type DeliveryEnv, deliverNotice, deliverSipraja } from './outbox-deliver'
import { DeferDelivery, describeError, PermanentDeliveryError, redactKnown } from './outbox-errors'
import type {
  OutboxBackoff,
  OutboxEvent,
  OutboxOptions,
  OutboxRunner,
  OutboxRunnerDeps,
  OutboxRunResult,
} from './outbox-types'
import { checkOutboxRows } from './store-answers'

export { redactPersonal } from './outbox-errors'
export type {
  OutboxBackoff,
  OutboxCase,
  OutboxEvent,
  OutboxEventType,
  OutboxLogger,
  OutboxOptions,
  OutboxRunner,
  OutboxRunnerDeps,
  OutboxRunResult,
} from './outbox-types'

const optionsSchema = z.strictObject({
  leaseMs: z.number().int().positive().optional(),
  maxAttempts: z.number().int().min(1).max(1000).optional(),
  backoff: z
    .strictObject({
      baseMs: z.number().int().nonnegative().optional(),
      maxMs: z.number().int().nonnegative().optional(),
      jitter: z.number().min(0).max(1).optional(),
    })
    .optional(),
  callTimeoutMs: z.number().int().positive().optional(),
  batchSize: z.number().int().positive().max(1000).optional(),
  concurrency: z.number().int().positive().max(64).optional(),
})

/**
 * The delay before attempt `attempt + 1`, after `attempt` failed attempts: `baseMs * 2^(attempt-1)`,
 * capped at `maxMs`, less a random share of up to `jitter` of it.
 */
export function backoffDelay(
  attempt: number,
  backoff: Required<OutboxBackoff>,
  random: () => number = Math.random,
): number {
  const raw = Math.min(backoff.maxMs, backoff.baseMs * 2 ** Math.max(0, attempt - 1))
  return Math.max(0, Math.round(raw * (1 - backoff.jitter * random())))
}

/** The runner's options, checked, with their defaults. */
function resolveOptions(options: OutboxOptions | undefined) {
  const parsed = optionsSchema.safeParse(options ?? {})
  if (!parsed.success) {
    const keys = [...new Set(parsed.error.issues.map((i) => i.path.join('.') || '(root)'))]
    throw new ConfigError(`Opsi outbox tidak valid: ${keys.join(', ')}`, {
      messageEn: `Invalid outbox options: ${keys.join(', ')}`,
      keys,
    })
  }
  const o = parsed.data
  const leaseMs = o.leaseMs ?? 60_000
  const callTimeoutMs = o.callTimeoutMs ?? Math.min(20_000, Math.floor(leaseMs / 3))
  if (callTimeoutMs >= leaseMs) {
    throw new ConfigError('callTimeoutMs harus lebih kecil dari leaseMs', {
      messageEn: 'callTimeoutMs must be less than leaseMs',
      keys: ['callTimeoutMs', 'leaseMs'],
    })
  }
  const maxAttempts = o.maxAttempts ?? 8
  const backoff: Required<OutboxBackoff> = {
    baseMs: o.backoff?.baseMs ?? 30_000,
    maxMs: o.backoff?.maxMs ?? 3_600_000,
    jitter: o.backoff?.jitter ?? 0.2,
  }
  if (backoff.maxMs < backoff.baseMs) {
    throw new ConfigError('backoff.maxMs harus paling sedikit backoff.baseMs', {
      messageEn: 'backoff.maxMs must be at least backoff.baseMs',
      keys: ['backoff.maxMs'],
    })
  }
  const batchSize = o.batchSize ?? 20
  const concurrency = o.concurrency ?? 4
  return { leaseMs, callTimeoutMs, maxAttempts, backoff, batchSize, concurrency }
}

type Outcome = 'delivered' | 'retried' | 'deferred' | 'failed' | 'released'
type Report = (
  event: Omit<OutboxEvent, 'at' | 'workerId'>,
  level: 'info' | 'warn' | 'error',
  msg: string,
) => void

/** What the delivery of a row needs besides the ports: the retry policy and the reporter. */
interface RunEnv extends DeliveryEnv {
  maxAttempts: number
  backoff: Required<OutboxBackoff>
  random: () => number
  report: Report
  nowIso: () => string
}

/**
 * The outbox runner: claims due outbox rows under a lease, delivers each through the matching port
 * (a notice to the notifier serving its channel, rendered from the case at delivery time; a SIPRAJA
 * write to the gateway), and completes the row with the provider's answer, reschedules it with
 * exponential backoff and jitter, or fails it (an incident) after `maxAttempts` or at once for an
 * error that retrying cannot fix. The row id is the message id / idempotency key of every call, so a
 * resend after a crash is recognisable; without a crash nothing is sent twice. A case's SIPRAJA
 * writes go in order: a later write waits while an earlier one of the case is pending, and a status
 * superseded by a later `set_status` row is not sent (unless the gateway has `statusAtEveryStep`).
 *
 * @throws {ConfigError} for bad options (naming the keys), or `callTimeoutMs` not below `leaseMs`.
 * @example
 * ```ts
 * const runner = createOutboxRunner({ store, notifiers: [email, sms], sipraja, clock, loadCase })
 * const { delivered, failed } = await runner.runOutbox({ limit: 50 })
 * ```
 */
export function createOutboxRunner(deps: OutboxRunnerDeps): OutboxRunner {
  const { leaseMs, callTimeoutMs, maxAttempts, backoff, batchSize, concurrency } = resolveOptions(
    deps.options,
  )
  const { store } = deps
  const clock = deps.clock ?? systemClock
  const workerId = deps.workerId ?? `outbox-${Math.random().toString(36).slice(2, 10)}`
  const nowIso = () => clock.now().toISOString()
  const report: Report = (event, level, msg) => {
    const full: OutboxEvent = { ...event, at: nowIso(), workerId }
    try {
      deps.emit?.(full)
    } catch {
      // An observer's failure must not change what was delivered.
    }
    try {
      deps.logger?.[level]({ ...full }, msg)
    } catch {
      // Same for the logger.
    }
  }
  const run: RunEnv = {
    deps,
    store,
    clock,
    notifiers: deps.notifiers ?? [],
    workerId,
    callTimeoutMs,
    knownByRow: new Map(),
    maxAttempts,
    backoff,
    random: deps.random ?? Math.random,
    report,
    nowIso,
  }
  const deliverRow = async (row: OutboxRow, signal: AbortSignal | undefined): Promise<Outcome> => {
    try {
      return await deliverRowOnce(run, row, signal)
    } finally {
      run.knownByRow.delete(row.id)
    }
  }

  return {
    workerId,
    async runOutbox(runOptions = {}) {
      const limit = runOptions.limit ?? batchSize
      const result: OutboxRunResult = {
        claimed: 0,
        delivered: 0,
        retried: 0,
        deferred: 0,
        failed: 0,
        released: 0,
      }
      if (runOptions.signal?.aborted) return result
      const claim = { now: nowIso(), limit, owner: workerId, leaseMs }
      const rows = checkOutboxRows(
        store.id,
        'claimOutbox',
        await store.claimOutbox(
          deps.officeCode === undefined ? claim : { ...claim, officeCode: deps.officeCode },
        ),
      )
      result.claimed = rows.length
      const byCase = new Map<string, OutboxRow[]>()
      for (const row of rows) byCase.set(row.caseId, [...(byCase.get(row.caseId) ?? []), row])
      // A case's rows go in the order they were written (claims come in due order).
      const queue = [...byCase.values()].map((group) => group.sort(writtenOrder))
      const lane = async () => {
        for (let group = queue.shift(); group; group = queue.shift()) {
          for (const row of group) {
            let outcome: Outcome
            try {
              outcome = await deliverRow(row, runOptions.signal)
            } catch (error) {
              // The store failed while recording: the lease expires and the row is claimed again.
              report(
                {
                  caseId: row.caseId,
                  outboxId: row.id,
                  kind: row.kind,
                  attempt: row.attempts,
                  type: 'delivery.lease_lost',
                  error: describeError(error).message,
                },
                'error',
                'could not record the outcome of an outbox row',
              )
              continue
            }
            result[outcome] += 1
          }
        }
      }
      await Promise.all(Array.from({ length: Math.min(concurrency, queue.length) }, lane))
      return result
    },
  }
}

/** Delivers one claimed row and records its outcome: completed, rescheduled, deferred, failed or released. */
async function deliverRowOnce(
  run: RunEnv,
  row: OutboxRow,
  signal: AbortSignal | undefined,
): Promise<Outcome> {
  const { store, clock, workerId, callTimeoutMs, backoff, random, maxAttempts, report, nowIso } = run
  const payload = payloadOf(row)
  // Claims that did not try (deferred behind an earlier write, released unstarted) are given back
  // with releaseOutbox, which does not count them: `attempts` holds delivery attempts only.
  const attempt = Math.max(1, row.attempts)
  const base = {
    caseId: row.caseId,
    outboxId: row.id,
    kind: row.kind,
    attempt,
    ...(typeof payload.template === 'string' ? { template: payload.template } : {}),
    ...(typeof payload.channel === 'string' ? { channel: payload.channel } : {}),
    ...(typeof payload.action === 'string' ? { action: payload.action } : {}),
  }
  const leaseEnd = row.leaseUntil ? Date.parse(row.leaseUntil) : Number.POSITIVE_INFINITY
  if (signal?.aborted || clock.now().getTime() + callTimeoutMs >= leaseEnd) {
    const reason = signal?.aborted ? 'dilepas: pekerja berhenti' : 'dilepas: sisa sewa tidak cukup'
    const ok = await store.releaseOutbox(row.id, workerId)
    report(
      { ...base, type: ok ? 'delivery.released' : 'delivery.lease_lost', error: reason },
      ok ? 'info' : 'warn',
      'outbox row released unattempted',
    )
    return 'released'
  }
  try {
    let result: Record<string, Json>
    if (row.kind === 'notice') result = await deliverNotice(run, row)
    else if (row.kind === 'sipraja') result = await deliverSipraja(run, row, leaseEnd)
    else throw new PermanentDeliveryError(`jenis baris outbox tidak dikenal: ${row.kind}`)
    const done = await store.completeOutbox(row.id, workerId, { at: nowIso(), result })
    const providerId = typeof result.providerId === 'string' ? result.providerId : undefined
    if (!done) {
      report(
        { ...base, type: 'delivery.lease_lost' },
        'warn',
        'delivered, but the lease was lost before recording',
      )
      return 'delivered'
    }
    report(
      { ...base, type: 'delivery.sent', ...(providerId ? { providerId } : {}) },
      'info',
      'outbox row delivered',
    )
    return 'delivered'
  } catch (error) {
    if (error instanceof DeferDelivery) {
      const soonest = clock.now().getTime() + backoffDelay(1, backoff, random)
      const until = error.until ? Math.max(Date.parse(error.until), soonest) : soonest
      const nextAttemptAt = new Date(until).toISOString()
      const ok = await store.releaseOutbox(row.id, workerId, { availableAt: nextAttemptAt })
      report(
        {
          ...base,
          type: ok ? 'delivery.deferred' : 'delivery.lease_lost',
          nextAttemptAt,
          error: error.message,
        },
        ok ? 'info' : 'warn',
        'outbox row deferred',
      )
      return 'deferred'
    }
    const described = describeError(error)
    const message = redactKnown(described.message, run.knownByRow.get(row.id) ?? [])
    const { retryable } = described
    if (!retryable || attempt >= maxAttempts) {
      const ok = await store.failOutbox(row.id, workerId, { at: nowIso(), error: message })
      if (!ok) {
        report(
          { ...base, type: 'delivery.lease_lost', error: message },
          'warn',
          'failed, and the lease was lost',
        )
        return 'failed'
      }
      report({ ...base, type: 'delivery.failed', error: message }, 'error', 'outbox row failed')
      report({ ...base, type: 'incident.opened', error: message }, 'error', 'incident opened on the case')
      return 'failed'
    }
    const nextAttemptAt = new Date(
      clock.now().getTime() + backoffDelay(attempt, backoff, random),
    ).toISOString()
    const ok = await store.retryOutbox(row.id, workerId, { availableAt: nextAttemptAt, error: message })
    report(
      { ...base, type: ok ? 'delivery.retry' : 'delivery.lease_lost', nextAttemptAt, error: message },
      'warn',
      'outbox row will be retried',
    )
    return 'retried'
  }
}

/** Creation time, then the row id with numbers compared as numbers (`c.5.2` before `c.11.1`). */
function writtenOrder(a: OutboxRow, b: OutboxRow): number {
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? -1 : 1
  return a.id.localeCompare(b.id, 'en', { numeric: true })
}
