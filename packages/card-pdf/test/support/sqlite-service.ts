import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createSqliteStore } from '@ak1/adapter-sqlite'
import {
  type Actor,
  type Ak1Service,
  balongbendo,
  type CaseView,
  createAk1Service,
  type NextAction,
  type SiprajaGateway,
  type Standard,
} from '@ak1/core'
import { createRecordingNotifier, type RecordingNotifier, sampleApplication } from '@ak1/core/testing'
import { createCardRenderer } from '../../src/index'

export const officers: Actor[] = [
  { id: 'petugas-1', role: 'petugas' },
  { id: 'operator-1', role: 'operator' },
  { id: 'admin-1', role: 'admin' },
  { id: 'camat-1', role: 'camat' },
]
const forward = ['ACCEPT', 'COMPLETE', 'SIGN', 'HAND_OVER']

function eventFor(action: NextAction) {
  if (action.type === 'ACCEPT') return { type: 'ACCEPT' as const, verified: action.needs ?? [] }
  if (action.type === 'HAND_OVER')
    return action.needs
      ? { type: 'HAND_OVER' as const, verified: action.needs }
      : { type: 'HAND_OVER' as const }
  return { type: action.type } as { type: 'COMPLETE' }
}

/** A fixed 32-byte test key (hex): personal data on the SQLite file is encrypted. */
export const testKey = '4b'.repeat(32)

/** A temporary directory for SQLite files, removed by `remove`. */
export function tempDir(prefix: string) {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  return {
    dir,
    file: (name = 'ak1.sqlite') => join(dir, name),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  }
}

/** A clock moved by hand. */
export function handClock(start: string) {
  let t = Date.parse(start)
  return {
    now: () => new Date(t),
    set: (iso: string) => {
      t = Date.parse(iso)
    },
    advance: (ms: number) => {
      t += ms
    },
  }
}

/** The real service on an encrypted SQLite file with the PDF renderer and a recording notifier. */
export function openService(
  file: string,
  clock: { now(): Date },
  extra: { notifier?: RecordingNotifier; standard?: Standard; sipraja?: SiprajaGateway } = {},
) {
  const store = createSqliteStore({ filename: file, encryptionKey: testKey })
  const notifier = extra.notifier ?? createRecordingNotifier()
  const service = createAk1Service({
    standard: extra.standard ?? balongbendo,
    store,
    clock,
    card: createCardRenderer(),
    notifiers: [notifier],
    sipraja: extra.sipraja ?? false,
  })
  return { store, service, notifier, close: () => store.close() }
}

/**
 * Submits a Balongbendo tatap-muka application and moves it forward, half an hour a step, until
 * `stopAt` (a state) or the end; `before` runs before each step (to move the clock, say).
 */
export async function drive(
  service: Ak1Service,
  clock: { advance(ms: number): void },
  options: {
    application?: unknown
    photo?: { bytes: Uint8Array; contentType: string }
    stopAt?: string
    before?: (view: CaseView) => void
    start?: CaseView
  } = {},
): Promise<CaseView> {
  const petugas = officers[0]!
  let view =
    options.start ??
    (await service.submit(options.application ?? sampleApplication(), {
      actor: petugas,
      channel: 'tatap_muka',
    }))
  if (options.photo && !options.start) {
    view = await service.attach(
      view.id,
      options.photo.bytes,
      { contentType: options.photo.contentType, itemId: 'pas_foto' },
      { actor: petugas },
    )
  }
  for (let guard = 0; guard < 40 && !view.final && view.state !== options.stopAt; guard++) {
    clock.advance(30 * 60_000)
    options.before?.(view)
    let moved = false
    for (const actor of officers) {
      const action = (await service.availableActions(view.id, actor)).find((a) => forward.includes(a.type))
      if (!action) continue
      view = await service.act(view.id, eventFor(action), { actor, expectedVersion: view.version })
      moved = true
      break
    }
    if (!moved) throw new Error(`no officer can move the case on from ${view.state}`)
  }
  return view
}
