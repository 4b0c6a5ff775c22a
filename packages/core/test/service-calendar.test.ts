// The service and its calendar's horizon: provisional deadlines in views and notices, a decree an
// office enters as data, the recompute sweep over open cases, health() and the worker's warning.
import { describe, expect, it } from 'vitest'
import { runRecomputeSweep } from '../src/engine/recompute-sweep'
import { createAk1Service } from '../src/engine/service'
import { isAk1Error } from '../src/errors/errors'
import { renderNotice } from '../src/notices/index'
import type { Ak1Store } from '../src/ports/store'
import type { HolidayRevision } from '../src/sla/holidays'
import { balongbendo } from '../src/standards/balongbendo'
import { createMemoryStore, sampleApplication } from '../src/testing/index'
import { decree2027 } from './calendar-fixtures'
import { type FakeClock, fakeClock, officers } from './service-helpers'

/** A newer estimate: Nyepi 1949 on Sunday 7 March instead of Monday 8 March. */
const nyepiMoved: HolidayRevision = {
  version: '2027-perkiraan-2',
  decree: 'Perkiraan baru Hari Suci Nyepi 1949 (uji)',
  year: 2027,
  status: 'provisional',
  removes: ['2027-03-08'],
  adds: [{ date: '2027-03-07', name: 'Hari Suci Nyepi Tahun Baru Saka 1949', kind: 'libur_nasional' }],
}

function service(store: Ak1Store, clock: FakeClock, holidayRevisions?: Record<string, HolidayRevision[]>) {
  return createAk1Service({
    standard: balongbendo,
    store,
    clock,
    ...(holidayRevisions ? { holidayRevisions } : {}),
  })
}

const submit = (s: ReturnType<typeof service>) =>
  s.submit(sampleApplication(), { actor: officers.petugas, channel: 'tatap_muka' })

async function recomputeEntries(s: ReturnType<typeof service>, caseId: string) {
  return (await s.timeline(caseId)).filter((e) => e.event === 'RECOMPUTE_DUE')
}

describe('provisional deadlines', () => {
  it('29 December 2026 10.00 WIB is due Monday 4 January 2027 10.00, shown as perkiraan until the decree', async () => {
    const store = createMemoryStore()
    const clock = fakeClock('2026-12-29T03:00:00.000Z')
    const before = service(store, clock)
    const c = await submit(before)
    expect(c.sla.dueAt).toBe('2027-01-04T03:00:00.000Z')
    expect(c.sla.provisional).toEqual({
      years: [2027],
      reason: 'data hari libur 2027 belum resmi',
      reasonEn: 'holiday data for 2027 is not official yet',
    })
    const notice = renderNotice(balongbendo, c, 'diterima', 'email', 'id')
    expect(notice.text).toContain('Senin, 4 Januari 2027 (perkiraan)')
    expect(renderNotice(balongbendo, c, 'diterima', 'email', 'en').text).toContain('(estimate)')

    // The office enters the decree: no cuti bersama on 4 January. The case keeps its version until swept.
    const after = service(store, clock, { indonesia: [decree2027] })
    expect((await after.get(c.id)).sla.provisional?.reason).toBe('data hari libur 2027 belum resmi')
    const sweep = await runRecomputeSweep({ service: after, store, actor: officers.admin })
    expect(sweep).toEqual({ recomputed: 1, moved: [], failed: [], complete: true })
    const official = await after.get(c.id)
    expect(official.sla.dueAt).toBe('2027-01-04T03:00:00.000Z')
    expect(official.sla.provisional).toBeNull()
    expect(official.sla.calendarVersion).toMatch(/^indonesia@2027-skb-1#/)
    expect(renderNotice(balongbendo, official, 'diterima', 'email', 'id').text).not.toContain('perkiraan')
    expect(await recomputeEntries(after, c.id)).toHaveLength(1)
  })

  it('a case across Nyepi and Idul Fitri 2027 is provisional and due after Lebaran', async () => {
    const s = service(createMemoryStore(), fakeClock('2027-03-05T03:00:00.000Z'))
    const c = await submit(s)
    expect(c.sla.dueAt).toBe('2027-03-15T03:00:00.000Z')
    expect(c.sla.provisional?.years).toEqual([2027])
  })

  it('a case within official data is not provisional', async () => {
    const c = await submit(service(createMemoryStore(), fakeClock('2026-12-07T03:00:00.000Z')))
    expect(c.sla.dueAt).toBe('2026-12-10T03:00:00.000Z')
    expect(c.sla.provisional).toBeNull()
  })
})

describe('the recompute sweep', () => {
  it('moves the due time and due rows of a case when a provisional day moves; earlier past now is breached', async () => {
    const store = createMemoryStore()
    const clock = fakeClock('2027-03-05T03:00:00.000Z')
    const before = service(store, clock)
    const c = await submit(before)
    expect(c.sla.dueAt).toBe('2027-03-15T03:00:00.000Z')

    // Friday 12 March 12.00 WIB: the new estimate puts the due time at 10.00 that morning.
    clock.set('2027-03-12T05:00:00.000Z')
    const after = service(store, clock, { indonesia: [nyepiMoved] })
    expect((await after.get(c.id)).sla.status).not.toBe('breached')
    const sweep = await runRecomputeSweep({ service: after, store, actor: officers.admin })
    expect(sweep.moved).toEqual([
      { caseId: c.id, dueAtBefore: '2027-03-15T03:00:00.000Z', dueAtAfter: '2027-03-12T03:00:00.000Z' },
    ])
    const moved = await after.get(c.id)
    expect(moved.sla.status).toBe('breached')
    expect((await store.load(c.id))?.dueAt).toBe('2027-03-12T03:00:00.000Z')
    const [entry] = await recomputeEntries(after, c.id)
    expect(entry).toMatchObject({
      actor: { id: officers.admin.id, role: 'admin' },
      details: { dueAtBefore: '2027-03-15T03:00:00.000Z', dueAtAfter: '2027-03-12T03:00:00.000Z' },
    })
    expect(String((entry!.details as Record<string, unknown>).calendarVersionAfter)).toMatch(
      /^indonesia@2027-perkiraan-2#/,
    )

    // The rewritten due rows are already due: the worker raises the breach, not the old 15 March row.
    const run = await after.runDue()
    expect(run.raised).toBeGreaterThanOrEqual(1)
    const events = (await after.timeline(c.id)).map((e) => e.event)
    expect(events).toContain('SLA_BREACHED')
  })

  it('resumes after an interruption without recomputing a case twice', async () => {
    const store = createMemoryStore()
    const clock = fakeClock('2027-03-01T02:00:00.000Z')
    const before = service(store, clock)
    const ids: string[] = []
    for (let i = 0; i < 3; i++) ids.push((await submit(before)).id)
    const after = service(store, clock, { indonesia: [nyepiMoved] })

    const first = await runRecomputeSweep({
      service: after,
      store,
      actor: officers.admin,
      limit: 1,
      pageSize: 2,
    })
    expect(first).toMatchObject({ recomputed: 1, complete: false })
    const stop = new AbortController()
    stop.abort()
    const aborted = await runRecomputeSweep({
      service: after,
      store,
      actor: officers.admin,
      signal: stop.signal,
    })
    expect(aborted).toMatchObject({ recomputed: 0, complete: false })
    const rest = await runRecomputeSweep({ service: after, store, actor: officers.admin, pageSize: 1 })
    expect(rest).toMatchObject({ recomputed: 2, complete: true })
    expect(await runRecomputeSweep({ service: after, store, actor: officers.admin })).toMatchObject({
      recomputed: 0,
      complete: true,
    })
    for (const id of ids) expect(await recomputeEntries(after, id)).toHaveLength(1)
    // The scan (for cases stored before the index) finds nothing left either.
    expect(
      await runRecomputeSweep({ service: after, store, actor: officers.admin, scan: true }),
    ).toMatchObject({
      recomputed: 0,
    })
  })

  it('reports a case it may not recompute and goes on', async () => {
    const store = createMemoryStore()
    const clock = fakeClock('2027-03-01T02:00:00.000Z')
    const c = await submit(service(store, clock))
    const after = service(store, clock, { indonesia: [nyepiMoved] })
    const result = await runRecomputeSweep({ service: after, store, actor: officers.petugas })
    expect(result).toMatchObject({ recomputed: 0, failed: [{ caseId: c.id, code: 'FORBIDDEN' }] })
    expect(await recomputeEntries(after, c.id)).toHaveLength(0)
  })
})

describe('health and the worker warning', () => {
  it('health() says a calendar whose official data ends in 30 days runs short', async () => {
    const clock = fakeClock('2026-12-01T01:00:00.000Z')
    const health = await service(createMemoryStore(), clock).health()
    expect(health.status).toBe('warning')
    expect(health.calendars).toHaveLength(1)
    expect(health.calendars[0]).toMatchObject({
      today: '2026-12-01',
      officialUntil: '2026-12-31',
      provisionalUntil: '2027-12-31',
      officialDaysLeft: 30,
      provisionalDaysLeft: 395,
      standards: [{ id: balongbendo.id, version: balongbendo.version }],
    })
    expect(health.calendars[0]!.warning?.message).toContain('tinggal 30 hari')
    const decreed = await service(createMemoryStore(), clock, { indonesia: [decree2027] }).health()
    expect(decreed).toMatchObject({ status: 'ok', calendars: [{ officialDaysLeft: 395, warning: null }] })
  })

  it('the worker logs the warning once a day, not at every pass', async () => {
    const clock = fakeClock('2026-12-01T01:00:00.000Z')
    const warnings: Array<Record<string, unknown>> = []
    const s = createAk1Service({
      standard: balongbendo,
      store: createMemoryStore(),
      clock,
      logger: { info: () => {}, error: () => {}, warn: (o) => warnings.push(o) },
    })
    const stop = new AbortController()
    let passes = 0
    const summary = await s.startWorker({
      signal: stop.signal,
      sleep: async () => {
        clock.advance(6 * 3_600_000)
        if (++passes >= 10) stop.abort()
      },
    })
    expect(summary.passes).toBe(10)
    // Ten passes six hours apart from 1 December 08.00 WIB span 1, 2 and 3 December.
    const horizon = warnings.filter((w) => w.type === 'calendar.horizon_low')
    expect(horizon.map((w) => w.day)).toEqual(['2026-12-01', '2026-12-02', '2026-12-03'])
    expect(horizon.map((w) => w.officialDaysLeft)).toEqual([30, 29, 28])
  })
})

describe('a bad revision in the options', () => {
  it('is a ConfigError in Indonesian naming the field; the running service is unchanged', async () => {
    const store = createMemoryStore()
    const clock = fakeClock('2026-12-29T03:00:00.000Z')
    const running = service(store, clock)
    const c = await submit(running)
    const bad: HolidayRevision[][] = [
      [{ ...decree2027, adds: [{ date: '2027-02-29', name: 'Tidak ada', kind: 'cuti_bersama' }] }],
      [{ ...decree2027, version: '2027-perkiraan-1' }],
      [{ ...decree2027, removes: ['2027-03-11'] }],
    ]
    const keys: string[][] = []
    for (const revisions of bad) {
      let caught: unknown
      try {
        service(store, clock, { indonesia: revisions })
      } catch (error) {
        caught = error
      }
      expect(isAk1Error(caught) && caught.code).toBe('CONFIG')
      expect((caught as Error).message).toMatch(
        /^Revisi hari libur tidak valid: holidayRevisions\.indonesia\.0\./,
      )
      keys.push((caught as { keys: string[] }).keys)
    }
    expect(keys).toEqual([
      ['holidayRevisions.indonesia.0.adds.0.date'],
      ['holidayRevisions.indonesia.0.version'],
      ['holidayRevisions.indonesia.0.adds.0.date'],
    ])
    expect(() => service(store, clock, { nasional: [decree2027] })).toThrow(/holidayRevisions\.nasional/)
    const still = await running.get(c.id)
    expect(still.sla.dueAt).toBe(c.sla.dueAt)
    expect(still.sla.calendarVersion).toBe(c.sla.calendarVersion)
    expect((await running.health()).calendars[0]?.officialUntil).toBe('2026-12-31')
  })
})
