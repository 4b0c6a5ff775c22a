// Issue 15 item 8: identity edges. Actor ids in canonical form or refused (never folded); no
// control, invisible or bidi characters in names and addresses; NIK and KK province codes; a KK
// of all zeros; the applicant's age range from the standard.
import { describe, expect, it } from 'vitest'
import { createAk1Service } from '../src/engine/service'
import { ValidationError } from '../src/errors/errors'
import {
  actorIdProblem,
  applyEvent,
  balongbendo,
  balongbendoInput,
  defineStandard,
  indonesiaProvinceCodes,
  parseApplication,
  startCase,
} from '../src/index'
import { createMemoryStore, sampleApplication } from '../src/testing/index'
import { checklistOf, ctx, officer, walkTo } from './procedure-fixtures'
import { fakeClock, officers } from './service-helpers'

const now = new Date('2026-04-14T01:00:00Z')

function issuesOf(fn: () => unknown, what = '') {
  try {
    fn()
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError)
    return (e as ValidationError).issues
  }
  throw new Error(`expected a ValidationError ${what}`)
}

/** The verifier's id, written so that it looks the same or nearly. */
const lookalikes: Array<[string, string]> = [
  ['u-operator ', 'actor_id_space'],
  [' u-operator', 'actor_id_space'],
  ['u-operator\u200b', 'actor_id_chars'],
  ['u-\u200doperator', 'actor_id_chars'],
  ['u-operator\u202e', 'actor_id_chars'],
  ['u-operator\u0007', 'actor_id_chars'],
  ['u\uff0doperator', 'actor_id_nfkc'],
  ['\uff55-operator', 'actor_id_nfkc'],
  ['u-operator\u00a0x', 'actor_id_nfkc'],
]

describe('actor ids', () => {
  it('are refused when not canonical, with the rule and the field named, in Indonesian first', () => {
    const r = walkTo(balongbendo, 'tatap_muka', 'verifikasi')
    for (const [id, rule] of lookalikes) {
      expect(actorIdProblem(id), JSON.stringify(id)).toBe(rule)
      const issues = issuesOf(() =>
        applyEvent(balongbendo, r.snapshot, { type: 'ACCEPT', verified: [] }, officer('operator', id), ctx),
      )
      expect(issues).toEqual([expect.objectContaining({ path: ['actor', 'id'], rule })])
      expect(issues[0]?.message).toContain('id pengguna (actor.id)')
      expect(issues[0]?.messageEn).toContain('user id')
    }
    for (const ok of ['u-operator', 'petugas-1', 'Budi Santoso', 'nip:198703152010011001', 'Đức']) {
      expect(actorIdProblem(ok), ok).toBeNull()
    }
  })

  it('a verifier cannot sign under a look-alike id, nor under the same id in another letter case', () => {
    const r = walkTo(balongbendo, 'tatap_muka', 'tanda_tangan')
    const signer = (id: string) => ({ id, role: 'camat' })
    for (const [id] of lookalikes) {
      expect(() => applyEvent(balongbendo, r.snapshot, { type: 'SIGN' }, signer(id), ctx)).toThrow(
        ValidationError,
      )
    }
    for (const id of ['U-OPERATOR', 'U-Operator', 'u-admin'.toUpperCase()]) {
      expect(() => applyEvent(balongbendo, r.snapshot, { type: 'SIGN' }, signer(id), ctx)).toThrow(
        /Pemisahan tugas/,
      )
    }
    expect(applyEvent(balongbendo, r.snapshot, { type: 'SIGN' }, signer('u-camat'), ctx).state).toBe(
      'pengarsipan',
    )
  })

  it('the service refuses a submit or an act by a non-canonical id and changes nothing', async () => {
    const store = createMemoryStore()
    const service = createAk1Service({ standard: balongbendo, store, clock: fakeClock() })
    const bad = { id: 'petugas-1\u200b', role: 'petugas' }
    const submitError = await service
      .submit(sampleApplication(), { actor: bad, channel: 'tatap_muka' })
      .catch((e: unknown) => e)
    expect(submitError).toBeInstanceOf(ValidationError)
    expect((submitError as ValidationError).issues[0]).toMatchObject({
      path: ['actor', 'id'],
      rule: 'actor_id_chars',
    })
    expect((await store.list({})).items).toHaveLength(0)
    const c = await service.submit(sampleApplication(), { actor: officers.petugas, channel: 'tatap_muka' })
    const actError = await service
      .act(c.id, { type: 'ACCEPT', verified: [] }, { actor: { id: 'petugas-1 ', role: 'petugas' } })
      .catch((e: unknown) => e)
    expect((actError as ValidationError).issues[0]).toMatchObject({
      path: ['actor', 'id'],
      rule: 'actor_id_space',
    })
    expect((await service.get(c.id)).version).toBe(c.version)
  })

  it('startCase refuses a submitter whose id is not canonical', () => {
    const issues = issuesOf(() =>
      startCase(balongbendo, {
        channel: 'tatap_muka',
        actor: officer('petugas', 'u\uff0dpetugas'),
        checklist: checklistOf(balongbendo),
        applicantNik: ctx.applicantNik,
      }),
    )
    expect(issues[0]).toMatchObject({ path: ['actor', 'id'], rule: 'actor_id_nfkc' })
  })
})

describe('names and addresses', () => {
  const fields = [
    ['applicant', 'fullName'],
    ['applicant', 'birthPlace'],
    ['applicant', 'address', 'street'],
    ['applicant', 'address', 'desa'],
    ['applicant', 'address', 'kecamatan'],
    ['applicant', 'address', 'kabupaten'],
  ]
  const tricks = ['Siti\u202eHAMR', 'Siti\u200bRahma', 'Siti\u2066Rahma\u2069', 'Si\u00adti', 'Si\ufeffti']

  it('refuse bidi overrides, isolates and zero-width characters, naming the field', () => {
    for (const path of fields) {
      for (const trick of tricks) {
        const input = sampleApplication() as unknown as Record<string, Record<string, unknown>>
        let target = input as Record<string, unknown>
        for (const key of path.slice(0, -1)) target = target[key] as Record<string, unknown>
        target[path.at(-1) as string] = trick
        const issues = issuesOf(
          () => parseApplication(input, { now }),
          `${path.join('.')} ${JSON.stringify(trick)}`,
        )
        const hit = issues.find((i) => i.path.join('.') === path.join('.'))
        expect(hit, `${path.join('.')} ${JSON.stringify(trick)}`).toBeDefined()
        expect(['text_invisible', 'person_name']).toContain(hit?.rule)
      }
    }
  })

  it('the street gets the invisible-character rule with an Indonesian text', () => {
    const input = sampleApplication({ applicant: { address: { street: 'Jl. Mawar\u202e 12' } } })
    const issues = issuesOf(() => parseApplication(input, { now }))
    expect(issues).toEqual([
      expect.objectContaining({ path: ['applicant', 'address', 'street'], rule: 'text_invisible' }),
    ])
    expect(issues[0]?.message).toContain('tak terlihat')
  })
})

describe('NIK and KK', () => {
  const nik = sampleApplication().applicant.nik as string
  const kk = sampleApplication().applicant.kk as string

  it('refuse a province code that does not exist, naming the code', () => {
    for (const code of ['00', '10', '20', '37', '54', '99']) {
      const issues = issuesOf(() =>
        parseApplication(
          sampleApplication({ applicant: { nik: code + nik.slice(2), kk: code + kk.slice(2) } }),
          { now },
        ),
      )
      expect(issues.map((i) => `${i.path.join('.')}:${i.rule}`)).toEqual([
        'applicant.nik:nik_province',
        'applicant.kk:kk_province',
      ])
      expect(issues[0]?.message).toContain(`kode provinsi ${code}`)
    }
  })

  it('accept every Kemendagri province code; the list is configurable', () => {
    for (const code of Object.keys(indonesiaProvinceCodes)) {
      const app = parseApplication(sampleApplication({ applicant: { kk: code + kk.slice(2) } }), { now })
      expect(app.applicant.kk.slice(0, 2)).toBe(code)
    }
    expect(Object.keys(indonesiaProvinceCodes)).toHaveLength(38)
    const issues = issuesOf(() => parseApplication(sampleApplication(), { now, provinceCodes: ['31'] }))
    expect(issues.map((i) => i.rule)).toEqual(['nik_province', 'kk_province'])
  })

  it('refuse a KK of all zeros', () => {
    const issues = issuesOf(() =>
      parseApplication(sampleApplication({ applicant: { kk: '0000 0000 0000 0000' } }), { now }),
    )
    expect(issues).toEqual([expect.objectContaining({ path: ['applicant', 'kk'], rule: 'kk_zeros' })])
    expect(issues[0]?.message).toBe('No. KK tidak boleh semuanya angka nol')
  })
})

describe('the applicant age range', () => {
  /** An application of someone born on the date, with a NIK that agrees. */
  function bornOn(birthDate: string) {
    const [y, m, d] = birthDate.split('-') as [string, string, string]
    const nik = `351512${String(Number(d) + 40).padStart(2, '0')}${m}${y.slice(2)}0001`
    return sampleApplication({ applicant: { birthDate, nik }, education: [] })
  }

  it('is working age, 15 and over, by default: a baby of three weeks and a 14-year-old are refused', () => {
    for (const birthDate of ['2026-03-24', '2011-04-15']) {
      const issues = issuesOf(() => parseApplication(bornOn(birthDate), { now }))
      expect(issues).toEqual([
        expect.objectContaining({ path: ['applicant', 'birthDate'], rule: 'applicant_age' }),
      ])
      expect(issues[0]?.message).toContain('15 tahun ke atas')
    }
    // 15 today (in WIT, the first Indonesian zone to reach the date).
    expect(parseApplication(bornOn('2011-04-14'), { now }).applicant.birthDate).toBe('2011-04-14')
  })

  it('comes from the standard, and a standard that leaves it at the default keeps its hash', () => {
    expect(balongbendo.applicantAge).toEqual({ min: 15 })
    const spelled = defineStandard({ ...balongbendoInput, hash: undefined, applicantAge: { min: 15 } })
    expect(spelled.hash).toBe(balongbendo.hash)
    // The hash balongbendo had before the age range existed.
    expect(balongbendo.hash).toBe(BALONGBENDO_HASH)
    const adults = defineStandard({
      ...balongbendoInput,
      hash: undefined,
      version: '2027.1',
      applicantAge: { min: 18, max: 60 },
    })
    expect(adults.hash).not.toBe(balongbendo.hash)
    const issues = issuesOf(() =>
      parseApplication(bornOn('2009-01-01'), { now, applicantAge: adults.applicantAge }),
    )
    expect(issues[0]?.message).toContain('18 tahun sampai 60 tahun')
    expect(() =>
      defineStandard({ ...balongbendoInput, hash: undefined, applicantAge: { min: 30, max: 20 } }),
    ).toThrow(ValidationError)
  })

  it('the service applies the standard range at submission', async () => {
    const adults = defineStandard({
      ...balongbendoInput,
      hash: undefined,
      applicantAge: { min: 30 },
    })
    const store = createMemoryStore()
    const service = createAk1Service({ standard: adults, store, clock: fakeClock() })
    const error = await service
      .submit(sampleApplication(), { actor: officers.petugas, channel: 'tatap_muka' })
      .catch((e: unknown) => e)
    expect((error as ValidationError).issues).toEqual([
      expect.objectContaining({ path: ['applicant', 'birthDate'], rule: 'applicant_age' }),
    ])
    expect((await store.list({})).items).toHaveLength(0)
  })
})

const BALONGBENDO_HASH = '0a18a84788d5a3054e5857aaadeba0b3ba205da12e679e798694ea8df2ba015c'
