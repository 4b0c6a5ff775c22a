// The calendar's horizon: the 2027 data (provisional until its decree), deadlines that say they are
// estimates, a decree entered as data, bad revisions refused, and the documented range.
import { describe, expect, it } from 'vitest'
import {
  buildHolidaySet,
  type ConfigError,
  createWorkingCalendar,
  evaluateSla,
  indonesiaHolidayRevisions,
  indonesiaHolidays,
  isAk1Error,
  recomputeClock,
  reviseHolidaySet,
  startClock,
} from '../src/index'
import { decree2027 } from './calendar-fixtures'

const wib = createWorkingCalendar({ holidays: indonesiaHolidays })

function configError(fn: () => unknown): ConfigError {
  try {
    fn()
  } catch (error) {
    if (isAk1Error(error) && error.code === 'CONFIG') return error as ConfigError
    throw error
  }
  throw new Error('expected a ConfigError')
}

describe('the 2027 data', () => {
  it('holds the days certain by rule and the estimates, and no cuti bersama', () => {
    const y2027 = indonesiaHolidays.days.filter((d) => d.date.startsWith('2027'))
    const certain = y2027.filter((d) => d.status === undefined).map((d) => d.date)
    const estimated = y2027.filter((d) => d.status === 'provisional').map((d) => d.date)
    expect(certain).toEqual([
      '2027-01-01',
      '2027-03-26',
      '2027-03-28',
      '2027-05-01',
      '2027-05-06',
      '2027-06-01',
      '2027-08-17',
      '2027-12-25',
    ])
    expect(estimated).toEqual([
      '2027-01-05',
      '2027-02-06',
      '2027-03-08',
      '2027-03-09',
      '2027-03-10',
      '2027-05-16',
      '2027-05-20',
      '2027-06-06',
      '2027-08-14',
    ])
    expect(y2027.filter((d) => d.kind === 'cuti_bersama')).toEqual([])
    expect(indonesiaHolidays.version).toBe('2027-perkiraan-1')
  })

  it('states its horizon: official until the end of 2026, provisional until the end of 2027', () => {
    expect(indonesiaHolidays.officialUntil).toBe('2026-12-31')
    expect(indonesiaHolidays.provisionalUntil).toBe('2027-12-31')
    expect(indonesiaHolidays.years).toEqual({ '2025': 'official', '2026': 'official', '2027': 'provisional' })
    expect(wib.horizon).toEqual({ officialUntil: '2026-12-31', provisionalUntil: '2027-12-31' })
  })

  it('describes 1 January 2027 as a day off, on provisional data', () => {
    expect(wib.describeDay('2027-01-01')).toMatchObject({
      working: false,
      holidays: [{ date: '2027-01-01', name: 'Tahun Baru 2027 Masehi', kind: 'libur_nasional' }],
      provisional: true,
    })
    expect(wib.describeDay('2026-12-31')).toMatchObject({ working: true, provisional: false })
    expect(wib.describeDay('2027-03-08').working).toBe(false)
  })
})

describe('a deadline across provisional days', () => {
  it('29 December 2026 10.00 WIB plus 3 working days is Monday 4 January 2027 10.00, provisional', () => {
    const received = wib.at('2026-12-29', '10.00')
    const due = wib.addWorkingDays(received, 3)
    expect(wib.format(due, 'long')).toBe('Senin, 4 Januari 2027 pukul 10.00 WIB')
    expect(wib.provisional(received, due)).toEqual({
      years: [2027],
      reason: 'data hari libur 2027 belum resmi',
      reasonEn: 'holiday data for 2027 is not official yet',
    })
    const ledger = startClock(wib, received, 3)
    expect(ledger.dueAt).toBe(due.toISOString())
    expect(ledger.provisional?.reason).toBe('data hari libur 2027 belum resmi')
  })

  it('entering a decree with no cuti bersama on 4 January makes the same date official', () => {
    const received = wib.at('2026-12-29', '10.00')
    const ledger = startClock(wib, received, 3)
    const decreed = createWorkingCalendar({ holidays: reviseHolidaySet(indonesiaHolidays, [decree2027]) })
    expect(decreed.horizon).toEqual({ officialUntil: '2027-12-31', provisionalUntil: '2027-12-31' })
    const after = recomputeClock(ledger, decreed, wib.at('2026-12-30', '08.00'))
    expect(after.dueAt).toBe(ledger.dueAt)
    expect(after.calendarVersion).toBe(decreed.version)
    expect(after.provisional).toBeUndefined()
    expect(after.recomputations).toHaveLength(1)
    // The decree confirms the estimates it leaves in place.
    expect(decreed.describeDay('2027-03-09')).toMatchObject({ working: false, provisional: false })
  })

  it('a deadline computed on the 2026 data alone (due on New Year 2027) shows as provisional until recomputed', () => {
    const old = createWorkingCalendar({
      holidays: buildHolidaySet('indonesia', indonesiaHolidayRevisions, '2026-skb-1'),
    })
    const { provisional: _, ...ledger } = startClock(old, old.at('2026-12-29', '10.00'), 3)
    expect(old.format(ledger.dueAt)).toBe('2027-01-01 10.00 WIB')
    const view = evaluateSla(ledger, wib, wib.at('2026-12-29', '11.00'))
    expect(view.dueAt).toBe(ledger.dueAt)
    expect(view.provisional?.reason).toBe('data hari libur 2027 belum resmi')
    const recomputed = recomputeClock(ledger, wib, wib.at('2026-12-29', '11.00'))
    expect(wib.format(recomputed.dueAt)).toBe('2027-01-04 10.00 WIB')
  })

  it('a count across Nyepi and Idul Fitri (8-10 March 2027) is provisional and due after Lebaran', () => {
    const received = wib.at('2027-03-05', '10.00')
    const due = wib.addWorkingDays(received, 3)
    expect(wib.format(due)).toBe('2027-03-15 10.00 WIB')
    expect(wib.provisional(received, due)?.years).toEqual([2027])
  })

  it('beyond the data the calendar still counts, and says the data is missing', () => {
    const received = wib.at('2028-03-01', '10.00')
    const due = wib.addWorkingDays(received, 3)
    expect(wib.format(due)).toBe('2028-03-06 10.00 WIB')
    expect(wib.provisional(received, due)).toEqual({
      years: [2028],
      reason: 'data hari libur 2028 belum tersedia',
      reasonEn: 'no holiday data for 2028 yet',
    })
    expect(wib.provisional(wib.at('2026-06-01', '10.00'), wib.at('2026-06-04', '10.00'))).toBeNull()
  })
})

describe('revisions an office enters', () => {
  const before = JSON.stringify(indonesiaHolidays)
  const checkUnchanged = () => {
    expect(JSON.stringify(indonesiaHolidays)).toBe(before)
    expect(wib.isWorkingDay('2027-03-11')).toBe(true)
    expect(wib.horizon.officialUntil).toBe('2026-12-31')
  }

  it('refuses an impossible date, naming the field in Indonesian', () => {
    const error = configError(() =>
      reviseHolidaySet(
        indonesiaHolidays,
        [{ ...decree2027, adds: [{ date: '2027-02-30', name: 'Tidak ada', kind: 'cuti_bersama' }] }],
        'holidayRevisions.indonesia',
      ),
    )
    expect(error.keys).toEqual(['holidayRevisions.indonesia.0.adds.0.date'])
    expect(error.message).toContain('holidayRevisions.indonesia.0.adds.0.date: harus berupa tanggal')
    expect(error.messageEn).toContain('must be a real calendar date')
    checkUnchanged()
  })

  it('refuses a version already used, by the set or twice in the list', () => {
    const reused = configError(() =>
      reviseHolidaySet(indonesiaHolidays, [{ ...decree2027, version: '2026-skb-1' }]),
    )
    expect(reused.keys).toEqual(['revisions.0.version'])
    expect(reused.message).toContain('versi revisi sudah dipakai')
    const twice = configError(() => reviseHolidaySet(indonesiaHolidays, [decree2027, decree2027]))
    expect(twice.keys).toEqual(['revisions.1.version'])
    checkUnchanged()
  })

  it('refuses a day both removed and added by one revision', () => {
    const error = configError(() =>
      reviseHolidaySet(indonesiaHolidays, [{ ...decree2027, removes: ['2027-03-11'] }]),
    )
    expect(error.keys).toEqual(['revisions.0.adds.0.date'])
    expect(error.message).toContain('tidak boleh dihapus dan ditambahkan')
    checkUnchanged()
  })

  it('asks an official revision for its SKB number and date', () => {
    const { skb: _, ...withoutSkb } = decree2027
    const error = configError(() => reviseHolidaySet(indonesiaHolidays, [withoutSkb]))
    expect(error.keys).toEqual(['revisions.0.skb'])
    expect(error.message).toContain('nomor dan tanggal SKB')
    checkUnchanged()
  })

  it('moves a provisional day: the estimate goes, the decreed day counts', () => {
    const moved = reviseHolidaySet(indonesiaHolidays, [
      {
        version: '2027-perkiraan-2',
        decree: 'Perkiraan baru Idul Adha 1448 H (uji)',
        status: 'provisional',
        year: 2027,
        removes: ['2027-05-16'],
        adds: [{ date: '2027-05-17', name: 'Hari Raya Idul Adha 1448 Hijriah', kind: 'libur_nasional' }],
      },
    ])
    const cal = createWorkingCalendar({ holidays: moved })
    expect(cal.isWorkingDay('2027-05-17')).toBe(false)
    expect(cal.describeDay('2027-05-16').holidays).toEqual([])
    expect(moved.days.find((d) => d.date === '2027-05-17')?.status).toBe('provisional')
    expect(moved.revisions).toEqual([
      '2025-skb-1',
      '2025-skb-2',
      '2026-skb-1',
      '2027-perkiraan-1',
      '2027-perkiraan-2',
    ])
    expect(cal.horizon.officialUntil).toBe('2026-12-31')
    expect(cal.version).not.toBe(wib.version)
  })

  it('takes a decreed day already estimated as the same holiday, not a second one', () => {
    const idulFitri = {
      date: '2027-03-10',
      name: 'Hari Raya Idul Fitri 1448 Hijriah',
      kind: 'libur_nasional' as const,
    }
    const set = reviseHolidaySet(indonesiaHolidays, [{ ...decree2027, adds: [idulFitri] }])
    expect(set.days.filter((d) => d.date === '2027-03-10')).toEqual([idulFitri])
    expect(set.years?.['2027']).toBe('official')
  })
})

describe('the documented range', () => {
  it('reaches 31 December 2299 and no further', () => {
    const last = wib.at('2299-12-30', '10.00')
    expect(wib.describeDay('2299-12-31').date).toBe('2299-12-31')
    let caught: unknown
    try {
      wib.addWorkingDays(last, 3)
    } catch (error) {
      caught = error
    }
    expect(caught).toMatchObject({ code: 'VALIDATION', issues: [{ rule: 'instant_range' }] })
    expect(String((caught as Error).message)).toMatch(/1900-2299/)
    expect(wib.format(wib.addWorkingDays(wib.at('2299-12-20', '10.00'), 3))).toMatch(
      /^2299-12-2\d 10\.00 WIB$/,
    )
    expect(() => wib.describeDay('2300-01-01')).toThrow(/1900-2299/)
  })
})
