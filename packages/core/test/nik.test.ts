import { describe, expect, it } from 'vitest'
import { parseApplication, parseNik, ValidationError } from '../src/index'
import { sampleApplication } from '../src/testing/index'

const now = new Date('2026-11-27T05:00:00Z')

function nikError(nik: string, at: Date = now): ValidationError {
  try {
    parseNik(nik, { now: at })
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError)
    return error as ValidationError
  }
  throw new Error(`parseNik accepted ${nik}`)
}

describe('parseNik', () => {
  it.each([
    ['a man born in 1990', '3515120101900001', '1990-01-01', 'L'],
    ['a woman born in 1985 (day + 40)', '3515125512850002', '1985-12-15', 'P'],
    ['a man born in 2004, registered in Surabaya', '3578011708040003', '2004-08-17', 'L'],
    ['a woman born on the 31st in 2010', '3201017103100004', '2010-03-31', 'P'],
    ['a man born on 29 February 2000 (leap year)', '3515122902000005', '2000-02-29', 'L'],
    ['a woman born on 29 February 1996 (leap year)', '3515126902960006', '1996-02-29', 'P'],
    ['a man born this very day in 2026', '3515122711260007', '2026-11-27', 'L'],
    ['a woman whose 20xx date lies ahead: 19xx', '3515125512260008', '1926-12-15', 'P'],
  ])('reads %s', (_label, nik, birthDate, sex) => {
    const parts = parseNik(nik, { now })
    expect(parts).toEqual({
      provinceCode: nik.slice(0, 2),
      regencyCode: nik.slice(0, 4),
      districtCode: nik.slice(0, 6),
      birthDate,
      sex,
      serial: nik.slice(12),
    })
  })

  it('ignores spaces, dots and hyphens people type', () => {
    expect(parseNik('3515 1201 0190 0001', { now }).birthDate).toBe('1990-01-01')
    expect(parseNik('35.15.12.010190.0001', { now }).serial).toBe('0001')
    expect(parseNik('351512-010190-0001', { now }).sex).toBe('L')
  })

  it('never refuses a NIK for its region digits', () => {
    expect(parseNik('0000000101900001', { now }).districtCode).toBe('000000')
    expect(parseNik('9999990101900001', { now }).provinceCode).toBe('99')
  })

  it('takes the pivot from now, counting dates in WIT (UTC+9)', () => {
    // 16:00 UTC on 27 November is already 28 November in Jayapura.
    const late = new Date('2026-11-27T16:00:00Z')
    expect(parseNik('3515122811260009', { now: late }).birthDate).toBe('2026-11-28')
    expect(parseNik('3515122811260009', { now }).birthDate).toBe('1926-11-28')
    // In 1999 a NIK with year 00 meant 1900, which had no 29 February.
    expect(parseNik('3515120101000001', { now: new Date('1999-06-01T00:00:00Z') }).birthDate).toBe(
      '1900-01-01',
    )
    expect(nikError('3515122902000009', new Date('1999-06-01T00:00:00Z')).issues[0]?.rule).toBe(
      'nik_birth_date',
    )
  })

  it.each([
    ['29 February of a non-leap 20xx year', '3515122902010007', 'nik_birth_date'],
    ['29 February of a non-leap 19xx year (woman)', '3515126902970008', 'nik_birth_date'],
    ['31 April', '3515123104900001', 'nik_birth_date'],
    ['30 February', '3515123002900001', 'nik_birth_date'],
    ['day 00', '3515120001900001', 'nik_birth_date'],
    ['day 32', '3515123201900001', 'nik_birth_date'],
    ['day 40 (neither sex)', '3515124001900001', 'nik_birth_date'],
    ['day 72', '3515127201900001', 'nik_birth_date'],
    ['month 13', '3515120113900001', 'nik_birth_date'],
    ['month 00', '3515120100900001', 'nik_birth_date'],
    ['serial 0000', '3515120101900000', 'nik_serial'],
    ['15 digits', '351512010190001', 'nik_length'],
    ['17 digits', '35151201019000011', 'nik_length'],
    ['nothing', '', 'nik_length'],
    ['a letter O for a zero', '35151201019000O1', 'nik_digits'],
    ['Arabic-Indic digits', '351512010190000\u0661', 'nik_digits'],
    ['a plus sign', '+515120101900001', 'nik_digits'],
  ])('refuses %s', (_label, nik, rule) => {
    const error = nikError(nik)
    expect(error.issues.map((i) => i.rule)).toContain(rule)
    expect(error.issues[0]?.path).toEqual(['nik'])
    expect(error.message).toMatch(/^Data tidak valid: nik: .*NIK/)
    expect(error.localized('en')).toMatch(/^Invalid input: nik: .*NIK/)
  })

  it('refuses a value that is not a string with a ValidationError', () => {
    expect(() => parseNik(3515120101900001 as unknown as string, { now })).toThrow(ValidationError)
  })
})

describe('the application checks the NIK against the stated birth date and sex', () => {
  const parse = (applicant: Record<string, unknown>) => {
    try {
      parseApplication(sampleApplication({ applicant }), { now })
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError)
      return (error as ValidationError).issues
    }
    return []
  }

  it('accepts consistent men and women from both centuries', () => {
    expect(parse({ nik: '3515120101900001', birthDate: '1990-01-01', sex: 'L' })).toEqual([])
    expect(parse({ nik: '3515125512850002', birthDate: '1985-12-15', sex: 'P' })).toEqual([])
    expect(parse({ nik: '3578011708040003', birthDate: '2004-08-17', sex: 'L' })).toEqual([])
    expect(parse({ nik: '3515126902960006', birthDate: '1996-02-29', sex: 'P' })).toEqual([])
  })

  it('refuses a birth date the NIK contradicts, naming both dates', () => {
    const issues = parse({ birthDate: '2001-05-15' })
    expect(issues).toHaveLength(1)
    expect(issues[0]).toMatchObject({ path: ['applicant', 'nik'], rule: 'nik_birth_date_mismatch' })
    expect(issues[0]?.message).toBe(
      'tanggal lahir dalam NIK (14-05-01) tidak sesuai dengan tanggal lahir yang diisi (2001-05-15)',
    )
    expect(issues[0]?.messageEn).toContain('does not match the stated birth date (2001-05-15)')
  })

  it('refuses a birth year the NIK contradicts', () => {
    expect(parse({ birthDate: '2002-05-14' }).map((i) => i.rule)).toEqual(['nik_birth_date_mismatch'])
  })

  it('refuses a sex the NIK contradicts', () => {
    const issues = parse({ sex: 'L' })
    expect(issues.map((i) => [i.path.join('.'), i.rule])).toEqual([['applicant.nik', 'nik_sex_mismatch']])
    expect(issues[0]?.message).toContain('NIK menunjukkan jenis kelamin P')
  })

  it('reports both when date and sex disagree', () => {
    expect(parse({ sex: 'L', birthDate: '2000-01-01' }).map((i) => i.rule)).toEqual([
      'nik_birth_date_mismatch',
      'nik_sex_mismatch',
    ])
  })

  it('calls a NIK with an impossible date impossible, not a mismatch', () => {
    expect(parse({ nik: '3515122902010007', birthDate: '2001-03-01', sex: 'L' }).map((i) => i.rule)).toEqual([
      'nik_birth_date',
    ])
    expect(parse({ nik: '3515123104900001', birthDate: '1990-04-30', sex: 'L' }).map((i) => i.rule)).toEqual([
      'nik_birth_date',
    ])
  })

  it('refuses 29 February of a non-leap year as a birth date', () => {
    const issues = parse({ nik: '3515122902010007', birthDate: '2001-02-29', sex: 'L' })
    expect(issues.map((i) => [i.path.join('.'), i.rule])).toEqual([['applicant.birthDate', 'calendar_date']])
  })

  it('refuses wrong lengths and letters with their own rules', () => {
    expect(parse({ nik: '351512540501001' }).map((i) => i.rule)).toEqual(['nik_length'])
    expect(parse({ nik: '35151254050100I1' }).map((i) => i.rule)).toEqual(['nik_digits'])
    expect(parse({ nik: '3515125405010000' }).map((i) => i.rule)).toEqual(['nik_serial'])
  })

  it('accepts a NIK from anywhere in Indonesia', () => {
    expect(parse({ nik: '9471015405010001' })).toEqual([])
  })
})
