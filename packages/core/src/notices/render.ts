import { TZDate } from '@date-fns/tz'
import { format } from 'date-fns'
import { enGB } from 'date-fns/locale/en-GB'
import { id as idLocale } from 'date-fns/locale/id'
import type { CaseView } from '../engine/types'
import { ConfigError, type Locale } from '../errors/errors'
import type { Json } from '../ports/case-store'
import { asnHours, type WeekHours } from '../sla/hours'
import { completionText } from '../standard/completion'
import type { Channel, Completion, NoticeChannel, Standard } from '../standard/schema'
import { type SmsSegments, smsSegments, toGsm7Friendly } from './sms'
import {
  defaultNoticeTemplates,
  type NoticeTemplateId,
  type NoticeTexts,
  placeholderPattern,
  placeholdersOf,
} from './templates'

/**
 * What a notice needs to know about a case, when no full {@link CaseView} is at hand. Every field
 * but `trackingCode` and `channel` is optional; a missing value renders as `-`.
 */
export interface NoticeCase {
  id?: string
  trackingCode: string
  channel: Channel
  /** A step id, `dikembalikan`, or a final state. */
  state?: string
  applicantName?: string
  /** ISO instant of the current SLA due time. */
  dueAt?: string | null
  /** The due time is an estimate (its holiday data is not official yet): shown with "(perkiraan)". */
  dueProvisional?: boolean
  registerNumber?: string
  cardNumber?: string
  /** Checklist items, to name missing items by their label. */
  checklist?: ReadonlyArray<{ id: string; label: string; labelEn?: string }>
}

/** Event details a notice is about, from the case's audit trail (a return's missing items, a reason). */
export interface NoticeDetails {
  /** Checklist item ids the applicant must still supply. */
  missing?: readonly string[]
  /** The officer's reason (return or rejection). */
  reason?: string
  /** The day a card reminder is about (`YYYY-MM-DD`): a reporting date or the last valid day. */
  cardDate?: string
  /** The reporting box a reporting reminder is about (1-based). */
  reportIndex?: number
}

/** A notice rendered for one channel and language. */
export interface RenderedNotice {
  template: string
  channel: NoticeChannel
  locale: Locale
  /** E-mail only. */
  subject?: string
  /** The SMS body, or the e-mail's plain-text part. */
  text: string
  /** E-mail only: the HTML part, every value escaped. */
  html?: string
  /** SMS only: encoding and number of parts of `text`. */
  sms?: SmsSegments
}

type Value = string | readonly string[]

/**
 * Renders a notice from a case at delivery time: the standard's override for the template and
 * language (field by field) over core's default texts; values from the case and the standard.
 * An English text falls back to Indonesian for a template the standard defines only in Indonesian.
 *
 * @throws {ConfigError} for a template with no text for the channel (neither default nor override).
 * @example
 * ```ts
 * const sms = renderNotice(balongbendo, view, 'kartu_siap', 'sms', 'id')
 * sms.text // 'Kartu AK-1 AK1-... siap diambil di Kecamatan Balong Bendo, ...'
 * ```
 */
export function renderNotice(
  standard: Standard,
  source: CaseView | NoticeCase,
  template: string,
  channel: NoticeChannel,
  locale: Locale = 'id',
  details: NoticeDetails = {},
): RenderedNotice {
  const texts = resolveTexts(standard, template, locale)
  const values = noticeValues(standard, toNoticeCase(source), template, locale, details)
  if (channel === 'sms') {
    const body = texts.sms ?? texts.text
    if (!body) throw missingText(template, channel, locale)
    const text = toGsm7Friendly(fill(body, values, 'sms'))
    return { template, channel, locale, text, sms: smsSegments(text) }
  }
  if (!texts.text) throw missingText(template, channel, locale)
  const subject = fill(texts.subject ?? '{serviceName}: {trackingCode}', values, 'line')
  const text = fill(texts.text, values, 'text')
  const body = texts.html ? fill(texts.html, values, 'html') : textToHtml(text)
  const html = `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head><body>${body}</body></html>`
  return { template, channel, locale, subject, text, html }
}

/** Turns a case view into the few fields notices use. */
export function toNoticeCase(source: CaseView | NoticeCase): NoticeCase {
  if (!('sla' in source && 'checklist' in source && 'application' in source)) return source
  const view = source as CaseView
  const out: NoticeCase = {
    id: view.id,
    trackingCode: view.trackingCode,
    channel: view.channel,
    state: view.state,
    dueAt: view.sla?.dueAt ?? view.sla?.plannedDueAt ?? null,
    checklist: view.checklist,
  }
  if (view.sla?.provisional) out.dueProvisional = true
  const name = pick(view.application, ['applicant', 'fullName'])
  if (typeof name === 'string') out.applicantName = name
  if (view.registerNumber) out.registerNumber = view.registerNumber
  if (view.card?.number) out.cardNumber = view.card.number
  return out
}

/** The case's returned details (missing items, reason) as a notice needs them, from the view. */
export function detailsFromView(view: CaseView): NoticeDetails {
  return view.returned ? { missing: view.returned.missing, reason: view.returned.reason } : {}
}

function resolveTexts(standard: Standard, template: string, locale: Locale): NoticeTexts {
  const defaults = Object.hasOwn(defaultNoticeTemplates, template)
    ? defaultNoticeTemplates[template as NoticeTemplateId]
    : undefined
  const override = (
    Object.hasOwn(standard.noticeTemplates, template) ? standard.noticeTemplates[template] : undefined
  ) as { id?: NoticeTexts; en?: NoticeTexts } | undefined
  if (!defaults && !override) {
    throw new ConfigError(`template pemberitahuan "${template}" tidak dikenal`, {
      messageEn: `notice template "${template}" is unknown`,
      keys: [`noticeTemplates.${template}`],
    })
  }
  const base = defaults?.[locale] ?? {}
  const own = override?.[locale] ?? (defaults ? undefined : override?.id) ?? {}
  return { ...base, ...definedOnly(own) }
}

function definedOnly(texts: NoticeTexts): NoticeTexts {
  return Object.fromEntries(Object.entries(texts).filter(([, v]) => v !== undefined)) as NoticeTexts
}

function missingText(template: string, channel: NoticeChannel, locale: Locale): ConfigError {
  return new ConfigError(`template "${template}" tidak punya teks untuk ${channel} (${locale})`, {
    messageEn: `template "${template}" has no text for ${channel} (${locale})`,
    keys: [`noticeTemplates.${template}.${locale}`],
  })
}

const zoneLabels: Record<string, string> = {
  'Asia/Jakarta': 'WIB',
  'Asia/Pontianak': 'WIB',
  'Asia/Makassar': 'WITA',
  'Asia/Jayapura': 'WIT',
}

const complaintKinds: Record<string, { id: string; en: string }> = {
  telepon: { id: 'telepon', en: 'phone' },
  email: { id: 'e-mail', en: 'e-mail' },
  langsung: { id: 'langsung', en: 'in person' },
  kotak_saran: { id: 'kotak saran', en: 'suggestion box' },
  lapor: { id: 'SP4N-LAPOR!', en: 'SP4N-LAPOR!' },
  other: { id: 'lainnya', en: 'other' },
}

/**
 * Every placeholder value of a template for a case. Values that are lists (missing items, what to
 * bring) stay lists until the channel's formatting. Only the template's own placeholders are set.
 */
export function noticeValues(
  standard: Standard,
  c: NoticeCase,
  template: string,
  locale: Locale,
  details: NoticeDetails = {},
): Record<string, Value> {
  const en = locale === 'en'
  const office = standard.office
  const tz = standard.calendar.timeZone
  const due = c.dueAt ? new TZDate(c.dueAt, tz) : null
  const step = standard.steps.find((s) => s.id === c.state)
  const labels = (ids: readonly string[]) =>
    ids.map((itemId) => {
      const item = c.checklist?.find((i) => i.id === itemId)
      const req = standard.requirements.find((r) => r.id === itemId.split(':')[0])
      const level = itemId.includes(':') ? ` (${itemId.split(':')[1]?.toUpperCase()})` : ''
      if (item) return (en ? (item.labelEn ?? item.label) : item.label) + (item.id === itemId ? '' : level)
      if (req) return (en ? (req.labelEn ?? req.label) : req.label) + level
      return itemId
    })
  const handover = standard.steps.find((s) => s.kind === 'handover')
  const bring = standard.requirements
    .filter((r) => r.kind === 'original' && handover && r.checkedAt[c.channel] === handover.id)
    .map((r) => (en ? (r.labelEn ?? r.label) : r.label))
  const phone = standard.complaints.channels.find((ch) => ch.kind === 'telepon')?.value ?? office.phone
  const all: Record<string, () => Value> = {
    trackingCode: () => c.trackingCode,
    caseId: () => c.id ?? '-',
    applicantName: () => c.applicantName ?? (en ? 'Applicant' : 'Pemohon'),
    officeName: () => office.name,
    officeAddress: () => `${office.address} ${office.postcode}`.trim(),
    officePhone: () => office.phone,
    officeEmail: () => office.email ?? '-',
    officeWebsite: () => office.website ?? '-',
    openingHours: () =>
      office.openingHoursText ?? openingHoursText((standard.calendar.hours ?? asnHours) as WeekHours, locale),
    serviceName: () => standard.products[0]?.name ?? 'Kartu Pencari Kerja (AK-1)',
    fee: () =>
      standard.fee.amount === 0
        ? en
          ? 'free of charge'
          : (standard.fee.note ?? 'Tidak dipungut biaya')
        : `Rp${standard.fee.amount.toLocaleString('id-ID')}`,
    complaintChannels: () =>
      standard.complaints.channels
        .map((ch) => {
          const kind = complaintKinds[ch.kind]?.[locale] ?? ch.kind
          const what = ch.value ?? ch.description
          return what ? `${kind} ${what}` : kind
        })
        .join(', '),
    complaintPhone: () => phone,
    dueDate: () =>
      due
        ? format(due, 'EEEE, d MMMM yyyy', { locale: en ? enGB : idLocale }) +
          (c.dueProvisional ? (en ? ' (estimate)' : ' (perkiraan)') : '')
        : '-',
    dueTime: () => (due ? `${format(due, en ? 'HH:mm' : 'HH.mm')} ${zoneLabels[tz] ?? tz}` : '-'),
    completionDays: () => String(standard.completion.workingDays ?? '-'),
    completionTime: () => completionText(standard.completion as Completion)[en ? 'en' : 'id'],
    stepName: () => (step ? (en ? (step.nameEn ?? step.name) : step.name) : (c.state ?? '-')),
    missingItems: () => (details.missing?.length ? labels(details.missing) : ['-']),
    missingCount: () => String(details.missing?.length ?? 0),
    reason: () => details.reason ?? '-',
    resubmitWhere: () => (c.channel === 'online' ? 'SIPRAJA' : office.name),
    resubmitHow: () =>
      c.channel === 'online'
        ? en
          ? 'complete the files in the SIPRAJA application and send them again.'
          : 'lengkapi berkas di aplikasi SIPRAJA lalu kirim kembali.'
        : en
          ? `bring the missing documents to the service desk of ${office.name}, ${office.address}, and mention your tracking code.`
          : `bawa kelengkapan berkas ke meja pelayanan ${office.name}, ${office.address}, dan sebutkan kode pelacakan Anda.`,
    whatToBring: () => (bring.length ? bring : [en ? 'this tracking code' : 'kode pelacakan ini']),
    cardNumber: () => c.cardNumber ?? '-',
    cardDate: () =>
      details.cardDate
        ? format(new Date(`${details.cardDate}T12:00:00Z`), 'EEEE, d MMMM yyyy', {
            locale: en ? enGB : idLocale,
          })
        : '-',
    reportIndex: () => (details.reportIndex === undefined ? '-' : String(details.reportIndex)),
    registerNumber: () => c.registerNumber ?? '-',
  }
  const out: Record<string, Value> = {}
  for (const name of placeholdersOf(template)) {
    if (Object.hasOwn(all, name)) out[name] = (all[name] as () => Value)()
  }
  return out
}

const dayNames: Record<Locale, string[]> = {
  id: ['Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu', 'Minggu'],
  en: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
}
const weekOrder = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const

/** Office hours as applicants read them: runs of days with the same hours, e.g. `Senin-Kamis 07.30-16.00`. */
export function openingHoursText(week: WeekHours, locale: Locale = 'id'): string {
  const time = (t: string) => (locale === 'en' ? t.replace('.', ':') : t.replace(':', '.'))
  const runs: Array<{ from: number; to: number; hours: string }> = []
  weekOrder.forEach((key, i) => {
    const day = week[key]
    if (!day) return
    const hours = `${time(day.open)}-${time(day.close)}`
    const last = runs.at(-1)
    if (last && last.to === i - 1 && last.hours === hours) last.to = i
    else runs.push({ from: i, to: i, hours })
  })
  const names = dayNames[locale]
  return runs.map((r) => `${names[r.from]}${r.to > r.from ? `-${names[r.to]}` : ''} ${r.hours}`).join(', ')
}

function fill(
  template: string,
  values: Record<string, Value>,
  mode: 'sms' | 'text' | 'line' | 'html',
): string {
  return template.replace(placeholderPattern, (whole, name: string) => {
    const value = Object.hasOwn(values, name) ? values[name] : undefined
    if (value === undefined) return whole
    if (typeof value === 'string') return mode === 'html' ? escapeHtml(value) : value
    if (mode === 'html') return `<ul>${value.map((v) => `<li>${escapeHtml(v)}</li>`).join('')}</ul>`
    if (mode === 'text') return value.map((v) => `- ${v}`).join('\n')
    return value.join(mode === 'sms' ? ', ' : '; ')
  })
}

/** Escapes a value for HTML text and attribute positions. */
export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
}

/** Paragraphs become `<p>`, runs of `- ` lines a `<ul>`, other line breaks `<br>`; all text escaped. */
function textToHtml(text: string): string {
  return text
    .split(/\n{2,}/)
    .map((para) => {
      const lines = para.split('\n')
      const parts: string[] = []
      let list: string[] = []
      const flush = () => {
        if (list.length) parts.push(`<ul>${list.map((l) => `<li>${escapeHtml(l)}</li>`).join('')}</ul>`)
        list = []
      }
      let textLines: string[] = []
      const flushText = () => {
        if (textLines.length) parts.push(`<p>${textLines.map(escapeHtml).join('<br>')}</p>`)
        textLines = []
      }
      for (const line of lines) {
        if (line.startsWith('- ')) {
          flushText()
          list.push(line.slice(2))
        } else {
          flush()
          textLines.push(line)
        }
      }
      flush()
      flushText()
      return parts.join('')
    })
    .join('\n')
}

function pick(value: Json | undefined, path: string[]): Json | undefined {
  let cur: Json | undefined = value
  for (const key of path) {
    if (!cur || typeof cur !== 'object' || Array.isArray(cur) || !Object.hasOwn(cur, key)) return undefined
    cur = (cur as Record<string, Json>)[key]
  }
  return cur
}

/** Reads a string at a path of a JSON value (the application), or `undefined`. @internal */
export function jsonString(value: Json | undefined, path: string[]): string | undefined {
  const v = pick(value, path)
  return typeof v === 'string' && v.length > 0 ? v : undefined
}
