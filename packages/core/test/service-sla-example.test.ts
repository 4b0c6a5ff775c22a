// Issue 6's worked example through the service, and a step target of "1 hari" as one working day
// (the same office time on the next working day), across cuti bersama, Natal and a weekend.
import { describe, expect, it } from 'vitest'
import { createAk1Service } from '../src/engine/service'
import type { CaseView } from '../src/engine/types'
import { balongbendo } from '../src/standards/balongbendo'
import { createMemoryStore, sampleApplication } from '../src/testing/index'
import { eventFor, type FakeClock, fakeClock, officers } from './service-helpers'

type Service = ReturnType<typeof createAk1Service>

async function moveTo(service: Service, clock: FakeClock, view: CaseView, stepId: string, at: string) {
  let current = view
  while (current.state !== stepId) {
    let moved = false
    for (const actor of Object.values(officers)) {
      const action = (await service.availableActions(current.id, actor)).find((a) =>
        ['ACCEPT', 'COMPLETE', 'SIGN'].includes(a.type),
      )
      if (!action) continue
      clock.set(at)
      current = await service.act(current.id, eventFor(action), { actor, expectedVersion: current.version })
      moved = true
      break
    }
    if (!moved) throw new Error(`stuck at ${current.state}`)
  }
  return current
}

/** Received Wednesday 23 December 2026, 10.00 WIB; at the Camat from 11.00 WIB the same day. */
async function atCamat() {
  const store = createMemoryStore()
  const clock = fakeClock('2026-12-23T03:00:00.000Z')
  const service = createAk1Service({ standard: balongbendo, store, clock })
  const submitted = await service.submit(sampleApplication(), {
    actor: officers.petugas,
    channel: 'tatap_muka',
  })
  const view = await moveTo(service, clock, submitted, 'tanda_tangan', '2026-12-23T04:00:00.000Z')
  return { store, clock, service, submitted, view }
}

describe('the worked example of the SLA issue, through the service', () => {
  it('received Wed 23 Dec 2026 10.00 WIB with 3 working days is due Wed 30 Dec 2026 10.00 WIB', async () => {
    const { store, submitted } = await atCamat()
    expect(submitted.sla).toMatchObject({
      receivedAt: '2026-12-23T03:00:00.000Z',
      plannedDueAt: '2026-12-30T03:00:00.000Z',
      dueAt: '2026-12-30T03:00:00.000Z',
      status: 'on_track',
    })
    expect((await store.load(submitted.id))?.dueAt).toBe('2026-12-30T03:00:00.000Z')
  })

  it('"1 hari" at the Camat from Wed 23 Dec 11.00 runs to Mon 28 Dec 11.00 WIB (450 working minutes)', async () => {
    // Signed one minute before: in time.
    const early = await atCamat()
    early.clock.set('2026-12-28T03:59:00.000Z')
    const inTime = await early.service.act(early.view.id, { type: 'SIGN' }, { actor: officers.camat })
    expect(inTime.sla.steps.find((s) => s.stepId === 'tanda_tangan')).toMatchObject({
      targetWorkingDays: 1,
      targetMinutes: 450,
      actualMinutes: 449,
      overran: false,
    })
    // Signed one minute after: overran.
    const late = await atCamat()
    late.clock.set('2026-12-28T04:01:00.000Z')
    const overran = await late.service.act(late.view.id, { type: 'SIGN' }, { actor: officers.camat })
    expect(overran.sla.steps.find((s) => s.stepId === 'tanda_tangan')).toMatchObject({
      targetMinutes: 450,
      actualMinutes: 451,
      overran: true,
    })
  })
})
