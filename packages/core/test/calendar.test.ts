import { describe, expect, it } from 'vitest'
import {
  balongbendo,
  buildHolidaySet,
  ConfigError,
  calendarFromStandard,
  createWorkingCalendar,
  type HolidaySet,
  holidaySets,
  indonesiaHolidayRevisions,
  indonesiaHolidays,
  ValidationError,
  type WorkingCalendar,
} from '../src/index'

const wib = createWorkingCalendar()

/** `calendar.at` shortcut that also names the day, for readable tables. */
const at = (cal: WorkingCalendar, day: string, time: string) => cal.at(day, time)
const fmt = (cal: WorkingCalendar, d: Date) => cal.format(d)

function captureError(fn: () => unknown): unknown {
  try {
    fn()
  } catch (e) {
    return e
  }
  throw new Error('expected an error')
}

describe('indonesiaHolidays', () => {
  it('holds every libur nasional and cuti bersama of 2025 and 2026 from DOMAIN.md, labelled', () => {
    const count = (year: string, kind: string) =>
      indonesiaHolidays.days.filter((d) => d.date.startsWith(year) && d.kind === kind).length
    expect(count('2025', 'libur_nasional')).toBe(17)
    expect(count('2025', 'cuti_bersama')).toBe(11)
    expect(count('2026', 'libur_nasional')).toBe(17)
    expect(count('2026', 'cuti_bersama')).toBe(8)
    expect(indonesiaHolidays.days.find((d) => d.date === '2026-12-25')).toEqual({
      date: '2026-12-25',
      name: 'Hari Raya Natal',
      kind: 'libur_nasional',
    })
    expect(indonesiaHolidays.days.find((d) => d.date === '2026-12-24')?.kind).toBe('cuti_bersama')
    for (const day of indonesiaHolidays.days) expect(day.name.length).toBeGreaterThan(3)
    const dates = indonesiaHolidays.days.map((d) => d.date)
    expect([...dates].sort()).toEqual(dates)
    expect(indonesiaHolidays.version).toBe('2027-perkiraan-1')
    expect(holidaySets.indonesia).toBe(indonesiaHolidays)
  })

  it('ships provisional Ramadan periods for 2025, 2026 and 2027', () => {
    expect(indonesiaHolidays.ramadan).toEqual([
      { from: '2025-03-01', to: '2025-03-30', provisional: true },
      { from: '2026-02-18', to: '2026-03-19', provisional: true },
      { from: '2027-02-08', to: '2027-03-09', provisional: true },
    ])
  })

  it('models the 2025 amendment (18 August) as a new version; the earlier one can still be built', () => {
    const before = buildHolidaySet('indonesia', indonesiaHolidayRevisions, '2025-skb-1')
    const after = buildHolidaySet('indonesia', indonesiaHolidayRevisions, '2025-skb-2')
    expect(before.days.some((d) => d.date === '2025-08-18')).toBe(false)
    expect(after.days.find((d) => d.date === '2025-08-18')?.kind).toBe('cuti_bersama')
    expect(before.days.some((d) => d.date.startsWith('2026'))).toBe(false)

    const oldCal = createWorkingCalendar({ holidays: before })
    const newCal = createWorkingCalendar({ holidays: after })
    expect(oldCal.version).not.toBe(newCal.version)
    expect(oldCal.version).toMatch(/^indonesia@2025-skb-1#/)
    expect(oldCal.isWorkingDay('2025-08-18')).toBe(true)
    expect(newCal.isWorkingDay('2025-08-18')).toBe(false)
    // Friday 15 Aug 10.00 + 1 working day: Monday 18 Aug before the amendment, Tuesday 19 Aug after.
    expect(fmt(oldCal, oldCal.addWorkingDays(at(oldCal, '2025-08-15', '10.00'), 1))).toBe(
      '2025-08-18 10.00 WIB',
    )
    expect(fmt(newCal, newCal.addWorkingDays(at(newCal, '2025-08-15', '10.00'), 1))).toBe(
      '2025-08-19 10.00 WIB',
    )
  })

  it('a revision can remove a day, and an unknown revision is refused', () => {
    const moved = buildHolidaySet('x', [
      ...indonesiaHolidayRevisions,
      { version: 'fix', decree: 'test', adds: [], removes: ['2026-12-24'] },
    ])
    expect(moved.days.some((d) => d.date === '2026-12-24')).toBe(false)
    expect(moved.version).toBe('fix')
    let unknown: unknown
    try {
      buildHolidaySet('x', indonesiaHolidayRevisions, 'nope')
    } catch (e) {
      unknown = e
    }
    expect(unknown).toBeInstanceOf(ConfigError)
    expect(unknown).toMatchObject({ code: 'CONFIG', keys: ['upTo'] })
    expect((unknown as ConfigError).message).toContain('revisi hari libur "nope" tidak ada')
    expect((unknown as ConfigError).message).toContain('2025-skb-1')
    expect((unknown as ConfigError).messageEn).toContain('holiday revision "nope" does not exist')
    expect(() => buildHolidaySet('x', [])).toThrow(ConfigError)
    expect(() => buildHolidaySet('x', [])).toThrow(/tidak memiliki revisi/)
  })
})

describe('createWorkingCalendar: office hours', () => {
  it('defaults to the ASN hours: 37.5 working hours a week, breaks excluded', () => {
    expect(wib.timeZone).toBe('Asia/Jakarta')
    expect(wib.offsetMinutes).toBe(7 * 60)
    // Monday 7 Dec to Saturday 12 Dec 2026: no holidays.
    expect(wib.workingMinutesBetween(at(wib, '2026-12-07', '00.00'), at(wib, '2026-12-12', '00.00'))).toBe(
      37.5 * 60,
    )
    expect(wib.describeDay('2026-12-07').open).toEqual([
      { start: '07.30', end: '12.00' },
      { start: '13.00', end: '16.00' },
    ])
    expect(wib.describeDay('2026-12-11').open).toEqual([
      { start: '07.30', end: '11.30' },
      { start: '13.00', end: '16.30' },
    ])
    expect(wib.describeDay('2026-12-12')).toMatchObject({ weekday: 'sat', working: false, open: [] })
  })

  it('is open inside office hours only; the closing instant and breaks are outside', () => {
    expect(wib.isOpen(at(wib, '2026-12-07', '07.29'))).toBe(false)
    expect(wib.isOpen(at(wib, '2026-12-07', '07.30'))).toBe(true)
    expect(wib.isOpen(at(wib, '2026-12-07', '12.00'))).toBe(false)
    expect(wib.isOpen(at(wib, '2026-12-07', '12.59'))).toBe(false)
    expect(wib.isOpen(at(wib, '2026-12-07', '13.00'))).toBe(true)
    expect(wib.isOpen(at(wib, '2026-12-07', '16.00'))).toBe(false)
    expect(wib.isOpen(at(wib, '2026-12-11', '16.15'))).toBe(true) // Friday closes 16.30
    expect(wib.isOpen(at(wib, '2026-12-11', '12.15'))).toBe(false) // Friday break 11.30-13.00
  })

  it('nextOpening: the instant itself when open, else after the break or the next working morning', () => {
    expect(fmt(wib, wib.nextOpening(at(wib, '2026-12-07', '10.00')))).toBe('2026-12-07 10.00 WIB')
    expect(fmt(wib, wib.nextOpening(at(wib, '2026-12-07', '06.00')))).toBe('2026-12-07 07.30 WIB')
    expect(fmt(wib, wib.nextOpening(at(wib, '2026-12-07', '12.15')))).toBe('2026-12-07 13.00 WIB')
    expect(fmt(wib, wib.nextOpening(at(wib, '2026-12-07', '16.00')))).toBe('2026-12-08 07.30 WIB')
    expect(fmt(wib, wib.nextOpening(at(wib, '2026-12-23', '18.00')))).toBe('2026-12-28 07.30 WIB')
  })

  it('counts working minutes across breaks and days', () => {
    expect(fmt(wib, wib.addWorkingMinutes(at(wib, '2026-12-07', '11.30'), 60))).toBe('2026-12-07 13.30 WIB')
    // Exactly reaching the closing time ends the day there, not on the next morning.
    expect(fmt(wib, wib.addWorkingMinutes(at(wib, '2026-12-07', '15.00'), 60))).toBe('2026-12-07 16.00 WIB')
    expect(fmt(wib, wib.addWorkingMinutes(at(wib, '2026-12-07', '15.00'), 61))).toBe('2026-12-08 07.31 WIB')
    expect(fmt(wib, wib.addWorkingMinutes(at(wib, '2026-12-07', '20.00'), 0))).toBe('2026-12-08 07.30 WIB')
    expect(wib.workingMinutesBetween(at(wib, '2026-12-07', '07.30'), at(wib, '2026-12-07', '16.00'))).toBe(
      450,
    )
    expect(wib.workingMinutesBetween(at(wib, '2026-12-07', '16.00'), at(wib, '2026-12-07', '07.30'))).toBe(
      -450,
    )
    expect(wib.workingMinutesBetween(at(wib, '2026-12-23', '15.00'), at(wib, '2026-12-28', '08.30'))).toBe(
      120,
    )
  })

  it('reads a Date day in the calendar zone, not in UTC', () => {
    // 23 Dec 17.30 UTC is 24 Dec 00.30 WIB: cuti bersama.
    expect(wib.isWorkingDay(new Date('2026-12-23T17:30:00Z'))).toBe(false)
    expect(wib.isWorkingDay(new Date('2026-12-23T16:30:00Z'))).toBe(true)
    expect(wib.dayOf('2026-12-23T17:30:00Z')).toBe('2026-12-24')
    expect(wib.describeDay('2026-12-24').holidays[0]?.name).toBe('Cuti Bersama Hari Raya Natal')
  })

  it('formats in Indonesian', () => {
    expect(wib.format(at(wib, '2026-12-30', '10.00'), 'long')).toBe('Rabu, 30 Desember 2026 pukul 10.00 WIB')
  })
})

describe('addWorkingDays on real 2025 and 2026 dates', () => {
  const cases: Array<[string, string, string, number, string]> = [
    // [label, day, time, n, expected]
    ['Natal 2026: 24 cuti bersama, 25 Natal, 26-27 weekend', '2026-12-23', '10.00', 3, '2026-12-30 10.00'],
    ['Natal 2025: 25 Natal, 26 cuti bersama', '2025-12-24', '09.00', 1, '2025-12-29 09.00'],
    [
      'Lebaran 2025: 28 Mar cuti, 29 Nyepi, 31 Mar-1 Apr, 2-7 Apr cuti',
      '2025-03-27',
      '10.00',
      1,
      '2025-04-08 10.00',
    ],
    ['Lebaran 2025, 3 days', '2025-03-27', '10.00', 3, '2025-04-10 10.00'],
    ['Lebaran 2025 from a Ramadan afternoon', '2025-03-26', '14.30', 2, '2025-04-08 14.30'],
    [
      'Lebaran 2026: 18 cuti, 19 Nyepi, 20 cuti, 21-22, 23-24 cuti',
      '2026-03-17',
      '10.00',
      1,
      '2026-03-25 10.00',
    ],
    ['Lebaran 2026 from a Ramadan afternoon', '2026-03-16', '14.00', 2, '2026-03-25 14.00'],
    ['Hari Buruh 2026 (Friday)', '2026-04-30', '10.00', 1, '2026-05-04 10.00'],
    ['17 Agustus 2026 (Monday)', '2026-08-14', '15.00', 1, '2026-08-18 15.00'],
    ['Isra Mikraj 2026 (Friday 16 Jan)', '2026-01-15', '08.00', 1, '2026-01-19 08.00'],
    ['after closing on a Friday counts from Monday 07.30', '2026-12-04', '17.00', 3, '2026-12-10 07.30'],
    ['Friday 16.15 lands at Monday closing (16.00)', '2026-12-04', '16.15', 1, '2026-12-07 16.00'],
    ['on a Saturday counts from Monday', '2026-12-05', '10.00', 1, '2026-12-08 07.30'],
    ['in the break counts from 13.00', '2026-12-07', '12.15', 1, '2026-12-08 13.00'],
    ['zero days is the next opening', '2026-12-24', '10.00', 0, '2026-12-28 07.30'],
    ['into a Ramadan day that opens at 08.00 (16-17 Feb off)', '2026-02-13', '07.30', 1, '2026-02-18 08.00'],
    ['into a Ramadan day that closes at 15.00', '2026-02-13', '15.45', 1, '2026-02-18 15.00'],
  ]
  it.each(cases)('%s', (_label, day, time, n, expected) => {
    expect(fmt(wib, wib.addWorkingDays(at(wib, day, time), n))).toBe(`${expected} WIB`)
  })

  it('grows its table on demand, before 2020 and after 2035', () => {
    expect(fmt(wib, wib.addWorkingDays(at(wib, '2040-01-02', '10.00'), 5))).toBe('2040-01-09 10.00 WIB')
    expect(fmt(wib, wib.addWorkingDays(at(wib, '2015-06-01', '10.00'), 1))).toBe('2015-06-02 10.00 WIB')
    // 2035-12-31 is a Monday; 2600 working days are about ten years of weekdays.
    const far = wib.addWorkingDays(at(wib, '2035-12-31', '10.00'), 2600)
    expect(wib.isWorkingDay(far)).toBe(true)
    expect(wib.workingMinutesBetween(at(wib, '2035-12-31', '10.00'), far)).toBe(2600 * 450)
  })
})

describe('Ramadan hours', () => {
  it('applies 08.00-15.00 (Friday 15.30) with shorter breaks: 32.5 hours a week', () => {
    expect(wib.describeDay('2026-03-02')).toMatchObject({
      ramadan: true,
      open: [
        { start: '08.00', end: '12.00' },
        { start: '12.30', end: '15.00' },
      ],
    })
    expect(wib.describeDay('2026-03-06').open).toEqual([
      { start: '08.00', end: '11.30' },
      { start: '12.30', end: '15.30' },
    ])
    expect(wib.workingMinutesBetween(at(wib, '2026-03-02', '00.00'), at(wib, '2026-03-07', '00.00'))).toBe(
      32.5 * 60,
    )
    expect(fmt(wib, wib.nextOpening(at(wib, '2026-03-02', '07.45')))).toBe('2026-03-02 08.00 WIB')
  })

  it('can be turned off or given other hours per period', () => {
    const none = createWorkingCalendar({ ramadan: [] })
    expect(none.describeDay('2026-03-02').ramadan).toBe(false)
    expect(none.isOpen(none.at('2026-03-02', '07.45'))).toBe(true)
    const own = createWorkingCalendar({
      ramadan: [{ from: '2026-02-18', to: '2026-03-19', hours: { mon: { open: '09.00', close: '14.00' } } }],
    })
    expect(own.describeDay('2026-03-02').open).toEqual([{ start: '09.00', end: '14.00' }])
    expect(own.isWorkingDay('2026-03-03')).toBe(false) // Tuesday has no hours in that period
  })
})

describe('cut-off, closures, swapped days, zones', () => {
  it('a submission at or after the cut-off counts from the next working morning', () => {
    const cal = createWorkingCalendar({ cutoff: '15.00' })
    expect(cal.cutoff).toBe('15.00')
    expect(fmt(cal, cal.countFrom(at(cal, '2026-12-07', '14.59')))).toBe('2026-12-07 14.59 WIB')
    expect(fmt(cal, cal.countFrom(at(cal, '2026-12-07', '15.00')))).toBe('2026-12-08 07.30 WIB')
    expect(fmt(cal, cal.countFrom(at(cal, '2026-12-23', '15.10')))).toBe('2026-12-28 07.30 WIB')
    expect(fmt(cal, cal.countFrom(at(cal, '2026-12-05', '09.00')))).toBe('2026-12-07 07.30 WIB')
    // The office still works until closing: working time ignores the cut-off.
    expect(cal.workingMinutesBetween(at(cal, '2026-12-07', '15.00'), at(cal, '2026-12-07', '16.00'))).toBe(60)
    // Without a cut-off, countFrom is nextOpening.
    expect(fmt(wib, wib.countFrom(at(wib, '2026-12-07', '15.30')))).toBe('2026-12-07 15.30 WIB')
    expect(cal.version).not.toBe(wib.version)
  })

  it('office closures and swapped working days', () => {
    const cal = createWorkingCalendar({
      closures: [{ date: '2026-12-07', name: 'Kantor tutup (pindahan)', kind: 'closure' }],
      extraWorkingDays: ['2026-12-05', { date: '2026-12-24', hours: { open: '08.00', close: '12.00' } }],
    })
    expect(cal.isWorkingDay('2026-12-07')).toBe(false)
    expect(cal.describeDay('2026-12-07').holidays[0]?.kind).toBe('closure')
    expect(cal.isWorkingDay('2026-12-05')).toBe(true)
    expect(cal.describeDay('2026-12-05').open).toEqual([
      { start: '07.30', end: '12.00' },
      { start: '13.00', end: '16.00' },
    ])
    expect(cal.describeDay('2026-12-24')).toMatchObject({
      working: true,
      extraWorkingDay: true,
      open: [{ start: '08.00', end: '12.00' }],
    })
    // Friday 4 Dec 10.00 + 2: Saturday 5 (swapped in), Monday 7 closed, Tuesday 8.
    expect(fmt(cal, cal.addWorkingDays(at(cal, '2026-12-04', '10.00'), 2))).toBe('2026-12-08 10.00 WIB')
  })

  it('WITA: office time is read in Asia/Makassar (UTC+8)', () => {
    const wita = createWorkingCalendar({ timeZone: 'Asia/Makassar' })
    expect(wita.offsetMinutes).toBe(480)
    expect(wita.zoneAbbreviation).toBe('WITA')
    const received = wita.at('2026-12-23', '10.00')
    expect(received.toISOString()).toBe('2026-12-23T02:00:00.000Z')
    expect(wita.addWorkingDays(received, 3).toISOString()).toBe('2026-12-30T02:00:00.000Z')
    expect(wita.format(wita.addWorkingDays(received, 3))).toBe('2026-12-30 10.00 WITA')
    // 07.45 WITA is open; the same instant is 06.45 WIB, closed.
    expect(wita.isOpen('2026-12-21T23:45:00Z')).toBe(true)
    expect(wib.isOpen('2026-12-21T23:45:00Z')).toBe(false)
  })

  it('WIT and Pontianak', () => {
    const wit = createWorkingCalendar({ timeZone: 'Asia/Jayapura' })
    expect(wit.offsetMinutes).toBe(540)
    expect(wit.format(wit.at('2026-12-23', '10.00'))).toBe('2026-12-23 10.00 WIT')
    const ptk = createWorkingCalendar({ timeZone: 'Asia/Pontianak' })
    expect(ptk.at('2026-12-23', '10.00').getTime()).toBe(wib.at('2026-12-23', '10.00').getTime())
  })

  it('takes a plain list of days instead of a set', () => {
    const cal = createWorkingCalendar({
      holidays: [{ date: '2026-12-08', name: 'Libur kantor', kind: 'closure' }],
    })
    expect(cal.holidaySet).toBeNull()
    expect(cal.version).toMatch(/^custom#[0-9a-f]{12}$/)
    expect(cal.isWorkingDay('2026-12-25')).toBe(true)
    expect(cal.isWorkingDay('2026-12-08')).toBe(false)
    expect(cal.describeDay('2026-12-02').ramadan).toBe(false)
    expect(createWorkingCalendar({ version: 'kantor-2026.1' }).version).toBe('kantor-2026.1')
  })
})

describe('bad input', () => {
  const issuesOf = (fn: () => unknown) => {
    const e = captureError(fn)
    expect(e).toBeInstanceOf(ValidationError)
    return (e as ValidationError).issues.map((i) => ({ path: i.path.join('.'), rule: i.rule }))
  }

  it('names the field and rule of bad hours, breaks, dates and zones, in Indonesian', () => {
    expect(
      issuesOf(() => createWorkingCalendar({ hours: { mon: { open: '16.00', close: '07.30' } } })),
    ).toEqual([{ path: 'hours.mon.close', rule: 'hours_order' }])
    expect(
      issuesOf(() =>
        createWorkingCalendar({
          hours: { mon: { open: '07.30', close: '16.00', breaks: [{ start: '06.00', end: '07.00' }] } },
        }),
      ),
    ).toEqual([{ path: 'hours.mon.breaks.0', rule: 'break_outside_hours' }])
    expect(
      issuesOf(() =>
        createWorkingCalendar({
          hours: {
            mon: {
              open: '07.30',
              close: '16.00',
              breaks: [
                { start: '12.00', end: '13.00' },
                { start: '12.30', end: '13.30' },
              ],
            },
          },
        }),
      ),
    ).toEqual([{ path: 'hours.mon.breaks.1', rule: 'break_order' }])
    expect(issuesOf(() => createWorkingCalendar({ hours: {} }))).toEqual([
      { path: 'hours', rule: 'no_working_day' },
    ])
    expect(
      issuesOf(() =>
        createWorkingCalendar({ closures: [{ date: '2026-02-30', name: 'x', kind: 'closure' }] }),
      ),
    ).toEqual([{ path: 'closures.0.date', rule: 'calendar_date' }])
    expect(
      issuesOf(() => createWorkingCalendar({ ramadan: [{ from: '2026-03-19', to: '2026-02-18' }] })),
    ).toEqual([{ path: 'ramadan.0.to', rule: 'date_range_order' }])
    expect(issuesOf(() => createWorkingCalendar({ cutoff: '25.00' }))).toEqual([
      { path: 'cutoff', rule: 'clock_time' },
    ])
    const zone = captureError(() =>
      createWorkingCalendar({ timeZone: 'Europe/Amsterdam' as 'Asia/Jakarta' }),
    ) as ValidationError
    expect(zone.issues[0]?.path).toEqual(['timeZone'])
    const e = captureError(() => createWorkingCalendar({ hours: { mon: { open: '16.00', close: '07.30' } } }))
    expect((e as ValidationError).message).toContain('hours.mon.close: jam tutup harus setelah jam buka')
    expect((e as ValidationError).messageEn).toContain('closing time must be after opening time')
  })

  it('refuses bad arguments', () => {
    const start = at(wib, '2026-12-07', '10.00')
    expect(issuesOf(() => wib.addWorkingDays(start, -1))).toEqual([{ path: 'n', rule: 'working_days_count' }])
    expect(issuesOf(() => wib.addWorkingDays(start, 1.5))).toEqual([
      { path: 'n', rule: 'working_days_count' },
    ])
    expect(issuesOf(() => wib.addWorkingMinutes(start, -5))).toEqual([
      { path: 'minutes', rule: 'working_minutes_count' },
    ])
    expect(issuesOf(() => wib.isOpen('kemarin'))).toEqual([{ path: 'instant', rule: 'instant' }])
    expect(issuesOf(() => wib.isOpen('2026-12-07T10:00:00'))).toEqual([{ path: 'instant', rule: 'instant' }])
    expect(issuesOf(() => wib.isOpen(new Date(Number.NaN)))).toEqual([{ path: 'instant', rule: 'instant' }])
    expect(issuesOf(() => wib.isWorkingDay('2026-13-01'))).toEqual([{ path: 'day', rule: 'calendar_date' }])
    expect(issuesOf(() => wib.isOpen(Date.UTC(2400, 0, 1)))).toEqual([
      { path: 'instant', rule: 'instant_range' },
    ])
    expect(issuesOf(() => wib.workingMinutesBetween(start, 'x'))).toEqual([{ path: 'b', rule: 'instant' }])
  })
})

describe('createWorkingCalendar with the standard shape', () => {
  it('takes a standard calendar field directly, built-in set name included', () => {
    const cal = createWorkingCalendar(balongbendo.calendar)
    expect(cal.version).toBe(wib.version)
    const e = captureError(() => createWorkingCalendar({ holidays: 'belanda' })) as ValidationError
    expect(e.issues.map((i) => [i.path.join('.'), i.rule])).toEqual([['holidays', 'holiday_set']])
    expect(e.message).toContain('kumpulan hari libur tidak dikenal')
  })
})

describe('calendarFromStandard', () => {
  it('resolves the Balongbendo calendar: WIB, ASN hours, the indonesia set', () => {
    const cal = calendarFromStandard(balongbendo)
    expect(cal.version).toMatch(/^indonesia@2027-perkiraan-1#/)
    expect(cal.version).toBe(wib.version)
    expect(cal.isWorkingDay('2026-12-24')).toBe(false)
    expect(calendarFromStandard(balongbendo)).toBe(cal)
  })

  it('reads hours, explicit holidays, cut-off and version from the standard', () => {
    const cal = calendarFromStandard({
      calendar: {
        timeZone: 'Asia/Makassar',
        hours: { mon: { open: '08.00', close: '12.00', breaks: [] } },
        holidays: [{ date: '2026-12-07', name: 'Libur', kind: 'closure' }],
        closures: [],
        extraWorkingDays: [],
        cutoff: '11.00',
        version: 'krian-1',
      },
    })
    expect(cal.version).toBe('krian-1')
    expect(cal.timeZone).toBe('Asia/Makassar')
    expect(cal.isWorkingDay('2026-12-07')).toBe(false)
    expect(cal.isWorkingDay('2026-12-08')).toBe(false)
    expect(cal.isWorkingDay('2026-12-14')).toBe(true)
    expect(cal.cutoff).toBe('11.00')
  })

  it('resolves a holiday set the caller registers, and names an unknown one', () => {
    const mine: HolidaySet = {
      id: 'jatim',
      version: 'v1',
      days: [{ date: '2026-12-08', name: 'x', kind: 'closure' }],
    }
    const ref = { calendar: { ...balongbendo.calendar, holidays: 'jatim' } }
    const cal = calendarFromStandard(ref, { holidaySets: { jatim: mine } })
    expect(cal.version).toMatch(/^jatim@v1#/)
    expect(cal.isWorkingDay('2026-12-08')).toBe(false)
    const e = captureError(() => calendarFromStandard(ref))
    expect(e).toBeInstanceOf(ConfigError)
    expect((e as ConfigError).keys).toEqual(['calendar.holidays'])
    expect((e as ConfigError).message).toContain("'jatim' tidak dikenal")
  })
})
