import { type Actor, balongbendo, type CaseEvent, createAk1Service, type NextAction } from '@ak1/core'
import { createMemoryStore, createRecordingNotifier, sampleApplication } from '@ak1/core/testing'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createSiprajaGateway, createSiprajaSimulator, type SiprajaSimulator } from '../src/index'

const token = 'e2e-token'
let simulator: SiprajaSimulator
let url: string
beforeEach(async () => {
  simulator = createSiprajaSimulator({ token })
  url = (await simulator.start()).url
})
afterEach(() => simulator.close())

/** A clock the test moves: Tuesday 14 April 2026, 08.00 WIB, a plain working day. */
function fakeClock() {
  let t = Date.parse('2026-04-14T01:00:00.000Z')
  return {
    now: () => new Date(t),
    advance: (ms: number) => {
      t += ms
    },
  }
}

const forward = ['ACCEPT', 'COMPLETE', 'SIGN', 'HAND_OVER']
function eventFor(action: NextAction): CaseEvent {
  if (action.type === 'ACCEPT') return { type: 'ACCEPT', verified: action.needs ?? [] }
  if (action.type === 'HAND_OVER')
    return action.needs ? { type: 'HAND_OVER', verified: action.needs } : { type: 'HAND_OVER' }
  return { type: action.type } as CaseEvent
}

describe('createAk1Service with the HTTP gateway against the simulator', () => {
  it('an online Balongbendo case: the account once, then each status change once and in order', async () => {
    const clock = fakeClock()
    const service = createAk1Service({
      standard: balongbendo,
      store: createMemoryStore(),
      clock,
      notifiers: [createRecordingNotifier()],
      sipraja: createSiprajaGateway({ baseUrl: url, token, timeoutMs: 5_000 }),
    })
    const pemohon: Actor = { id: 'sipraja-77', role: 'pemohon', nik: '3515125405010001' }
    const actors: Actor[] = [
      pemohon,
      { id: 'petugas-1', role: 'petugas' },
      { id: 'operator-1', role: 'operator' },
      { id: 'admin-1', role: 'admin' },
      { id: 'camat-1', role: 'camat' },
    ]
    let view = await service.submit(sampleApplication(), { actor: pemohon, channel: 'online' })
    await service.runOutbox()
    const states: string[] = [view.state]
    for (let guard = 0; guard < 40 && !view.final; guard++) {
      let moved = false
      for (const actor of actors) {
        const action = (await service.availableActions(view.id, actor)).find((a) => forward.includes(a.type))
        if (!action) continue
        view = await service.act(view.id, eventFor(action), { actor, expectedVersion: view.version })
        moved = true
        break
      }
      expect(moved, `someone moves the case on from ${view.state}`).toBe(true)
      states.push(view.state)
      clock.advance(10 * 60_000)
      await service.runOutbox()
    }
    for (let i = 0; i < 2; i++) await service.runOutbox()

    const done = await service.get(view.id)
    expect(done.state).toBe('selesai')
    expect(done.incidents).toEqual([])
    expect(done.deliveries.filter((d) => d.kind === 'sipraja').every((d) => d.status === 'sent')).toBe(true)

    expect([...simulator.accounts.keys()]).toEqual(['3515125405010001'])
    expect(simulator.accounts.get('3515125405010001')).toMatchObject({
      nama: 'Siti Rahmawati',
      email: 'siti.rahmawati@example.com',
      no_hp: '+6281234567890',
    })
    const sipraja = simulator.cases.get(done.trackingCode)
    // What the standard says the applicant sees at each state the case went through, without repeats.
    const labels = balongbendo.siprajaStatus as Record<string, string>
    const expected = states
      .map((s) => labels[s] ?? labels['*'])
      .filter((label, i, all) => i === 0 || label !== all[i - 1])
    expect(sipraja?.chron.map((c) => c.status)).toEqual(expected)
    expect(expected.at(-1)).toBe('Selesai')
    expect(expected).toContain('Bisa Diambil')
    expect(sipraja?.status).toBe('Selesai')
    // Every write the engine sent took effect exactly once.
    const writes = simulator.requests.filter((r) => r.method === 'PUT')
    expect(writes.length).toBeGreaterThan(0)
    expect(writes.every((r) => r.outcome === 'applied')).toBe(true)
    expect([...simulator.applied.values()].every((n) => n === 1)).toBe(true)
    expect(writes.filter((r) => r.path.startsWith('/v1/accounts/'))).toHaveLength(1)
  })
})
