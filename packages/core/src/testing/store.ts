// The store part of `@ak1/core/testing`: the in-memory store, the CaseStore conformance suite, its
// checks and the fixtures they build.
export type { CaseStoreCheck } from './case-store-checks'
export {
  attachmentStoreChecks,
  caseStoreChecks,
  sequenceAllocatorChecks,
  workQueueChecks,
} from './case-store-checks'
export {
  buildAuditEntry,
  buildCreate,
  buildDueRow,
  buildOutboxRow,
  buildStoredCase,
  buildUpdate,
  fixtureEpoch,
  fixtureInstant,
} from './case-store-fixtures'
export type { DescribeCaseStoreOptions } from './describe-case-store'
export {
  describeAttachmentStore,
  describeCaseStore,
  describeSequenceAllocator,
  describeWorkQueue,
} from './describe-case-store'
export type { MemoryStoreOptions } from './memory-store'
export { createMemoryStore } from './memory-store'
