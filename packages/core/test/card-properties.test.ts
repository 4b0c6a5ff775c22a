import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  balongbendo,
  balongbendoInput,
  cardSchedule,
  decideCardReport,
  defineStandard,
  openCardRecord,
  ValidationError,
} from '../src/index'

// WIB is UTC+7 with no daylight saving: an independent oracle for the WIB day of an instant.
const wibDay = (ms: number) => new Date(ms + 7 * 3_600_000).toISOString().slice(0, 10)
const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate()
const instant = fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2035, 11, 31) })

describe('card dates (properties)', () => {
  it('reporting dates are six calendar months apart from the WIB registration day, clamped at month ends', () => {
    fc.assert(
      fc.property(instant, (ms) => {
        const at = new Date(ms).toISOString()
        const s = cardSchedule({ registeredAt: at, issuedAt: at }, balongbendo.card, 'Asia/Jakarta')
        expect(s.anchorDay).toBe(wibDay(ms))
        const [y, m, d] = s.anchorDay.split('-').map(Number) as [number, number, number]
        expect(s.reportingDates).toHaveLength(4)
        s.reportingDates.forEach((date, i) => {
          const [yy, mm, dd] = date.split('-').map(Number) as [number, number, number]
          expect(yy * 12 + mm - (y * 12 + m)).toBe(6 * (i + 1))
          expect(dd).toBe(Math.min(d, lastDay(yy, mm)))
        })
        expect(s.validUntil).toBe(s.reportingDates[3])
        // Expiry is 00.00 WIB (17.00 UTC the evening before) of the day after the last valid day.
        expect(wibDay(Date.parse(s.expiresAt))).not.toBe(s.validUntil)
        expect(wibDay(Date.parse(s.expiresAt) - 1)).toBe(s.validUntil)
      }),
      { numRuns: 500 },
    )
  })

  it('every reminder falls at 08.00 WIB on its lead day, after the moment the card was opened', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 10 }), (ms, daysToIssue) => {
        const registeredAt = new Date(ms).toISOString()
        const issuedAt = new Date(ms + daysToIssue * 86_400_000).toISOString()
        const now = new Date(Date.parse(issuedAt) + 3_600_000)
        const { record, effects } = openCardRecord(
          { id: 'k', caseId: 'c', cardNumber: 'n', registeredAt, issuedAt },
          { standard: balongbendo, now, actor: { id: 'u', role: 'operator' } },
        )
        for (const r of effects.reminders.schedule) {
          expect(Date.parse(r.at)).toBeGreaterThan(now.getTime())
          expect(new Date(r.at).toISOString().slice(11, 16)).toBe('01:00')
          const leadDay = new Date(Date.parse(`${r.date}T00:00:00Z`) - r.daysBefore * 86_400_000)
          expect(wibDay(Date.parse(r.at))).toBe(leadDay.toISOString().slice(0, 10))
        }
        for (const slot of record.reporting) {
          expect(wibDay(Date.parse(slot.closesAt) - 1)).toBe(slot.dueDate)
        }
      }),
      { numRuns: 300 },
    )
  })

  it('a "still seeking" report is taken exactly inside its window, early before the WIB due day, late only when the office records late reports', () => {
    const lenient = defineStandard({
      ...balongbendoInput,
      card: { reporting: { earlyDays: 14, graceDays: 3, late: 'record_late' } },
    })
    const strict = defineStandard({
      ...balongbendoInput,
      card: { reporting: { earlyDays: 14, graceDays: 3, late: 'refuse' } },
    })
    fc.assert(
      fc.property(
        instant,
        fc.integer({ min: -40 * 24, max: 10 * 24 }),
        fc.boolean(),
        (ms, hours, recordLate) => {
          const standard = recordLate ? lenient : strict
          const at = new Date(ms).toISOString()
          const actor = { id: 'u', role: 'petugas' }
          const { record } = openCardRecord(
            { id: 'k', caseId: 'c', cardNumber: 'n', registeredAt: at, issuedAt: at },
            { standard, now: new Date(ms), actor },
          )
          const slot = record.reporting[0]!
          // Around the first due day: from 40 days before to 10 days after its 00.00 WIB.
          const t = Date.parse(`${slot.dueDate}T00:00:00+07:00`) + hours * 3_600_000
          const opens = Date.parse(`${slot.dueDate}T00:00:00+07:00`) - 14 * 86_400_000
          const closes = Date.parse(`${slot.dueDate}T00:00:00+07:00`) + 4 * 86_400_000
          const ctx = { standard, now: new Date(t), actor }
          const decide = () => decideCardReport(record, { kind: 'still_seeking', cardNumber: 'n' }, ctx)
          if (t < opens || (t >= closes && !recordLate)) {
            expect(decide).toThrow(ValidationError)
            return
          }
          const timing = decide().record.reporting[0]?.report?.timing
          if (t >= closes) expect(timing).toBe('late')
          else expect(timing).toBe(wibDay(t) < slot.dueDate ? 'early' : 'on_time')
        },
      ),
      { numRuns: 300 },
    )
  })
})
