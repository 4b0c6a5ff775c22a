import { z } from 'zod'
import { AdapterError, type Locale, wrapPortError } from '../errors/errors'
import { detailsFromView, type NoticeDetails, renderNotice } from '../notices/render'
import { officeAlertTemplates } from '../notices/templates'
import type { Json } from '../ports/case-store'
import type { Clock } from '../ports/clock'
import type { NoticeMessage, Notifier } from '../ports/notifier'
import type { SiprajaGateway } from '../ports/sipraja'
import type { Ak1Store } from '../ports/store'
import type { OutboxRow } from '../ports/work-queue'
import type { Standard } from '../standard/schema'
import { attachmentsFromTrail } from './attachments'
import { payloadOf } from './deliveries'
import { DeferDelivery, PermanentDeliveryError, personalStrings } from './outbox-errors'
import type { OutboxCase, OutboxRunnerDeps } from './outbox-types'
import { parsePortAnswer } from './port-answers'
import type { CaseView } from './types'

/** What the deliveries of one outbox runner share. @internal */
export interface DeliveryEnv {
  deps: OutboxRunnerDeps
  store: Ak1Store
  clock: Clock
  notifiers: readonly Notifier[]
  workerId: string
  callTimeoutMs: number
  /** Personal values of the case a row is being delivered for, to keep them out of error texts. */
  knownByRow: Map<string, string[]>
}

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
  step: z.string().min(1).optional(),
  note: z.string().min(1).optional(),
})

/** Runs one port call with the call timeout; foreign errors become retryable AdapterErrors. */
export async function callPortTimed<T>(
  callTimeoutMs: number,
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

async function caseOf(env: DeliveryEnv, row: OutboxRow): Promise<OutboxCase> {
  const { store } = env
  let found: OutboxCase | null
  try {
    found = await env.deps.loadCase(row.caseId)
  } catch (error) {
    throw wrapPortError(store.id, 'load', error)
  }
  if (!found) throw new PermanentDeliveryError(`kasus ${row.caseId} tidak ditemukan`)
  env.knownByRow.set(row.id, personalStrings(found.view.application))
  return found
}

/** Sends a notice row through the notifier serving its channel, rendered from the case now. @internal */
export async function deliverNotice(env: DeliveryEnv, row: OutboxRow): Promise<Record<string, Json>> {
  const { deps, notifiers } = env
  const parsedPayload = noticePayload.safeParse(row.payload)
  if (!parsedPayload.success) throw new PermanentDeliveryError('payload pemberitahuan tidak valid')
  const { template, channel } = parsedPayload.data
  const recipient =
    parsedPayload.data.recipient ?? (officeAlertTemplates.includes(template) ? 'office' : 'applicant')
  const notifier = notifiers.find((n) => n.channels.includes(channel))
  if (!notifier) throw new PermanentDeliveryError(`tidak ada notifier untuk kanal ${channel}`)
  const { view, standard } = await caseOf(env, row)
  const to = recipientOf(view, standard, channel, recipient)
  const locale = parsedPayload.data.locale ?? (deps.localeOf ?? defaultLocale)(view)
  const { date, reportIndex } = parsedPayload.data
  const details = {
    ...(await noticeDetails(env, row, view, template)),
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
  const answer = await callPortTimed(env.callTimeoutMs, notifier.id, 'send', (signal) =>
    notifier.send(message, { signal }),
  )
  const receipt = parsePortAnswer(notifier.id, 'send', answer)
  return { providerId: receipt.providerId, status: receipt.status, notifier: notifier.id }
}

/** The reason and missing items of the RETURN / REJECT the notice is about, from the audit trail. */
async function noticeDetails(
  env: DeliveryEnv,
  row: OutboxRow,
  view: CaseView,
  template: string,
): Promise<NoticeDetails> {
  const { store } = env
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
    entry?.details && typeof entry.details === 'object' && !Array.isArray(entry.details) ? entry.details : {}
  const out: NoticeDetails = {}
  if (typeof d.reason === 'string') out.reason = d.reason
  if (Array.isArray(d.missing)) out.missing = d.missing.filter((m): m is string => typeof m === 'string')
  return out.reason !== undefined || out.missing ? out : detailsFromView(view)
}

/**
 * Makes a SIPRAJA write: in the case's order (a later write waits while an earlier one is pending;
 * a status superseded by a later one is not sent), attachments one by one while the lease lasts.
 * @internal
 */
export async function deliverSipraja(
  env: DeliveryEnv,
  row: OutboxRow,
  leaseEnd: number,
): Promise<Record<string, Json>> {
  const { deps, store, clock, callTimeoutMs, workerId } = env
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
  // A gateway following every step (SIPRAJA's approval chain) needs each row, in order.
  if (
    action === 'set_status' &&
    gateway.statusAtEveryStep !== true &&
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
  const { view } = await caseOf(env, row)
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
    const answer = await callPortTimed(callTimeoutMs, gateway.id, 'ensureAccount', (signal) =>
      gateway.ensureAccount(account, { idempotencyKey: row.id, signal }),
    )
    const result = parsePortAnswer(gateway.id, 'ensureAccount', answer)
    return { providerId: result.accountId, status: 'sent', created: result.created }
  }
  if (action === 'set_status') {
    const status = parsedPayload.data.status
    if (!status) throw new PermanentDeliveryError('status SIPRAJA tidak ada pada baris')
    const input: Parameters<SiprajaGateway['setStatus']>[0] = { nik, caseRef: view.trackingCode, status }
    if (parsedPayload.data.note) input.note = parsedPayload.data.note
    if (parsedPayload.data.step) input.step = parsedPayload.data.step
    const answer = await callPortTimed(callTimeoutMs, gateway.id, 'setStatus', (signal) =>
      gateway.setStatus(input, { idempotencyKey: row.id, signal }),
    )
    const result = parsePortAnswer(gateway.id, 'setStatus', answer)
    return { providerId: `${view.trackingCode}:${result.status}`, status: 'sent', changed: result.changed }
  }
  if (action === 'upload_card') return uploadCard(env, gateway, row, nik, view)
  const ids: string[] = []
  let duplicates = 0
  for (const ref of await filesOf(env, row, view)) {
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
    const answer = await callPortTimed(callTimeoutMs, gateway.id, 'uploadAttachment', (signal) =>
      gateway.uploadAttachment(upload, { idempotencyKey: `${row.id}:${ref.sha256}`, signal }),
    )
    const result = parsePortAnswer(gateway.id, 'uploadAttachment', answer)
    ids.push(result.attachmentId)
    if (result.duplicate) duplicates += 1
  }
  return { providerId: ids.join(','), status: 'sent', uploaded: ids.length, duplicates }
}

/** The case's files: a case view from the outbox carries none; they are read from its trail. */
async function filesOf(env: DeliveryEnv, row: OutboxRow, view: CaseView): Promise<CaseView['attachments']> {
  if (view.attachments.length > 0) return view.attachments
  try {
    return attachmentsFromTrail(await env.store.timeline(row.caseId))
  } catch (error) {
    throw wrapPortError(env.store.id, 'timeline', error)
  }
}

/** Uploads the printed card (the PDF stored at the print step) as the case's result file. */
async function uploadCard(
  env: DeliveryEnv,
  gateway: SiprajaGateway,
  row: OutboxRow,
  nik: string,
  view: CaseView,
): Promise<Record<string, Json>> {
  const { store } = env
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
  const upload = {
    nik,
    caseRef: view.trackingCode,
    sha256: stored.sha256,
    contentType: stored.contentType,
    bytes: stored.bytes,
    itemId: 'kartu_ak1',
  }
  const answer = await callPortTimed(env.callTimeoutMs, gateway.id, 'uploadAttachment', (signal) =>
    gateway.uploadAttachment(upload, { idempotencyKey: row.id, signal }),
  )
  const result = parsePortAnswer(gateway.id, 'uploadAttachment', answer)
  return { providerId: result.attachmentId, status: 'sent', duplicate: result.duplicate }
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
