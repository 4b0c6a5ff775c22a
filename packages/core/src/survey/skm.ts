import { z } from 'zod'
import { parseOrThrow, ruleMessages } from '../i18n/zod-issues'
import { type SkmElementId, skmElementIds } from './elements'

Object.assign(ruleMessages, {
  skm_score: {
    id: 'nilai harus bilangan bulat 1 sampai 4',
    en: 'the score must be a whole number from 1 to 4',
  },
})

// A missing score keeps zod's "wajib diisi"; any other wrong value names the 1-4 rule.
const score = z
  .number({ error: (issue) => (issue.input === undefined ? undefined : 'skm_score') })
  .int('skm_score')
  .min(1, 'skm_score')
  .max(4, 'skm_score')

/**
 * One SKM response: a score of 1 to 4 for each of the nine elements. It may name the case it is
 * about (so that a case counts once); it never names the respondent.
 */
export const skmResponseSchema = z.strictObject({
  scores: z.strictObject(
    Object.fromEntries(skmElementIds.map((id) => [id, score])) as Record<SkmElementId, typeof score>,
  ),
  /** The case the respondent was served in, if any: at most one response counts per case. */
  caseId: z.string().min(1).max(64).optional(),
})

/** A parsed SKM response. */
export type SkmResponse = z.output<typeof skmResponseSchema>

/**
 * Parses a response, throwing `ValidationError` naming each bad element (`scores.waktu: nilai
 * harus bilangan bulat 1 sampai 4`).
 */
export function parseSkmResponse(input: unknown): SkmResponse {
  return parseOrThrow(skmResponseSchema, input)
}

/** The grade (mutu pelayanan) of a converted SKM value. */
export type SkmGrade = 'A' | 'B' | 'C' | 'D'

/**
 * The grades of PermenPAN-RB 14/2017 by the lower bound of the converted value, in hundredths,
 * inclusive: A 88.31-100, B 76.61-88.30, C 65.00-76.60, D 25.00-64.99.
 */
const gradeFloors: readonly { grade: SkmGrade; floor: number; label: { id: string; en: string } }[] = [
  { grade: 'A', floor: 8831, label: { id: 'Sangat Baik', en: 'Very good' } },
  { grade: 'B', floor: 7661, label: { id: 'Baik', en: 'Good' } },
  { grade: 'C', floor: 6500, label: { id: 'Kurang Baik', en: 'Fair' } },
  { grade: 'D', floor: 2500, label: { id: 'Tidak Baik', en: 'Poor' } },
]

/**
 * The grade of a converted value already rounded to 2 decimals (25.00 to 100.00). Bounds are
 * inclusive below: 88.31 is A, 88.30 is B.
 */
export function skmGrade(converted: number): { grade: SkmGrade; label: { id: string; en: string } } {
  const hundredths = Math.round(converted * 100)
  if (!(hundredths >= 2500 && hundredths <= 10000)) {
    throw new RangeError(`an SKM converted value lies between 25 and 100 (got ${converted})`)
  }
  const hit = gradeFloors.find((g) => hundredths >= g.floor)!
  return { grade: hit.grade, label: hit.label }
}

/** The SKM result of a set of responses. */
export interface SkmResult {
  /** How many responses counted. */
  responses: number
  /** Per element: the mean score (1 to 4), unrounded; `null` with no responses. */
  elements: Record<SkmElementId, number | null>
  /** The index (IKM): the mean of the nine element means, each weighted 1/9; `null` with none. */
  index: number | null
  /** The index times 25, rounded half up to 2 decimals; `null` with none. */
  converted: number | null
  /** The grade of `converted`; `null` with none. */
  grade: SkmGrade | null
  /** The grade's name, Indonesian and English. */
  gradeLabel: { id: string; en: string } | null
}

/**
 * Accumulates SKM responses one at a time, so a store can stream them: memory does not grow with the
 * number of responses. Sums are integers, so the result is exact until the final division.
 */
export interface SkmAccumulator {
  add(response: SkmResponse): void
  result(): SkmResult
}

/** Creates an {@link SkmAccumulator}. */
export function createSkmAccumulator(): SkmAccumulator {
  const sums = new Map<SkmElementId, number>(skmElementIds.map((id) => [id, 0]))
  let count = 0
  return {
    add(response) {
      for (const id of skmElementIds) sums.set(id, sums.get(id)! + response.scores[id])
      count++
    },
    result() {
      const elements = Object.fromEntries(
        skmElementIds.map((id) => [id, count ? sums.get(id)! / count : null]),
      ) as Record<SkmElementId, number | null>
      if (!count)
        return { responses: 0, elements, index: null, converted: null, grade: null, gradeLabel: null }
      const total = skmElementIds.reduce((sum, id) => sum + sums.get(id)!, 0)
      const divisor = skmElementIds.length * count
      // converted = total * 25 / divisor; in hundredths, rounded half up in integers.
      const hundredths = Math.floor((total * 2500 * 2 + divisor) / (2 * divisor))
      const converted = hundredths / 100
      const { grade, label } = skmGrade(converted)
      return { responses: count, elements, index: total / divisor, converted, grade, gradeLabel: label }
    },
  }
}

/** The SKM result of responses in memory (see {@link createSkmAccumulator} for streams). */
export function computeSkm(responses: Iterable<SkmResponse>): SkmResult {
  const acc = createSkmAccumulator()
  for (const response of responses) acc.add(response)
  return acc.result()
}
