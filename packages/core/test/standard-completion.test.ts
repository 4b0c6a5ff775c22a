import { describe, expect, it } from 'vitest'
import { sequenceOwner } from '../src/engine/numbering'
import {
  balongbendo,
  balongbendoInput,
  calendarFromStandard,
  completionLimit,
  completionText,
  defineStandard,
  pauseClock,
  recomputeClock,
  resumeClock,
  type StandardInput,
  startClock,
} from '../src/index'

const cal = calendarFromStandard(balongbendo)

describe('a completion time in minutes or hours, with a condition', () => {
  it('counts working minutes: 15 minutes from Monday 11.50 run past the 12.00-13.00 break', () => {
    const ledger = startClock(cal, cal.at('2026-12-07', '11.50'), { minutes: 15 })
    expect(cal.format(ledger.plannedDueAt)).toBe('2026-12-07 13.05 WIB')
    expect(ledger.limitMinutes).toBe(15)
    expect(ledger.budgetMinutes).toBe(15)
  })

  it('keeps the minute limit through a pause and a recompute', () => {
    const started = startClock(cal, cal.at('2026-12-07', '15.50'), { minutes: 20 })
    expect(cal.format(started.dueAt)).toBe('2026-12-08 07.40 WIB')
    const paused = pauseClock(started, cal.at('2026-12-07', '15.55'), 'menunggu_pemohon')
    const resumed = resumeClock(paused, cal, cal.at('2026-12-08', '08.00'))
    // Paused 15.55-16.00 and 07.30-08.00: 35 working minutes later.
    expect(cal.format(resumed.dueAt)).toBe('2026-12-08 08.15 WIB')
    const recomputed = recomputeClock(resumed, cal, cal.at('2026-12-08', '08.05'))
    expect(recomputed.dueAt).toBe(resumed.dueAt)
  })

  it('reads hours as working minutes and tells the applicant the condition', () => {
    expect(completionLimit({ hours: 2 })).toEqual({ minutes: 120 })
    expect(completionLimit({ workingDays: 3 })).toEqual({ workingDays: 3 })
    const s = defineStandard({
      ...balongbendoInput,
      id: 'ak1-menit',
      hash: undefined,
      steps: balongbendoInput.steps.map((st) =>
        'target' in st && st.target && 'workingDays' in st.target ? { ...st, target: { minutes: 30 } } : st,
      ),
      completion: { minutes: 600, condition: 'jaringan internet stabil', conditionEn: 'a stable connection' },
    } as StandardInput)
    expect(completionText(s.completion)).toEqual({
      id: '600 menit (jaringan internet stabil)',
      en: '600 minutes (a stable connection)',
    })
    expect(completionText(balongbendo.completion)).toEqual({ id: '3 hari kerja', en: '3 working days' })
  })
})

describe('sequences per office or per layanan', () => {
  it('counts every layanan of an office in one sequence unless the standard says service', () => {
    expect(sequenceOwner(balongbendo)).toBe('balongbendo')
    const renewal = { ...balongbendo, service: 'ak1_perpanjangan' }
    expect(sequenceOwner(renewal)).toBe('balongbendo')
    const own = { ...renewal, numbering: { ...balongbendo.numbering, sequenceScope: 'service' as const } }
    expect(sequenceOwner(own)).toBe('balongbendo/ak1_perpanjangan')
  })
})
