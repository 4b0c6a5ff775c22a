import { z } from 'zod'
import { ak2RecordSchema } from '../schemas/ak2'
import { actorIdSchema } from '../schemas/identity'

/**
 * The one schema of an actor, used by the service's commands and by the procedure's pure
 * transition alike: ids and roles, the applicant's NIK an officer acts for, and an applicant's own NIK.
 */
export const actorSchema = z.object({
  id: actorIdSchema,
  role: z.string().min(1).max(64),
  onBehalfOf: z.string().min(1).max(64).optional(),
  nik: z.string().min(1).max(64).optional(),
})

/** Checklist item ids an event names (verified, missing). */
const itemIds = z.array(z.string().min(1).max(200)).max(200)
/** A reason or note an officer writes. */
const note = z.string().trim().min(1).max(2000)

/** The schema of each case event the procedure knows, by type; strict (an unknown key is refused). */
export const procedureEventSchemas = {
  ACCEPT: z.object({ type: z.literal('ACCEPT'), verified: itemIds }).strict(),
  RETURN: z.object({ type: z.literal('RETURN'), missing: itemIds, reason: note }).strict(),
  RESUBMIT: z.object({ type: z.literal('RESUBMIT') }).strict(),
  REJECT: z.object({ type: z.literal('REJECT'), reason: note }).strict(),
  SIGN: z.object({ type: z.literal('SIGN') }).strict(),
  COMPLETE: z.object({ type: z.literal('COMPLETE') }).strict(),
  HAND_OVER: z.object({ type: z.literal('HAND_OVER'), verified: itemIds.optional() }).strict(),
  WITHDRAW: z.object({ type: z.literal('WITHDRAW'), reason: note.optional() }).strict(),
} as const

/** The engine's events on a case's delivery incidents. */
export const incidentEventSchemas = {
  RETRY_INCIDENT: z
    .object({
      type: z.literal('RETRY_INCIDENT'),
      outboxId: z.string().min(1).max(200),
      note: note.optional(),
    })
    .strict(),
  RESOLVE_INCIDENT: z
    .object({ type: z.literal('RESOLVE_INCIDENT'), outboxId: z.string().min(1).max(200), note })
    .strict(),
} as const

/** Every event `service.act` accepts: the procedure's and the incident events. */
export const caseEventSchema = z.discriminatedUnion('type', [
  procedureEventSchemas.ACCEPT,
  procedureEventSchemas.RETURN,
  procedureEventSchemas.RESUBMIT,
  procedureEventSchemas.REJECT,
  procedureEventSchemas.SIGN,
  // At an interview step the engine takes the AK/II from COMPLETE (never into the procedure or audit).
  procedureEventSchemas.COMPLETE.extend({ ak2: ak2RecordSchema.optional() }),
  procedureEventSchemas.HAND_OVER,
  procedureEventSchemas.WITHDRAW,
  incidentEventSchemas.RETRY_INCIDENT,
  incidentEventSchemas.RESOLVE_INCIDENT,
])

/** An extension of the SLA due time. */
export const extensionSchema = z
  .object({ workingDays: z.number().int().positive().max(365), reason: note })
  .strict()
