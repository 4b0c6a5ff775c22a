// The SLA deadlines of the real engine on a real SQLite file: at risk and breached are raised once
// each per case, however often the worker runs and across restarts (the store closed and opened again).
import { balongbendo, createAk1Service } from '@ak1/core'
import { sampleApplication } from '@ak1/core/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createSqliteStore } from '../src/index'
import { tempDir } from './helpers/temp'

let tmp: ReturnType<typeof tempDir>
beforeAll(() => {
  tmp = tempDir('ak1-sqlite-sla-')
})
afterAll(() => tmp?.remove())

const officers = [
  { id: 'petugas-1', role: 'petugas' },
  { id: 'operator-1', role: 'operator' },
  { id: 'admin-1', role: 'admin' },
  { id: 'camat-1', role: 'camat' },
]

/** A service on the file at a fixed instant; `close` stops it as a restart would. */
function open(file: string, now: string) {
  const store = createSqliteStore({ filename: file, plaintext: true })
  const service = createAk1Service({ standard: balongbendo, store, clock: { now: () => new Date(now) } })
  return { store, service, close: () => store.close() }
}

describe('SLA deadlines on SQLite, across restarts', () => {
  it('raises at risk and breached once each, however often runDue runs and the process restarts', async () => {
    const file = tmp.file()
    // Tuesday 14 April 2026, 08.00 WIB: due Friday 17 April 08.00 WIB, at risk from Thursday 09.52.30.
    let s = open(file, '2026-04-14T01:00:00.000Z')
    let view = await s.service.submit(sampleApplication(), { actor: officers[0]!, channel: 'tatap_muka' })
    const id = view.id
    while (view.state !== 'tanda_tangan') {
      const moves = await Promise.all(officers.map((a) => s.service.availableActions(id, a)))
      const i = moves.findIndex((m) => m.some((a) => a.type === 'ACCEPT' || a.type === 'COMPLETE'))
      expect(i, `stuck at ${view.state}`).toBeGreaterThanOrEqual(0)
      const action = moves[i]!.find((a) => a.type === 'ACCEPT' || a.type === 'COMPLETE')!
      const event =
        action.type === 'ACCEPT'
          ? { type: 'ACCEPT' as const, verified: action.needs ?? [] }
          : { type: action.type }
      view = await s.service.act(id, event as never, { actor: officers[i]!, expectedVersion: view.version })
    }
    expect(await s.service.runDue()).toMatchObject({ raised: 0 })
    await s.close()

    const runs: Array<[string, number]> = [
      ['2026-04-16T03:00:00.000Z', 1], // Thursday 10.00 WIB: at risk
      ['2026-04-16T03:00:00.000Z', 0], // the same instant after a restart
      ['2026-04-16T05:00:00.000Z', 0],
      ['2026-04-17T02:00:00.000Z', 1], // Friday 09.00 WIB: breached
      ['2026-04-17T02:00:00.000Z', 0],
      ['2026-04-20T02:00:00.000Z', 0],
    ]
    for (const [now, raised] of runs) {
      s = open(file, now)
      expect(await s.service.runDue(), now).toMatchObject({ raised })
      expect(await s.service.runDue(), now).toMatchObject({ raised: 0, claimed: 0 })
      await s.close()
    }

    s = open(file, '2026-04-20T02:00:00.000Z')
    const events = (await s.service.timeline(id)).map((e) => e.event)
    expect(events.filter((e) => e === 'SLA_AT_RISK')).toHaveLength(1)
    expect(events.filter((e) => e === 'SLA_BREACHED')).toHaveLength(1)
    const office = (await s.store.listOutbox(id)).filter(
      (r) => (r.payload as { recipient?: string }).recipient === 'office',
    )
    expect(office.map((r) => (r.payload as { template: string }).template)).toEqual([
      'sla_at_risk',
      'sla_breached',
    ])
    expect((await s.service.get(id)).sla.status).toBe('breached')
    expect((await s.service.list({ overdue: true })).items.map((c) => c.id)).toEqual([id])
    expect(await s.service.verifyAudit(id)).toMatchObject({ ok: true })
    await s.close()
  })
})
