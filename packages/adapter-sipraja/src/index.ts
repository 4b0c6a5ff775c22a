/**
 * `@ak1/adapter-sipraja`: the `SiprajaGateway` of `@ak1/core` over HTTP, its documented contract
 * (CONTRACT.md; online submissions in SIPRAJA's own field names), and a SIPRAJA simulator.
 *
 * ```sh
 * npm install @ak1/adapter-sipraja @ak1/core
 * ```
 * ```ts
 * import { createAk1Service, balongbendo } from '@ak1/core'
 * import { createSiprajaGateway } from '@ak1/adapter-sipraja'
 *
 * const sipraja = createSiprajaGateway({ baseUrl: 'https://sipraja.example.go.id/api', token })
 * const service = createAk1Service({ standard: balongbendo, store, sipraja })
 * ```
 * @packageDocumentation
 */
export {
  accountRequestSchema,
  accountResponseSchema,
  attachmentResponseSchema,
  isRetryableResponse,
  maxIdempotencyKeyLength,
  type SiprajaErrorBody,
  type SiprajaErrorCode,
  siprajaErrorBodySchema,
  siprajaErrorCodes,
  siprajaHeaders,
  statusRequestSchema,
  statusResponseSchema,
} from './contract'
export { createSiprajaGateway, type SiprajaGatewayOptions } from './gateway'
export type {
  MobileCaseFiling,
  MobileSiprajaGateway,
  MobileSiprajaGatewayOptions,
  SiprajaDecisionInput,
  SiprajaListRow,
  SiprajaRecord,
} from './gateway-mobile'
export {
  createSiprajaIntake,
  intakeActorId,
  intakeCommandId,
  type SiprajaIntake,
  type SiprajaIntakeOptions,
  type SiprajaIntakeRun,
} from './intake'
export { type DecodedForm, decodeForm, encodeForm, type FormValue } from './mobile/form'
export {
  labelOfValStatus,
  type MobileStatusAction,
  mobileStatusLabels,
  mobileStatusTable,
  type SiprajaList,
  type SiprajaUser,
  siprajaLanguages,
  siprajaLists,
  siprajaWageBands,
} from './mobile/protocol'
export {
  createSiprajaSimulator,
  type SimulatedAccount,
  type SimulatedAttachment,
  type SimulatedCase,
  type SimulatedChronEntry,
  type SimulatedRequest,
  type SimulatorFault,
  type SiprajaSimulator,
  type SiprajaSimulatorOptions,
  type SiprajaSimulatorServer,
} from './simulator'
export type {
  MobileFaults,
  MobileSimulator,
  SimulatedApplication,
  SimulatedApproval,
  SimulatedApprover,
  SimulatedFile,
  SimulatedUser,
} from './simulator-mobile'
export {
  type FromSiprajaSubmissionOptions,
  fromSiprajaSubmission,
  mapSiprajaSubmission,
  type SiprajaLevel,
  type SiprajaSubmission,
  siprajaJobRowSchema,
  siprajaLayananSchema,
  siprajaLevels,
  siprajaPemohonSchema,
  siprajaSubmissionSchema,
} from './submission'
