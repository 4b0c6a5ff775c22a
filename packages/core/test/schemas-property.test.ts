import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  arbitraryAdversarialInput,
  arbitraryApplication,
  arbitraryInvalidApplication,
} from '../src/arbitraries/index'
import {
  checklistFor,
  isAk1Error,
  parseApplication,
  safeParseApplication,
  ValidationError,
} from '../src/index'
import { balongbendo } from '../src/standards/balongbendo'

// 3,000 valid + 3,000 invalid + 4,000 adversarial = 10,000 generated inputs.
const now = new Date('2026-11-27T05:00:00Z')
const seed = 20_261_127

function expectRejected(input: unknown): ValidationError {
  let caught: unknown
  try {
    parseApplication(input, { now })
  } catch (error) {
    caught = error
  }
  expect(caught).toBeInstanceOf(ValidationError)
  const error = caught as ValidationError
  expect(error.issues.length).toBeGreaterThan(0)
  // Every generated input is readable: an `unreadable_input` issue here would be a crash inside a
  // schema refinement that safeParseApplication's guard turned into a ValidationError.
  expect(error.issues.map((issue) => issue.rule)).not.toContain('unreadable_input')
  for (const issue of error.issues) {
    expect(issue.message.length).toBeGreaterThan(0)
    expect(issue.messageEn.length).toBeGreaterThan(0)
    expect(error.message).toContain(issue.path.length ? issue.path.join('.') : '(root)')
  }
  return error
}

describe('application properties', () => {
  it('accepts every valid application, and it survives a JSON round trip unchanged', () => {
    fc.assert(
      fc.property(arbitraryApplication(), (input) => {
        const parsed = parseApplication(input, { now })
        const again = parseApplication(JSON.parse(JSON.stringify(parsed)), { now })
        expect(again).toEqual(parsed)
        expect(parsed.contacts.mobile).toMatch(/^\+628\d{8,11}$/)
        expect(parsed.applicant.nik).toMatch(/^\d{16}$/)
        // Every completed level gets its ijazah and daftar nilai.
        const ids = checklistFor(balongbendo, parsed).map((item) => item.id)
        for (const entry of parsed.education) expect(ids).toContain(`ijazah:${entry.level}`)
      }),
      { numRuns: 3000, seed },
    )
  })

  it('refuses every invalid application with a ValidationError naming the broken field and rule', () => {
    fc.assert(
      fc.property(arbitraryInvalidApplication(), ({ input, path, rule }) => {
        const error = expectRejected(input)
        const hit = error.issues.some(
          (issue) => issue.rule === rule && issue.path.join('\u0000') === path.join('\u0000'),
        )
        expect(hit, `${rule} at ${path.join('.')} in ${JSON.stringify(error.issues.slice(0, 3))}`).toBe(true)
      }),
      { numRuns: 3000, seed },
    )
  })

  it('never crashes on adversarial input: the result is an application or a ValidationError', () => {
    fc.assert(
      fc.property(arbitraryAdversarialInput(), (input) => {
        const result = safeParseApplication(input, { now })
        if (result.success) {
          expect(parseApplication(JSON.parse(JSON.stringify(result.data)), { now })).toEqual(result.data)
        } else {
          expect(result.error).toBeInstanceOf(ValidationError)
          expect(isAk1Error(result.error)).toBe(true)
          expectRejected(input)
        }
        expect(({} as Record<string, unknown>).isAdmin).toBeUndefined()
      }),
      { numRuns: 4000, seed },
    )
  })
})
