import { ConfigError } from '../errors/errors'
import type { Json, StoredCase } from '../ports/case-store'
import { reviseHolidaySet } from '../sla/holiday-revisions'
import { holidaySets as builtInSets, type HolidayRevision, type HolidaySet } from '../sla/holidays'
import type { CaseClockRuntime } from './case-clock'

/**
 * The holiday sets of a service: the `calendars` option, with the `holidayRevisions` option applied
 * to the set of each name (given in `calendars`, or built in). A decree an office enters this way
 * needs no new release of the library.
 * @throws {ConfigError} naming `holidayRevisions.<name>...` for an unknown set or a bad revision
 *   (an impossible date, a version used before, a day both removed and added, no SKB number and date).
 * @internal
 */
export function resolveHolidaySets(
  calendars: Readonly<Record<string, HolidaySet>> | undefined,
  revisions: Readonly<Record<string, readonly HolidayRevision[]>> | undefined,
): Record<string, HolidaySet> {
  const sets: Record<string, HolidaySet> = { ...(calendars ?? {}) }
  for (const [name, list] of Object.entries(revisions ?? {})) {
    const base = sets[name] ?? builtInSets[name]
    if (!base) {
      const known = [...new Set([...Object.keys(sets), ...Object.keys(builtInSets)])].join(', ')
      throw new ConfigError(
        `holidayRevisions.${name}: himpunan hari libur '${name}' tidak dikenal (tersedia: ${known})`,
        {
          messageEn: `holidayRevisions.${name}: unknown holiday set '${name}' (available: ${known})`,
          keys: [`holidayRevisions.${name}`],
        },
      )
    }
    sets[name] = reviseHolidaySet(base, list, `holidayRevisions.${name}`)
  }
  return sets
}

/**
 * Sets the stored case's `calendarVersion` (the store indexes it for the recompute sweep) to the
 * version of its running or paused clock, and removes it when the clock is stopped or not started.
 * @internal
 */
export function indexCalendarVersion(
  stored: StoredCase,
  clock: CaseClockRuntime,
  ledger: Json | undefined,
): void {
  if (!stored.final && ledger !== undefined && clock.state(ledger) !== 'stopped') {
    stored.calendarVersion = clock.ledgerCalendarVersion(ledger)
  } else delete stored.calendarVersion
}
