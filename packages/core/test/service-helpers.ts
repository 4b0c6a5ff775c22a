// Shared helpers of the engine's service tests (not a test file itself).
import type { Ak1Service } from '../src/engine/service'
import type { CaseView } from '../src/engine/types'
import type { AuditEntry } from '../src/ports/case-store'
import type { Ak1Store as CaseStore } from '../src/ports/store'
import type { Actor, CaseEvent, NextAction } from '../src/procedure/types'

/** A clock the test moves by hand. */
export interface FakeClock {
  now(): Date
  set(iso: string): void
  advance(ms: number): void
}

/** Tuesday 14 April 2026, 08.00 WIB: a plain working day outside Ramadan. */
export const tuesdayMorning = '2026-04-14T01:00:00.000Z'

export function fakeClock(start = tuesdayMorning): FakeClock {
  let t = Date.parse(start)
  return {
    now: () => new Date(t),
    set: (iso) => {
      t = Date.parse(iso)
    },
    advance: (ms) => {
      t += ms
    },
  }
}

export const MINUTE = 60_000

/** The officers of one office; the verifier and the admin are not the Camat. */
export const officers = {
  petugas: { id: 'petugas-1', role: 'petugas' },
  operator: { id: 'operator-1', role: 'operator' },
  admin: { id: 'admin-1', role: 'admin' },
  camat: { id: 'camat-1', role: 'camat' },
} satisfies Record<string, Actor>

export const officerList: Actor[] = Object.values(officers)

const forward = ['ACCEPT', 'COMPLETE', 'SIGN', 'HAND_OVER'] as const

/** The event for an available action: verify exactly what it needs. */
export function eventFor(action: NextAction): CaseEvent {
  if (action.type === 'ACCEPT') return { type: 'ACCEPT', verified: action.needs ?? [] }
  if (action.type === 'HAND_OVER')
    return action.needs ? { type: 'HAND_OVER', verified: action.needs } : { type: 'HAND_OVER' }
  return { type: action.type } as CaseEvent
}

/** One step a driver took. */
export interface DriveStep {
  from: string
  actor: Actor
  action: NextAction
  view: CaseView
}

/**
 * Drives a case to its end using only `availableActions` and `act`: at each point the first actor
 * offered a forward action (accept, complete, sign, hand over) takes it, verifying what it needs.
 */
export async function driveToEnd(
  service: Ak1Service,
  start: CaseView,
  actors: readonly Actor[] = officerList,
  before?: (view: CaseView) => void | Promise<void>,
): Promise<DriveStep[]> {
  const steps: DriveStep[] = []
  let view = start
  for (let guard = 0; guard < 40 && !view.final; guard++) {
    await before?.(view)
    let moved = false
    for (const actor of actors) {
      const actions = await service.availableActions(view.id, actor)
      const action = actions.find((a) => (forward as readonly string[]).includes(a.type))
      if (!action) continue
      const from = view.state
      view = await service.act(view.id, eventFor(action), { actor, expectedVersion: view.version })
      steps.push({ from, actor, action, view })
      moved = true
      break
    }
    if (!moved) throw new Error(`no actor can move the case on from ${view.state}`)
  }
  return steps
}

/**
 * A store whose audit rows an attacker with database access has changed: `tamper` rewrites what
 * `timeline` returns, as an UPDATE or DELETE on the audit table would.
 */
export function tamperable(store: CaseStore) {
  let tamper: ((entries: AuditEntry[]) => AuditEntry[]) | null = null
  const wrapped: CaseStore = Object.create(store)
  wrapped.timeline = async (caseId) => {
    const entries = await store.timeline(caseId)
    return tamper ? tamper(entries) : entries
  }
  return {
    store: wrapped,
    set(fn: ((entries: AuditEntry[]) => AuditEntry[]) | null) {
      tamper = fn
    },
  }
}
