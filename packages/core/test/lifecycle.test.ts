// The procedure decides the lifecycle effects from the standard's step kinds and marks; no step id
// is named in engine code. Pure functions: no store, no service.
import { describe, expect, it } from 'vitest'
import { ConfigError } from '../src/errors/errors'
import { issuanceSteps, lifecycleEffects } from '../src/procedure/lifecycle'
import { applyEvent, startCase } from '../src/procedure/transition'
import type { EffectIntent } from '../src/procedure/types'
import { defineStandard } from '../src/standard/define-standard'
import { balongbendo, balongbendoInput } from '../src/standards/balongbendo'
import { applicantNik, checklistOf, ctx, officer, submitterOf, walkTo } from './procedure-fixtures'

const issuance = issuanceSteps(balongbendo)
const running = { final: false, clock: 'running' as const }

describe('lifecycle effects from step kinds', () => {
  it('reads the register and card steps from the standard, with the fallback from step kinds', () => {
    expect(issuance).toEqual({ registerStep: 'registrasi', cardStep: 'pencetakan' })
    const unnamed = defineStandard({
      ...balongbendoInput,
      id: 'ak1-unnamed',
      issuance: { registerStep: null, cardStep: 'tidak_ada' },
    })
    // Without usable names: the card at the last task before hand-over, the number with it.
    expect(issuanceSteps(unnamed)).toEqual({ registerStep: null, cardStep: 'pencetakan' })
    // The default setting is left out of the content hash: Balongbendo's published hash holds.
    expect(
      defineStandard({
        ...balongbendoInput,
        issuance: { registerStep: 'registrasi', cardStep: 'pencetakan' },
      }).hash,
    ).toBe(balongbendo.hash)
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

  it('defineStandard refuses an issuance step without COMPLETE, and one step for both', () => {
    const error = (() => {
      try {
        defineStandard({
          ...balongbendoInput,
          id: 'ak1-bad',
          issuance: { registerStep: 'validasi', cardStep: 'validasi' },
        })
      } catch (e) {
        return e
      }
    })()
    expect(error).toBeInstanceOf(ConfigError)
    expect(new Set((error as ConfigError).keys)).toEqual(
      new Set(['issuance.registerStep', 'issuance.cardStep']),
    )
    expect((error as ConfigError).message).toContain('langkah "validasi" tidak menerima COMPLETE')
    expect((error as ConfigError).message).toContain('langkah register harus lain dari langkah kartu')
  })
})

describe("lifecycle effects in the transition's own effect list", () => {
  const channel = 'tatap_muka' as const
  const lifecycleOf = (effects: readonly EffectIntent[]) =>
    effects.filter((e) => e.kind === 'clock' || e.kind === 'issue')

  it('startCase emits the clock start at receipt only when asked for the lifecycle', () => {
    const checklist = checklistOf(balongbendo)
    const base = { channel, actor: submitterOf(channel), checklist, applicantNik }
    expect(lifecycleOf(startCase(balongbendo, { ...base, lifecycle: true }).effects)).toEqual([
      { kind: 'clock', action: 'start' },
    ])
    expect(lifecycleOf(startCase(balongbendo, base).effects)).toEqual([])
    const fromAcceptance = defineStandard({
      ...balongbendoInput,
      id: 'ak1-accepted',
      completion: { ...balongbendoInput.completion, clockStart: 'accepted' },
    })
    expect(lifecycleOf(startCase(fromAcceptance, { ...base, lifecycle: true }).effects)).toEqual([])
  })

  it('applyEvent given the clock phase carries the issue and clock effects after the notices', () => {
    const checklist = checklistOf(balongbendo)
    const atCard = walkTo(balongbendo, channel, 'pencetakan', checklist)
    const complete = { type: 'COMPLETE' } as const
    const role = atCard.awaiting as string
    const withClock = applyEvent(balongbendo, atCard.snapshot, complete, officer(role), {
      ...ctx,
      clock: 'running',
    })
    expect(lifecycleOf(withClock.effects)).toEqual([
      { kind: 'clock', action: 'stop' },
      { kind: 'issue', what: 'register_number' },
      { kind: 'issue', what: 'card' },
    ])
    const without = applyEvent(balongbendo, atCard.snapshot, complete, officer(role), ctx)
    expect(lifecycleOf(without.effects)).toEqual([])
    // The delivered effects are the same either way, in the same order.
    expect(withClock.effects.filter((e) => e.kind === 'notice' || e.kind === 'sipraja')).toEqual(
      without.effects,
    )
  })
})
