// The delivery part of `@ak1/core/testing`: the recording notifier, the fake SIPRAJA, and the
// Notifier and SiprajaGateway conformance suites with their checks.
export type { DescribeNotifierOptions } from './describe-notifier'
export { describeNotifier } from './describe-notifier'
export type { DescribeSiprajaGatewayOptions } from './describe-sipraja'
export { describeSiprajaGateway } from './describe-sipraja'
export type {
  FakeSipraja,
  FakeSiprajaAccount,
  FakeSiprajaCall,
  FakeSiprajaCase,
  FakeSiprajaOptions,
  SiprajaMethod,
} from './fake-sipraja'
export { createFakeSipraja } from './fake-sipraja'
export type { NotifierCheck, NotifierHarness, ReceivedNotice } from './notifier-checks'
export { notifierChecks, sampleNotice, sampleRecipients } from './notifier-checks'
export type {
  NotifierFailure,
  RecordedNotice,
  RecordingNotifier,
  RecordingNotifierOptions,
} from './recording-notifier'
export { createRecordingNotifier } from './recording-notifier'
export type { SiprajaCheck, SiprajaHarness } from './sipraja-checks'
export { siprajaChecks } from './sipraja-checks'
