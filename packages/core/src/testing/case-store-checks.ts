import type { Ak1Store } from '../ports/store'
import { calendarChecks } from './case-store-checks-calendar'
import { listChecks } from './case-store-checks-list'
import { recordChecks } from './case-store-checks-records'
import { aggregateChecks } from './record-checks'
import { reportChecks } from './report-checks'

/** One named check of a storage port's contract (run against a store implementing the four ports). */
export interface CaseStoreCheck {
  /** The method or concern it checks (the `describe` block). */
  group: string
  /** What must hold, as a sentence (the test name). */
  name: string
  /** Resolves when `store` (fresh and empty) keeps the contract; throws otherwise. */
  run(store: Ak1Store): Promise<void>
}

/**
 * Every check of the `CaseStore` contract (load, commit, command ids, timeline, list, offices), as
 * plain named async functions. `describeCaseStore` registers each as a test; they can also run
 * directly, e.g. to prove that a broken store fails them. Each check expects a fresh, empty store.
 * The other ports' checks: `workQueueChecks`, `sequenceAllocatorChecks`, `attachmentStoreChecks`.
 */
export function caseStoreChecks(): CaseStoreCheck[] {
  return [...recordChecks(), ...listChecks(), ...calendarChecks(), ...aggregateChecks(), ...reportChecks()]
}

export { attachmentStoreChecks } from './attachment-store-checks'
export { workQueueChecks } from './case-store-checks-leases'
export { sequenceAllocatorChecks } from './sequence-allocator-checks'
