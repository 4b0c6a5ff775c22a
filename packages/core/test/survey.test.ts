import { describe, expect, it } from 'vitest'
import {
  computeSkm,
  createSkmAccumulator,
  isAk1Error,
  parseSkmResponse,
  type SkmResponse,
  skmElementIds,
  skmGrade,
  ValidationError,
} from '../src/index'

/** n responses whose scores add up to `total`, spread as evenly as the 1..4 range allows. */
function responsesWithTotal(n: number, total: number): SkmResponse[] {
  let left = total
  const out: SkmResponse[] = []
  for (let r = 0; r < n; r++) {
    const scores: Record<string, number> = {}
    for (const [i, id] of skmElementIds.entries()) {
      const slotsAfter = (n - r) * skmElementIds.length - (i + 1)
      // Leave at least 1 and at most 4 for every later slot.
      const value = Math.min(4, Math.max(1, left - slotsAfter * 4), left - slotsAfter)
      scores[id] = value
      left -= value
    }
    out.push(parseSkmResponse({ scores }))
  }
  expect(left).toBe(0)
  return out
}

/** Converted value in hundredths, rounded half up, computed with BigInt (independent of the code). */
function expectedHundredths(n: number, total: number): bigint {
  const num = BigInt(total) * 2500n
  const den = BigInt(9 * n)
  const q = num / den
  return (num % den) * 2n >= den ? q + 1n : q
}

/** Finds a response count and score total that convert to exactly `hundredths`. */
function findTotal(hundredths: number): { n: number; total: number } {
  for (let n = 1; n <= 2000; n++) {
    for (let total = 9 * n; total <= 36 * n; total++) {
      if (expectedHundredths(n, total) === BigInt(hundredths)) return { n, total }
    }
  }
  throw new Error(`no response set converts to ${hundredths / 100}`)
}

describe('SKM grade boundaries (PermenPAN-RB 14/2017, inclusive lower bounds)', () => {
  const table: [number, 'A' | 'B' | 'C' | 'D', string][] = [
    [100, 'A', 'Sangat Baik'],
    [88.31, 'A', 'Sangat Baik'],
    [88.3, 'B', 'Baik'],
    [76.61, 'B', 'Baik'],
    [76.6, 'C', 'Kurang Baik'],
    [65, 'C', 'Kurang Baik'],
    [64.99, 'D', 'Tidak Baik'],
    [25, 'D', 'Tidak Baik'],
  ]
  it.each(table)('skmGrade(%s) is %s (%s)', (value, grade, label) => {
    expect(skmGrade(value)).toEqual({ grade, label: expect.objectContaining({ id: label }) })
  })

  it.each(table)('a response set converting to %s is graded %s', (value, grade) => {
    const { n, total } = findTotal(Math.round(value * 100))
    const result = computeSkm(responsesWithTotal(n, total))
    expect(result.responses).toBe(n)
    expect(result.converted).toBe(value)
    expect(result.grade).toBe(grade)
  })

  it('refuses a converted value outside 25..100', () => {
    expect(() => skmGrade(24.99)).toThrow(RangeError)
    expect(() => skmGrade(100.01)).toThrow(RangeError)
  })
})

describe('computeSkm', () => {
  it('gives each element its mean, the index as the mean of the nine, and the value times 25', () => {
    const a = Object.fromEntries(skmElementIds.map((id, i) => [id, (i % 4) + 1]))
    const b = Object.fromEntries(skmElementIds.map((id) => [id, 4]))
    const result = computeSkm([parseSkmResponse({ scores: a }), parseSkmResponse({ scores: b })])
    for (const [i, id] of skmElementIds.entries()) expect(result.elements[id]).toBe(((i % 4) + 1 + 4) / 2)
    const sumA = skmElementIds.reduce((s, _id, i) => s + (i % 4) + 1, 0)
    expect(result.index).toBeCloseTo((sumA + 36) / 18, 12)
    expect(result.converted).toBe(Number(expectedHundredths(2, sumA + 36)) / 100)
  })

  it('rounds half up to 2 decimals', () => {
    let found: { n: number; total: number } | undefined
    for (let n = 1; n <= 200 && !found; n++) {
      for (let total = 9 * n; total <= 36 * n; total++) {
        if (((BigInt(total) * 5000n) % BigInt(18 * n)) * 1n === BigInt(9 * n)) {
          found = { n, total }
          break
        }
      }
    }
    expect(found).toBeDefined()
    const { n, total } = found!
    const exact = (total * 25) / (9 * n)
    const result = computeSkm(responsesWithTotal(n, total))
    expect(result.converted! * 100).toBeCloseTo(Math.floor(exact * 100) + 1, 6)
  })

  it('answers nulls for no responses', () => {
    const result = createSkmAccumulator().result()
    expect(result).toMatchObject({ responses: 0, index: null, converted: null, grade: null })
    expect(Object.values(result.elements).every((v) => v === null)).toBe(true)
  })
})

describe('parseSkmResponse', () => {
  const full = Object.fromEntries(skmElementIds.map((id) => [id, 3]))
  it.each([0, 5, 2.5, '3'])('refuses a score of %s with an Indonesian message naming the element', (bad) => {
    const error = (() => {
      try {
        parseSkmResponse({ scores: { ...full, waktu: bad } })
      } catch (e) {
        return e
      }
    })()
    expect(error).toBeInstanceOf(ValidationError)
    expect(isAk1Error(error)).toBe(true)
    const v = error as ValidationError
    expect(v.issues.map((i) => i.path.join('.'))).toEqual(['scores.waktu'])
    expect(v.message).toContain('scores.waktu: nilai harus bilangan bulat 1 sampai 4')
    expect(v.messageEn).toContain('whole number from 1 to 4')
  })

  it('refuses a missing element and an unknown one', () => {
    const { sarana: _gone, ...eight } = full
    expect(() => parseSkmResponse({ scores: eight })).toThrow(/scores\.sarana: wajib diisi/)
    expect(() => parseSkmResponse({ scores: { ...full, ramah: 4 } })).toThrow(ValidationError)
  })
})
