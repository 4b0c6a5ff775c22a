// The guard of a pending card opening: a later command on a handed-over case that writes the case's
// due rows anew (none does today; the guard is for the one that will) must not drop the `card_open`
// row the hand-over wrote, or a crash at hand-over would leave the card record never opened.
import { describe, expect, it } from 'vitest'
import { cardOpenRowId } from '../src/engine/card-open'
import { readCaseData } from '../src/engine/case-data'
import { lazyCaseRows } from '../src/engine/case-rows'
import { createEngineContext } from '../src/engine/context'
import { nextCase, sameStateEntry, sealDecision } from '../src/engine/decision'
import { createAk1Service } from '../src/engine/service'
import type { Ak1Store } from '../src/ports/index'
import { balongbendo } from '../src/standards/balongbendo'
import { createMemoryStore, sampleApplication } from '../src/testing/index'
import { driveToEnd, type FakeClock, fakeClock, officers } from './service-helpers'

/** Commits, on a stored case, a same-state decision that writes the case's due rows anew. */
async function rewriteDueRows(store: Ak1Store, clock: FakeClock, caseId: string) {
  const ctx = createEngineContext({ standard: balongbendo, store, clock, sipraja: false })
  const stored = (await store.load(caseId))!
  const data = readCaseData(stored.data)
  const rt = ctx.runtimeFor(stored, data)
  const at = clock.now()
  const entry = sameStateEntry(rt, stored, at, undefined, officers.petugas, 'DUE_REWRITE', {})
  const decision = { rt, before: stored, after: nextCase(stored, at, {}), data, entry, writeDue: true, at }
  const sealed = sealDecision(
    decision,
    lazyCaseRows(() => []),
    undefined,
  )
  await store.commit({ ...sealed.completion, expectedVersion: stored.version })
  return (sealed.completion.due ?? []).map((r) => r.id)
}

describe('a pending card_open due row survives a rewrite of the case due rows', () => {
  it('is carried over until the worker closes it, and not written again after', async () => {
    const clock = fakeClock()
    const store = createMemoryStore()
    const service = createAk1Service({ standard: balongbendo, store, clock, sipraja: false })
    const start = await service.submit(sampleApplication(), {
      actor: officers.petugas,
      channel: 'tatap_muka',
    })
    const done = (await driveToEnd(service, start)).at(-1)!.view
    expect(done.final).toBe(true)
    const rowId = cardOpenRowId(done.id)
    expect(readCaseData((await store.load(done.id))!.data).cardOpening).toBeDefined()

    // A command on the final case rewrites its due rows before the worker ran.
    expect(await rewriteDueRows(store, clock, done.id)).toContain(rowId)
    clock.advance(60_000)
    await service.runDue()
    const trail = await store.timeline(done.id)
    expect(trail.filter((e) => e.event === 'CARD_RECORD_OPENED')).toHaveLength(1)
    expect(trail.find((e) => e.event === 'CARD_RECORD_OPENED')?.details).toMatchObject({ dueRowId: rowId })
    expect(readCaseData((await store.load(done.id))!.data).cardOpening).toBeUndefined()

    // Closed: a later rewrite does not bring the row back.
    expect(await rewriteDueRows(store, clock, done.id)).not.toContain(rowId)
    clock.advance(60_000)
    await service.runDue()
    expect((await store.timeline(done.id)).filter((e) => e.event === 'CARD_RECORD_OPENED')).toHaveLength(1)
  })
})
