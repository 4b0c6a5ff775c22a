import type { CardRecord } from '../card/record'
import type { Json, StoredCase } from '../ports/case-store'
import { renewalDecision } from '../standard/renewal'
import type { Standard } from '../standard/schema'
import type { CaseData } from './case-data'
import type { ProcedureEvent } from './commands/act'
import type { Decision } from './decision'
import type { CaseRenewal } from './types'

/** What the engine decided at a renewal's check step. @internal */
export type RenewalBranch =
  | { event: ProcedureEvent; link?: undefined; refused?: undefined }
  | { event: ProcedureEvent; link: CaseRenewal; refused?: undefined }
  | { event: ProcedureEvent; link?: undefined; refused: { validUntil: string | null; state: string | null } }

/**
 * The renewal's own branch at its check step (`renewal.checkStep`): when the officer moves the case
 * on there (ACCEPT, having seen the old card), the engine reads the previous card's record and
 * decides. A card still valid and active goes on, and the case keeps the link to it; an expired (or
 * no longer active) card turns the event into the standard's REJECT, whose reason sends the
 * applicant to a new registration. Other events, other steps and other layanan pass unchanged.
 * @internal
 */
export async function renewalBranch(
  standard: Standard,
  stored: StoredCase,
  data: CaseData,
  event: ProcedureEvent,
  at: Date,
  find: (cardNumber: string) => Promise<{ record: CardRecord } | null>,
): Promise<RenewalBranch> {
  const renewal = standard.renewal
  if (standard.serviceKind !== 'renewal' || renewal === undefined) return { event }
  if (event.type !== 'ACCEPT' || data.snapshot.state !== renewal.checkStep) return { event }
  const number = (stored.personal as { previousCardNumber?: unknown }).previousCardNumber
  const found = typeof number === 'string' ? await find(number) : null
  const card = found ? { validUntil: found.record.validUntil, state: found.record.state } : null
  const decision = renewalDecision(standard, card, at)
  if (decision.valid) {
    return {
      event,
      link: {
        previousCardNumber: number as string,
        previousValidUntil: found!.record.validUntil,
        checkedAt: at.toISOString(),
      },
    }
  }
  return {
    event: decision.event,
    refused: { validUntil: card?.validUntil ?? null, state: card?.state ?? null },
  }
}

/**
 * Puts the branch in the decision: the link to the old card on the case (and its number in the
 * audit entry), or the automatic refusal marked as the renewal check's in the audit entry.
 * @internal
 */
export function recordRenewalBranch(decision: Decision, branch: RenewalBranch): void {
  if (branch.link === undefined && branch.refused === undefined) return
  const details = { ...(decision.entry.details as Record<string, Json>) }
  if (branch.link !== undefined) {
    decision.data.renewal = branch.link
    details.previousCardNumber = branch.link.previousCardNumber
    details.previousValidUntil = branch.link.previousValidUntil
  } else if (branch.refused !== undefined) {
    details.renewalCheck = 'refused'
    details.previousValidUntil = branch.refused.validUntil
    details.previousCardState = branch.refused.state
  }
  decision.entry = { ...decision.entry, details }
}
