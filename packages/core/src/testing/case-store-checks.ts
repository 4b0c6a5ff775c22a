import type { Ak1Store } from '../ports/store'
import { leaseChecks } from './case-store-checks-leases'
import { listChecks } from './case-store-checks-list'
import { recordChecks } from './case-store-checks-records'

/** One named check of the {@link Ak1Store} contract. */
export interface CaseStoreCheck {
  /** The method or concern it checks (the `describe` block). */
  group: string
  /** What must hold, as a sentence (the test name). */
  name: string
  /** Resolves when `store` (fresh and empty) keeps the contract; throws otherwise. */
  run(store: Ak1Store): Promise<void>
}

/**
 * Every check of the {@link Ak1Store} contract, as plain named async functions. `describeCaseStore`
 * registers each as a test; they can also run directly, e.g. to prove that a broken store fails them.
 * Each check expects a fresh, empty store.
 */
export function caseStoreChecks(): CaseStoreCheck[] {
  return [...recordChecks(), ...listChecks(), ...leaseChecks()]
}
