import type { ValidationIssue } from '../errors/errors'
import { ruleMessages } from '../i18n/zod-issues'

/** Indonesian and English texts of the rule ids the sla module uses. @internal */
export const slaRuleMessages = {
  hours_order: {
    id: 'jam tutup harus setelah jam buka',
    en: 'closing time must be after opening time',
  },
  break_outside_hours: {
    id: 'jam istirahat harus berada di antara jam buka dan jam tutup',
    en: 'a break must lie between opening and closing time',
  },
  break_order: {
    id: 'jam istirahat harus selesai setelah mulai, berurutan, dan tidak tumpang tindih',
    en: 'breaks must end after they start, be in order and not overlap',
  },
  no_working_day: {
    id: 'minimal satu hari dalam seminggu harus memiliki jam kerja',
    en: 'at least one weekday must have office hours',
  },
  date_range_order: {
    id: 'tanggal akhir tidak boleh sebelum tanggal awal',
    en: 'the end date must not be before the start date',
  },
  calendar_date: {
    id: 'harus berupa tanggal yang ada di kalender (YYYY-MM-DD)',
    en: 'must be a real calendar date (YYYY-MM-DD)',
  },
  holiday_set: {
    id: 'kumpulan hari libur tidak dikenal (yang tersedia: indonesia)',
    en: 'unknown holiday set (available: indonesia)',
  },
  instant: {
    id: 'harus berupa waktu yang valid (Date, milidetik epoch, atau teks ISO 8601)',
    en: 'must be a valid instant (a Date, epoch milliseconds or an ISO 8601 text)',
  },
  instant_range: {
    id: 'di luar rentang kalender yang didukung (tahun 1900-2299)',
    en: 'is outside the supported calendar range (years 1900-2299)',
  },
  working_days_count: {
    id: 'harus bilangan bulat 0 atau lebih',
    en: 'must be a whole number, 0 or more',
  },
  limit_days: {
    id: 'harus bilangan bulat 1 atau lebih',
    en: 'must be a whole number, 1 or more',
  },
  working_minutes_count: {
    id: 'harus bilangan 0 atau lebih',
    en: 'must be a number, 0 or more',
  },
  clock_time_order: {
    id: 'waktu tidak boleh lebih awal dari peristiwa jam layanan sebelumnya',
    en: 'must not be earlier than the previous event of the service clock',
  },
  extension_days: {
    id: 'melebihi batas hari perpanjangan yang diizinkan standar',
    en: 'exceeds the extension days the standard allows',
  },
  extension_reason: {
    id: 'alasan perpanjangan wajib diisi',
    en: 'an extension needs a reason',
  },
  threshold: {
    id: 'harus lebih dari 0 dan kurang dari 1',
    en: 'must be greater than 0 and less than 1',
  },
} as const satisfies Record<string, { id: string; en: string }>

/** A rule id of the sla module. @internal */
export type SlaRule = keyof typeof slaRuleMessages

Object.assign(ruleMessages, slaRuleMessages)

/** A {@link ValidationIssue} for one of the sla rules, optionally with a detail appended. @internal */
export function slaIssue(path: (string | number)[], rule: SlaRule, detail?: string): ValidationIssue {
  const texts = slaRuleMessages[rule]
  const suffix = detail ? ` (${detail})` : ''
  return { path, rule, message: texts.id + suffix, messageEn: texts.en + suffix }
}
