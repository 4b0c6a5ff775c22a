import { describe, expect, it } from 'vitest'
import {
  balongbendo,
  balongbendoInput,
  checklistFor,
  checklistItemSchema,
  defineStandard,
  parseApplication,
} from '../src/index'
import { sampleApplication } from '../src/testing/index'

const now = new Date('2026-11-27T05:00:00Z')
const s1 = {
  level: 's1',
  school: 'Universitas Negeri Surabaya',
  major: 'Manajemen',
  graduationYear: 2023,
} as const
const ids = (input: unknown) =>
  checklistFor(balongbendo, parseApplication(input, { now })).map((item) => item.id)

describe('checklistFor', () => {
  it('gives an SMA graduate the ijazah and daftar nilai of SD, SMP and SMA, and no certificate line', () => {
    expect(ids(sampleApplication())).toEqual([
      'ktp_asli',
      'kk_asli',
      'fotokopi_ktp',
      'ijazah:sd',
      'ijazah:smp',
      'ijazah:sma',
      'daftar_nilai:sd',
      'daftar_nilai:smp',
      'daftar_nilai:sma',
      'pas_foto',
      'formulir_ak1',
    ])
  })

  it('adds the S1 ijazah and daftar nilai for an S1 graduate, lowest level first whatever the input order', () => {
    const education = [...(sampleApplication().education ?? [])].reverse()
    expect(ids(sampleApplication({ education: [s1, ...education] }))).toEqual([
      'ktp_asli',
      'kk_asli',
      'fotokopi_ktp',
      'ijazah:sd',
      'ijazah:smp',
      'ijazah:sma',
      'ijazah:s1',
      'daftar_nilai:sd',
      'daftar_nilai:smp',
      'daftar_nilai:sma',
      'daftar_nilai:s1',
      'pas_foto',
      'formulir_ak1',
    ])
  })

  it('adds the optional certificate line only when courses were declared', () => {
    const items = checklistFor(
      balongbendo,
      parseApplication(sampleApplication({ courses: [{ name: 'Menjahit', organizer: 'BLK Sidoarjo' }] }), {
        now,
      }),
    )
    const certificate = items.find((item) => item.id === 'sertifikat')
    expect(certificate).toEqual({
      id: 'sertifikat',
      requirementId: 'sertifikat',
      label: 'Sertifikat Kursus / keahlian bila ada',
      labelEn: 'Course or skill certificates, if any',
      kind: 'certificate',
      quantity: 1,
      required: false,
      variants: [],
      checkedAt: { tatap_muka: 'penerimaan', online: 'penerimaan' },
    })
    expect(items.map((item) => item.id).indexOf('sertifikat')).toBe(
      items.map((i) => i.id).indexOf('pas_foto') - 1,
    )
  })

  it('gives no ijazah lines to an applicant who completed no level', () => {
    expect(ids(sampleApplication({ education: [] }))).toEqual([
      'ktp_asli',
      'kk_asli',
      'fotokopi_ktp',
      'pas_foto',
      'formulir_ak1',
    ])
  })

  it('carries kind, quantity, variants and the step per channel from the requirement', () => {
    const items = checklistFor(balongbendo, parseApplication(sampleApplication(), { now }))
    const byId = new Map(items.map((item) => [item.id, item]))
    expect(byId.get('ktp_asli')).toMatchObject({
      kind: 'original',
      required: true,
      checkedAt: { tatap_muka: 'penerimaan', online: 'penyerahan' },
    })
    expect(byId.get('pas_foto')).toMatchObject({
      kind: 'photo',
      quantity: 2,
      variants: ['berwarna', 'hitam_putih'],
    })
    expect(byId.get('ijazah:sma')).toMatchObject({
      requirementId: 'ijazah',
      level: 'sma',
      kind: 'copy',
      required: true,
    })
    expect(byId.get('ijazah:sma')?.label).toMatch(/^Fotokopi Ijazah .*: jenjang SMA \(SMK\)$/)
    expect(byId.get('daftar_nilai:sd')?.labelEn).toMatch(/: level SD$/)
    expect(byId.get('ktp_asli')).not.toHaveProperty('level')
  })

  it('follows another office’s requirements, not Balongbendo’s', () => {
    const other = defineStandard({
      ...balongbendoInput,
      id: 'ak1-contoh',
      version: '2025.1',
      requirements: [
        { id: 'ktp_asli', label: 'KTP asli', kind: 'original', checkedAt: { tatap_muka: 'penerimaan' } },
        {
          id: 'ijazah_terakhir',
          label: 'Fotokopi ijazah terakhir',
          kind: 'copy',
          checkedAt: { tatap_muka: 'penerimaan' },
        },
      ],
    })
    expect(ids(sampleApplication()).length).toBeGreaterThan(2)
    expect(checklistFor(other, parseApplication(sampleApplication(), { now })).map((i) => i.id)).toEqual([
      'ktp_asli',
      'ijazah_terakhir',
    ])
  })

  it('gives items that pass checklistItemSchema, which refuses unknown keys', () => {
    const items = checklistFor(
      balongbendo,
      parseApplication(sampleApplication({ courses: [{ name: 'Las listrik' }] }), { now }),
    )
    for (const item of items) expect(checklistItemSchema.parse(item)).toEqual(item)
    expect(checklistItemSchema.safeParse({ ...items[0], verifiedBy: 'x' }).success).toBe(false)
  })

  it('returns items the caller may change without touching the frozen standard', () => {
    const items = checklistFor(balongbendo, parseApplication(sampleApplication(), { now }))
    const photo = items.find((item) => item.id === 'pas_foto')
    photo?.variants.push('digital')
    expect(balongbendo.requirements.find((r) => r.id === 'pas_foto')?.variants).toEqual([
      'berwarna',
      'hitam_putih',
    ])
  })
})
