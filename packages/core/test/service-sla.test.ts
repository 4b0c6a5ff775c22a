import { describe, expect, it } from 'vitest'
import { createAk1Service } from '../src/engine/service'
import type { CaseView } from '../src/engine/types'
import { ForbiddenError } from '../src/errors/errors'
import type { Ak1Store as CaseStore } from '../src/ports/store'
import { indonesiaHolidays } from '../src/sla/holidays'
import { defineStandard } from '../src/standard/define-standard'
import type { Standard } from '../src/standard/schema'
import { balongbendo, balongbendoInput } from '../src/standards/balongbendo'
import { createMemoryStore, sampleApplication } from '../src/testing/index'
import { eventFor, type FakeClock, fakeClock, MINUTE, officers } from './service-helpers'

const NIK = '3515125405010001'
const pemohon = { id: 'sipraja-77', role: 'pemohon', nik: NIK }

function setup(options: { store?: CaseStore; standard?: Standard; clock?: FakeClock } = {}) {
  const store = options.store ?? createMemoryStore()
  const clock = options.clock ?? fakeClock()
  const service = createAk1Service({ standard: options.standard ?? balongbendo, store, clock })
  return { store, clock, service }
}

type Service = ReturnType<typeof setup>['service']

/** Moves the case on with the first forward action until it rests at `stepId`. */
async function advanceTo(
  service: Service,
  view: CaseView,
  stepId: string,
  clock: FakeClock,
): Promise<CaseView> {
  let current = view
  while (current.state !== stepId) {
    let moved = false
    for (const actor of Object.values(officers)) {
      const action = (await service.availableActions(current.id, actor)).find((a) =>
        ['ACCEPT', 'COMPLETE', 'SIGN', 'HAND_OVER'].includes(a.type),
      )
      if (!action) continue
      clock.advance(5 * MINUTE)
      current = await service.act(current.id, eventFor(action), { actor, expectedVersion: current.version })
      moved = true
      break
    }
    if (!moved) throw new Error(`stuck at ${current.state}`)
  }
  return current
}

describe('the case clock pauses while the case waits on the applicant', () => {
  it('makes a case returned for two working days and resubmitted due two working days later than planned', async () => {
    const { service, clock, store } = setup()
    // Tuesday 14 April 2026, 08.00 WIB: 3 working days gives Friday 17 April 08.00 WIB.
    const submitted = await service.submit(sampleApplication(), {
      actor: officers.petugas,
      channel: 'tatap_muka',
    })
    expect(submitted.sla).toMatchObject({
      plannedDueAt: '2026-04-17T01:00:00.000Z',
      dueAt: '2026-04-17T01:00:00.000Z',
      status: 'on_track',
      state: 'running',
    })
    const atVerifikasi = await advanceTo(service, submitted, 'verifikasi', clock)

    clock.set('2026-04-14T02:00:00.000Z') // Tuesday 09.00 WIB
    const returned = await service.act(
      atVerifikasi.id,
      { type: 'RETURN', missing: ['ijazah:sma'], reason: 'Fotokopi ijazah SMK tidak terbaca' },
      { actor: officers.operator, expectedVersion: atVerifikasi.version },
    )
    expect(returned.state).toBe('dikembalikan')
    expect(returned.awaiting).toBe('pemohon')
    expect(returned.returned).toMatchObject({ fromStep: 'verifikasi', missing: ['ijazah:sma'] })
    expect(returned.sla).toMatchObject({ state: 'paused', paused: true })
    expect(returned.deliveries.filter((d) => d.template === 'dikembalikan').map((d) => d.channel)).toEqual([
      'sms',
      'email',
    ])
    // Paused: no due time in the index, no pending deadline rows, never overdue.
    expect((await store.load(returned.id))?.dueAt).toBeNull()
    clock.set('2026-05-29T01:00:00.000Z')
    expect(
      await store.claimDue({ now: clock.now().toISOString(), limit: 10, owner: 't', leaseMs: 1 }),
    ).toEqual([])
    expect((await service.list({ overdue: true })).items).toEqual([])
    // Six weeks past the planned due time, still waiting: not breached, not at risk.
    expect((await service.get(returned.id)).sla).toMatchObject({ status: 'on_track', paused: true })

    // Resubmitted on Thursday 16 April 09.00 WIB: two working days later.
    clock.set('2026-04-16T02:00:00.000Z')
    const [resubmit] = await service.availableActions(returned.id, pemohon)
    expect(resubmit).toMatchObject({ type: 'RESUBMIT', stepId: 'verifikasi' })
    const resumed = await service.act(returned.id, { type: 'RESUBMIT' }, { actor: pemohon })
    expect(resumed.state).toBe('verifikasi')
    expect(resumed.returned).toBeUndefined()
    // Friday 08.00 + 15 working hours = Tuesday 21 April 08.00 WIB.
    expect(resumed.sla).toMatchObject({
      plannedDueAt: '2026-04-17T01:00:00.000Z',
      dueAt: '2026-04-21T01:00:00.000Z',
      pausedMinutes: 15 * 60,
      state: 'running',
    })
    expect((await store.load(resumed.id))?.dueAt).toBe('2026-04-21T01:00:00.000Z')
    // The deadline rows are written again, at the moved instants: claimable once their time comes.
    expect(
      await store.claimDue({ now: '2026-04-21T00:59:59.999Z', limit: 10, owner: 't', leaseMs: MINUTE }),
    ).toEqual([expect.objectContaining({ caseId: resumed.id, kind: 'at_risk' })])
    const breachedRows = await store.claimDue({
      now: '2026-04-21T01:00:00.000Z',
      limit: 10,
      owner: 't',
      leaseMs: MINUTE,
    })
    expect(breachedRows).toEqual([
      expect.objectContaining({ caseId: resumed.id, kind: 'breached', dueAt: '2026-04-21T01:00:00.000Z' }),
    ])
    const timeline = await service.timeline(resumed.id)
    expect(timeline.at(-1)).toMatchObject({ event: 'RESUBMIT', from: 'dikembalikan', to: 'verifikasi' })
  })
})

describe('SLA deadlines', () => {
  it('raises at risk, then breached, once each when a slow Camat holds the file, however often runDue runs', async () => {
    const { service, clock, store } = setup()
    const submitted = await service.submit(sampleApplication(), {
      actor: officers.petugas,
      channel: 'tatap_muka',
    })
    const atCamat = await advanceTo(service, submitted, 'tanda_tangan', clock)

    // Wednesday noon: 11 of 22.5 working hours used, nothing due.
    clock.set('2026-04-15T05:00:00.000Z')
    expect(await service.runDue()).toMatchObject({ raised: 0 })
    expect((await service.get(atCamat.id)).sla.status).toBe('on_track')

    // Thursday 10.00 WIB: past 75 % (Thursday 09.52.30 WIB).
    clock.set('2026-04-16T03:00:00.000Z')
    expect((await service.get(atCamat.id)).sla).toMatchObject({
      status: 'at_risk',
      atRiskAt: '2026-04-16T02:52:30.000Z',
    })
    expect(await service.runDue()).toMatchObject({ raised: 1 })
    expect(await service.runDue()).toMatchObject({ raised: 0 })
    expect((await service.list({ overdue: true })).items).toEqual([])

    // Friday 09.00 WIB: past the due time (Friday 08.00 WIB).
    clock.set('2026-04-17T02:00:00.000Z')
    expect(await service.runDue()).toMatchObject({ raised: 1 })
    for (let i = 0; i < 3; i++) expect(await service.runDue()).toMatchObject({ raised: 0, claimed: 0 })
    // A restarted service on the same store raises nothing again.
    clock.advance(60 * MINUTE)
    expect(await setup({ store, clock }).service.runDue()).toMatchObject({ raised: 0, claimed: 0 })

    const view = await service.get(atCamat.id)
    expect(view.sla.status).toBe('breached')
    expect((await service.list({ overdue: true })).items.map((c) => c.id)).toEqual([atCamat.id])
    expect((await service.list({ dueBefore: '2026-04-17T00:00:00Z' })).items).toEqual([])
    expect((await service.list({ dueBefore: '2026-04-17T08:00:00+07:00' })).items).toHaveLength(1)
    const events = (await service.timeline(atCamat.id)).map((e) => e.event)
    expect(events.filter((e) => e === 'SLA_AT_RISK')).toHaveLength(1)
    expect(events.filter((e) => e === 'SLA_BREACHED')).toHaveLength(1)
    const sla = (await service.timeline(atCamat.id)).filter((e) => e.event.startsWith('SLA_'))
    expect(sla.map((e) => e.actor)).toEqual([
      { id: 'system', role: 'system' },
      { id: 'system', role: 'system' },
    ])
    const office = (await store.listOutbox(atCamat.id)).filter(
      (r) => (r.payload as { recipient?: string }).recipient === 'office',
    )
    expect(office.map((r) => r.payload)).toEqual([
      { template: 'sla_at_risk', channel: 'email', recipient: 'office' },
      { template: 'sla_breached', channel: 'email', recipient: 'office' },
    ])
    expect(await service.verifyAudit(atCamat.id)).toMatchObject({ ok: true })

    // The Camat signs at last: the step overran its one working day; the case goes on.
    const signed = await service.act(atCamat.id, { type: 'SIGN' }, { actor: officers.camat })
    const camatStep = signed.sla.steps.find((s) => s.stepId === 'tanda_tangan')
    expect(camatStep).toMatchObject({ targetWorkingDays: 1, overran: true })
    expect(camatStep!.actualMinutes).toBeGreaterThan(camatStep!.targetMinutes!)
  })

  it('does not raise at risk a second time after a return and resubmission rewrites the deadlines', async () => {
    const { service, clock } = setup()
    const submitted = await service.submit(sampleApplication(), {
      actor: officers.petugas,
      channel: 'tatap_muka',
    })
    const atCamat = await advanceTo(service, submitted, 'tanda_tangan', clock)
    clock.set('2026-04-16T03:00:00.000Z') // Thursday 10.00 WIB: at risk
    expect(await service.runDue()).toMatchObject({ raised: 1 })
    const returned = await service.act(
      atCamat.id,
      { type: 'RETURN', missing: ['pas_foto'], reason: 'Foto buram' },
      { actor: officers.camat },
    )
    clock.advance(30 * MINUTE)
    await service.act(returned.id, { type: 'RESUBMIT' }, { actor: pemohon })
    clock.advance(30 * MINUTE)
    expect(await service.runDue()).toMatchObject({ raised: 0 })
    const events = (await service.timeline(atCamat.id)).map((e) => e.event)
    expect(events.filter((e) => e === 'SLA_AT_RISK')).toHaveLength(1)
  })

  it('stops the clock when the card is printed', async () => {
    const { service, clock, store } = setup()
    const submitted = await service.submit(sampleApplication(), {
      actor: officers.petugas,
      channel: 'tatap_muka',
    })
    const printed = await advanceTo(service, submitted, 'penyerahan', clock)
    expect(printed.card).toBeDefined()
    expect(printed.sla).toMatchObject({ state: 'stopped', dueAt: null, status: 'on_track' })
    expect((await store.load(printed.id))?.dueAt).toBeNull()
    clock.set('2026-06-01T01:00:00.000Z')
    expect(await service.runDue()).toMatchObject({ claimed: 0 })
    expect((await service.get(printed.id)).sla.status).toBe('on_track')
  })
})

describe('standards that say otherwise', () => {
  it('starts the clock at acceptance when the standard says so', async () => {
    const standard = defineStandard({
      ...balongbendoInput,
      version: 'test-accepted',
      completion: { ...balongbendoInput.completion, clockStart: 'accepted' },
    })
    const { service, clock } = setup({ standard })
    const submitted = await service.submit(sampleApplication(), {
      actor: officers.petugas,
      channel: 'tatap_muka',
    })
    expect(submitted.sla.state).toBe('not_started')
    clock.advance(24 * 60 * MINUTE) // Wednesday 08.00 WIB
    const [accept] = await service.availableActions(submitted.id, officers.petugas)
    const accepted = await service.act(submitted.id, eventFor(accept!), { actor: officers.petugas })
    expect(accepted.sla).toMatchObject({ state: 'running', plannedDueAt: '2026-04-20T01:00:00.000Z' })
  })

  it('extends the due time only where the standard allows, audited', async () => {
    const { service: strict } = setup()
    const c = await strict.submit(sampleApplication(), { actor: officers.petugas, channel: 'tatap_muka' })
    await expect(
      strict.extend(c.id, { workingDays: 1, reason: 'Camat dinas luar' }, { actor: officers.admin }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN', rule: 'extension_not_allowed' })

    const lenient = defineStandard({
      ...balongbendoInput,
      version: 'test-extension',
      completion: {
        ...balongbendoInput.completion,
        extension: { allowed: true, maxWorkingDays: 2, maxTimes: 1 },
      },
    })
    const { service } = setup({ standard: lenient })
    const d = await service.submit(sampleApplication(), { actor: officers.petugas, channel: 'tatap_muka' })
    await expect(
      service.extend(d.id, { workingDays: 1, reason: 'Camat dinas luar' }, { actor: officers.petugas }),
    ).rejects.toBeInstanceOf(ForbiddenError)
    const extended = await service.extend(
      d.id,
      { workingDays: 1, reason: 'Camat dinas luar' },
      { actor: officers.admin, expectedVersion: d.version },
    )
    expect(extended.sla.dueAt).toBe('2026-04-20T01:00:00.000Z')
    expect(extended.sla.extensions).toEqual([
      { at: '2026-04-14T01:00:00.000Z', workingDays: 1, reason: 'Camat dinas luar' },
    ])
    expect((await service.timeline(d.id)).at(-1)).toMatchObject({
      event: 'EXTEND',
      actor: officers.admin,
      details: {
        workingDays: 1,
        dueAtBefore: '2026-04-17T01:00:00.000Z',
        dueAtAfter: '2026-04-20T01:00:00.000Z',
      },
    })
    await expect(
      service.extend(d.id, { workingDays: 1, reason: 'lagi' }, { actor: officers.admin }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN', rule: 'extension_limit' })
  })

  it('resolves a named holiday set registered with the service', async () => {
    const standard = defineStandard({
      ...balongbendoInput,
      version: 'test-holidays',
      calendar: { timeZone: 'Asia/Jakarta', holidays: 'sidoarjo_uji' },
    })
    expect(() => createAk1Service({ standard, store: createMemoryStore() })).toThrow(/sidoarjo_uji/)
    const sidoarjo = {
      id: 'sidoarjo_uji',
      version: '2026.1',
      days: [{ date: '2026-04-15', name: 'Hari jadi (uji)', kind: 'closure' as const }],
    }
    const service = createAk1Service({
      standard,
      store: createMemoryStore(),
      clock: fakeClock(),
      calendars: { sidoarjo_uji: sidoarjo },
    })
    const c = await service.submit(sampleApplication(), { actor: officers.petugas, channel: 'tatap_muka' })
    // Wednesday is closed: Tuesday 08.00 + 3 working days is Monday 20 April 08.00 WIB.
    expect(c.sla.dueAt).toBe('2026-04-20T01:00:00.000Z')
    expect(c.sla.calendarVersion).toContain('2026.1')
  })

  it('keeps a case on its calendar version until an operator asks for a recompute, which is audited', async () => {
    const store = createMemoryStore()
    const clock = fakeClock()
    const before = createAk1Service({ standard: balongbendo, store, clock })
    const c = await before.submit(sampleApplication(), { actor: officers.petugas, channel: 'tatap_muka' })
    // An amended decree makes Thursday 16 April 2026 a cuti bersama day.
    const amended = {
      ...indonesiaHolidays,
      version: `${indonesiaHolidays.version}+test-amendment`,
      days: [
        ...indonesiaHolidays.days,
        { date: '2026-04-16', name: 'Cuti bersama tambahan (uji)', kind: 'cuti_bersama' as const },
      ].sort((a, b) => a.date.localeCompare(b.date)),
    }
    const after = createAk1Service({ standard: balongbendo, store, clock, calendars: { indonesia: amended } })
    const kept = await after.get(c.id)
    expect(kept.sla.dueAt).toBe('2026-04-17T01:00:00.000Z')
    const recomputed = await after.recomputeDue(c.id, { actor: officers.operator })
    expect(recomputed.sla.dueAt).toBe('2026-04-20T01:00:00.000Z')
    expect(recomputed.sla.calendarVersion).toContain('test-amendment')
    const entry = (await after.timeline(c.id)).at(-1)
    expect(entry).toMatchObject({
      event: 'RECOMPUTE_DUE',
      details: { dueAtAfter: '2026-04-20T01:00:00.000Z' },
    })
    expect(String((entry!.details as Record<string, unknown>).calendarVersionAfter)).toContain(
      'test-amendment',
    )
    expect((await store.load(c.id))?.dueAt).toBe('2026-04-20T01:00:00.000Z')
  })
})
