import { describe, expect, it } from 'vitest'
import { createIdGenerator } from '../src/engine/ids'
import { compileNumberFormat, sequenceScope } from '../src/engine/numbering'
import { ConfigError } from '../src/errors/errors'
import { balongbendoInput, defineStandard } from '../src/index'

const wib = 'Asia/Jakarta'

describe('number formats', () => {
  it('fills every token, with date parts in the standard zone', () => {
    // 2026-12-31T18:30Z is already 1 January 2027 in WIB.
    const at = new Date('2026-12-31T18:30:00Z')
    const f = compileNumberFormat('{office}/{yyyy}-{yy}{mm}{dd}/{seq}/{seq:5}')
    expect(f.format({ office: 'balongbendo', at, timeZone: wib, seq: 42 })).toBe(
      'balongbendo/2027-270101/42/00042',
    )
    expect(f.format({ office: 'x', at, timeZone: 'UTC', seq: 1 })).toBe('x/2026-261231/1/00001')
  })

  it('gives the Balongbendo default formats', () => {
    const at = new Date('2026-03-02T03:00:00Z')
    const parts = { office: 'balongbendo', at, timeZone: wib, seq: 7 }
    expect(compileNumberFormat('AK1-{yy}{mm}{dd}-{seq:5}').format(parts)).toBe('AK1-260302-00007')
    expect(compileNumberFormat('{seq:4}/AK1/{office}/{yyyy}').format(parts)).toBe('0007/AK1/balongbendo/2026')
  })

  it('scopes sequences per office, and per year when the number shows the year', () => {
    const at = new Date('2026-12-31T18:30:00Z')
    expect(sequenceScope(compileNumberFormat('{seq:4}/{yyyy}'), 'balongbendo', at, wib)).toBe(
      'balongbendo:2027',
    )
    expect(sequenceScope(compileNumberFormat('{office}-{seq}'), 'balongbendo', at, wib)).toBe('balongbendo')
  })

  it('refuses unknown tokens and templates without a sequence', () => {
    expect(() => compileNumberFormat('{seq}-{month}')).toThrow(ConfigError)
    expect(() => compileNumberFormat('{yyyy:2}-{seq}')).toThrow(ConfigError)
    expect(() => compileNumberFormat('AK1-{yyyy}')).toThrow(/\{seq\}/)
  })

  it('makes defineStandard refuse a format the service could not use, naming each key', () => {
    let error: unknown
    try {
      defineStandard({
        ...balongbendoInput,
        numbering: {
          trackingCode: 'AK1-{month}-{seq}',
          registerNumber: '{seq:4}/AK1',
          cardNumber: 'KARTU-{yyyy}',
        },
      })
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(ConfigError)
    expect((error as ConfigError).keys).toEqual(['numbering.trackingCode', 'numbering.cardNumber'])
    expect((error as ConfigError).message).toContain(
      'numbering.trackingCode memuat token tidak dikenal {month}',
    )
    expect((error as ConfigError).messageEn).toContain('numbering.cardNumber must hold {seq}')
  })
})

describe('case ids', () => {
  it('are 26 characters and strictly increasing, even with a clock that stands still or goes back', () => {
    const next = createIdGenerator()
    const at = new Date('2026-03-02T03:00:00Z')
    const ids = [next(at), next(at), next(at), next(new Date('2026-03-01T00:00:00Z')), next(new Date())]
    expect(ids.every((id) => /^[0-9A-HJKMNP-TV-Z]{26}$/.test(id))).toBe(true)
    expect([...ids].sort()).toEqual(ids)
    expect(new Set(ids).size).toBe(ids.length)
  })
})
