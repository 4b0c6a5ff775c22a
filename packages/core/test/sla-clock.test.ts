import { describe, expect, it } from 'vitest'
import {
  balongbendo,
  buildHolidaySet,
  type ClockLedger,
  calendarFromStandard,
  createWorkingCalendar,
  dueRowsFor,
  evaluateSla,
  extendClock,
  ForbiddenError,
  InvalidTransitionError,
  indonesiaHolidayRevisions,
  pauseClock,
  recomputeClock,
  resumeClock,
  startClock,
  stopClock,
  ValidationError,
} from '../src/index'

const cal = calendarFromStandard(balongbendo)
const t = (day: string, time: string) => cal.at(day, time)
const show = (iso: string | null) => (iso === null ? null : cal.format(iso))
const policy = { allowed: true, maxWorkingDays: 2, maxTimes: 1 }

function captureError(fn: () => unknown): unknown {
  try {
    fn()
  } catch (e) {
    return e
  }
  throw new Error('expected an error')
}

/** Received Monday 7 Dec 2026 10.00 WIB with the 3-working-day limit: due Thursday 10 Dec 10.00. */
const received = () => startClock(cal, t('2026-12-07', '10.00'), 3)

describe('startClock', () => {
  it('gives the due time N working days after receipt (23 Dec 2026 example), as plain JSON', () => {
    const ledger = startClock(cal, t('2026-12-23', '10.00'), balongbendo.completion.workingDays as number)
    expect(ledger.plannedDueAt).toBe('2026-12-30T03:00:00.000Z')
    expect(ledger.dueAt).toBe(ledger.plannedDueAt)
    // 23 Dec 10.00-16.00 minus the break (300) + 28 and 29 Dec (450 each) + 30 Dec 07.30-10.00 (150).
    expect(ledger.budgetMinutes).toBe(1350)
    expect(ledger.calendarVersion).toBe(cal.version)
    expect(JSON.parse(JSON.stringify(ledger))).toEqual(ledger)
    expect(ledger.segments).toEqual([{ state: 'running', from: '2026-12-23T03:00:00.000Z', to: null }])
  })

  it('a submission after closing on a Friday starts counting on Monday 07.30', () => {
    const ledger = startClock(cal, t('2026-12-04', '17.00'), 3)
    expect(show(ledger.receivedAt)).toBe('2026-12-04 17.00 WIB')
    expect(show(ledger.startedAt)).toBe('2026-12-07 07.30 WIB')
    expect(show(ledger.dueAt)).toBe('2026-12-10 07.30 WIB')
  })

  it('applies the cut-off of the calendar', () => {
    const withCutoff = createWorkingCalendar({ cutoff: '15.00' })
    const ledger = startClock(withCutoff, withCutoff.at('2026-12-07', '15.30'), 3)
    expect(withCutoff.format(ledger.startedAt)).toBe('2026-12-08 07.30 WIB')
    expect(withCutoff.format(ledger.dueAt)).toBe('2026-12-11 07.30 WIB')
    // Returned the same evening, resubmitted Tuesday 09.00: the pause counts from Tuesday 07.30 only.
    const paused = pauseClock(ledger, withCutoff.at('2026-12-07', '15.45'), 'menunggu_pemohon')
    const resumed = resumeClock(paused, withCutoff, withCutoff.at('2026-12-08', '09.00'))
    expect(resumed.segments[1]).toMatchObject({ workingMinutes: 90 })
    expect(withCutoff.format(resumed.dueAt)).toBe('2026-12-11 09.00 WIB')
  })

  it('refuses a limit that is not a whole number of days >= 1', () => {
    const e = captureError(() => startClock(cal, t('2026-12-07', '10.00'), 0)) as ValidationError
    expect(e).toBeInstanceOf(ValidationError)
    expect(e.issues.map((i) => [i.path.join('.'), i.rule])).toEqual([['limitWorkingDays', 'limit_days']])
  })
})

describe('pause and resume', () => {
  it('a case returned for two working days and resubmitted is due two working days later', () => {
    const ledger = received()
    expect(show(ledger.dueAt)).toBe('2026-12-10 10.00 WIB')
    const paused = pauseClock(ledger, t('2026-12-07', '11.00'), 'menunggu_pemohon')
    expect(dueRowsFor(paused, cal)).toEqual([])

    const whilePaused = evaluateSla(paused, cal, t('2026-12-08', '10.00'))
    expect(whilePaused).toMatchObject({ state: 'paused', paused: true, pauseReason: 'menunggu_pemohon' })
    expect(whilePaused.status).toBe('on_track')
    expect(whilePaused.elapsedMinutes).toBe(60)
    // Paused so far: Monday 11.00-16.00 less the break (240) + Tuesday 07.30-10.00 (150).
    expect(whilePaused.pausedMinutes).toBe(390)
    expect(show(whilePaused.dueAt)).toBe('2026-12-11 09.00 WIB')

    const resumed = resumeClock(paused, cal, t('2026-12-09', '11.00'))
    expect(resumed.segments[1]).toMatchObject({
      state: 'paused',
      workingMinutes: 900,
      calendarVersion: cal.version,
    })
    expect(show(resumed.dueAt)).toBe('2026-12-14 10.00 WIB')
    expect(resumed.dueAt).toBe(cal.addWorkingDays(ledger.plannedDueAt, 2).toISOString())
    expect(resumed.plannedDueAt).toBe(ledger.plannedDueAt)
    expect(JSON.parse(JSON.stringify(resumed))).toEqual(resumed)
  })

  it('is never overdue while paused, and is evaluated as it stood at the pause', () => {
    const paused = pauseClock(received(), t('2026-12-07', '11.00'), 'menunggu_pemohon')
    const muchLater = evaluateSla(paused, cal, t('2027-01-20', '10.00'))
    expect(muchLater.status).toBe('on_track')
    expect(muchLater.elapsedMinutes).toBe(60)
    expect(muchLater.remainingMinutes).toBe(1350 - 60)
    expect(muchLater.atRiskAt).toBeNull()
  })

  it('refuses a pause while paused, a resume while running, anything after the stop, and earlier times', () => {
    const ledger = received()
    const paused = pauseClock(ledger, t('2026-12-07', '11.00'), 'menunggu_pemohon')
    const snapshot = JSON.stringify(paused)
    const twice = captureError(() => pauseClock(paused, t('2026-12-07', '12.00'), 'menunggu_pemohon'))
    expect(twice).toBeInstanceOf(InvalidTransitionError)
    expect((twice as InvalidTransitionError).state).toBe('paused')
    expect((twice as InvalidTransitionError).message).toContain('sedang dijeda')
    expect(captureError(() => resumeClock(ledger, cal, t('2026-12-07', '12.00')))).toBeInstanceOf(
      InvalidTransitionError,
    )
    const stopped = stopClock(ledger, t('2026-12-08', '10.00'))
    const after = captureError(() => pauseClock(stopped, t('2026-12-08', '11.00'), 'menunggu_pemohon'))
    expect((after as InvalidTransitionError).state).toBe('stopped')
    const early = captureError(() => resumeClock(paused, cal, t('2026-12-07', '10.30'))) as ValidationError
    expect(early.issues.map((i) => [i.path.join('.'), i.rule])).toEqual([['at', 'clock_time_order']])
    const reason = captureError(() => pauseClock(ledger, t('2026-12-07', '11.00'), 'libur' as 'perpanjangan'))
    expect((reason as ValidationError).issues[0]?.path).toEqual(['reason'])
    expect(JSON.stringify(paused)).toBe(snapshot)
  })

  it('a stop while paused does not move the due time', () => {
    const paused = pauseClock(received(), t('2026-12-07', '11.00'), 'menunggu_pemohon')
    const stopped = stopClock(paused, t('2026-12-09', '11.00'))
    expect(stopped.dueAt).toBe(paused.dueAt)
    expect(evaluateSla(stopped, cal, t('2026-12-20', '10.00'))).toMatchObject({
      state: 'stopped',
      status: 'on_track',
    })
  })
})

describe('evaluateSla and dueRowsFor', () => {
  it('goes on_track -> at_risk (75 %) -> breached, and gives the due rows', () => {
    const ledger = received()
    const rows = dueRowsFor(ledger, cal, { atRiskThreshold: balongbendo.completion.atRiskThreshold })
    // 75 % of 1350 = 1012.5 working minutes after Monday 10.00: Wednesday 10.00 is 900, then
    // Wednesday 10.00-11.52.30 gives the other 112.5.
    expect(rows).toEqual([
      { kind: 'at_risk', dueAt: '2026-12-09T04:52:30.000Z' },
      { kind: 'breached', dueAt: ledger.dueAt },
    ])
    const at = (day: string, time: string) => evaluateSla(ledger, cal, t(day, time))
    expect(at('2026-12-08', '10.00')).toMatchObject({
      status: 'on_track',
      elapsedMinutes: 450,
      remainingMinutes: 900,
    })
    expect(at('2026-12-09', '11.52').status).toBe('on_track')
    expect(at('2026-12-09', '11.53').status).toBe('at_risk')
    expect(at('2026-12-10', '09.59').status).toBe('at_risk')
    const late = at('2026-12-10', '10.00')
    expect(late).toMatchObject({ status: 'breached', remainingMinutes: 0, overdueMinutes: 0 })
    expect(at('2026-12-11', '08.30')).toMatchObject({ status: 'breached', overdueMinutes: 300 + 60 })
    expect(late.atRiskAt).toBe(rows[0]?.dueAt)
    expect(late.calendarVersion).toBe(cal.version)
  })

  it('moves the at-risk instant with a pause', () => {
    const paused = pauseClock(received(), t('2026-12-07', '11.00'), 'menunggu_pemohon')
    const resumed = resumeClock(paused, cal, t('2026-12-09', '11.00'))
    // 1012.5 - 60 = 952.5 after Wednesday 11.00: Wed 240, Thu 450, then Fri 07.30-11.30 (240) and 13.00-13.22.30.
    const rows = dueRowsFor(resumed, cal)
    expect(rows[0]).toEqual({ kind: 'at_risk', dueAt: '2026-12-11T06:22:30.000Z' })
    expect(rows[1]).toEqual({ kind: 'breached', dueAt: resumed.dueAt })
  })

  it('a stopped clock keeps its final status: in time, or late', () => {
    const ledger = received()
    const inTime = stopClock(ledger, t('2026-12-10', '10.00'))
    expect(evaluateSla(inTime, cal, t('2026-12-20', '10.00'))).toMatchObject({
      state: 'stopped',
      status: 'at_risk',
      remainingMinutes: 0,
      elapsedMinutes: 1350,
    })
    expect(dueRowsFor(inTime, cal)).toEqual([])
    const late = stopClock(ledger, t('2026-12-10', '10.01'))
    expect(evaluateSla(late, cal, t('2026-12-20', '10.00'))).toMatchObject({
      status: 'breached',
      overdueMinutes: 1,
    })
    const early = stopClock(ledger, t('2026-12-07', '15.00'))
    expect(evaluateSla(early, cal, t('2026-12-20', '10.00')).status).toBe('on_track')
  })

  it('reports per-step targets versus actual working time', () => {
    const ledger = received()
    const view = evaluateSla(ledger, cal, t('2026-12-09', '09.00'), {
      steps: {
        targets: balongbendo.steps,
        visits: [
          { stepId: 'penerimaan', enteredAt: '2026-12-07T03:00:00Z', leftAt: '2026-12-07T03:20:00Z' },
          // Over the lunch break: 11.50-12.00 and 13.00-13.10 WIB.
          { stepId: 'verifikasi', enteredAt: '2026-12-07T04:50:00Z', leftAt: '2026-12-07T06:10:00Z' },
          // Entered Monday 15.00, still there Wednesday 09.00: 60 + 450 + 90 working minutes.
          { stepId: 'tanda_tangan', enteredAt: '2026-12-07T08:00:00Z', leftAt: null },
          { stepId: 'tanpa_target', enteredAt: '2026-12-07T08:00:00Z', leftAt: '2026-12-07T08:05:00Z' },
        ],
      },
    })
    expect(view.steps).toEqual([
      { stepId: 'penerimaan', targetMinutes: 15, actualMinutes: 20, overran: true, current: false },
      { stepId: 'verifikasi', targetMinutes: 15, actualMinutes: 20, overran: true, current: false },
      {
        stepId: 'tanda_tangan',
        targetMinutes: 450,
        targetWorkingDays: 1,
        actualMinutes: 600,
        overran: true,
        current: true,
      },
      { stepId: 'tanpa_target', actualMinutes: 5, overran: false, current: false },
    ])
    const short = evaluateSla(ledger, cal, t('2026-12-08', '10.00'), {
      steps: {
        targets: balongbendo.steps,
        visits: [
          { stepId: 'validasi', enteredAt: '2026-12-07T03:00:00Z', leftAt: '2026-12-07T03:10:00Z' },
          { stepId: 'validasi', enteredAt: '2026-12-07T04:00:00Z', leftAt: '2026-12-07T04:05:00Z' },
          { stepId: 'tanda_tangan', enteredAt: '2026-12-07T08:00:00Z', leftAt: '2026-12-08T02:00:00Z' },
        ],
      },
    })
    expect(short.steps.map((s) => [s.stepId, s.actualMinutes, s.overran])).toEqual([
      ['validasi', 15, false],
      ['tanda_tangan', 60 + 90, false],
    ])
  })

  it('refuses a threshold outside (0, 1) and a bad now', () => {
    const ledger = received()
    const e = captureError(() => evaluateSla(ledger, cal, t('2026-12-08', '10.00'), { atRiskThreshold: 1 }))
    expect((e as ValidationError).issues[0]).toMatchObject({ path: ['atRiskThreshold'], rule: 'threshold' })
    const n = captureError(() => evaluateSla(ledger, cal, 'besok'))
    expect((n as ValidationError).issues[0]).toMatchObject({ path: ['now'], rule: 'instant' })
  })
})

describe('extendClock', () => {
  const extension = { workingDays: 1, reason: 'Camat dinas luar kota', at: t('2026-12-09', '09.00') }

  it('is refused when the standard allows no extension', () => {
    const e = captureError(() => extendClock(received(), cal, extension, balongbendo.completion.extension))
    expect(e).toBeInstanceOf(ForbiddenError)
    expect((e as ForbiddenError).rule).toBe('extension_not_allowed')
  })

  it('moves the due time by working days, records the reason, and grows the budget', () => {
    const extended = extendClock(received(), cal, extension, policy)
    expect(show(extended.dueAt)).toBe('2026-12-11 10.00 WIB')
    // Thursday 10.00 to Friday 10.00: 300 + 150 working minutes.
    expect(extended.budgetMinutes).toBe(1350 + 450)
    expect(extended.extensions).toEqual([
      {
        at: extension.at.toISOString(),
        workingDays: 1,
        reason: 'Camat dinas luar kota',
        dueBefore: received().dueAt,
        dueAfter: extended.dueAt,
        addedMinutes: 450,
        calendarVersion: cal.version,
      },
    ])
    const again = captureError(() => extendClock(extended, cal, extension, policy))
    expect((again as ForbiddenError).rule).toBe('extension_limit')
  })

  it('keeps a due time at closing on its own day', () => {
    // Friday 16.15 + 1 working day: Monday at its closing, 16.00; extended by 1: Tuesday 16.00.
    const ledger = startClock(cal, t('2026-12-04', '16.15'), 1)
    expect(show(ledger.dueAt)).toBe('2026-12-07 16.00 WIB')
    const extended = extendClock(ledger, cal, { ...extension, at: t('2026-12-07', '09.00') }, policy)
    expect(show(extended.dueAt)).toBe('2026-12-08 16.00 WIB')
  })

  it('names too many days and a missing reason', () => {
    const e = captureError(() =>
      extendClock(received(), cal, { workingDays: 3, reason: ' ', at: extension.at }, policy),
    ) as ValidationError
    expect(e.issues.map((i) => [i.path.join('.'), i.rule])).toEqual([
      ['workingDays', 'extension_days'],
      ['reason', 'extension_reason'],
    ])
    expect(e.message).toContain('alasan perpanjangan wajib diisi')
  })
})

describe('recomputeClock', () => {
  const before = createWorkingCalendar({
    holidays: buildHolidaySet('indonesia', indonesiaHolidayRevisions, '2025-skb-1'),
  })
  const after = createWorkingCalendar({
    holidays: buildHolidaySet('indonesia', indonesiaHolidayRevisions, '2025-skb-2'),
  })

  it('keeps the given due time until an operator recomputes it on the amended calendar (18 Aug 2025)', () => {
    const ledger = startClock(before, before.at('2025-08-15', '10.00'), 3)
    expect(before.format(ledger.dueAt)).toBe('2025-08-20 10.00 WIB')
    const again = recomputeClock(ledger, before, before.at('2025-08-16', '10.00'))
    expect(again).toBe(ledger)
    const recomputed = recomputeClock(ledger, after, after.at('2025-08-16', '10.00'))
    expect(after.format(recomputed.dueAt)).toBe('2025-08-21 10.00 WIB')
    expect(recomputed.calendarVersion).toBe(after.version)
    expect(recomputed.recomputations).toEqual([
      {
        at: after.at('2025-08-16', '10.00').toISOString(),
        fromVersion: before.version,
        toVersion: after.version,
        dueBefore: ledger.dueAt,
        dueAfter: recomputed.dueAt,
      },
    ])
  })

  it('replays pauses on the new calendar', () => {
    let ledger: ClockLedger = startClock(before, before.at('2025-08-15', '10.00'), 3)
    ledger = pauseClock(ledger, before.at('2025-08-18', '10.00'), 'menunggu_pemohon')
    ledger = resumeClock(ledger, before, before.at('2025-08-19', '10.00'))
    expect(before.format(ledger.dueAt)).toBe('2025-08-21 10.00 WIB')
    const recomputed = recomputeClock(ledger, after, after.at('2025-08-19', '11.00'))
    // On the amended calendar the pause (Monday 18 Aug off) held only Tuesday 07.30-10.00.
    expect(recomputed.segments[1]).toMatchObject({ workingMinutes: 150 })
    expect(after.format(recomputed.dueAt)).toBe('2025-08-21 13.30 WIB')
  })
})
