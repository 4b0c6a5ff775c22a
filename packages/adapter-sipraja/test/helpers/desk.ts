import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  type Actor,
  type Ak1Logger,
  type Ak1Service,
  type Application,
  balongbendo,
  type CaseEvent,
  type CaseView,
  createAk1Service,
  type NextAction,
  type Standard,
} from '@ak1/core'
import type { Ak1Store } from '@ak1/core/ports'
import { createRecordingNotifier } from '@ak1/core/testing'
import type { MobileCaseFiling, SiprajaSimulator } from '../../src/index'
import { mobileGateway } from './mobile'

/** A temporary directory, removed by `remove()`. */
export function tempDir(prefix: string) {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  return {
    dir,
    file: (name: string) => join(dir, name),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  }
}

/** A clock the test moves, from `start` (default Tuesday 14 April 2026, 08.00 WIB, a plain working day). */
export function fakeClock(start = Date.parse('2026-04-14T01:00:00.000Z')) {
  let t = start
  return {
    now: () => new Date(t),
    advance: (ms: number) => {
      t += ms
    },
  }
}

/** The officers of the desk, as @ak1 actors (their ids are the gateway's officer keys). */
export const deskActors: Actor[] = [
  { id: 'petugas-1', role: 'petugas' },
  { id: 'operator-1', role: 'operator' },
  { id: 'admin-1', role: 'admin' },
  { id: 'camat-1', role: 'camat' },
]

const forward = ['ACCEPT', 'COMPLETE', 'SIGN', 'HAND_OVER']
/** The event that moves a case forward for an offered action. */
export function eventFor(action: NextAction): CaseEvent {
  if (action.type === 'ACCEPT') return { type: 'ACCEPT', verified: action.needs ?? [] }
  if (action.type === 'HAND_OVER')
    return action.needs ? { type: 'HAND_OVER', verified: action.needs } : { type: 'HAND_OVER' }
  return { type: action.type } as CaseEvent
}

/** The next forward action some desk officer may take, or `null`. */
export async function nextForward(service: Ak1Service, caseId: string, actors: Actor[] = deskActors) {
  for (const actor of actors) {
    const action = (await service.availableActions(caseId, actor)).find((a) => forward.includes(a.type))
    if (action) return { actor, action }
  }
  return null
}

/** Moves the case forward (any desk officer's forward action, `settle` after each) until it waits in `state`. */
export async function forwardTo(
  service: Ak1Service,
  view: CaseView,
  state: string,
  settle: () => Promise<void>,
) {
  for (let guard = 0; guard < 20 && view.state !== state; guard++) {
    const next = await nextForward(service, view.id)
    if (!next) throw new Error(`no forward action at ${view.state}`)
    view = await service.act(view.id, eventFor(next.action), { actor: next.actor })
    await settle()
  }
  if (view.state !== state) throw new Error(`the case is at ${view.state}, not ${state}`)
  return view
}

/**
 * The embedder's `applicationOf` for the mobile gateway: the case by tracking code (or the NIK's
 * open case) and its `pas_foto` scan from the store.
 */
export function filingFrom(service: Ak1Service, store: Pick<Ak1Store, 'getAttachment'>) {
  return async ({ nik, caseRef }: { nik: string; caseRef: string }): Promise<MobileCaseFiling | null> => {
    const page = await service.list(caseRef ? { trackingCode: caseRef } : { applicantNik: nik, final: false })
    const listed = page.items[0]
    if (!listed) return null
    // A list page carries no file list (it is read from the trail): get the case for its files.
    const view = await service.get(listed.id)
    const ref = view.attachments.find((a) => a.itemId === 'pas_foto')
    const stored = ref ? await store.getAttachment(ref.sha256) : null
    if (!stored) return null
    return {
      application: view.application as unknown as Application,
      photo: { bytes: stored.bytes, contentType: stored.contentType, name: 'pas_foto.jpg' },
    }
  }
}

/**
 * A Balongbendo service on `store` with the mobile gateway on the simulator, filing desk cases from
 * the service itself (`filingFrom`).
 */
export function deskService(
  simulator: SiprajaSimulator,
  url: string,
  store: Ak1Store,
  extra: {
    clock: { now: () => Date }
    logger?: Ak1Logger
    maxAttempts?: number
    standard?: Standard
    approvedAt?: Record<string, string>
  },
) {
  const holder: { service?: Ak1Service } = {}
  const gateway = mobileGateway(simulator, url, {
    applicationOf: (ref) => filingFrom(holder.service as Ak1Service, store)(ref),
    ...(extra.approvedAt ? { approvedAt: extra.approvedAt } : {}),
  })
  const service = createAk1Service({
    standard: extra.standard ?? balongbendo,
    store,
    clock: extra.clock,
    notifiers: [createRecordingNotifier()],
    sipraja: gateway,
    ...(extra.logger ? { logger: extra.logger } : {}),
    ...(extra.maxAttempts
      ? { outbox: { maxAttempts: extra.maxAttempts, backoff: { baseMs: 1000, maxMs: 60_000 } } }
      : {}),
  })
  holder.service = service
  return { service, gateway }
}
