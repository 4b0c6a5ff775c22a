import { describe, expect, it } from 'vitest'
import {
  balongbendo,
  balongbendoInput,
  ConfigError,
  checklistFor,
  defineStandard,
  parseApplication,
  type StandardInput,
} from '../src/index'
import { sampleApplication } from '../src/testing/index'

const now = new Date('2026-11-27T05:00:00Z')
const application = (extra: Parameters<typeof sampleApplication>[0] = {}) =>
  parseApplication(sampleApplication(extra), { now })

const base = { ...balongbendoInput, id: 'ak1-uji', version: 'uji.1', hash: undefined } as StandardInput

/** The ConfigError `defineStandard` throws for a standard, or a failure when it accepts it. */
function refusal(input: StandardInput): ConfigError {
  try {
    defineStandard(input)
  } catch (error) {
    if (error instanceof ConfigError) return error
    throw error
  }
  throw new Error('defineStandard accepted the standard')
}

const requirements = base.requirements as NonNullable<StandardInput['requirements']>
const withRequirement = (extra: Record<string, unknown>): StandardInput => ({
  ...base,
  requirements: [
    ...requirements,
    { id: 'tambahan', label: 'KTP', kind: 'original', checkedAt: { tatap_muka: 'penerimaan' }, ...extra },
  ] as StandardInput['requirements'],
})

describe('defineStandard: the rules a new user meets, as ConfigError in Indonesian naming the field', () => {
  it('refuses an either/or group with one member', () => {
    const e = refusal(
      withRequirement({ alternatives: [{ id: 'ktp_asli2', label: 'KTP asli', kind: 'original' }] }),
    )
    expect(e.keys).toEqual([`requirements.${requirements.length}.alternatives`])
    expect(e.message).toMatch(/kelompok pilihan "tambahan" hanya punya 1 anggota/)
    expect(e.messageEn).toMatch(/needs at least two/)
  })

  it('accepts a group of two and lists it on the checklist with derived wording', () => {
    const s = defineStandard(
      withRequirement({
        alternatives: [
          { id: 'asli', label: 'KTP asli', kind: 'original' },
          { id: 'legalisir', label: 'fotokopi KTP dilegalisir', kind: 'certified_copy' },
        ],
      }),
    )
    const item = checklistFor(s, application()).find((i) => i.id === 'tambahan')
    expect(item?.alternatives?.map((a) => a.kind)).toEqual(['original', 'certified_copy'])
    expect(item?.wording).toBe('KTP: salah satu dari KTP asli atau fotokopi KTP dilegalisir')
  })

  it('refuses a minutes completion shorter than the sum of the step targets (an error, not a warning)', () => {
    // Balongbendo's tatap muka steps in minutes sum to more than 60; some targets are in days.
    const steps = (base.steps as NonNullable<StandardInput['steps']>).map((s) =>
      s.target && 'workingDays' in s.target ? { ...s, target: { minutes: 30 } } : s,
    )
    const e = refusal({ ...base, steps, completion: { minutes: 60 } })
    expect(e.keys).toContain('completion.minutes')
    expect(e.message).toMatch(/waktu penyelesaian 60 menit lebih pendek dari jumlah target langkah/)
    const ok = defineStandard({ ...base, steps, completion: { minutes: 600, condition: 'jaringan stabil' } })
    expect(ok.completion.minutes).toBe(600)
  })

  it('refuses a minutes completion when a step target is in working days', () => {
    const e = refusal({ ...base, completion: { hours: 8 } })
    expect(e.keys.some((k) => /^steps\.\d+\.target$/.test(k))).toBe(true)
    expect(e.message).toMatch(/target langkah dalam hari kerja tidak muat/)
  })

  it('refuses a completion with two limits or none', () => {
    expect(refusal({ ...base, completion: { workingDays: 3, minutes: 15 } }).keys).toEqual(['completion'])
    expect(refusal({ ...base, completion: {} }).message).toMatch(
      /tepat satu dari workingDays, hours atau minutes/,
    )
  })

  it('refuses a renewal service with no previous-card requirement', () => {
    const e = refusal({
      ...base,
      service: 'ak1_perpanjangan',
      serviceKind: 'renewal',
      renewal: { checkStep: 'verifikasi' },
    })
    expect(e.keys).toEqual(['requirements'])
    expect(e.message).toMatch(/layanan perpanjangan wajib punya persyaratan kartu lama/)
  })

  it('refuses a renewal whose check step cannot send an expired card back', () => {
    const e = refusal({
      ...withRequirement({ kind: 'previous_card', label: 'Kartu AK/I lama' }),
      serviceKind: 'renewal',
      renewal: { checkStep: 'pencetakan' },
    })
    expect(e.keys).toEqual(['renewal.checkStep'])
  })

  it('refuses opening hours that close before they open, in defineStandard (not later in the service)', () => {
    const e = refusal({
      ...base,
      calendar: { hours: { mon: { open: '16.00', close: '07.30' }, tue: { open: '07.30', close: '16.00' } } },
    })
    expect(e.keys).toEqual(['calendar.hours.mon.close'])
    expect(e.message).toMatch(/calendar\.hours\.mon\.close: jam tutup harus setelah jam buka/)
  })

  it('refuses a break outside the opening hours and a cut-off after every closing', () => {
    const e = refusal({
      ...base,
      calendar: {
        hours: { mon: { open: '08.00', close: '12.00', breaks: [{ start: '12.30', end: '13.00' }] } },
        cutoff: '15.00',
      },
    })
    expect(e.keys).toEqual(['calendar.hours.mon.breaks.0', 'calendar.cutoff'])
    expect(e.message).toMatch(/batas waktu harian 15.00 berada di luar jam buka/)
  })

  it('refuses an external step with no agency and an applicant check done by an officer', () => {
    const steps = [
      ...(base.steps as NonNullable<StandardInput['steps']>).slice(0, -1),
      {
        id: 'pengantar',
        name: 'Tanda tangan Pengantar Kerja',
        kind: 'external',
        role: 'petugas',
        events: ['COMPLETE'],
      },
      {
        id: 'cek_draf',
        name: 'Pemohon memeriksa draf',
        kind: 'applicant_check',
        role: 'petugas',
        events: ['COMPLETE'],
      },
      ...(base.steps as NonNullable<StandardInput['steps']>).slice(-1),
    ] as StandardInput['steps']
    const e = refusal({ ...base, steps })
    const n = (base.steps as unknown[]).length - 1
    expect(e.keys).toEqual([`steps.${n}.agency`, `steps.${n + 1}.role`])
  })

  it('"bila ada" on any item: listed, never required; work-history items only with work history', () => {
    const s = defineStandard({
      ...withRequirement({ onlyIf: 'available', label: 'Surat keterangan pengalaman kerja' }),
      requirements: [
        ...(withRequirement({ onlyIf: 'available', label: 'Surat keterangan pengalaman kerja' })
          .requirements as unknown[]),
        {
          id: 'paklaring',
          label: 'Paklaring',
          kind: 'copy',
          onlyIf: 'has_work_history',
          checkedAt: { tatap_muka: 'penerimaan' },
        },
      ] as StandardInput['requirements'],
    })
    const without = checklistFor(s, application({ workHistory: [] }))
    const optional = without.find((i) => i.id === 'tambahan')
    expect(optional?.required).toBe(false)
    expect(optional?.wording).toBe('Surat keterangan pengalaman kerja (bila ada)')
    expect(without.some((i) => i.id === 'paklaring')).toBe(false)
    const worked = application({
      workHistory: [{ employer: 'CV Maju', position: 'Staf', length: '1 tahun' }],
    })
    expect(checklistFor(s, worked).some((i) => i.id === 'paklaring')).toBe(true)
  })

  it('derives the wording of a photo from its attributes', () => {
    const s = defineStandard(
      withRequirement({
        id: 'foto',
        label: 'Pas foto',
        kind: 'photo',
        quantity: 2,
        attributes: { size: '3x4', colour: 'berwarna', background: 'merah', recent: true },
      }),
    )
    const photo = checklistFor(s, application()).find((i) => i.id === 'foto')
    expect(photo?.wording).toBe('Pas foto 3x4, berwarna, latar merah, terbaru, 2 lembar')
    expect(photo?.wordingEn).toBe('Pas foto 3x4, colour, merah background, recent, 2 copies')
  })

  it('keeps Balongbendo unchanged: same hash, no derived wording on its checklist', () => {
    expect(defineStandard({ ...balongbendoInput }).hash).toBe(balongbendo.hash)
    expect(checklistFor(balongbendo, application()).some((i) => i.wording !== undefined)).toBe(false)
  })
})
