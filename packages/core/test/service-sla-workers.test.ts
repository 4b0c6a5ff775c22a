// Two workers on one store raising SLA deadlines at once: at risk and breached are still raised
// exactly once each per case, whichever worker gets there first (the loser's commit conflicts and
// its row is released, then closed as already raised).
import { describe, expect, it } from 'vitest'
import { createAk1Service } from '../src/engine/service'
import { balongbendo } from '../src/standards/balongbendo'
import { createMemoryStore, sampleApplication } from '../src/testing/index'
import { fakeClock, officers } from './service-helpers'

const nikOf = (n: number) => `35151254050100${String(n).padStart(2, '0')}`

describe('SLA deadlines with two workers on one store', () => {
  it('raise at risk and breached once each per case', async () => {
    const store = createMemoryStore()
    const clock = fakeClock()
    const a = createAk1Service({ standard: balongbendo, store, clock, workerId: 'a' })
    const b = createAk1Service({ standard: balongbendo, store, clock, workerId: 'b' })
    const ids: string[] = []
    for (let i = 1; i <= 12; i++) {
      const c = await a.submit(sampleApplication({ applicant: { nik: nikOf(i) } }), {
        actor: officers.petugas,
        channel: 'tatap_muka',
      })
      ids.push(c.id)
    }
    // Both deadlines of every case are due at once: the worker was down for a week.
    clock.advance(7 * 24 * 3_600_000)
    let raised = 0
    for (let pass = 0; pass < 6; pass++) {
      const [ra, rb] = await Promise.all([a.runDue({ limit: 5 }), b.runDue({ limit: 5 })])
      raised += ra.raised + rb.raised
    }
    expect(raised).toBe(2 * ids.length)
    expect(await a.runDue()).toMatchObject({ claimed: 0 })
    for (const id of ids) {
      const events = (await a.timeline(id)).map((e) => e.event)
      expect(
        events.filter((e) => e === 'SLA_AT_RISK'),
        id,
      ).toHaveLength(1)
      expect(
        events.filter((e) => e === 'SLA_BREACHED'),
        id,
      ).toHaveLength(1)
      const office = (await store.listOutbox(id)).filter(
        (r) => (r.payload as { recipient?: string }).recipient === 'office',
      )
      expect(office).toHaveLength(2)
      expect((await a.get(id)).sla.status).toBe('breached')
      expect(await a.verifyAudit(id)).toMatchObject({ ok: true })
    }
  })
})
