import { describe, expect, it } from 'vitest'
import {
  applicationSchema,
  isAk1Error,
  normalizeMobile,
  parseApplication,
  safeParseApplication,
  ValidationError,
} from '../src/index'
import { sampleApplication } from '../src/testing/index'

const now = new Date('2026-11-27T05:00:00Z')

function issuesOf(input: unknown, at: Date = now): ValidationError {
  const result = safeParseApplication(input, { now: at })
  if (result.success) throw new Error('the application was accepted')
  expect(result.error).toBeInstanceOf(ValidationError)
  return result.error
}
const rules = (input: unknown) => issuesOf(input).issues.map((i) => `${i.path.join('.')} ${i.rule}`)

describe('parseApplication', () => {
  it('accepts the sample application and normalises it', () => {
    const parsed = parseApplication(
      sampleApplication({
        applicant: {
          nik: '3515 1254 0501 0001',
          fullName: '  Siti   Rahmawati ',
          address: { rt: '3', rw: '01' },
        },
        contacts: { mobile: '0812-3456-7890' },
      }),
      { now },
    )
    expect(parsed.applicant.nik).toBe('3515125405010001')
    expect(parsed.applicant.fullName).toBe('Siti Rahmawati')
    expect(parsed.applicant.address.rt).toBe('003')
    expect(parsed.applicant.address.rw).toBe('001')
    expect(parsed.contacts.mobile).toBe('+6281234567890')
  })

  it('returns the sample application unchanged: it is already normalised', () => {
    expect(parseApplication(sampleApplication(), { now })).toEqual(sampleApplication())
  })

  it('deep-merges overrides into a fresh sample each time', () => {
    const changed = sampleApplication({ applicant: { address: { rt: '7' } }, skills: ['Las'] })
    expect(changed.applicant.address.rt).toBe('7')
    expect(changed.applicant.address.desa).toBe('Balongbendo')
    expect(changed.skills).toEqual(['Las'])
    expect(sampleApplication().applicant.address.rt).toBe('003')
    const polluted = sampleApplication(JSON.parse('{"__proto__":{"polluted":true}}'))
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(Object.keys(polluted)).not.toContain('__proto__')
  })

  it('fills the optional lists with []', () => {
    const { courses, workHistory, languages, skills, photos, ...rest } = sampleApplication()
    const parsed = parseApplication(rest, { now })
    expect([parsed.courses, parsed.workHistory, parsed.languages, parsed.skills, parsed.photos]).toEqual([
      [],
      [],
      [],
      [],
      [],
    ])
  })

  it.each([
    ['08123456789', '+628123456789'],
    ['+62 812-3456-789', '+628123456789'],
    ['628123456789', '+628123456789'],
    ['(0812) 3456 7890', '+6281234567890'],
    ['+62 0812 3456 7890', '+6281234567890'],
    ['0812345678', '+62812345678'],
    ['0812345678901', '+62812345678901'],
  ])('normalises the mobile %s to %s', (input, expected) => {
    expect(normalizeMobile(input)).toBe(expected)
    expect(
      parseApplication(sampleApplication({ contacts: { mobile: input } }), { now }).contacts.mobile,
    ).toBe(expected)
  })

  it.each([
    '081234567',
    '08123456789012',
    '0318971003',
    '+6221 5550100',
    '+1 202 555 0100',
    '8123456789',
    '',
  ])('refuses the mobile %j', (mobile) => {
    expect(normalizeMobile(mobile)).toBeNull()
    expect(rules(sampleApplication({ contacts: { mobile } }))).toEqual(['contacts.mobile mobile_format'])
  })

  it('names field path and rule in Indonesian, and in English on request', () => {
    const input = sampleApplication({ applicant: { address: { postcode: '6126' } } })
    const error = issuesOf(input)
    expect(error.issues).toEqual([
      {
        path: ['applicant', 'address', 'postcode'],
        rule: 'postcode_format',
        message: 'kode pos harus 5 digit',
        messageEn: 'the postcode must have 5 digits',
      },
    ])
    expect(error.message).toBe('Data tidak valid: applicant.address.postcode: kode pos harus 5 digit')
    expect(error.localized('en')).toBe(
      'Invalid input: applicant.address.postcode: the postcode must have 5 digits',
    )
    expect(error.messageEn).toBe(error.localized('en'))

    let english: unknown
    try {
      parseApplication(input, { now, locale: 'en' })
    } catch (caught) {
      english = caught
    }
    expect(english).toBeInstanceOf(ValidationError)
    expect((english as ValidationError).name).toBe('ValidationError')
    expect((english as ValidationError).message).toBe(error.messageEn)
    expect((english as ValidationError).localized('id')).toBe(error.message)
    expect(isAk1Error(english)).toBe(true)
  })

  it('lists every problem at once', () => {
    const input = sampleApplication({
      applicant: { religion: 'Islam' as never, address: { rt: '000' } },
      contacts: { email: 'bukan-email' },
      desiredJob: { location: 'luar negeri' as never },
    })
    expect(rules(input).sort()).toEqual([
      'applicant.address.rt rt_rw_format',
      'applicant.religion invalid_value',
      'contacts.email email_format',
      'desiredJob.location invalid_value',
    ])
  })

  it('refuses unknown keys at every level, __proto__ included, without polluting anything', () => {
    const text = JSON.stringify(sampleApplication()).replace(
      '"street":',
      '"__proto__":{"polluted":true},"street":',
    )
    const input = JSON.parse(text)
    expect(rules(input)).toEqual(['applicant.address unrecognized_keys'])
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(rules({ ...sampleApplication(), isAdmin: true })).toEqual([' unrecognized_keys'])
    expect(rules(sampleApplication({ applicant: { nama: 'x' } as never }))).toEqual([
      'applicant unrecognized_keys',
    ])
    expect(
      rules(
        sampleApplication({
          photos: [{ sha256: 'a'.repeat(64), contentType: 'image/png', size: 1, bytes: 'AAAA' } as never],
        }),
      ),
    ).toEqual(['photos.0 unrecognized_keys'])
  })

  it('tells a missing member from one of the wrong type', () => {
    const { contacts: _missing, ...input } = sampleApplication({ applicant: 7 as never })
    const error = issuesOf(input)
    expect(error.issues.map((i) => [i.path.join('.'), i.rule, i.message])).toEqual([
      ['applicant', 'invalid_type', 'jenis data salah (seharusnya object)'],
      ['contacts', 'invalid_type', 'wajib diisi'],
    ])
    expect(error.issues.map((i) => i.messageEn)).toEqual([
      'has the wrong type (expected object)',
      'is required',
    ])
  })

  it('names at most ten of a flood of unknown keys', () => {
    const flood = Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`k${i}`, i]))
    const error = issuesOf({ ...sampleApplication(), ...flood })
    expect(error.issues).toHaveLength(1)
    expect(error.issues[0]?.message).toBe(
      'kolom tidak dikenal: k0, k1, k2, k3, k4, k5, k6, k7, k8, k9, … (+4990)',
    )
  })

  it('refuses numbers where strings belong, and huge strings, by their caps', () => {
    expect(rules(sampleApplication({ applicant: { nik: 3515125405010001 as never } }))).toEqual([
      'applicant.nik invalid_type',
    ])
    expect(rules(sampleApplication({ applicant: { birthPlace: 'x'.repeat(1_000_000) } }))).toEqual([
      'applicant.birthPlace too_big',
    ])
    expect(rules(sampleApplication({ skills: Array.from({ length: 31 }, () => 'Menjahit') }))).toEqual([
      'skills too_big',
    ])
  })

  it('refuses control characters, line breaks in one-line fields and broken Unicode', () => {
    expect(rules(sampleApplication({ applicant: { birthPlace: 'Sido\u0000arjo' } }))).toEqual([
      'applicant.birthPlace text_chars',
    ])
    expect(rules(sampleApplication({ applicant: { birthPlace: 'Sido\narjo' } }))).toEqual([
      'applicant.birthPlace text_chars',
    ])
    expect(rules(sampleApplication({ desiredJob: { category: 'Admin\uD83D' } }))).toEqual([
      'desiredJob.category text_chars',
    ])
    const duties = parseApplication(
      sampleApplication({
        workHistory: [
          { position: 'Kasir', duties: 'Melayani\npembeli', length: '1 tahun', employer: 'Toko' },
        ],
      }),
      { now },
    ).workHistory[0]?.duties
    expect(duties).toBe('Melayani\npembeli')
  })

  it('accepts names in any script and refuses digits in a name', () => {
    expect(
      parseApplication(sampleApplication({ applicant: { fullName: "Nguyễn Thị D'Arcy-Lê, S.E." } }), { now })
        .applicant.fullName,
    ).toBe("Nguyễn Thị D'Arcy-Lê, S.E.")
    expect(rules(sampleApplication({ applicant: { fullName: 'Siti 2' } }))).toEqual([
      'applicant.fullName person_name',
    ])
  })

  it('accepts the marital status of older KTPs and every religion of the KTP', () => {
    for (const maritalStatus of ['kawin', 'kawin_tercatat', 'cerai_mati'] as const) {
      expect(
        parseApplication(sampleApplication({ applicant: { maritalStatus } }), { now }).applicant
          .maritalStatus,
      ).toBe(maritalStatus)
    }
    expect(
      parseApplication(sampleApplication({ applicant: { religion: 'kepercayaan' } }), { now }),
    ).toBeTruthy()
  })

  it('requires the form to be declared complete', () => {
    expect(rules(sampleApplication({ form: { completed: false as never } }))).toEqual([
      'form.completed form_completed',
    ])
  })

  it('takes at most two photos, JPEG or PNG', () => {
    const pdf = { sha256: 'b'.repeat(64), contentType: 'application/pdf', size: 10 }
    expect(rules(sampleApplication({ photos: [pdf] }))).toEqual(['photos.0.contentType photo_content_type'])
    const jpg = { ...pdf, contentType: 'image/jpeg' }
    expect(rules(sampleApplication({ photos: [jpg, jpg, jpg] }))).toEqual(['photos too_big'])
    expect(rules(sampleApplication({ photos: [{ ...jpg, sha256: 'B'.repeat(64) }] }))).toEqual([
      'photos.0.sha256 sha256_format',
    ])
  })

  it('checks the wage band order', () => {
    expect(rules(sampleApplication({ desiredJob: { wage: { min: 5_000_000, max: 4_000_000 } } }))).toEqual([
      'desiredJob.wage.max wage_range',
    ])
  })
})

describe('education rules', () => {
  const sd = { level: 'sd', school: 'SD Negeri 1', graduationYear: 2013 } as const
  const smp = { level: 'smp', type: 'mts', school: 'MTs Negeri', graduationYear: 2016 } as const
  const sma = { level: 'sma', type: 'paket_c', school: 'PKBM Harapan', graduationYear: 2019 } as const
  const s1 = { level: 's1', school: 'Universitas Airlangga', major: 'Hukum', graduationYear: 2023 } as const

  it('records MTs and Paket C under their equivalent levels', () => {
    const parsed = parseApplication(sampleApplication({ education: [sd, smp, sma, s1] }), { now })
    expect(parsed.education.map((e) => [e.level, e.type])).toEqual([
      ['sd', undefined],
      ['smp', 'mts'],
      ['sma', 'paket_c'],
      ['s1', undefined],
    ])
  })

  it('refuses a school type under another level', () => {
    expect(rules(sampleApplication({ education: [{ ...sd, type: 'smk' }] }))).toEqual([
      'education.0.type education_type_level',
    ])
  })

  it('requires SD, SMP and SMA below the highest level (the SK asks every ijazah from SD up)', () => {
    expect(rules(sampleApplication({ education: [sd, s1] }))).toEqual([
      'education education_missing_level',
      'education education_missing_level',
    ])
    const error = issuesOf(sampleApplication({ education: [sd, sma] }))
    expect(error.issues[0]?.message).toBe(
      'jenjang SMP harus diisi: ijazah dan daftar nilai diminta dari SD sampai pendidikan tertinggi (SMA)',
    )
    expect(parseApplication(sampleApplication({ education: [] }), { now }).education).toEqual([])
  })

  it('reports an education gap together with a problem elsewhere', () => {
    expect(rules(sampleApplication({ applicant: { kk: '123' }, education: [sd, sma] })).sort()).toEqual([
      'applicant.kk kk_length',
      'education education_missing_level',
    ])
  })

  it('refuses a level given twice', () => {
    expect(rules(sampleApplication({ education: [sd, { ...sd, school: 'SD lain' }] }))).toEqual([
      'education.1.level education_level_duplicate',
    ])
  })

  it('refuses graduation years out of order, before birth or in the future', () => {
    expect(rules(sampleApplication({ education: [sd, { ...smp, graduationYear: 2012 }, sma] }))).toEqual([
      'education.1.graduationYear education_year_order',
    ])
    expect(rules(sampleApplication({ education: [{ ...sd, graduationYear: 2001 }] }))).toEqual([
      'education.0.graduationYear graduation_year_before_birth',
    ])
    expect(rules(sampleApplication({ education: [sd, smp, sma, { ...s1, graduationYear: 2027 }] }))).toEqual([
      'education.3.graduationYear graduation_year_future',
    ])
  })

  it('refuses a birth date in the future of now, but not when now has caught up', () => {
    const baby = sampleApplication({
      applicant: { nik: '3515120101270001', birthDate: '2027-01-01', sex: 'L' },
      education: [],
    })
    expect(rules(baby)).toEqual(['applicant.birthDate birth_date_future'])
    // Working age (15 and over) is the default range; this checks the clock alone.
    const noAgeLimit = { now: new Date('2027-02-01T00:00:00Z'), applicantAge: { min: 0 } }
    expect(parseApplication(baby, noAgeLimit).applicant.birthDate).toBe('2027-01-01')
  })
})

describe('applicationSchema', () => {
  it('is a zod schema usable on its own', () => {
    expect(applicationSchema.safeParse(sampleApplication()).success).toBe(true)
    expect(applicationSchema.safeParse({}).success).toBe(false)
  })

  it('turns unreadable input into a ValidationError', () => {
    const input = sampleApplication() as unknown as Record<string, unknown>
    Object.defineProperty(input, 'contacts', {
      enumerable: true,
      get() {
        throw new Error('boom')
      },
    })
    const error = issuesOf(input)
    expect(error.issues.map((i) => i.rule)).toEqual(['unreadable_input'])
  })
})
