import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  createWorkingCalendar,
  dueRowsFor,
  evaluateSla,
  pauseClock,
  resumeClock,
  startClock,
  type WorkingCalendar,
} from '../src/index'

const wib = createWorkingCalendar()
const wita = createWorkingCalendar({ timeZone: 'Asia/Makassar', cutoff: '14.00' })

const MINUTE = 60_000
const DAY = 86_400_000
const instant = fc.integer({ min: Date.UTC(2024, 11, 1), max: Date.UTC(2027, 0, 1) })
const span = fc.integer({ min: 0, max: 12 * DAY })
const limit = fc.integer({ min: 1, max: 6 })

/** Where a resubmission at `at` starts counting: with a cut-off, the next working morning after it. */
const counted = (cal: WorkingCalendar, at: number) => cal.countFrom(at).getTime()

describe('case clock properties', () => {
  it('pausing for a span moves the due time by exactly the working minutes in that span', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(wib, wita),
        instant,
        limit,
        span,
        span,
        (cal, received, n, toPause, length) => {
          const ledger = startClock(cal, received, n)
          const pauseAt = received + toPause
          const resumeAt = pauseAt + length
          const resumed = resumeClock(pauseClock(ledger, pauseAt, 'menunggu_pemohon'), cal, resumeAt)
          const pauseFrom = Math.max(pauseAt, Date.parse(ledger.startedAt))
          const expected = cal.workingMinutesBetween(pauseFrom, Math.max(counted(cal, resumeAt), pauseFrom))
          expect(cal.workingMinutesBetween(ledger.dueAt, resumed.dueAt)).toBe(expected)
          expect(Date.parse(resumed.dueAt)).toBeGreaterThanOrEqual(Date.parse(ledger.dueAt))
          if (cal === wib) {
            // Without a cut-off the span is simply pause -> resume.
            expect(expected).toBe(Math.max(0, cal.workingMinutesBetween(pauseFrom, resumeAt)))
          }
        },
      ),
      { numRuns: 2000 },
    )
  })

  it('elapsed + remaining - overdue is always the budget, and the due rows agree with the status', () => {
    fc.assert(
      fc.property(instant, limit, span, span, span, (received, n, toPause, length, later) => {
        const cal = wib
        const ledger = startClock(cal, received, n)
        const pauseAt = received + toPause
        const resumed = resumeClock(pauseClock(ledger, pauseAt, 'menunggu_pemohon'), cal, pauseAt + length)
        const now = pauseAt + length + later
        const view = evaluateSla(resumed, cal, now)
        expect(Math.round((view.elapsedMinutes + view.remainingMinutes - view.overdueMinutes) * MINUTE)).toBe(
          Math.round(resumed.budgetMinutes * MINUTE),
        )
        const [atRisk, breached] = dueRowsFor(resumed, cal)
        expect(breached?.dueAt).toBe(resumed.dueAt)
        const expected =
          now >= Date.parse(resumed.dueAt)
            ? 'breached'
            : now >= Date.parse(atRisk!.dueAt)
              ? 'at_risk'
              : 'on_track'
        expect(view.status).toBe(expected)
      }),
      { numRuns: 1000 },
    )
  })
})
