import { TZDate } from '@date-fns/tz'
import { addDays, format, isWeekend } from 'date-fns'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createWorkingCalendar, indonesiaHolidays } from '../src/index'

const wib = createWorkingCalendar()
const wita = createWorkingCalendar({ timeZone: 'Asia/Makassar', cutoff: '14.00' })
/** Irregular hours: a Saturday half day, two breaks on Wednesday, closures and a swapped Sunday. */
const odd = createWorkingCalendar({
  timeZone: 'Asia/Jayapura',
  hours: {
    mon: { open: '08.00', close: '16.00', breaks: [{ start: '12.00', end: '13.00' }] },
    wed: {
      open: '07.00',
      close: '17.30',
      breaks: [
        { start: '10.00', end: '10.15' },
        { start: '12.00', end: '13.30' },
      ],
    },
    fri: { open: '07.30', close: '11.00' },
    sat: { open: '08.00', close: '12.00' },
  },
  closures: [{ date: '2026-01-05', name: 'Tutup', kind: 'closure' }],
  extraWorkingDays: ['2026-01-11'],
})
const calendars = [wib, wita, odd]

const from = Date.UTC(2024, 0, 1)
const to = Date.UTC(2029, 0, 1)
const instant = fc.integer({ min: from, max: to })
const calendar = fc.constantFrom(...calendars)

describe('calendar properties', () => {
  it('addWorkingDays never lands on a non-working day, and is monotonic in the instant and in n', () => {
    fc.assert(
      fc.property(calendar, instant, instant, fc.integer({ min: 0, max: 40 }), (cal, x, y, n) => {
        const [a, b] = x <= y ? [x, y] : [y, x]
        const ra = cal.addWorkingDays(a, n)
        const rb = cal.addWorkingDays(b, n)
        expect(cal.isWorkingDay(ra)).toBe(true)
        expect(cal.isWorkingDay(rb)).toBe(true)
        expect(ra.getTime()).toBeLessThanOrEqual(rb.getTime())
        expect(cal.addWorkingDays(a, n + 1).getTime()).toBeGreaterThan(ra.getTime())
        expect(ra.getTime()).toBeGreaterThanOrEqual(a)
      }),
      { numRuns: 2000 },
    )
  })

  it('workingMinutesBetween(a, addWorkingMinutes(a, m)) === m', () => {
    fc.assert(
      fc.property(calendar, instant, fc.integer({ min: 0, max: 30_000 }), (cal, a, m) => {
        expect(cal.workingMinutesBetween(a, cal.addWorkingMinutes(a, m))).toBe(m)
      }),
      { numRuns: 3000 },
    )
  })

  it('working time is additive and antisymmetric', () => {
    fc.assert(
      fc.property(calendar, instant, instant, instant, (cal, a, b, c) => {
        const ab = cal.workingMillisBetween(a, b)
        expect(ab + cal.workingMillisBetween(b, c)).toBe(cal.workingMillisBetween(a, c))
        expect(cal.workingMillisBetween(b, a) + ab).toBe(0)
      }),
      { numRuns: 1000 },
    )
  })

  it('nextOpening is the first open instant at or after the instant, with no working time before it', () => {
    fc.assert(
      fc.property(calendar, instant, (cal, a) => {
        const next = cal.nextOpening(a)
        expect(next.getTime()).toBeGreaterThanOrEqual(a)
        expect(cal.isOpen(next)).toBe(true)
        expect(cal.workingMillisBetween(a, next)).toBe(0)
        expect(cal.isOpen(a)).toBe(next.getTime() === a)
      }),
      { numRuns: 1000 },
    )
  })

  it('agrees with a naive day-by-day walk over the holiday data (date-fns)', () => {
    const off = new Set(indonesiaHolidays.days.map((d) => d.date))
    const isWorking = (d: TZDate) => !isWeekend(d) && !off.has(format(d, 'yyyy-MM-dd'))
    const dayIndex = fc.integer({ min: 0, max: 2 * 365 })
    fc.assert(
      fc.property(dayIndex, fc.integer({ min: 1, max: 30 }), (i, n) => {
        const start = addDays(new TZDate(2025, 0, 1, 10, 0, 'Asia/Jakarta'), i)
        fc.pre(isWorking(start))
        let d = start
        for (let k = 0; k < n; ) {
          d = addDays(d, 1)
          if (isWorking(d)) k++
        }
        expect(wib.addWorkingDays(start, n).getTime()).toBe(d.getTime())
      }),
      { numRuns: 1000 },
    )
  })
})
