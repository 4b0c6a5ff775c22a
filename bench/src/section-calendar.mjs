// Section 4: addWorkingDays of the working calendar over 2025-2026 against date-fns'
// addBusinessDays with a holiday loop (same zone, same holiday days), on the same inputs.
import { balongbendo, calendarFromStandard, indonesiaHolidays } from '@ak1/core'
import { createDateFnsAddWorkingDays } from './calendar-baseline.mjs'
import { opsPerSecond, random, round } from './util.mjs'

const inputCount = 4096

/**
 * Inputs both sides agree on: instants between 08.00 and 11.30 local time (inside every day's hours, Ramadan and Friday too) on working days of
 * 2025-2026 (so the calendar's clamping to office hours never applies), and 1 to 10 days.
 */
function inputs(calendar) {
  const rnd = random(20250101)
  const starts = []
  const days = []
  const first = Date.UTC(2025, 0, 1)
  const span = Date.UTC(2026, 10, 30) - first
  while (starts.length < inputCount) {
    const day = calendar.dayOf(new Date(first + Math.floor(rnd() * span)))
    if (!calendar.isWorkingDay(day)) continue
    const minutes = 8 * 60 + Math.floor(rnd() * 210)
    const clock = `${String(Math.floor(minutes / 60)).padStart(2, '0')}.${String(minutes % 60).padStart(2, '0')}`
    starts.push(calendar.at(day, clock))
    days.push(1 + Math.floor(rnd() * 10))
  }
  return { starts, days }
}

export async function runCalendar(size) {
  const calendar = calendarFromStandard(balongbendo)
  const holidays = indonesiaHolidays.days.map((d) => d.date).filter((d) => d >= '2025' && d < '2028')
  const dateFns = createDateFnsAddWorkingDays({ timeZone: calendar.timeZone, holidays })
  const { starts, days } = inputs(calendar)
  // Both sides must give the same answers, or the ratio compares different things.
  let mismatches = 0
  for (let i = 0; i < inputCount; i++) {
    if (calendar.addWorkingDays(starts[i], days[i]).getTime() !== dateFns(starts[i], days[i]).getTime())
      mismatches++
  }
  if (mismatches > 0) throw new Error(`calendar: ${mismatches} of ${inputCount} answers differ from date-fns`)
  const mask = inputCount - 1
  let sink = 0
  const ours = []
  const theirs = []
  for (let r = 0; r < 3; r++) {
    theirs.push(
      opsPerSecond((i) => (sink += dateFns(starts[i & mask], days[i & mask]).getTime()), {
        minMs: size.calendarMinMs / 3,
        batch: 64,
      }),
    )
    ours.push(
      opsPerSecond((i) => (sink += calendar.addWorkingDays(starts[i & mask], days[i & mask]).getTime()), {
        minMs: size.calendarMinMs / 3,
        batch: 4096,
      }),
    )
  }
  if (sink === 0) throw new Error('unreachable')
  const best = (list) => Math.max(...list.map((m) => m.perSecond))
  return {
    calendarVsDateFns: round(best(ours) / best(theirs), 1),
    figures: {
      calendarVersion: calendar.version,
      inputs: inputCount,
      checkedEqual: inputCount,
      calendarOpsPerSecond: round(best(ours), 0),
      dateFnsOpsPerSecond: round(best(theirs), 0),
    },
  }
}
