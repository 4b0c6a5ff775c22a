import type { DueRowInput } from '../ports/work-queue'
import type { CaseData } from './case-data'

/**
 * The due row kind, on a case, that opens its card record. The hand-over commit writes it, so the
 * card record's opening is part of that commit: the service opens the record at once after it, and
 * the worker opens it from this row when that did not happen (a crash between the two), keyed by
 * the case and the card number, so it opens once.
 */
export const cardOpenDueKind = 'card_open'

/** The id of a case's card-opening due row (one per case). @internal */
export const cardOpenRowId = (caseId: string) => `${caseId}.${cardOpenDueKind}`

/** The card-opening due row of a case, due at `dueAt`. @internal */
export const cardOpenRow = (caseId: string, dueAt: string): DueRowInput => ({
  id: cardOpenRowId(caseId),
  caseId,
  kind: cardOpenDueKind,
  dueAt,
})

/**
 * The guard of a pending card opening, run on every sealed case decision. A commit that writes a
 * case's due rows anew replaces all its pending rows, so a later command on the handed-over case
 * that rewrote them before the worker ran would drop the `card_open` row, and the card record of a
 * crash at hand-over would never open. While `data.cardOpening` says the row is pending, a rewrite
 * of the due rows carries it over unchanged; the commit that marks it done ends the pending state.
 * @internal
 */
export function settleCardOpening(
  data: CaseData,
  caseId: string,
  due: DueRowInput[] | undefined,
  dueDone: readonly string[] | undefined,
): void {
  const pending = data.cardOpening
  if (pending === undefined) return
  const id = cardOpenRowId(caseId)
  if (dueDone?.includes(id)) {
    delete data.cardOpening
    return
  }
  if (due !== undefined && !due.some((r) => r.id === id)) due.push(cardOpenRow(caseId, pending.dueAt))
}
