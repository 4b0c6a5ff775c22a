export { type AuditHead, type AuditVerification, genesisHash, verifyAuditChain } from './audit'
export { type Ak1Health, type CalendarHealth, horizonWarningDays } from './calendar-health'
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
  type StartWorkerOptions,
  type SubmitOptions,
} from './service'
export type {
  AttachmentRef as CaseAttachmentRef,
  CaseCard,
  CaseChecklistItem,
  CaseDelivery,
  CaseIncident,
  CaseSla,
  CaseView,
  CommandOptions,
  TimelineEntry,
} from './types'
export { runWorker, type WorkerOptions, type WorkerPass, type WorkerSummary } from './worker'
