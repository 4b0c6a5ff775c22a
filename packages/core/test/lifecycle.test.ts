// The procedure decides the lifecycle effects from the standard's step kinds and marks; no step id
// is named in engine code. Pure functions: no store, no service.
import { describe, expect, it } from 'vitest'
import { ConfigError } from '../src/errors/errors'
import { issuanceSteps, lifecycleEffects } from '../src/procedure/lifecycle'
import { defineStandard } from '../src/standard/define-standard'
import { balongbendo, balongbendoInput } from '../src/standards/balongbendo'

const issuance = issuanceSteps(balongbendo)
const running = { final: false, clock: 'running' as const }

describe('lifecycle effects from step kinds', () => {
  it('reads the register and card steps from the standard marks', () => {
    expect(issuance).toEqual({ registerStep: 'registrasi', cardStep: 'pencetakan' })
    const unmarked = defineStandard({
      ...balongbendoInput,
      id: 'ak1-unmarked',
      steps: balongbendoInput.steps.map(
        ({ issues: _issues, ...step }) => step,
      ) as typeof balongbendoInput.steps,
    })
    // Without marks: the card at the last task before hand-over, the number with it.
    expect(issuanceSteps(unmarked)).toEqual({ registerStep: null, cardStep: 'pencetakan' })
  })

  it('pauses on a return, resumes on resubmission, stops when the card is printed or the case ends', () => {
    expect(
      lifecycleEffects(issuance, { ...running, event: 'RETURN', from: 'verifikasi', to: 'dikembalikan' }),
    ).toEqual([{ kind: 'clock', action: 'pause' }])
    expect(
      lifecycleEffects(issuance, {
        event: 'RESUBMIT',
        from: 'dikembalikan',
        to: 'penerimaan',
        final: false,
        clock: 'paused',
      }),
    ).toEqual([{ kind: 'clock', action: 'resume' }])
    expect(
      lifecycleEffects(issuance, { ...running, event: 'COMPLETE', from: 'registrasi', to: 'pencetakan' }),
    ).toEqual([{ kind: 'issue', what: 'register_number' }])
    expect(
      lifecycleEffects(issuance, { ...running, event: 'COMPLETE', from: 'pencetakan', to: 'penyerahan' }),
    ).toEqual([
      { kind: 'clock', action: 'stop' },
      { kind: 'issue', what: 'register_number' },
      { kind: 'issue', what: 'card' },
    ])
    expect(
      lifecycleEffects(issuance, {
        event: 'REJECT',
        from: 'verifikasi',
        to: 'ditolak',
        final: true,
        clock: 'running',
      }),
    ).toEqual([{ kind: 'clock', action: 'stop' }])
    expect(
      lifecycleEffects(issuance, {
        event: 'ACCEPT',
        from: 'penerimaan',
        to: 'pemindaian',
        final: false,
        clock: 'not_started',
      }),
    ).toEqual([{ kind: 'clock', action: 'start' }])
    expect(
      lifecycleEffects(issuance, { ...running, event: 'ACCEPT', from: 'verifikasi', to: 'validasi' }),
    ).toEqual([])
  })

  it('defineStandard refuses an issues mark on a step without COMPLETE, or the same mark twice', () => {
    const steps = balongbendoInput.steps.map((s) =>
      s.id === 'validasi' ? { ...s, issues: 'card' as const } : s,
    ) as typeof balongbendoInput.steps
    const error = (() => {
      try {
        defineStandard({ ...balongbendoInput, id: 'ak1-bad', steps })
      } catch (e) {
        return e
      }
    })()
    expect(error).toBeInstanceOf(ConfigError)
    expect((error as ConfigError).keys).toEqual(['steps.4.issues', 'steps.9.issues'])
    expect((error as ConfigError).message).toContain(
      'langkah "validasi" menerbitkan card tetapi tidak menerima COMPLETE',
    )
    expect((error as ConfigError).message).toContain('card sudah diterbitkan langkah lain')
  })
})
