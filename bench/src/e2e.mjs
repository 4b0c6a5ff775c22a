// End to end: complete Balongbendo tatap-muka cases through createAk1Service on the SQLite store,
// every command from submission to hand-over, awaited one after the other as a portal sends them.

import { createSqliteStore } from '@ak1/adapter-sqlite'
import { balongbendo, createAk1Service } from '@ak1/core'
import { sampleApplication } from '@ak1/core/testing'

/** The officers of one office; the verifier and the admin are not the Camat (separation of duties). */
export const actors = {
  petugas: { id: 'petugas-1', role: 'petugas' },
  operator: { id: 'operator-1', role: 'operator' },
  admin: { id: 'admin-1', role: 'admin' },
  camat: { id: 'camat-1', role: 'camat' },
}

/** The events after submission, in order, with who sends them (tatap muka). */
const tatapMukaCommands = [
  { type: 'ACCEPT', actor: actors.petugas, step: 'penerimaan' },
  { type: 'COMPLETE', actor: actors.operator, step: 'pemindaian' },
  { type: 'ACCEPT', actor: actors.operator, step: 'verifikasi' },
  { type: 'ACCEPT', actor: actors.admin, step: 'validasi' },
  { type: 'SIGN', actor: actors.camat, step: 'tanda_tangan' },
  { type: 'COMPLETE', actor: actors.petugas, step: 'pengarsipan' },
  { type: 'COMPLETE', actor: actors.operator, step: 'registrasi' },
  { type: 'COMPLETE', actor: actors.operator, step: 'pencetakan' },
  { type: 'HAND_OVER', actor: actors.petugas, step: 'penyerahan' },
]

/** Commands per complete case: the submission plus every event. */
export const commandsPerCase = 1 + tatapMukaCommands.length

/** Opens a service on a SQLite file (WAL, synchronous=NORMAL, the store's defaults). */
export function openService(filename, wrap = (store) => store) {
  const store = createSqliteStore({ filename, plaintext: true, synchronous: 'NORMAL' })
  const service = createAk1Service({ standard: balongbendo, store: wrap(store) })
  return { store, service }
}

/** A different valid application per case number (the NIK serial varies). */
export function applicationFor(n) {
  const serial = String((n % 9999) + 1).padStart(4, '0')
  return sampleApplication({ applicant: { nik: `351512540501${serial}` } })
}

/**
 * Builds the event list once: the checklist ids each ACCEPT / HAND_OVER must verify come from
 * `availableActions` on a first case, as a portal would show them.
 */
export async function planEvents(service) {
  const created = await service.submit(applicationFor(0), { actor: actors.petugas, channel: 'tatap_muka' })
  const events = []
  let version = created.version
  for (const command of tatapMukaCommands) {
    const actions = await service.availableActions(created.id, command.actor)
    const action = actions.find((a) => a.type === command.type)
    if (!action) {
      throw new Error(
        `e2e: ${command.actor.role} cannot ${command.type} at ${command.step} (${JSON.stringify(actions)})`,
      )
    }
    const event = action.needs ? { type: command.type, verified: action.needs } : { type: command.type }
    const view = await service.act(created.id, event, { actor: command.actor, expectedVersion: version })
    version = view.version
    events.push({ event, actor: command.actor })
  }
  const last = await service.get(created.id)
  if (last.state !== 'selesai') throw new Error(`e2e: the planned case ended in ${last.state}, not selesai`)
  return events
}

/** Runs `cases` complete cases; returns commands per second. */
export async function runCases(service, events, { cases, offset = 0 }) {
  // The applications exist before the clock starts: a portal receives them, it does not build them.
  const applications = Array.from({ length: cases }, (_, c) => applicationFor(offset + c))
  const start = performance.now()
  for (let c = 0; c < cases; c++) {
    const view = await service.submit(applications[c], {
      actor: actors.petugas,
      channel: 'tatap_muka',
    })
    let version = view.version
    for (const { event, actor } of events) {
      version = (await service.act(view.id, event, { actor, expectedVersion: version })).version
    }
  }
  const ms = performance.now() - start
  const commands = cases * commandsPerCase
  return { cases, commands, ms, perSecond: (commands * 1000) / ms }
}
