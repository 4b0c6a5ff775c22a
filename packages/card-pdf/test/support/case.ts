import { type Actor, balongbendo, type CaseView, createAk1Service, type NextAction } from '@ak1/core'
import { createMemoryStore, sampleApplication } from '@ak1/core/testing'

const officers: Actor[] = [
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

/** A name with diacritics and an apostrophe, as Indonesian names may carry. */
export const holderName = "Ni Luh Putu Désy Nur'aini"

/**
 * A Balongbendo tatap-muka case run through the real service (memory store, a clock moved by hand)
 * to hand-over, with its photo attached for the `pas_foto` item. Submitted Tuesday 14 April 2026.
 */
export async function printedCase(photo?: { bytes: Uint8Array; contentType: string }): Promise<CaseView> {
  let t = Date.parse('2026-04-14T01:00:00.000Z')
  const service = createAk1Service({
    standard: balongbendo,
    store: createMemoryStore(),
    clock: { now: () => new Date(t) },
  })
  const application = sampleApplication({
    applicant: { fullName: holderName },
    courses: [{ name: 'Pelatihan Operator Komputer', organizer: 'BLK Sidoarjo', year: 2020 }],
  })
  const petugas = officers[0]!
  let view = await service.submit(application, { actor: petugas, channel: 'tatap_muka' })
  if (photo) {
    view = await service.attach(
      view.id,
      photo.bytes,
      { contentType: photo.contentType, itemId: 'pas_foto' },
      { actor: petugas },
    )
  }
  for (let guard = 0; guard < 40 && !view.final; guard++) {
    t += 30 * 60_000
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
