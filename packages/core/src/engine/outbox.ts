import { z } from 'zod'
import { AdapterError, ConfigError, isAk1Error, type Locale, wrapPortError } from '../errors/errors'
import { detailsFromView, type NoticeDetails, renderNotice } from '../notices/render'
import { officeAlertTemplates } from '../notices/templates'
import type { Json } from '../ports/case-store'
import { type Clock, systemClock } from '../ports/clock'
import type { NoticeMessage, Notifier } from '../ports/notifier'
import type { SiprajaGateway } from '../ports/sipraja'
import type { Ak1Store } from '../ports/store'
import type { OutboxRow } from '../ports/work-queue'
import type { Standard } from '../standard/schema'
import { payloadOf } from './deliveries'
import type { CaseView } from './types'

/** A case as the outbox runner needs it: its view and the standard version it is pinned to. */
export interface OutboxCase {
  view: CaseView
  standard: Standard
}

/** A pino-compatible logger: each method takes a structured object and a message. */
export interface OutboxLogger {
  info(object: Record<string, unknown>, message?: string): void
  warn(object: Record<string, unknown>, message?: string): void
  error(object: Record<string, unknown>, message?: string): void
}

/** Types of {@link OutboxEvent}. */
export type OutboxEventType =
  | 'delivery.sent'
  | 'delivery.retry'
  | 'delivery.deferred'
  | 'delivery.released'
  | 'delivery.failed'
  | 'delivery.lease_lost'
  | 'incident.opened'

/**
 * A structured event of the outbox runner, for `emit` and the logger. Case and row ids and technical
 * facts only: never a phone number, e-mail address, NIK or name (error texts are redacted).
 */
export interface OutboxEvent {
  type: OutboxEventType
  /** ISO instant. */
  at: string
  caseId: string
  outboxId: string
  /** `notice` or `sipraja`. */
  kind: string
  /**
   * The delivery attempt this was: 1 for the first. A claim given back untried (deferred, released)
   * does not count, and an operator's `RETRY_INCIDENT` starts again at 1.
   */
  attempt: number
  template?: string
  channel?: string
  action?: string
  providerId?: string
  /** ISO instant of the next attempt (`delivery.retry`, `delivery.deferred`). */
  nextAttemptAt?: string
  /** The reason, redacted of personal data. */
  error?: string
  workerId: string
}

/** Exponential backoff between attempts. */
export interface OutboxBackoff {
  /** Delay after the first failed attempt, doubled after each further one. @default 30000 */
  baseMs?: number
  /** Ceiling of the delay. @default 3600000 (1 hour) */
  maxMs?: number
  /** Share of the delay taken off at random (0: none, 1: "full jitter"). @default 0.2 */
  jitter?: number
}

/** Options of the outbox runner. */
export interface OutboxOptions {
  /** Lease on claimed rows, in ms; must exceed `callTimeoutMs`. @default 60000 */
  leaseMs?: number
  /**
   * Delivery attempts before a row fails and an incident opens. Claims given back untried (deferred
   * behind an earlier SIPRAJA write, released at a stop) do not count; after an operator's
   * `RETRY_INCIDENT` the row has all of them again. @default 8
   */
  maxAttempts?: number
  /** @default { baseMs: 30000, maxMs: 3600000, jitter: 0.2 } */
  backoff?: OutboxBackoff
  /** Time limit of one port call, in ms; a call that takes longer is aborted and retried. @default 20000 */
  callTimeoutMs?: number
  /** Rows claimed per pass when `runOutbox` is given no `limit`. @default 20 */
  batchSize?: number
  /** Cases delivered in parallel within a pass (a case's rows always go one after another). @default 4 */
  concurrency?: number
}

/** What {@link createOutboxRunner} needs. */
export interface OutboxRunnerDeps {
  store: Ak1Store
  /** Notifiers; a notice goes to the first one serving its channel. @default [] */
  notifiers?: readonly Notifier[]
  /** SIPRAJA; without it, SIPRAJA rows fail (an incident naming the missing gateway). */
  sipraja?: SiprajaGateway
  /** @default systemClock */
  clock?: Clock
  /** The case view and its pinned standard, or `null` when the case does not exist. */
  loadCase(caseId: string): Promise<OutboxCase | null>
  /** This runner's id in leases. @default a random id */
  workerId?: string
  options?: OutboxOptions
  /** The language of a case's notices. @default Indonesian, unless the application says `locale: 'en'` */
  localeOf?: (view: CaseView) => Locale
  /** Receives every {@link OutboxEvent}; what it throws is ignored. */
  emit?: (event: OutboxEvent) => void
  logger?: OutboxLogger
  /** Source of jitter, in [0, 1). @default Math.random */
  random?: () => number
}

/** What one {@link OutboxRunner.runOutbox} pass did. */
export interface OutboxRunResult {
  /** Rows claimed. */
  claimed: number
  /** Completed (sent, or skipped as superseded). */
  delivered: number
  /** Released for a later attempt after a retryable error. */
  retried: number
  /** Released for later because an earlier SIPRAJA write of the case is still pending. */
  deferred: number
  /** Failed: an incident opened on the case. */
  failed: number
  /** Released unattempted (stop requested, or too little lease left). */
  released: number
}

/** Delivers outbox rows. */
export interface OutboxRunner {
  /** This runner's lease owner id. */
  readonly workerId: string
  /**
   * Claims due rows with a lease and delivers each through its port, then completes, reschedules or
   * fails it. With `signal` aborted, rows not yet started are released at once; deliveries in flight
   * finish.
   */
  runOutbox(options?: { limit?: number; signal?: AbortSignal }): Promise<OutboxRunResult>
}

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

const noticePayload = z.object({
  template: z.string().min(1),
  channel: z.enum(['sms', 'email']),
  recipient: z.enum(['applicant', 'office']).optional(),
  locale: z.enum(['id', 'en']).optional(),
  /** A card reminder's day and reporting box. */
  date: z.iso.date().optional(),
  reportIndex: z.number().int().positive().optional(),
})
const siprajaPayload = z.object({
  action: z.enum(['ensure_account', 'upload_attachments', 'set_status', 'upload_card']),
  status: z.string().min(1).optional(),
})

/** A delivery that cannot succeed by trying again (bad row, missing port or address). */
class PermanentDeliveryError extends Error {}
/** A delivery that waits on an earlier row of the same case. */
class DeferDelivery extends Error {
  constructor(
    message: string,
    readonly until: string | null,
  ) {
    super(message)
  }
}

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

/**
 * The applicant's own values an error text might echo (name and its words, birth place, street, NIK,
 * No. KK, contacts), longest first, so a provider's error never carries them into a stored row, a log
 * line or an event.
 * @internal
 */
function personalStrings(application: Json): string[] {
  const out = new Set<string>()
  const app = (application ?? {}) as Record<string, Record<string, unknown> | undefined>
  const applicant = app.applicant ?? {}
  const address = (applicant.address ?? {}) as Record<string, unknown>
  const contacts = app.contacts ?? {}
  for (const value of [
    applicant.fullName,
    applicant.birthPlace,
    applicant.nik,
    applicant.kk,
    address.street,
    contacts.mobile,
    contacts.email,
  ]) {
    if (typeof value !== 'string' || value.trim().length < 3) continue
    out.add(value.trim())
    for (const word of value.split(/\s+/)) if (word.length >= 3 && /\p{L}/u.test(word)) out.add(word)
  }
  return [...out].sort((a, b) => b.length - a.length)
}

/** {@link redactPersonal}, and the case's own values replaced by `[pemohon]`. @internal */
function redactKnown(text: string, known: readonly string[]): string {
  let out = text
  for (const value of known) {
    const escaped = value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    out = out.replace(new RegExp(escaped, 'giu'), '[pemohon]')
  }
  return redactPersonal(out)
}

/**
 * Removes personal data from an error text before it is stored or logged: e-mail addresses and long
 * digit runs (phone numbers, NIK, KK).
 */
export function redactPersonal(text: string): string {
  return text
    .replace(/[^\s@<>"'(),;:]+@[^\s@<>"'(),;:]+\.[A-Za-z]{2,}/g, '[email]')
    .replace(/(?<![A-Za-z0-9-])\+?\d[\d\s-]{6,}\d/g, (m) =>
      m.replace(/\D/g, '').length >= 8 ? '[number]' : m,
    )
}

/**
 * The outbox runner: claims due outbox rows under a lease, delivers each through the matching port
 * (a notice to the notifier serving its channel, rendered from the case at delivery time; a SIPRAJA
 * write to the gateway), and completes the row with the provider's answer, reschedules it with
 * exponential backoff and jitter, or fails it (an incident) after `maxAttempts` or at once for an
 * error that retrying cannot fix. The row id is the message id / idempotency key of every call, so a
 * resend after a crash is recognisable; without a crash nothing is sent twice. A case's SIPRAJA
 * writes go in order: a later write waits while an earlier one of the case is pending, and a status
 * superseded by a later `set_status` row is not sent.
 *
 * @throws {ConfigError} for bad options (naming the keys), or `callTimeoutMs` not below `leaseMs`.
 * @example
 * ```ts
 * const runner = createOutboxRunner({ store, notifiers: [email, sms], sipraja, clock, loadCase })
 * const { delivered, failed } = await runner.runOutbox({ limit: 50 })
 * ```
 */
export function createOutboxRunner(deps: OutboxRunnerDeps): OutboxRunner {
  const parsed = optionsSchema.safeParse(deps.options ?? {})
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
  const { store, loadCase } = deps
  const notifiers = deps.notifiers ?? []
  const clock = deps.clock ?? systemClock
  const random = deps.random ?? Math.random
  const workerId = deps.workerId ?? `outbox-${Math.random().toString(36).slice(2, 10)}`
  const nowIso = () => clock.now().toISOString()

  function report(
    event: Omit<OutboxEvent, 'at' | 'workerId'>,
    level: 'info' | 'warn' | 'error',
    msg: string,
  ) {
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

  /** Runs one port call with the call timeout; foreign errors become retryable AdapterErrors. */
  async function callPortTimed<T>(
    adapterId: string,
    operation: string,
    fn: (signal: AbortSignal) => Promise<T>,
  ) {
    const controller = new AbortController()
    let timer: ReturnType<typeof setTimeout> | undefined
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        controller.abort()
        reject(
          new AdapterError(`${adapterId} tidak menjawab dalam ${callTimeoutMs} ms (${operation})`, {
            messageEn: `${adapterId} did not answer within ${callTimeoutMs} ms (${operation})`,
            adapterId,
            operation,
            retryable: true,
          }),
        )
      }, callTimeoutMs)
    })
    const call = (async () => {
      try {
        return await fn(controller.signal)
      } catch (error) {
        throw wrapPortError(adapterId, operation, error)
      }
    })()
    try {
      return await Promise.race([call, timeout])
    } finally {
      clearTimeout(timer)
    }
  }

  /** Personal values of the case a row is being delivered for, to keep them out of error texts. */
  const knownByRow = new Map<string, string[]>()

  async function caseOf(row: OutboxRow): Promise<OutboxCase> {
    let found: OutboxCase | null
    try {
      found = await loadCase(row.caseId)
    } catch (error) {
      throw wrapPortError(store.id, 'load', error)
    }
    if (!found) throw new PermanentDeliveryError(`kasus ${row.caseId} tidak ditemukan`)
    knownByRow.set(row.id, personalStrings(found.view.application))
    return found
  }

  async function deliverNotice(row: OutboxRow): Promise<Record<string, Json>> {
    const parsedPayload = noticePayload.safeParse(row.payload)
    if (!parsedPayload.success) throw new PermanentDeliveryError('payload pemberitahuan tidak valid')
    const { template, channel } = parsedPayload.data
    const recipient =
      parsedPayload.data.recipient ?? (officeAlertTemplates.includes(template) ? 'office' : 'applicant')
    const notifier = notifiers.find((n) => n.channels.includes(channel))
    if (!notifier) throw new PermanentDeliveryError(`tidak ada notifier untuk kanal ${channel}`)
    const { view, standard } = await caseOf(row)
    const to = recipientOf(view, standard, channel, recipient)
    const locale = parsedPayload.data.locale ?? (deps.localeOf ?? defaultLocale)(view)
    const { date, reportIndex } = parsedPayload.data
    const details = {
      ...(await noticeDetails(row, view, template)),
      ...(date === undefined ? {} : { cardDate: date }),
      ...(reportIndex === undefined ? {} : { reportIndex }),
    }
    let rendered: ReturnType<typeof renderNotice>
    try {
      rendered = renderNotice(standard, view, template, channel, locale, details)
    } catch (error) {
      throw new PermanentDeliveryError(error instanceof Error ? error.message : String(error))
    }
    const message: NoticeMessage = {
      messageId: row.id,
      channel,
      to,
      template,
      locale,
      text: rendered.text,
      caseId: row.caseId,
    }
    if (rendered.subject !== undefined) message.subject = rendered.subject
    if (rendered.html !== undefined) message.html = rendered.html
    const receipt = await callPortTimed(notifier.id, 'send', (signal) => notifier.send(message, { signal }))
    return {
      providerId: String(receipt?.providerId ?? ''),
      status: receipt?.status === 'delivered' ? 'delivered' : 'sent',
      notifier: notifier.id,
    }
  }

  /** The reason and missing items of the RETURN / REJECT the notice is about, from the audit trail. */
  async function noticeDetails(row: OutboxRow, view: CaseView, template: string): Promise<NoticeDetails> {
    const event = template === 'dikembalikan' ? 'RETURN' : template === 'ditolak' ? 'REJECT' : null
    if (!event) return {}
    let entries: Awaited<ReturnType<Ak1Store['timeline']>>
    try {
      entries = await store.timeline(row.caseId)
    } catch (error) {
      throw wrapPortError(store.id, 'timeline', error)
    }
    const entry = entries.filter((e) => e.event === event && e.at <= row.createdAt).at(-1)
    const d =
      entry?.details && typeof entry.details === 'object' && !Array.isArray(entry.details)
        ? entry.details
        : {}
    const out: NoticeDetails = {}
    if (typeof d.reason === 'string') out.reason = d.reason
    if (Array.isArray(d.missing)) out.missing = d.missing.filter((m): m is string => typeof m === 'string')
    return out.reason !== undefined || out.missing ? out : detailsFromView(view)
  }

  async function deliverSipraja(row: OutboxRow, leaseEnd: number): Promise<Record<string, Json>> {
    const parsedPayload = siprajaPayload.safeParse(row.payload)
    if (!parsedPayload.success) throw new PermanentDeliveryError('payload SIPRAJA tidak valid')
    const { action } = parsedPayload.data
    const gateway = deps.sipraja
    if (!gateway) throw new PermanentDeliveryError('SIPRAJA tidak dikonfigurasi (tidak ada gateway SIPRAJA)')
    let rows: OutboxRow[]
    try {
      rows = await store.listOutbox(row.caseId)
    } catch (error) {
      throw wrapPortError(store.id, 'listOutbox', error)
    }
    const index = rows.findIndex((r) => r.id === row.id)
    const earlier = index < 0 ? [] : rows.slice(0, index)
    const later = index < 0 ? [] : rows.slice(index + 1)
    if (
      action === 'set_status' &&
      later.some((r) => r.kind === 'sipraja' && payloadOf(r).action === 'set_status')
    ) {
      return { providerId: '', status: 'sent', superseded: true }
    }
    const blocker = earlier.find((r) => r.kind === 'sipraja' && r.status === 'pending')
    if (blocker) {
      // A row another worker holds may be in flight until its lease ends; one this runner holds is
      // settled within this pass.
      const heldElsewhere = blocker.leaseOwner !== null && blocker.leaseOwner !== workerId
      const until =
        [blocker.availableAt, heldElsewhere ? blocker.leaseUntil : null]
          .filter((t): t is string => !!t)
          .sort()
          .at(-1) ?? null
      throw new DeferDelivery(`menunggu penulisan SIPRAJA sebelumnya (${blocker.id})`, until)
    }
    const { view } = await caseOf(row)
    const app = view.application
    const nik = jsonString(app, ['applicant', 'nik'])
    if (!nik) throw new PermanentDeliveryError('NIK pemohon tidak ada pada kasus')
    if (action === 'ensure_account') {
      const name = jsonString(app, ['applicant', 'fullName']) ?? jsonString(app, ['applicant', 'name'])
      if (!name) throw new PermanentDeliveryError('nama pemohon tidak ada pada kasus')
      const account: Parameters<SiprajaGateway['ensureAccount']>[0] = { nik, name }
      const email = jsonString(app, ['contacts', 'email'])
      const mobile = jsonString(app, ['contacts', 'mobile'])
      if (email) account.email = email
      if (mobile) account.mobile = mobile
      const result = await callPortTimed(gateway.id, 'ensureAccount', (signal) =>
        gateway.ensureAccount(account, { idempotencyKey: row.id, signal }),
      )
      return { providerId: String(result.accountId), status: 'sent', created: Boolean(result.created) }
    }
    if (action === 'set_status') {
      const status = parsedPayload.data.status
      if (!status) throw new PermanentDeliveryError('status SIPRAJA tidak ada pada baris')
      const result = await callPortTimed(gateway.id, 'setStatus', (signal) =>
        gateway.setStatus({ nik, caseRef: view.trackingCode, status }, { idempotencyKey: row.id, signal }),
      )
      return {
        providerId: `${view.trackingCode}:${result.status}`,
        status: 'sent',
        changed: Boolean(result.changed),
      }
    }
    if (action === 'upload_card') return uploadCard(gateway, row, nik, view)
    const ids: string[] = []
    let duplicates = 0
    for (const ref of view.attachments) {
      if (clock.now().getTime() + callTimeoutMs >= leaseEnd) {
        // Uploads so far are keyed: the next claim continues without storing anything twice.
        throw new DeferDelivery('sisa sewa tidak cukup untuk berkas berikutnya', null)
      }
      let stored: Awaited<ReturnType<Ak1Store['getAttachment']>>
      try {
        stored = await store.getAttachment(ref.sha256)
      } catch (error) {
        throw wrapPortError(store.id, 'getAttachment', error)
      }
      if (!stored)
        throw new PermanentDeliveryError(`berkas ${ref.sha256.slice(0, 12)} tidak ada di penyimpanan`)
      const upload: Parameters<SiprajaGateway['uploadAttachment']>[0] = {
        nik,
        caseRef: view.trackingCode,
        sha256: stored.sha256,
        contentType: stored.contentType,
        bytes: stored.bytes,
      }
      if (ref.itemId) upload.itemId = ref.itemId
      const result = await callPortTimed(gateway.id, 'uploadAttachment', (signal) =>
        gateway.uploadAttachment(upload, { idempotencyKey: `${row.id}:${ref.sha256}`, signal }),
      )
      ids.push(String(result.attachmentId))
      if (result.duplicate) duplicates += 1
    }
    return { providerId: ids.join(','), status: 'sent', uploaded: ids.length, duplicates }
  }

  /** Uploads the printed card (the PDF stored at the print step) as the case's result file. */
  async function uploadCard(
    gateway: SiprajaGateway,
    row: OutboxRow,
    nik: string,
    view: CaseView,
  ): Promise<Record<string, Json>> {
    const pdf = view.card?.pdf
    if (!pdf) throw new PermanentDeliveryError('kartu AK-1 kasus ini belum dicetak ke PDF')
    let stored: Awaited<ReturnType<Ak1Store['getAttachment']>>
    try {
      stored = await store.getAttachment(pdf.sha256)
    } catch (error) {
      throw wrapPortError(store.id, 'getAttachment', error)
    }
    if (!stored)
      throw new PermanentDeliveryError(`berkas kartu ${pdf.sha256.slice(0, 12)} tidak ada di penyimpanan`)
    const result = await callPortTimed(gateway.id, 'uploadAttachment', (signal) =>
      gateway.uploadAttachment(
        {
          nik,
          caseRef: view.trackingCode,
          sha256: stored.sha256,
          contentType: stored.contentType,
          bytes: stored.bytes,
          itemId: 'kartu_ak1',
        },
        { idempotencyKey: row.id, signal },
      ),
    )
    return { providerId: String(result.attachmentId), status: 'sent', duplicate: Boolean(result.duplicate) }
  }

  type Outcome = 'delivered' | 'retried' | 'deferred' | 'failed' | 'released'

  async function deliverRow(row: OutboxRow, signal: AbortSignal | undefined): Promise<Outcome> {
    try {
      return await deliverRowOnce(row, signal)
    } finally {
      knownByRow.delete(row.id)
    }
  }

  async function deliverRowOnce(row: OutboxRow, signal: AbortSignal | undefined): Promise<Outcome> {
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
      if (row.kind === 'notice') result = await deliverNotice(row)
      else if (row.kind === 'sipraja') result = await deliverSipraja(row, leaseEnd)
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
      const message = redactKnown(described.message, knownByRow.get(row.id) ?? [])
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
      const rows = await store.claimOutbox({ now: nowIso(), limit, owner: workerId, leaseMs })
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

/** Creation time, then the row id with numbers compared as numbers (`c.5.2` before `c.11.1`). */
function writtenOrder(a: OutboxRow, b: OutboxRow): number {
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? -1 : 1
  return a.id.localeCompare(b.id, 'en', { numeric: true })
}

function describeError(error: unknown): { message: string; retryable: boolean } {
  if (error instanceof PermanentDeliveryError)
    return { message: redactPersonal(error.message), retryable: false }
  if (isAk1Error(error)) {
    // By code, not instanceof: the adapter may use another installed copy of @ak1/core.
    const retryable = error.code === 'ADAPTER' && (error as AdapterError).retryable === true
    return { message: redactPersonal(error.message), retryable }
  }
  // Our own code failed (a bug): retrying will not help, and an incident makes it visible.
  return { message: redactPersonal(error instanceof Error ? error.message : String(error)), retryable: false }
}

function recipientOf(
  view: CaseView,
  standard: Standard,
  channel: 'sms' | 'email',
  recipient: 'applicant' | 'office',
): string {
  if (recipient === 'office') {
    const to = channel === 'email' ? standard.office.email : undefined
    if (!to)
      throw new PermanentDeliveryError(`kantor tidak punya alamat ${channel === 'email' ? 'e-mail' : 'SMS'}`)
    return to
  }
  const to = jsonString(view.application, ['contacts', channel === 'sms' ? 'mobile' : 'email'])
  if (!to)
    throw new PermanentDeliveryError(
      `pemohon tidak punya ${channel === 'sms' ? 'nomor HP' : 'alamat e-mail'}`,
    )
  return to
}

function defaultLocale(view: CaseView): Locale {
  const app = view.application
  const wanted = jsonString(app, ['locale']) ?? jsonString(app, ['contacts', 'locale'])
  return wanted === 'en' ? 'en' : 'id'
}

function jsonString(value: Json | undefined, path: string[]): string | undefined {
  let cur: Json | undefined = value
  for (const key of path) {
    if (!cur || typeof cur !== 'object' || Array.isArray(cur)) return undefined
    cur = (cur as Record<string, Json>)[key]
  }
  return typeof cur === 'string' && cur.length > 0 ? cur : undefined
}
