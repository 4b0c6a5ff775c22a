/**
 * `@ak1/core/conformance`: the conformance suites every adapter, ours and integrators', runs in
 * its own tests, and their checks as plain named functions. Needs `vitest` (an optional peer
 * dependency of `@ak1/core`).
 *
 * ```ts
 * import { describeCaseStore } from '@ak1/core/conformance'
 * import { createMyStore } from '../src/index'
 *
 * describeCaseStore({ name: 'my-store', create: async () => ({ store: createMyStore() }) })
 * ```
 * @packageDocumentation
 */
export type { CaseStoreCheck } from '../testing/case-store-checks'
export {
  attachmentStoreChecks,
  caseStoreChecks,
  sequenceAllocatorChecks,
  workQueueChecks,
} from '../testing/case-store-checks'
export type { DescribeCaseStoreOptions } from '../testing/describe-case-store'
export {
  describeAttachmentStore,
  describeCaseStore,
  describeSequenceAllocator,
  describeWorkQueue,
} from '../testing/describe-case-store'
export type { DescribeNotifierOptions } from '../testing/describe-notifier'
export { describeNotifier } from '../testing/describe-notifier'
export type { DescribeSiprajaGatewayOptions } from '../testing/describe-sipraja'
export { describeSiprajaGateway } from '../testing/describe-sipraja'
export type { NotifierCheck, NotifierHarness, ReceivedNotice } from '../testing/notifier-checks'
export { notifierChecks } from '../testing/notifier-checks'
export type { SiprajaCheck, SiprajaHarness } from '../testing/sipraja-checks'
export { siprajaChecks } from '../testing/sipraja-checks'
