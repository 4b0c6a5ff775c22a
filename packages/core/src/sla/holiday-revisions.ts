import { z } from 'zod'
import { ConfigError, type ValidationIssue } from '../errors/errors'
import { toValidationIssues } from '../i18n/zod-issues'
import { deepFreeze } from '../util/canonical-json'
import type { HolidayDay, HolidayRevision, HolidaySet, HolidayStatus, RamadanPeriod } from './holidays'
import { slaIssue } from './messages'

/** A holiday set while revisions apply to it. @internal */
export interface SetState {
  readonly days: Map<string, HolidayDay[]>
  readonly ramadan: RamadanPeriod[]
  readonly years: Map<number, HolidayStatus>
  readonly revisions: string[]
}

/** A state with no data. @internal */
export function emptySetState(): SetState {
  return { days: new Map(), ramadan: [], years: new Map(), revisions: [] }
}

const yearOf = (date: string) => Number(date.slice(0, 4))

/**
 * The state of an existing set. A set written by hand, without `years`, is read as official for
 * every year it has a day in.
 * @internal
 */
export function setStateOf(set: HolidaySet): SetState {
  const state = emptySetState()
  for (const day of set.days) state.days.set(day.date, [...(state.days.get(day.date) ?? []), day])
  state.ramadan.push(...(set.ramadan ?? []))
  if (set.years) for (const [year, status] of Object.entries(set.years)) state.years.set(Number(year), status)
  else for (const day of set.days) state.years.set(yearOf(day.date), 'official')
  state.revisions.push(...(set.revisions ?? [set.version]))
  return state
}

/** Without the status mark on an official day: a built set marks only provisional days. */
const normalise = (day: HolidayDay): HolidayDay =>
  day.status === 'provisional' ? { ...day } : { date: day.date, name: day.name, kind: day.kind }

/**
 * Applies revisions to a state (which it changes) and returns the frozen set, at the version of the
 * last revision applied (or `fallbackVersion` when there is none).
 * @internal
 */
export function applyRevisions(
  id: string,
  state: SetState,
  revisions: readonly HolidayRevision[],
  fallbackVersion = '',
): HolidaySet {
  for (const revision of revisions) {
    const status = revision.status ?? 'official'
    for (const date of revision.removes ?? []) state.days.delete(date)
    for (const day of revision.adds) {
      const own: HolidayDay = normalise({ ...day, status: day.status ?? status })
      // The same holiday again (a decree naming an estimated day) replaces it rather than doubling it.
      const others = (state.days.get(day.date) ?? []).filter(
        (d) => d.kind !== day.kind || d.name !== day.name,
      )
      state.days.set(day.date, [...others, own])
    }
    state.ramadan.push(...(revision.ramadan ?? []))
    const years =
      revision.year !== undefined ? [revision.year] : [...new Set(revision.adds.map((d) => yearOf(d.date)))]
    for (const year of years) {
      if (status === 'official') {
        state.years.set(year, 'official')
        // The decree confirms the estimates of its year that it leaves in place.
        for (const [date, days] of state.days)
          if (yearOf(date) === year) state.days.set(date, days.map(confirm))
      } else if (state.years.get(year) !== 'official') state.years.set(year, 'provisional')
    }
    state.revisions.push(revision.version)
  }
  const days = [...state.days.keys()].sort().flatMap((date) => state.days.get(date) ?? [])
  const years = Object.fromEntries(
    [...state.years].sort((a, b) => a[0] - b[0]).map(([y, s]) => [String(y), s]),
  )
  return deepFreeze({
    id,
    version: revisions.at(-1)?.version ?? fallbackVersion,
    days,
    ramadan: [...state.ramadan],
    ...horizonOfYears(state.years),
    years,
    revisions: [...state.revisions],
  })
}

const confirm = (day: HolidayDay): HolidayDay => ({ date: day.date, name: day.name, kind: day.kind })

/**
 * The horizon of data covering `years`: official until 31 December of the last official year with
 * no provisional (or missing) year before it, provisional until 31 December of the last year.
 * @internal
 */
export function horizonOfYears(years: ReadonlyMap<number, HolidayStatus>): {
  officialUntil: string | null
  provisionalUntil: string | null
} {
  const sorted = [...years.keys()].sort((a, b) => a - b)
  if (sorted.length === 0) return { officialUntil: null, provisionalUntil: null }
  let official: number | null = null
  for (const [i, year] of sorted.entries()) {
    if (years.get(year) !== 'official' || (i > 0 && year !== sorted[i - 1]! + 1)) break
    official = year
  }
  return {
    officialUntil: official === null ? null : `${official}-12-31`,
    provisionalUntil: `${sorted.at(-1)}-12-31`,
  }
}

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'iso_day' })
const text = z.string().trim().min(1).max(500)
const revisionSchema = z
  .object({
    version: z.string().trim().min(1).max(100),
    decree: text,
    year: z.number().int().min(1900).max(2299).optional(),
    status: z.enum(['official', 'provisional']).optional(),
    skb: z.object({ number: text, date: isoDay }).strict().optional(),
    adds: z.array(
      z
        .object({
          date: isoDay,
          name: text,
          kind: z.enum(['libur_nasional', 'cuti_bersama', 'closure']),
          status: z.enum(['official', 'provisional']).optional(),
        })
        .strict(),
    ),
    removes: z.array(isoDay).optional(),
    ramadan: z
      .array(
        z.object({
          from: isoDay,
          to: isoDay,
          hours: z.unknown().optional(),
          provisional: z.boolean().optional(),
        }),
      )
      .optional(),
  })
  .strict()

const realDay = (value: string) => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value)
  if (!m) return false
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])))
  return (
    d.getUTCFullYear() === Number(m[1]) &&
    d.getUTCMonth() === Number(m[2]) - 1 &&
    d.getUTCDate() === Number(m[3])
  )
}

const revisionTexts = {
  revision_version_duplicate: {
    id: 'versi revisi sudah dipakai pada himpunan ini',
    en: 'the revision version is already used in this set',
  },
  revision_day_removed_and_added: {
    id: 'tanggal yang sama tidak boleh dihapus dan ditambahkan dalam satu revisi',
    en: 'a date may not be both removed and added by one revision',
  },
  revision_skb_required: {
    id: 'revisi resmi wajib menyebut nomor dan tanggal SKB',
    en: 'an official revision must give the decree (SKB) number and date',
  },
} as const

function issue(path: (string | number)[], rule: keyof typeof revisionTexts, detail: string): ValidationIssue {
  const t = revisionTexts[rule]
  return { path, rule, message: `${t.id} (${detail})`, messageEn: `${t.en} (${detail})` }
}

/**
 * Checks revisions an office enters against the set they extend: the shape, real dates, versions
 * not used before (in the set or in the list), no date both removed and added by one revision, and
 * the decree number and date of an official revision.
 * @throws {ConfigError} naming each bad field under `path` (message in Indonesian, `messageEn` in English).
 * @internal
 */
export function checkHolidayRevisions(
  set: HolidaySet,
  revisions: unknown,
  path: string,
): readonly HolidayRevision[] {
  const parsed = z.array(revisionSchema).safeParse(revisions, { reportInput: true })
  const issues: ValidationIssue[] = parsed.success ? [] : toValidationIssues(parsed.error.issues)
  if (parsed.success) {
    const used = new Set(set.revisions ?? [set.version])
    for (const [i, r] of parsed.data.entries()) {
      if (used.has(r.version)) issues.push(issue([i, 'version'], 'revision_version_duplicate', r.version))
      used.add(r.version)
      const dates: Array<[string, (string | number)[]]> = [
        ...r.adds.map((d, j): [string, (string | number)[]] => [d.date, [i, 'adds', j, 'date']]),
        ...(r.removes ?? []).map((d, j): [string, (string | number)[]] => [d, [i, 'removes', j]]),
        ...(r.ramadan ?? []).flatMap(
          (p, j): Array<[string, (string | number)[]]> => [
            [p.from, [i, 'ramadan', j, 'from']],
            [p.to, [i, 'ramadan', j, 'to']],
          ],
        ),
      ]
      if (r.skb) dates.push([r.skb.date, [i, 'skb', 'date']])
      for (const [date, where] of dates)
        if (!realDay(date)) issues.push(slaIssue(where, 'calendar_date', date))
      const removed = new Set(r.removes ?? [])
      for (const [j, d] of r.adds.entries())
        if (removed.has(d.date))
          issues.push(issue([i, 'adds', j, 'date'], 'revision_day_removed_and_added', d.date))
      if ((r.status ?? 'official') === 'official' && !r.skb)
        issues.push(issue([i, 'skb'], 'revision_skb_required', r.version))
    }
  }
  if (issues.length === 0) return parsed.data as readonly HolidayRevision[]
  const named = issues.map((x) => [path, ...x.path].join('.'))
  throw new ConfigError(
    `Revisi hari libur tidak valid: ${issues.map((x, k) => `${named[k]}: ${x.message}`).join('; ')}`,
    {
      messageEn: `Invalid holiday revision: ${issues.map((x, k) => `${named[k]}: ${x.messageEn}`).join('; ')}`,
      keys: [...new Set(named)],
    },
  )
}

/**
 * A new set: `set` with `revisions` applied in order, for an office entering a decree (the SKB 3
 * Menteri of a year, or an amendment) as data, without a new release of the library. The revisions
 * are checked first; `set` itself never changes (it is frozen), so a bad revision leaves every
 * calendar built on it as it was.
 *
 * @param path - The option name used in error messages. @default 'revisions'
 * @throws {ConfigError} naming each bad field: an impossible date, a version already used, a date
 *   both removed and added, an official revision without its SKB number and date.
 * @example
 * ```ts
 * const set = reviseHolidaySet(indonesiaHolidays, [{
 *   version: '2027-skb-1',
 *   decree: 'SKB 3 Menteri tentang Hari Libur Nasional dan Cuti Bersama Tahun 2027',
 *   skb: { number: '...', date: '2026-10-01' },
 *   year: 2027,
 *   adds: [{ date: '2027-03-11', name: 'Cuti Bersama Idul Fitri 1448 H', kind: 'cuti_bersama' }],
 * }])
 * set.officialUntil // '2027-12-31'
 * ```
 */
export function reviseHolidaySet(
  set: HolidaySet,
  revisions: readonly HolidayRevision[],
  path = 'revisions',
): HolidaySet {
  const checked = checkHolidayRevisions(set, revisions, path)
  return applyRevisions(set.id, setStateOf(set), checked, set.version)
}
