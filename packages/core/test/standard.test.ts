import { describe, expect, it } from 'vitest'
import {
  balongbendo,
  balongbendoInput,
  createStandardCatalog,
  defineStandard,
  isAk1Error,
  ValidationError,
} from '../src/index'

describe('defineStandard', () => {
  it('accepts the Balongbendo preset and freezes it', () => {
    // Pinned: the published hash of the preset; hashing code may change, this value may not.
    expect(balongbendo.hash).toBe('0a18a84788d5a3054e5857aaadeba0b3ba205da12e679e798694ea8df2ba015c')
    expect(Object.isFrozen(balongbendo)).toBe(true)
    expect(Object.isFrozen(balongbendo.steps[0])).toBe(true)
    expect(balongbendo.steps.map((s) => s.id)).toEqual([
      'unggah',
      'penerimaan',
      'pemindaian',
      'verifikasi',
      'validasi',
      'tanda_tangan',
      'pemberitahuan',
      'pengarsipan',
      'registrasi',
      'pencetakan',
      'penyerahan',
    ])
  })

  it('keeps the Balongbendo content hash pinned, so optional settings added later (card layout, reporting) change no published hash', () => {
    expect(balongbendo.hash).toBe('0a18a84788d5a3054e5857aaadeba0b3ba205da12e679e798694ea8df2ba015c')
    expect(balongbendo.card.countFrom).toBe('registration')
    expect(balongbendo.card.layout.labels.nik).toBe('NIK')
    const relabelled = defineStandard({
      ...balongbendoInput,
      card: { layout: { labels: { nik: 'No. Induk Kependudukan' } } },
    })
    expect(relabelled.hash).not.toBe(balongbendo.hash)
    expect(relabelled.card.layout.labels.name).toBe('Nama Lengkap')
  })

  it('accepts its own output back after a JSON round trip, with the same hash', () => {
    const again = defineStandard(JSON.parse(JSON.stringify(balongbendo)))
    expect(again.hash).toBe(balongbendo.hash)
    expect(again).toEqual(balongbendo)
  })

  it('refuses a round trip whose content was edited, naming the hash', () => {
    const edited = JSON.parse(JSON.stringify(balongbendo))
    edited.completion.workingDays = 5
    const error = captureError(() => defineStandard(edited))
    expect(error).toBeInstanceOf(ValidationError)
    expect((error as ValidationError).issues[0]?.path).toEqual(['hash'])
  })

  it('keeps the hash when lifecycle fields change, and when defaults are spelled out', () => {
    const retired = defineStandard({ ...balongbendoInput, status: 'retired', validUntil: '2030-12-31' })
    expect(retired.hash).toBe(balongbendo.hash)
    const explicit = defineStandard({
      ...balongbendoInput,
      card: { validityMonths: 24, reportingIntervalMonths: 6 },
    })
    expect(explicit.hash).toBe(balongbendo.hash)
    const changed = defineStandard({ ...balongbendoInput, card: { validityMonths: 12 } })
    expect(changed.hash).not.toBe(balongbendo.hash)
  })

  it('names the field and the rule in Indonesian, and in English on request', () => {
    const error = captureError(() =>
      defineStandard({
        ...balongbendoInput,
        steps: [{ ...balongbendoInput.steps[1], role: 'lurah' }],
      } as never),
    )
    expect(isAk1Error(error)).toBe(true)
    const v = error as ValidationError
    expect(v.issues).toContainEqual(
      expect.objectContaining({ path: ['steps', 0, 'role'], rule: 'unknown_role' }),
    )
    expect(v.message).toContain('peran "lurah" tidak ada')
    expect(v.localized('en')).toContain('role "lurah" is not in roles')
  })

  it('says what format an id, an office code and a postcode must have', () => {
    const error = captureError(() =>
      defineStandard({
        ...balongbendoInput,
        id: 'AK1 Krian',
        office: { ...balongbendoInput.office, code: 'krian kota', postcode: '6126' },
      }),
    ) as ValidationError
    expect(error).toBeInstanceOf(ValidationError)
    expect(error.issues.map((i) => [i.path.join('.'), i.rule])).toEqual([
      ['id', 'standard_id_format'],
      ['office.code', 'office_code_format'],
      ['office.postcode', 'postcode_format'],
    ])
    expect(error.message).toContain('id: harus diawali huruf kecil atau angka')
    expect(error.message).toContain('office.postcode: kode pos harus 5 digit')
    expect(error.localized('en')).toContain('office.code: may hold only letters, digits')
  })

  it('says an exclusive bound refuses the bound itself', () => {
    const error = captureError(() =>
      defineStandard({ ...balongbendoInput, completion: { workingDays: 3, atRiskThreshold: 1 } }),
    ) as ValidationError
    expect(error.issues).toMatchObject([{ path: ['completion', 'atRiskThreshold'], rule: 'too_big' }])
    expect(error.message).toBe('Data tidak valid: completion.atRiskThreshold: harus kurang dari 1')
    expect(error.localized('en')).toBe('Invalid input: completion.atRiskThreshold: must be less than 1')
  })

  it('reports a wrong type with its path', () => {
    const error = captureError(() =>
      defineStandard({ ...balongbendoInput, completion: { workingDays: 'tiga' } } as never),
    )
    expect((error as ValidationError).issues[0]).toMatchObject({
      path: ['completion', 'workingDays'],
      rule: 'invalid_type',
    })
  })
})

describe('createStandardCatalog', () => {
  const v2 = defineStandard({ ...balongbendoInput, version: '2027.1', validFrom: '2027-01-01' })
  const v1 = defineStandard({ ...balongbendoInput, validUntil: '2026-12-31' })

  it('answers which version applies at an instant (by the day in WIB)', () => {
    const catalog = createStandardCatalog([v1, v2])
    expect(catalog.resolve(new Date('2026-12-31T16:59:59Z')).version).toBe('2023.1')
    expect(catalog.resolve(new Date('2026-12-31T17:00:00Z')).version).toBe('2027.1')
    expect(catalog.find('ak1-balongbendo', '2027.1', v2.hash)).toBe(v2)
    expect(catalog.find('ak1-balongbendo', '2027.1', 'nope')).toBeNull()
  })

  it('refuses overlapping published versions of one service', () => {
    expect(() => createStandardCatalog([balongbendo, v2])).toThrow(/bertumpang tindih/)
  })

  it('throws NotFoundError before the first version', () => {
    expect(() => createStandardCatalog([v1]).resolve(new Date('2020-01-01T00:00:00Z'))).toThrow(
      /Tidak ada standar/,
    )
  })
})

function captureError(fn: () => unknown): unknown {
  try {
    fn()
  } catch (error) {
    return error
  }
  throw new Error('expected an error')
}

describe('error messages', () => {
  it('tells a missing field from a wrong type', () => {
    const { completion: _c, ...withoutCompletion } = balongbendoInput
    const missing = captureError(() => defineStandard(withoutCompletion as never)) as ValidationError
    expect(missing.issues[0]).toMatchObject({
      path: ['completion'],
      message: 'wajib diisi',
      messageEn: 'is required',
    })
    const wrong = captureError(() =>
      defineStandard({ ...balongbendoInput, completion: { workingDays: 'tiga' } } as never),
    ) as ValidationError
    expect(wrong.issues[0]?.message).toContain('jenis data salah')
  })
})
