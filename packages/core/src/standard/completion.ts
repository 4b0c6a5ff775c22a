import type { Completion } from './schema'

/** A completion limit as the SLA clock counts it: working days, or working minutes. */
export type CompletionLimit = { workingDays: number } | { minutes: number }

/**
 * The completion limit of a standard as the clock counts it: `workingDays` as given, `hours` as
 * working minutes (60 per hour, office hours only), `minutes` as given.
 * @example
 * ```ts
 * completionLimit({ minutes: 15, condition: 'jaringan internet stabil', ... }) // { minutes: 15 }
 * ```
 */
export function completionLimit(
  completion: Pick<Completion, 'workingDays' | 'hours' | 'minutes'>,
): CompletionLimit {
  if (completion.minutes !== undefined) return { minutes: completion.minutes }
  if (completion.hours !== undefined) return { minutes: completion.hours * 60 }
  return { workingDays: completion.workingDays ?? 1 }
}

/**
 * The completion time as told to the applicant, in Indonesian and English, with its condition:
 * "3 hari kerja", "± 15 menit (jaringan internet stabil)".
 */
export function completionText(completion: Completion): { id: string; en: string } {
  const cond = (text: string | undefined) => (text === undefined ? '' : ` (${text})`)
  const [id, en] =
    completion.minutes !== undefined
      ? [`${completion.minutes} menit`, `${completion.minutes} minutes`]
      : completion.hours !== undefined
        ? [`${completion.hours} jam kerja`, `${completion.hours} working hours`]
        : [`${completion.workingDays} hari kerja`, `${completion.workingDays} working days`]
  return {
    id: `${id}${cond(completion.condition)}`,
    en: `${en}${cond(completion.conditionEn ?? completion.condition)}`,
  }
}
