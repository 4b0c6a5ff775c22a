export { type AuditHead, type AuditVerification, genesisHash, verifyAuditChain } from './audit'
export type { VerifyAuditOptions } from './audit-anchor'
export { auditKeyMinBytes } from './audit-key'
export { type Ak1Health, type CalendarHealth, horizonWarningDays } from './calendar-health'
export {
  type AuditCheckpoint,
  checkpointFormat,
  checkpointText,
  parseCheckpoint,
  verifyCheckpoint,
} from './checkpoint'
export {
  type CheckpointComparison,
  type CheckpointProblem,
  type CheckpointVerification,
  compareCheckpoints,
} from './checkpoint-check'
export { type CheckpointSigner, createEd25519CheckpointSigner } from './checkpoint-signer'
export type { ComplaintDeadline, ComplaintView } from './complaint-records'
export type {
  BukuPengaduanOptions,
  ComplaintListQuery,
  ComplaintPage,
  ComplaintService,
} from './complaint-service'
export { compileNumberFormat, type NumberFormat, type NumberParts } from './numbering'
export type { Ak1Logger, Ak1ServiceEvent, Ak1ServiceOptions } from './options'
export {
  backoffDelay,
  createOutboxRunner,
  type OutboxBackoff,
  type OutboxCase,
  type OutboxEvent,
  type OutboxEventType,
  type OutboxLogger,
  type OutboxOptions,
  type OutboxRunner,
  type OutboxRunnerDeps,
  type OutboxRunResult,
} from './outbox'
export { type RecomputeSweepOptions, type RecomputeSweepResult, runRecomputeSweep } from './recompute-sweep'
export { reportPeriodSchema } from './reports'
export {
  type ActOptions,
  type Ak1CardService,
  type Ak1Service,
  type AttachmentMeta,
  type CardView,
  type CaseListQuery,
  type CaseViewPage,
  createAk1Service,
  type DueRunResult,
  type PrintedCard,
  type ReportPeriod,
  type StartWorkerOptions,
  type SubmitOptions,
} from './service'
export type { SurveyService } from './survey-service'
export type {
  AttachmentRef as CaseAttachmentRef,
  CaseAk2,
  CaseCard,
  CaseChecklistItem,
  CaseDelivery,
  CaseIncident,
  CaseRenewal,
  CaseSla,
  CaseView,
  CommandOptions,
  TimelineEntry,
} from './types'
export { runWorker, type WorkerOptions, type WorkerPass, type WorkerSummary } from './worker'
