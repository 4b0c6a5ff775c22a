// The store part of `@ak1/core/testing`: the in-memory store, the CaseStore conformance suite, its
// checks and the fixtures they build.
export type { CaseStoreCheck } from './case-store-checks'
export { caseStoreChecks } from './case-store-checks'
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
export { describeCaseStore } from './describe-case-store'
export type { MemoryStoreOptions } from './memory-store'
export { createMemoryStore } from './memory-store'
