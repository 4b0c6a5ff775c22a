import { describe, expect, it } from 'vitest'
import {
  type Actor,
  balongbendo,
  balongbendoInput,
  ConfigError,
  createAk1Service,
  defaultAk2Settings,
  defineStandard,
  InvalidTransitionError,
  openCardRecord,
  renewalDecision,
  renewCardRecord,
  type StandardInput,
  ValidationError,
} from '../src/index'
import { createMemoryStore, sampleApplication } from '../src/testing/index'

const base = { ...balongbendoInput, id: 'ak1-uji', version: 'uji.1', hash: undefined } as StandardInput
const steps = base.steps as NonNullable<StandardInput['steps']>
/** Balongbendo with its archiving step (a task) made an interview, with the given AK/II settings. */
const withInterview = (ak2?: unknown, kind = 'interview'): StandardInput => ({
  ...base,
  steps: steps.map((s) =>
    s.id === 'pengarsipan' ? { ...s, kind, records: 'Kartu AK/II', ...(ak2 ? { ak2 } : {}) } : s,
  ) as StandardInput['steps'],
})
const at = steps.findIndex((s) => s.id === 'pengarsipan')

/** What `defineStandard` throws for a standard (null when it accepts it). */
const refusal = (input: StandardInput) => {
  let thrown: unknown = null
  try {
    defineStandard(input)
  } catch (error) {
    thrown = error
  }
  expect(thrown).toBeInstanceOf(ConfigError)
  return thrown as ConfigError
}

describe('the AK/II settings of an interview step', () => {
  it('defaults to every field with education, work experience, skills and the job wanted required', () => {
    const s = defineStandard(withInterview())
    expect(s.steps[at]?.ak2).toBeUndefined()
    expect(defaultAk2Settings.required).toEqual(['education', 'workHistory', 'skills', 'desiredJob'])
    // Balongbendo names no AK/II: its standard (and hash) carries no such key.
    expect(balongbendo.steps.some((st) => 'ak2' in st)).toBe(false)
  })

  it('refuses an AK/II list on a step that is no interview, and a required field it does not record', () => {
    const onTask = refusal(withInterview({ fields: ['skills'] }, 'task'))
    expect(onTask.keys).toEqual([`steps.${at}.ak2`])
    expect(onTask.message).toContain('ak2 (isian kartu AK/II) hanya untuk langkah jenis interview')
    const notRecorded = refusal(withInterview({ fields: ['education'], required: ['education', 'skills'] }))
    expect(notRecorded.keys).toEqual([`steps.${at}.ak2.required.1`])
    expect(notRecorded.message).toContain('isian wajib "skills" tidak ada di ak2.fields langkah ini')
  })

  it('refuses AK/II content at a step that is no interview, and a field the interview does not record', async () => {
    const standard = defineStandard(withInterview({ fields: ['skills', 'notes'], required: ['skills'] }))
    const service = createAk1Service({ standard, store: createMemoryStore() })
    const officers: Actor[] = ['petugas', 'operator', 'admin', 'camat'].map((role) => ({
      id: `${role}-1`,
      role,
    }))
    let view = await service.submit(sampleApplication(), { actor: officers[0]!, channel: 'tatap_muka' })
    /** Sends `event` (its checklist filled in) as the first officer offered its type. */
    const act = async (event: Record<string, unknown> & { type: string }) => {
      for (const actor of officers) {
        const a = (await service.availableActions(view.id, actor)).find((x) => x.type === event.type)
        if (a)
          return service.act(view.id, { ...event, ...(a.needs ? { verified: a.needs } : {}) } as never, {
            actor,
          })
      }
      throw new Error(`nobody may ${event.type} at ${view.state}`)
    }
    const errorOf = (p: Promise<unknown>) => p.then(() => null).catch((e: unknown) => e as ValidationError)
    const forward: Record<string, string> = {
      penerimaan: 'ACCEPT',
      verifikasi: 'ACCEPT',
      validasi: 'ACCEPT',
      tanda_tangan: 'SIGN',
    }
    for (let n = 0; n < 10 && view.state !== 'pengarsipan'; n++) {
      view = await act({ type: forward[view.state] ?? 'COMPLETE' })
    }
    expect(view.state).toBe('pengarsipan')
    const wrong = await errorOf(act({ type: 'COMPLETE', ak2: { skills: ['Menjahit'], courses: [] } }))
    expect(wrong).toBeInstanceOf(ValidationError)
    expect(wrong?.issues).toEqual([
      expect.objectContaining({ path: ['event', 'ak2', 'courses'], rule: 'ak2_field_not_recorded' }),
    ])
    const done = await act({ type: 'COMPLETE', ak2: { skills: ['Menjahit'] } })
    expect(done.ak2).toMatchObject({ skills: ['Menjahit'], stepId: 'pengarsipan' })
    // At the next task step (no interview) AK/II content is refused, naming `event.ak2`.
    const later = await errorOf(act({ type: 'COMPLETE', ak2: { skills: ['Menjahit'] } }))
    expect(later?.issues[0]).toMatchObject({ path: ['event', 'ak2'], rule: 'ak2_not_interview' })
    expect((await service.get(view.id)).version).toBe(done.version)
  })
})

describe('renewalDecision reads the card record state', () => {
  const renewal = defineStandard({
    ...base,
    service: 'ak1_perpanjangan',
    serviceKind: 'renewal',
    renewal: {
      checkStep: 'penerimaan',
      expiredReason: 'Kartu berakhir {validUntil}; daftar baru di {service}',
    },
    requirements: [
      {
        id: 'kartu_lama',
        label: 'Kartu AK/I lama',
        kind: 'previous_card',
        checkedAt: { tatap_muka: 'penerimaan' },
      },
    ],
    steps: steps.map((s) => (s.id === 'penerimaan' ? { ...s, events: [...(s.events ?? []), 'REJECT'] } : s)),
  } as StandardInput)
  const now = new Date('2026-06-01T03:00:00Z')

  it('renews an active card still valid; refuses an expired one with the standard wording, an ended one by its state', () => {
    expect(renewalDecision(renewal, { validUntil: '2026-06-01', state: 'aktif' }, now).valid).toBe(true)
    const expired = renewalDecision(renewal, { validUntil: '2026-05-31', state: 'aktif' }, now)
    expect(expired).toMatchObject({
      valid: false,
      event: { type: 'REJECT', reason: 'Kartu berakhir 2026-05-31; daftar baru di ak1' },
    })
    const closed = renewalDecision(renewal, { validUntil: '2027-01-01', state: 'ditutup' }, now)
    expect(closed).toMatchObject({
      valid: false,
      event: { reason: expect.stringContaining('status ditutup') },
    })
  })
})

describe('renewCardRecord ends the card a renewal replaced', () => {
  const at = new Date('2026-09-01T03:00:00Z')
  const ctx = { standard: balongbendo, now: at, actor: { id: 'petugas-1', role: 'petugas' } }
  const opened = openCardRecord(
    {
      id: 'kartu-1',
      caseId: 'c-1',
      cardNumber: 'balongbendo-2026-000042',
      registeredAt: '2026-03-09T03:00:00.000Z',
      issuedAt: '2026-03-12T03:00:00.000Z',
    },
    ctx,
  ).record

  it('makes an active card diperpanjang, linked to the new card, with every pending reminder cancelled', () => {
    const d = renewCardRecord(opened, { caseId: 'c-2', cardNumber: 'P-1' }, ctx)
    expect(d.record).toMatchObject({
      state: 'diperpanjang',
      endedAt: at.toISOString(),
      renewedBy: { caseId: 'c-2', cardNumber: 'P-1' },
    })
    expect(d.audit).toEqual({
      event: 'CARD_RENEWED',
      from: 'aktif',
      to: 'diperpanjang',
      details: { cardNumber: 'balongbendo-2026-000042', renewedBy: 'P-1', renewalCaseId: 'c-2' },
    })
    expect(d.effects.reminders.cancel.length).toBeGreaterThan(0)
    expect(d.effects.reminders.schedule).toEqual([])
  })

  it('refuses a card no longer active', () => {
    const ended = { ...opened, state: 'kedaluwarsa' as const }
    expect(() => renewCardRecord(ended, { caseId: 'c-2', cardNumber: 'P-1' }, ctx)).toThrow(
      InvalidTransitionError,
    )
  })
})
