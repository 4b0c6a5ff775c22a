import { ValidationError } from '../errors/errors'
import { educationLevels } from '../schemas/enums'
import { cardAgeBands } from './holder'
import type { CardState } from './record'

/** The counts of one cell of the Disnaker statistics. */
export interface CardCounts {
  /** Registered (the register-book entry) in the period. */
  registered: number
  /** Closed in the period because the holder reported being employed. */
  placed: number
  /** Expired in the period (end of validity). */
  expired: number
  /** Lapsed in the period for a missed report (`tidak_lapor`, where the standard says so). */
  lapsed: number
  /** Ended in the period because a renewal (perpanjangan) issued a new card in its place (`diperpanjang`). */
  renewed: number
  /** Still active at the end of the period: registered by then and not ended by then. */
  active: number
}

/** The statistics of one office for a period, by sex, age band and highest education level. */
export interface CardStatistics {
  officeCode: string
  /** First day of the period (`YYYY-MM-DD`, office zone), inclusive. */
  from: string
  /** Last day of the period, inclusive. */
  to: string
  total: CardCounts
  bySex: Record<string, CardCounts>
  byAgeBand: Record<string, CardCounts>
  byEducation: Record<string, CardCounts>
}

/** What the statistics read of a card record: its state and its plain attributes, nothing personal. */
export interface CardStatisticsRow {
  state: string
  attributes: Record<string, string | number | boolean | null>
}

const day = /^\d{4}-\d{2}-\d{2}$/

/** Checks a statistics period. @throws {ValidationError} naming `from` or `to`. */
export function checkCardPeriod(period: { from: unknown; to: unknown }): { from: string; to: string } {
  const issues = []
  for (const key of ['from', 'to'] as const) {
    const value = period[key]
    if (typeof value !== 'string' || !day.test(value) || Number.isNaN(Date.parse(value))) {
      issues.push({
        path: [key],
        rule: 'invalid_date',
        message: 'harus tanggal YYYY-MM-DD',
        messageEn: 'must be a date YYYY-MM-DD',
      })
    }
  }
  if (!issues.length && (period.from as string) > (period.to as string)) {
    issues.push({
      path: ['to'],
      rule: 'date_order',
      message: 'tanggal akhir sebelum tanggal awal',
      messageEn: 'the end date is before the start date',
    })
  }
  if (issues.length) throw new ValidationError(issues)
  return { from: period.from as string, to: period.to as string }
}

const zero = (): CardCounts => ({ registered: 0, placed: 0, expired: 0, lapsed: 0, renewed: 0, active: 0 })

const endings: Partial<Record<CardState, keyof CardCounts>> = {
  ditutup: 'placed',
  kedaluwarsa: 'expired',
  tidak_lapor: 'lapsed',
  diperpanjang: 'renewed',
}

/**
 * Adds up the Disnaker statistics of a period from card records' plain attributes, one row at a time
 * (a stream: memory holds the cells only, never the rows).
 *
 * @example
 * ```ts
 * const stats = createCardStatistics('balongbendo', { from: '2026-01-01', to: '2026-06-30' })
 * for await (const r of store.streamRecords({ officeCode, kind: 'card' })) stats.add(r)
 * stats.result().total.placed
 * ```
 */
export function createCardStatistics(officeCode: string, period: { from: string; to: string }) {
  const { from, to } = checkCardPeriod(period)
  const out: CardStatistics = {
    officeCode,
    from,
    to,
    total: zero(),
    bySex: { L: zero(), P: zero() },
    byAgeBand: Object.fromEntries(cardAgeBands.map((b) => [b, zero()])),
    byEducation: Object.fromEntries(educationLevels.map((l) => [l, zero()])),
  }
  const cells = (a: CardStatisticsRow['attributes']): CardCounts[] => {
    const list = [out.total]
    const pick = (table: Record<string, CardCounts>, value: unknown) => {
      const key = typeof value === 'string' ? value : 'tidak_diketahui'
      table[key] ??= zero()
      list.push(table[key])
    }
    pick(out.bySex, a.sex)
    pick(out.byAgeBand, a.ageBand)
    pick(out.byEducation, a.education)
    return list
  }
  return {
    add(row: CardStatisticsRow): void {
      const a = row.attributes
      const registered = typeof a.registeredOn === 'string' ? a.registeredOn : null
      if (registered === null || registered > to) return
      const ended = typeof a.endedOn === 'string' ? a.endedOn : null
      const counts: Array<keyof CardCounts> = []
      if (registered >= from) counts.push('registered')
      const ending = endings[row.state as CardState]
      if (ended !== null && ending && ended >= from && ended <= to) counts.push(ending)
      if (ended === null || ended > to) counts.push('active')
      if (!counts.length) return
      for (const cell of cells(a)) for (const c of counts) cell[c] += 1
    },
    result: (): CardStatistics => out,
  }
}

const csvColumns: Array<keyof CardCounts> = ['registered', 'placed', 'expired', 'lapsed', 'renewed', 'active']

/**
 * The statistics as CSV (RFC 4180, CRLF, a header row): one row per dimension and value, the total
 * first. Column heads in Bahasa Indonesia.
 */
export function cardStatisticsCsv(stats: CardStatistics): string {
  const head = [
    'kantor',
    'dari',
    'sampai',
    'dimensi',
    'nilai',
    'terdaftar',
    'ditempatkan',
    'kedaluwarsa',
    'tidak_lapor',
    'diperpanjang',
    'aktif',
  ]
  const rows: string[][] = [head]
  const push = (dimension: string, value: string, c: CardCounts) =>
    rows.push([
      stats.officeCode,
      stats.from,
      stats.to,
      dimension,
      value,
      ...csvColumns.map((k) => String(c[k])),
    ])
  push('total', 'semua', stats.total)
  for (const [value, c] of Object.entries(stats.bySex)) push('jenis_kelamin', value, c)
  for (const [value, c] of Object.entries(stats.byAgeBand)) push('kelompok_umur', value, c)
  for (const [value, c] of Object.entries(stats.byEducation)) push('pendidikan', value, c)
  const cell = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)
  return `${rows.map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`
}
