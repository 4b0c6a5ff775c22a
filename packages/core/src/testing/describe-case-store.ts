import type { Ak1Store } from '../ports/store'
import { caseStoreChecks } from './case-store-checks'
import { describeConformance } from './conformance-suite'

/** Options of {@link describeCaseStore}. */
export interface DescribeCaseStoreOptions {
  /** Shown in the suite title, e.g. `sqlite`. */
  name: string
  /**
   * Makes a fresh, empty store; called before each test. `cleanup` runs after each test (it must
   * tolerate a store that the test already closed); without it the suite calls `store.close()`.
   */
  create: () => Promise<{ store: Ak1Store; cleanup?: () => Promise<void> }>
  /**
   * Skips the whole suite, e.g. when a database server is not configured.
   * @default false
   */
  skip?: boolean
  /**
   * Timeout in milliseconds of each check (the concurrency checks make about 1300 calls) and of its
   * setup and cleanup (`create`, closing the store).
   * @default 30000
   */
  timeout?: number
}

/**
 * The {@link Ak1Store} conformance suite: registers one vitest test per contract check (load,
 * commit with version checks and atomicity, command ids, timeline, list filters and paging,
 * sequences under concurrency, outbox and due leases, attachments, close), each against a fresh
 * store. An adapter's conformance test is this call and nothing else.
 *
 * @example
 * ```ts
 * import { describeCaseStore } from '@ak1/core/testing'
 *
 * describeCaseStore({
 *   name: 'sqlite',
 *   create: async () => {
 *     const store = createSqliteStore({ filename: tempFile() })
 *     return { store, cleanup: () => store.close() }
 *   },
 * })
 * ```
 */
export function describeCaseStore(options: DescribeCaseStoreOptions): void {
  const { name, create, skip = false, timeout = 30_000 } = options
  describeConformance({
    title: `Ak1Store conformance: ${name}`,
    create,
    cleanup: (h) => (h.cleanup ? h.cleanup() : h.store.close()),
    subject: (h) => h.store,
    checks: caseStoreChecks(),
    skip,
    timeout,
  })
}
