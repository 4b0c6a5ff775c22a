import { TZDate } from '@date-fns/tz'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { atTimeInZone, dayInZone, startOfDayInZone } from '../src/card/dates'

// The oracle is TZDate itself, built fresh for every answer: the card dates must give what it gives
// in every zone, including zones with daylight saving (the office calendar's zone is configuration),
// and the same answer the second time (when the instant is remembered) as the first.
const zones = [
  'Asia/Jakarta',
  'Asia/Makassar',
  'Asia/Jayapura',
  'America/New_York',
  'Europe/Berlin',
  'Australia/Lord_Howe',
  'UTC',
]
const pad = (n: number, w = 2) => String(n).padStart(w, '0')

const oracleAt = (day: string, time: string, zone: string) => {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number]
  return new TZDate(y, m - 1, d, Number(time.slice(0, 2)), Number(time.slice(3, 5)), 0, 0, zone).getTime()
}
const oracleDay = (ms: number, zone: string) => {
  const z = new TZDate(ms, zone)
  return `${pad(z.getFullYear(), 4)}-${pad(z.getMonth() + 1)}-${pad(z.getDate())}`
}

describe('card dates in any time zone', () => {
  it('atTimeInZone and dayInZone agree with TZDate on DST days, twice in a row', () => {
    // Spring forward and fall back in New York and Berlin (2026), Lord Howe's half-hour shift.
    const days = [
      '2026-03-08',
      '2026-11-01',
      '2026-03-29',
      '2026-10-25',
      '2026-04-05',
      '2026-10-04',
      '2026-01-01',
    ]
    const times = ['00.00', '01.30', '02.00', '02.30', '03.00', '08.00', '23.59']
    for (let round = 0; round < 2; round++) {
      for (const zone of zones)
        for (const day of days)
          for (const time of times) {
            const got = atTimeInZone(day, time, zone)
            expect(got.getTime(), `${zone} ${day} ${time}`).toBe(oracleAt(day, time, zone))
            expect(dayInZone(got, zone)).toBe(oracleDay(got.getTime(), zone))
          }
    }
  })

  it('agrees with TZDate on random days, times and zones', () => {
    const day = fc
      .date({
        min: new Date(Date.UTC(1990, 0, 1)),
        max: new Date(Date.UTC(2060, 11, 31)),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString().slice(0, 10))
    const time = fc
      .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
      .map(([h, m]) => `${pad(h)}.${pad(m)}`)
    fc.assert(
      fc.property(
        day,
        time,
        fc.constantFrom(...zones),
        fc.integer({ min: -3 * 3_600_000, max: 3 * 3_600_000 }),
        (d, t, zone, shift) => {
          const at = atTimeInZone(d, t, zone)
          expect(at.getTime()).toBe(oracleAt(d, t, zone))
          expect(atTimeInZone(d, t, zone).getTime()).toBe(at.getTime())
          expect(dayInZone(new Date(at.getTime() + shift), zone)).toBe(oracleDay(at.getTime() + shift, zone))
        },
      ),
      { numRuns: 2000 },
    )
  })

  it('gives a fresh Date each time, so a caller changing one does not change the next answer', () => {
    const first = startOfDayInZone('2026-05-01', 'Asia/Jakarta')
    first.setTime(0)
    expect(startOfDayInZone('2026-05-01', 'Asia/Jakarta').toISOString()).toBe('2026-04-30T17:00:00.000Z')
  })

  it('gives years outside 1000-9999 as TZDate does (four digits, no era)', () => {
    for (const ms of [
      Date.UTC(999, 5, 1),
      Date.UTC(12_000, 0, 1),
      Date.UTC(-5, 0, 1),
      Date.UTC(1000, 0, 1),
    ]) {
      expect(dayInZone(new Date(ms), 'Asia/Jakarta')).toBe(oracleDay(ms, 'Asia/Jakarta'))
    }
    expect(dayInZone(new Date(Date.UTC(999, 5, 1)), 'Asia/Jakarta')).toBe('0999-06-01')
  })

  it('reads an instant given as a string, and a fixed offset zone, as TZDate does', () => {
    expect(dayInZone('2026-03-09T17:30:00Z', 'Asia/Jakarta')).toBe('2026-03-10')
    expect(dayInZone('2026-03-09T17:30:00Z', '+07:00')).toBe(
      oracleDay(Date.parse('2026-03-09T17:30:00Z'), '+07:00'),
    )
  })
})
