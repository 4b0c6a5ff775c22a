/**
 * `@ak1/core/testing`: an in-memory store, fakes and sample data for tests of embeddings and
 * adapters, and for trying the library out. It loads with no test runner installed; the
 * conformance suites are `@ak1/core/conformance` (needs vitest), the fast-check arbitraries
 * `@ak1/core/arbitraries` (needs fast-check).
 *
 * ```ts
 * import { createMemoryStore, createRecordingNotifier, sampleApplication } from '@ak1/core/testing'
 * ```
 * @packageDocumentation
 */
export {
  buildAuditEntry,
  buildCreate,
  buildDueRow,
  buildOutboxRow,
  buildRecordCreate,
  buildRecordUpdate,
  buildStoredCase,
  buildStoredRecord,
  buildUpdate,
  type CaseCommitInput,
  fixtureEpoch,
  fixtureInstant,
  type RecordCommitInput,
} from './case-store-fixtures'
export type {
  FakeSipraja,
  FakeSiprajaAccount,
  FakeSiprajaCall,
  FakeSiprajaCase,
  FakeSiprajaOptions,
  SiprajaMethod,
} from './fake-sipraja'
export { createFakeSipraja } from './fake-sipraja'
export type { MemoryStoreOptions } from './memory-store'
export { createMemoryStore } from './memory-store'
export type {
  NotifierFailure,
  RecordedNotice,
  RecordingNotifier,
  RecordingNotifierOptions,
} from './recording-notifier'
export { createRecordingNotifier } from './recording-notifier'
export {
  expectedReportFigures,
  type GeneratedReportCase,
  type GenerateReportCasesOptions,
  generateReportCases,
  sampleSkmScores,
} from './report-cases'
export { type DeepPartial, sampleApplication } from './sample-application'
export { sampleNotice, sampleRecipients } from './sample-notice'
