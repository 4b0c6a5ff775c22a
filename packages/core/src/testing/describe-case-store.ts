import type { Ak1Store } from '../ports/store'
import {
  attachmentStoreChecks,
  type CaseStoreCheck,
  caseStoreChecks,
  sequenceAllocatorChecks,
  workQueueChecks,
} from './case-store-checks'
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

function describePort(title: string, checks: CaseStoreCheck[], options: DescribeCaseStoreOptions): void {
  const { name, create, skip = false, timeout = 30_000 } = options
  describeConformance({
    title: `${title} conformance: ${name}`,
    create,
    cleanup: (h) => (h.cleanup ? h.cleanup() : h.store.close()),
    subject: (h) => h.store,
    checks,
    skip,
    timeout,
  })
}

/**
 * The `CaseStore` conformance suite: registers one vitest test per contract check (load, commit
 * with version checks and atomicity, command ids per scope, tracking codes per office, timeline,
 * list filters and paging, close), each against a fresh store. The commit writes the rows of the
 * other storage ports too, so the store implements all four (`Ak1Store`); run
 * `describeWorkQueue`, `describeSequenceAllocator` and `describeAttachmentStore` beside it.
 *
 * @example
 * ```ts
 * import { describeCaseStore } from '@ak1/core/conformance'
 *
 * describeCaseStore({
 *   name: 'sqlite',
 *   create: async () => {
 *     const store = createSqliteStore({ filename: tempFile(), plaintext: true })
 *     return { store, cleanup: () => store.close() }
 *   },
 * })
 * ```
 */
export function describeCaseStore(options: DescribeCaseStoreOptions): void {
  describePort('CaseStore', caseStoreChecks(), options)
}

/** The `WorkQueue` conformance suite: outbox and due rows claimed with a lease, completed, retried later, failed (the dead letter), released; the batch read. Options as {@link describeCaseStore}. */
export function describeWorkQueue(options: DescribeCaseStoreOptions): void {
  describePort('WorkQueue', workQueueChecks(), options)
}

/** The `SequenceAllocator` conformance suite: values taken inside the commit, gap-free under concurrency with no retry, no gap after a failed commit. Options as {@link describeCaseStore}. */
export function describeSequenceAllocator(options: DescribeCaseStoreOptions): void {
  describePort('SequenceAllocator', sequenceAllocatorChecks(), options)
}

/** The `AttachmentStore` conformance suite: files by sha256, stored once. Options as {@link describeCaseStore}. */
export function describeAttachmentStore(options: DescribeCaseStoreOptions): void {
  describePort('AttachmentStore', attachmentStoreChecks(), options)
}
