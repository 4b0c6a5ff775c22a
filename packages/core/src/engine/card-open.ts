import { cardRecordId } from '../card/holder'
import type { DueRow } from '../ports/work-queue'
import type { Actor } from '../procedure/types'
import type { Application } from '../schemas/application'
import type { CardLife } from './card-life'
import { cardOpenRow } from './card-open-row'
import { readCaseData } from './case-data'
import type { EngineContext } from './context'
import { nextCase, type Outcome, sameStateEntry } from './decision'
import type { Pipeline } from './pipeline'
import type { CaseView } from './types'

export { cardOpenDueKind, cardOpenRowId } from './card-open-row'

const systemActor: Actor = { id: 'system', role: 'system' }

/**
 * The hand-over decision with the card-opening due row added to its commit (due at once), when the
 * case ends handed over with a card. Anything else is returned as it is. @internal
 */
export function withCardOpening(outcome: Outcome): Outcome {
  if ('view' in outcome || !outcome.after.final || outcome.data.card === undefined) return outcome
  const caseId = outcome.after.id
  const dueAt = outcome.at.toISOString()
  // Pending until the worker (or nobody, if the service opened it) closes the row: see settleCardOpening.
  outcome.data.cardOpening = { dueAt }
  return { ...outcome, extraDue: () => [cardOpenRow(caseId, dueAt)] }
}

/**
 * The card opening of a service: at once after the hand-over commit, and by the worker from the
 * `card_open` due row that commit wrote. @internal
 */
export function createCardOpening(ctx: EngineContext, pipeline: Pipeline, cardLife: CardLife) {
  const { store, port, clock } = ctx

  /**
   * Opens the card record right after a hand-over commit. A failure here is logged, not thrown: the
   * hand-over is committed, and the worker opens the record from the due row written with it.
   */
  const afterHandOver = async (view: CaseView, actor: Actor): Promise<void> => {
    const standard = ctx.findStandard(view.standard.id, view.standard.version, view.standard.hash)
    if (!view.final || !view.card || !standard) return
    try {
      await cardLife.open(
        { caseId: view.id, card: view.card, application: view.application as unknown as Application },
        standard,
        actor,
      )
    } catch (error) {
      ctx.options.logger?.warn(
        { type: 'card.open_deferred', caseId: view.id, error: String(error) },
        'opening the card record failed; the worker opens it from its due row',
      )
    }
  }

  /** The officer who handed the case over, from its trail (the entry that made it final). */
  const handOverActor = async (caseId: string, state: string): Promise<Actor> => {
    const trail = await port('timeline', () => store.timeline(caseId))
    const entry = trail.findLast((e) => e.to === state && e.from !== state)
    return entry ? { id: entry.actor.id, role: entry.actor.role } : { id: 'system', role: 'system' }
  }

  /**
   * The worker's handler of a `card_open` row: opens the record if it is missing, then closes the
   * row on the case with an audit entry (`CARD_RECORD_OPENED`, `repaired` when the worker opened
   * it), so every case version keeps its entry. `raised` when it opened the record.
   */
  const handleDue = async (row: DueRow): Promise<'raised' | 'skipped'> => {
    const stored = await pipeline.loadCase(row.caseId)
    const data = readCaseData(stored.data)
    const rt = ctx.runtimeFor(stored, data)
    let created = false
    if (stored.final && data.card !== undefined) {
      const actor = await handOverActor(stored.id, stored.state)
      const opening = {
        caseId: stored.id,
        card: data.card,
        application: stored.personal as unknown as Application,
      }
      created = (await cardLife.open(opening, rt.standard, actor)).created
    }
    const at = clock.now()
    await pipeline.commit(
      {
        rt,
        before: stored,
        after: nextCase(stored, at, {}),
        data,
        entry: sameStateEntry(rt, stored, at, undefined, systemActor, 'CARD_RECORD_OPENED', {
          dueRowId: row.id,
          recordId: cardRecordId(stored.id),
          repaired: created,
        }),
        writeDue: false,
        dueDone: [row.id],
        at,
      },
      [],
    )
    return created ? 'raised' : 'skipped'
  }

  return { afterHandOver, handleDue }
}
