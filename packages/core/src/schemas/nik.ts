import { systemClock } from '../ports/clock'
import type { Sex } from './enums'
import { type RuleHit, ruleIssue, validationError } from './messages'

/** What a NIK (Nomor Induk Kependudukan) tells, read by {@link parseNik}. */
export interface NikParts {
  /** Digits 1-2: the province of first registration, e.g. `35` (Jawa Timur). */
  provinceCode: string
  /** Digits 1-4: the kabupaten/kota, e.g. `3515` (Sidoarjo). */
  regencyCode: string
  /** Digits 1-6: the kecamatan of first registration. Never a reason to refuse a NIK. */
  districtCode: string
  /** Birth date `YYYY-MM-DD`, the century chosen by the pivot on `now`. */
  birthDate: string
  /** `P` when 40 was added to the day, else `L`. */
  sex: Sex
  /** Digits 13-16, from `0001`. */
  serial: string
}

/** Options of {@link parseNik}. */
export interface ParseNikOptions {
  /**
   * The instant the century pivot is taken from: a two-digit year whose date in 20xx lies after
   * today (counted in WIT, UTC+9, the easternmost Indonesian zone, so a child born today anywhere in
   * Indonesia reads as 20xx) means 19xx.
   * @default systemClock.now()
   */
  now?: Date
}

/** Spaces, dots and hyphens people type inside a NIK or KK are dropped. @internal */
export function compactIdNumber(value: string): string {
  return value.replace(/[\s.-]/g, '')
}

/** The structural problems of a (compacted) NIK: digits, length, day and month ranges, serial. @internal */
export function nikStructureHits(nik: string): RuleHit[] {
  if (!/^\d*$/.test(nik)) return [{ rule: 'nik_digits' }]
  if (nik.length !== 16) return [{ rule: 'nik_length', params: { length: nik.length } }]
  const issues: RuleHit[] = []
  const { day, month } = nikDateDigits(nik)
  if (day === 0 || (day > 31 && day < 41) || day > 71 || month < 1 || month > 12) {
    issues.push({ rule: 'nik_birth_date', params: { datePart: nik.slice(6, 12) } })
  }
  if (nik.slice(12) === '0000') issues.push({ rule: 'nik_serial' })
  return issues
}

/** Day (without the 40 added for women), month, two-digit year and sex from a structurally valid NIK. @internal */
function nikDateDigits(nik: string): { day: number; month: number; yy: number; sex: Sex } {
  const rawDay = Number(nik.slice(6, 8))
  return {
    day: rawDay > 40 ? rawDay - 40 : rawDay,
    month: Number(nik.slice(8, 10)),
    yy: Number(nik.slice(10, 12)),
    sex: rawDay > 40 ? 'P' : 'L',
  }
}

/** True when the year, month and day form a date of the Gregorian calendar. @internal */
export function isRealDate(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return false
  if (month < 1 || month > 12 || day < 1) return false
  return day <= daysInMonth(year, month)
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28
  return [4, 6, 9, 11].includes(month) ? 30 : 31
}

/** `YYYY-MM-DD` of numbers. @internal */
export function isoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}

/**
 * Reads a NIK: its region codes, birth date, sex and serial.
 *
 * Spaces, dots and hyphens are ignored. The region digits are never checked against a list: a NIK
 * keeps the kecamatan of first registration for life, so an applicant from elsewhere is normal.
 *
 * @throws {ValidationError} with rule `nik_digits`, `nik_length`, `nik_birth_date` (no such date in
 * the century the pivot chooses, e.g. 29 February of a non-leap year) or `nik_serial` (0000), path `['nik']`.
 * @example
 * ```ts
 * parseNik('3515125405010001', { now: new Date('2026-01-01') })
 * // { provinceCode: '35', regencyCode: '3515', districtCode: '351512', birthDate: '2001-05-14', sex: 'P', serial: '0001' }
 * ```
 */
export function parseNik(nik: string, options: ParseNikOptions = {}): NikParts {
  const path = ['nik']
  if (typeof nik !== 'string') {
    throw validationError([
      {
        path,
        rule: 'invalid_type',
        message: 'jenis data salah (seharusnya string)',
        messageEn: 'has the wrong type (expected string)',
      },
    ])
  }
  const compact = compactIdNumber(nik)
  const structural = nikStructureHits(compact)
  if (structural.length) throw validationError(structural.map((h) => ruleIssue(path, h.rule, h.params)))
  const { day, month, yy, sex } = nikDateDigits(compact)
  const now = options.now ?? systemClock.now()
  const today = new Date(now.getTime() + 9 * 3_600_000).toISOString().slice(0, 10)
  const year = isoDate(2000 + yy, month, day) > today ? 1900 + yy : 2000 + yy
  if (!isRealDate(year, month, day)) {
    throw validationError([ruleIssue(path, 'nik_birth_date', { datePart: compact.slice(6, 12) })])
  }
  return {
    provinceCode: compact.slice(0, 2),
    regencyCode: compact.slice(0, 4),
    districtCode: compact.slice(0, 6),
    birthDate: isoDate(year, month, day),
    sex,
    serial: compact.slice(12),
  }
}

/**
 * The issues of a NIK against the stated birth date and sex, without a clock: the stated year picks
 * the century. A NIK whose date exists in no century is `nik_birth_date`; one that disagrees is
 * `nik_birth_date_mismatch` / `nik_sex_mismatch`.
 * @internal
 */
export function nikAgreementHits(nik: string, birthDate: string, sex: Sex): RuleHit[] {
  const { day, month, yy, sex: nikSex } = nikDateDigits(nik)
  const [y, m, d] = birthDate.split('-').map(Number) as [number, number, number]
  const issues: RuleHit[] = []
  const datePart = nik.slice(6, 12)
  const possible =
    y % 100 === yy
      ? isRealDate(y, month, day)
      : isRealDate(1900 + yy, month, day) || isRealDate(2000 + yy, month, day)
  if (!possible) issues.push({ rule: 'nik_birth_date', params: { datePart } })
  else if (y % 100 !== yy || m !== month || d !== day) {
    const nikDate = `${String(day).padStart(2, '0')}-${String(month).padStart(2, '0')}-${String(yy).padStart(2, '0')}`
    issues.push({ rule: 'nik_birth_date_mismatch', params: { nikDate, birthDate } })
  }
  if (nikSex !== sex) issues.push({ rule: 'nik_sex_mismatch', params: { nikSex, sex } })
  return issues
}
