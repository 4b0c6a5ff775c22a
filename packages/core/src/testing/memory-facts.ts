// The memory store's report stream: plain columns and report facts of one office's cases.
import type { CaseFacts, CaseFactsQuery } from '../ports/case-store'
import { caseFactsOf, defaultStreamBatch } from '../ports/stream'
import { copy, instant, type MemoryState, ms } from './memory-state'

/**
 * Streams the office's cases created in `[createdFrom, createdTo)` as {@link CaseFacts}: the ids
 * are taken from the office index when the stream starts (each case once, whatever commits
 * meanwhile), then copied out a batch at a time, without personal data.
 * @internal
 */
export async function* streamMemoryFacts(
  state: MemoryState,
  query: CaseFactsQuery,
  enter: () => Promise<void>,
): AsyncGenerator<CaseFacts, void, undefined> {
  await enter()
  const from = query.createdFrom === undefined ? undefined : instant(query.createdFrom, 'createdFrom')
  const to = query.createdTo === undefined ? undefined : instant(query.createdTo, 'createdTo')
  const batch = query.batchSize ?? defaultStreamBatch
  const ids: string[] = []
  for (const id of state.idx.casesByOffice.get(query.officeCode) ?? []) {
    const c = state.cases.get(id)
    if (!c) continue
    const at = ms(c.createdAt)
    if ((from === undefined || at >= from) && (to === undefined || at < to)) ids.push(id)
  }
  state.idx.visited += ids.length
  const incidents = new Map<string, number>()
  for (const caseId of state.idx.failedOutbox.values())
    incidents.set(caseId, (incidents.get(caseId) ?? 0) + 1)
  for (let i = 0; i < ids.length; i += batch) {
    if (i > 0) await enter()
    for (const id of ids.slice(i, i + batch)) {
      const c = state.cases.get(id)
      if (c) yield copy(caseFactsOf(c, incidents.get(id) ?? 0))
    }
  }
}
