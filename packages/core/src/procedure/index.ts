export { authorize, nextActions, type ProcedureCaseContext } from './authorize'
export { procedureMachineVersion } from './compile'
export type { MachineEvent, MachineInput, ProcedureContext } from './context'
export {
  actorSchema,
  caseEventSchema,
  extensionSchema,
  incidentEventSchemas,
  procedureEventSchemas,
} from './input'
export {
  type ClockPhase,
  type IssuanceSteps,
  issuanceSteps,
  type LifecycleEffect,
  lifecycleEffects,
} from './lifecycle'
export { createProcedureMachine, type ProcedureMachine } from './machine'
export { applyEvent, type StartCaseOptions, startCase } from './transition'
export * from './types'
