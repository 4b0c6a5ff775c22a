export { type AuditHead, type AuditVerification, genesisHash, verifyAuditChain } from './audit'
export { compileNumberFormat, type NumberFormat, type NumberParts } from './numbering'
export type { Ak1Logger, Ak1ServiceEvent, Ak1ServiceOptions } from './options'
export {
  type ActOptions,
  type Ak1Service,
  type AttachmentMeta,
  type CaseListQuery,
  type CaseViewPage,
  createAk1Service,
  type DueRunResult,
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
