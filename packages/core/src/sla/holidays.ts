import { ConfigError } from '../errors/errors'
import { applyRevisions, emptySetState } from './holiday-revisions'
import type { WeekHours } from './hours'

/** Kind of a day off: a national holiday, a cuti bersama (collective leave) day, or an office closure. */
export type HolidayKind = 'libur_nasional' | 'cuti_bersama' | 'closure'

/**
 * Whether a day (or a year of data) is `official` (set by a decree, or certain by its rule: a civil
 * date, the Easter computus) or `provisional` (an estimate until the decree is entered).
 */
export type HolidayStatus = 'official' | 'provisional'

/** One day off, as the standard's `calendar.holidays` lists it. */
export interface HolidayDay {
  /** `'YYYY-MM-DD'`. */
  readonly date: string
  /** Indonesian name, e.g. `'Hari Raya Natal'`. */
  readonly name: string
  readonly kind: HolidayKind
  /**
   * `provisional` for an estimated date (a lunar holiday before its decree). A built set keeps the
   * mark only on provisional days; a day without it is official or certain. @default 'official'
   */
  readonly status?: HolidayStatus
}

/** A Ramadan period: from and to are inclusive days; `hours` default to {@link asnRamadanHours}. */
export interface RamadanPeriod {
  readonly from: string
  readonly to: string
  /** Office hours during the period. @default asnRamadanHours */
  readonly hours?: WeekHours
  /** The dates are an estimate (they follow the moon sighting and move every year). */
  readonly provisional?: boolean
}

/**
 * A named, versioned set of days off (and Ramadan periods) that a standard refers to by `id`.
 * A decree that adds or removes a day makes a new `version`; a calendar built on the set records it.
 *
 * The set states how far its data reaches: `officialUntil` is the last day covered by entered
 * decrees (a year is official only once its decree is entered, because its cuti bersama is unknown
 * until then), `provisionalUntil` the last day covered by any data, estimates included. Beyond
 * `provisionalUntil` a calendar still counts (weekdays work), and flags such deadlines.
 */
export interface HolidaySet {
  /** The name a standard uses in `calendar.holidays`, e.g. `'indonesia'`. */
  readonly id: string
  /** Version of the data, e.g. `'2026-skb-1'`. */
  readonly version: string
  /** Every day off, sorted by date. */
  readonly days: readonly HolidayDay[]
  /** Ramadan periods with reduced hours; used when a calendar gives no `ramadan` of its own. @default [] */
  readonly ramadan?: readonly RamadanPeriod[]
  /**
   * The last official day `'YYYY-MM-DD'` (31 December of the last year whose decree is entered, with
   * no provisional year before it), or `null` when no year is official.
   * @default on a set written by hand: 31 December of the last year with a day (all taken as official)
   */
  readonly officialUntil?: string | null
  /**
   * The last day `'YYYY-MM-DD'` any data (official or provisional) covers, or `null` without data.
   * @default on a set written by hand: the same as `officialUntil`
   */
  readonly provisionalUntil?: string | null
  /** Status of each year the data covers, e.g. `{ '2026': 'official', '2027': 'provisional' }`. */
  readonly years?: Readonly<Record<string, HolidayStatus>>
  /** Versions of the revisions applied, oldest first (a revision may not reuse one). */
  readonly revisions?: readonly string[]
}

/**
 * One decree (or amendment, or set of estimates) of a holiday set: the days it adds and the dates it
 * removes. An `official` revision for a `year` makes that year official: the days of the year left
 * from earlier estimates are confirmed by it (a decree that moves an estimated day removes the
 * estimate and adds the decreed day).
 */
export interface HolidayRevision {
  /** The version id the set has once this revision applies. */
  readonly version: string
  /** What the revision is, in Indonesian. */
  readonly decree: string
  /** The year the revision covers. @default the years of the days it adds */
  readonly year?: number
  /** `official` for an entered decree, `provisional` for estimates. @default 'official' */
  readonly status?: HolidayStatus
  /**
   * The decree's number and signing date (`'YYYY-MM-DD'`), e.g. the SKB 3 Menteri. Required of an
   * official revision an office enters (`holidayRevisions` of `createAk1Service`, {@link reviseHolidaySet}).
   */
  readonly skb?: { readonly number: string; readonly date: string }
  /** Days added. */
  readonly adds: readonly HolidayDay[]
  /** Dates (`'YYYY-MM-DD'`) whose entries this revision removes. @default [] */
  readonly removes?: readonly string[]
  /** Ramadan periods added. @default [] */
  readonly ramadan?: readonly RamadanPeriod[]
}

const ln = (date: string, name: string): HolidayDay => ({ date, name, kind: 'libur_nasional' })
const cb = (date: string, name: string): HolidayDay => ({ date, name, kind: 'cuti_bersama' })
/** A day certain by its rule (civil date, Easter computus), before its year's decree. */
const certain = (date: string, name: string): HolidayDay => ({ ...ln(date, name), status: 'official' })
/** An estimated day, provisional until its year's decree. */
const estimate = (date: string, name: string): HolidayDay => ({ ...ln(date, name), status: 'provisional' })

/**
 * The Indonesian holiday decrees in order (SKB 3 Menteri on libur nasional and cuti bersama, DOMAIN.md
 * section 5). Adding a year, or an amendment, is appending a revision here; nothing else changes.
 *
 * - `2025-skb-1`: the 2025 decree as first published.
 * - `2025-skb-2`: its mid-year amendment, adding 18 August 2025 as cuti bersama.
 * - `2026-skb-1`: the 2026 decree.
 * - `2027-perkiraan-1`: 2027 before its decree (provisional): the days certain by rule, and estimates
 *   of the lunar and lunisolar ones. No cuti bersama: they are unknown until the decree, so 2027
 *   stays provisional. An office enters the decree itself as a revision (`holidayRevisions`).
 *
 * The Ramadan periods are provisional estimates (1 Ramadan to the eve of Idul Fitri).
 */
export const indonesiaHolidayRevisions: readonly HolidayRevision[] = [
  {
    version: '2025-skb-1',
    decree: 'SKB 3 Menteri tentang Hari Libur Nasional dan Cuti Bersama Tahun 2025',
    adds: [
      ln('2025-01-01', 'Tahun Baru 2025 Masehi'),
      ln('2025-01-27', 'Isra Mikraj Nabi Muhammad SAW'),
      cb('2025-01-28', 'Cuti Bersama Tahun Baru Imlek 2576 Kongzili'),
      ln('2025-01-29', 'Tahun Baru Imlek 2576 Kongzili'),
      cb('2025-03-28', 'Cuti Bersama Hari Suci Nyepi Tahun Baru Saka 1947'),
      ln('2025-03-29', 'Hari Suci Nyepi Tahun Baru Saka 1947'),
      ln('2025-03-31', 'Hari Raya Idul Fitri 1446 Hijriah'),
      ln('2025-04-01', 'Hari Raya Idul Fitri 1446 Hijriah'),
      cb('2025-04-02', 'Cuti Bersama Hari Raya Idul Fitri 1446 Hijriah'),
      cb('2025-04-03', 'Cuti Bersama Hari Raya Idul Fitri 1446 Hijriah'),
      cb('2025-04-04', 'Cuti Bersama Hari Raya Idul Fitri 1446 Hijriah'),
      cb('2025-04-07', 'Cuti Bersama Hari Raya Idul Fitri 1446 Hijriah'),
      ln('2025-04-18', 'Wafat Yesus Kristus'),
      ln('2025-04-20', 'Kebangkitan Yesus Kristus (Paskah)'),
      ln('2025-05-01', 'Hari Buruh Internasional'),
      ln('2025-05-12', 'Hari Raya Waisak 2569 BE'),
      cb('2025-05-13', 'Cuti Bersama Hari Raya Waisak 2569 BE'),
      ln('2025-05-29', 'Kenaikan Yesus Kristus'),
      cb('2025-05-30', 'Cuti Bersama Kenaikan Yesus Kristus'),
      ln('2025-06-01', 'Hari Lahir Pancasila'),
      ln('2025-06-06', 'Hari Raya Idul Adha 1446 Hijriah'),
      cb('2025-06-09', 'Cuti Bersama Hari Raya Idul Adha 1446 Hijriah'),
      ln('2025-06-27', '1 Muharam Tahun Baru Islam 1447 Hijriah'),
      ln('2025-08-17', 'Proklamasi Kemerdekaan Republik Indonesia'),
      ln('2025-09-05', 'Maulid Nabi Muhammad SAW'),
      ln('2025-12-25', 'Hari Raya Natal'),
      cb('2025-12-26', 'Cuti Bersama Hari Raya Natal'),
    ],
    ramadan: [{ from: '2025-03-01', to: '2025-03-30', provisional: true }],
  },
  {
    version: '2025-skb-2',
    decree: 'Perubahan SKB 3 Menteri Tahun 2025: cuti bersama 18 Agustus 2025',
    adds: [cb('2025-08-18', 'Cuti Bersama Hari Kemerdekaan Republik Indonesia')],
  },
  {
    version: '2026-skb-1',
    decree: 'SKB 3 Menteri tentang Hari Libur Nasional dan Cuti Bersama Tahun 2026',
    adds: [
      ln('2026-01-01', 'Tahun Baru 2026 Masehi'),
      ln('2026-01-16', 'Isra Mikraj Nabi Muhammad SAW'),
      cb('2026-02-16', 'Cuti Bersama Tahun Baru Imlek 2577 Kongzili'),
      ln('2026-02-17', 'Tahun Baru Imlek 2577 Kongzili'),
      cb('2026-03-18', 'Cuti Bersama Hari Suci Nyepi Tahun Baru Saka 1948'),
      ln('2026-03-19', 'Hari Suci Nyepi Tahun Baru Saka 1948'),
      cb('2026-03-20', 'Cuti Bersama Hari Raya Idul Fitri 1447 Hijriah'),
      ln('2026-03-21', 'Hari Raya Idul Fitri 1447 Hijriah'),
      ln('2026-03-22', 'Hari Raya Idul Fitri 1447 Hijriah'),
      cb('2026-03-23', 'Cuti Bersama Hari Raya Idul Fitri 1447 Hijriah'),
      cb('2026-03-24', 'Cuti Bersama Hari Raya Idul Fitri 1447 Hijriah'),
      ln('2026-04-03', 'Wafat Yesus Kristus'),
      ln('2026-04-05', 'Kebangkitan Yesus Kristus (Paskah)'),
      ln('2026-05-01', 'Hari Buruh Internasional'),
      ln('2026-05-14', 'Kenaikan Yesus Kristus'),
      cb('2026-05-15', 'Cuti Bersama Kenaikan Yesus Kristus'),
      ln('2026-05-27', 'Hari Raya Idul Adha 1447 Hijriah'),
      cb('2026-05-28', 'Cuti Bersama Hari Raya Idul Adha 1447 Hijriah'),
      ln('2026-05-31', 'Hari Raya Waisak 2570 BE'),
      ln('2026-06-01', 'Hari Lahir Pancasila'),
      ln('2026-06-16', '1 Muharam Tahun Baru Islam 1448 Hijriah'),
      ln('2026-08-17', 'Proklamasi Kemerdekaan Republik Indonesia'),
      ln('2026-08-25', 'Maulid Nabi Muhammad SAW'),
      cb('2026-12-24', 'Cuti Bersama Hari Raya Natal'),
      ln('2026-12-25', 'Hari Raya Natal'),
    ],
    ramadan: [{ from: '2026-02-18', to: '2026-03-19', provisional: true }],
  },
  // Sources (DOMAIN.md section 5): the 2027 decree could not be read. Certain by rule: the civil
  // dates (1 Jan, 1 May, 1 Jun, 17 Aug, 25 Dec) and the Easter computus (Easter Sunday 28 March 2027,
  // so Good Friday 26 March and the Ascension 39 days later, 6 May). The other dates are the
  // estimates of public holiday libraries recorded in DOMAIN.md; Islamic dates move with the moon
  // sighting (hisab / rukyat) and the decree may also move a day. Cuti bersama: unknown, not guessed.
  {
    version: '2027-perkiraan-1',
    decree:
      'Perkiraan hari libur nasional Tahun 2027 (sebelum SKB 3 Menteri Tahun 2027); cuti bersama belum diketahui',
    year: 2027,
    status: 'provisional',
    adds: [
      certain('2027-01-01', 'Tahun Baru 2027 Masehi'),
      estimate('2027-01-05', 'Isra Mikraj Nabi Muhammad SAW'),
      estimate('2027-02-06', 'Tahun Baru Imlek 2578 Kongzili'),
      estimate('2027-03-08', 'Hari Suci Nyepi Tahun Baru Saka 1949'),
      estimate('2027-03-09', 'Hari Raya Idul Fitri 1448 Hijriah'),
      estimate('2027-03-10', 'Hari Raya Idul Fitri 1448 Hijriah'),
      certain('2027-03-26', 'Wafat Yesus Kristus'),
      certain('2027-03-28', 'Kebangkitan Yesus Kristus (Paskah)'),
      certain('2027-05-01', 'Hari Buruh Internasional'),
      certain('2027-05-06', 'Kenaikan Yesus Kristus'),
      estimate('2027-05-16', 'Hari Raya Idul Adha 1448 Hijriah'),
      estimate('2027-05-20', 'Hari Raya Waisak 2571 BE'),
      certain('2027-06-01', 'Hari Lahir Pancasila'),
      estimate('2027-06-06', '1 Muharam Tahun Baru Islam 1449 Hijriah'),
      estimate('2027-08-14', 'Maulid Nabi Muhammad SAW'),
      certain('2027-08-17', 'Proklamasi Kemerdekaan Republik Indonesia'),
      certain('2027-12-25', 'Hari Raya Natal'),
    ],
    ramadan: [{ from: '2027-02-08', to: '2027-03-09', provisional: true }],
  },
]

/**
 * Builds a {@link HolidaySet} by applying revisions in order, up to and including `upTo` (all of
 * them by default). This is how a caller gets an earlier version of a set, for instance the 2025
 * data before its amendment: `buildHolidaySet('indonesia', indonesiaHolidayRevisions, '2025-skb-1')`.
 * The set states its horizon (`officialUntil`, `provisionalUntil`) from the years the revisions cover.
 *
 * @param upTo - The last revision to apply. @default the last one
 * @throws {ConfigError} with `keys: ['upTo']` when `upTo` names no revision of the list, or
 *   `keys: ['revisions']` when the list is empty (message in Indonesian, `messageEn` in English).
 * @example
 * ```ts
 * const before = buildHolidaySet('indonesia', indonesiaHolidayRevisions, '2025-skb-1')
 * before.days.some((d) => d.date === '2025-08-18') // false
 * ```
 */
export function buildHolidaySet(
  id: string,
  revisions: readonly HolidayRevision[],
  upTo?: string,
): HolidaySet {
  const last = upTo === undefined ? revisions.length - 1 : revisions.findIndex((r) => r.version === upTo)
  if (last < 0) {
    if (upTo === undefined) {
      throw new ConfigError(`revisions: himpunan hari libur ${id} tidak memiliki revisi`, {
        messageEn: `revisions: holiday set ${id} has no revisions`,
        keys: ['revisions'],
      })
    }
    const known = revisions.map((r) => r.version).join(', ')
    throw new ConfigError(
      `upTo: revisi hari libur "${upTo}" tidak ada pada himpunan ${id}; yang ada: ${known || '(tidak ada)'}`,
      {
        messageEn: `upTo: holiday revision "${upTo}" does not exist in set ${id}; known: ${known || '(none)'}`,
        keys: ['upTo'],
      },
    )
  }
  return applyRevisions(id, emptySetState(), revisions.slice(0, last + 1))
}

/**
 * Every libur nasional and cuti bersama of Indonesia in 2025 and 2026 (DOMAIN.md section 5), each
 * with its Indonesian name and kind (2025 as amended on 18 August), and 2027 as provisional data
 * (version `2027-perkiraan-1`): official until 31 December 2026, provisional until 31 December 2027.
 * Plus the provisional Ramadan periods of 2025-2027. It is the set a standard names as
 * `calendar.holidays: 'indonesia'`. An office enters the 2027 decree with {@link reviseHolidaySet}
 * or the service's `holidayRevisions` option.
 */
export const indonesiaHolidays: HolidaySet = buildHolidaySet('indonesia', indonesiaHolidayRevisions)

/** The built-in named holiday sets; a caller registers more through `calendarFromStandard`'s `holidaySets`. */
export const holidaySets: Readonly<Record<string, HolidaySet>> = Object.freeze({
  indonesia: indonesiaHolidays,
})
