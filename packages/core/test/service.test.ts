import { describe, expect, it } from 'vitest'
import { createAk1Service } from '../src/engine/service'
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../src/errors/errors'
import type { Ak1Store as CaseStore } from '../src/ports/store'
import { balongbendo } from '../src/standards/balongbendo'
import { createMemoryStore, sampleApplication } from '../src/testing/index'
import { driveToEnd, eventFor, fakeClock, officers } from './service-helpers'

const nikOf = (n: number) => `35151254050100${String(n).padStart(2, '0')}`

function setup(store: CaseStore = createMemoryStore()) {
  const clock = fakeClock()
  const service = createAk1Service({ standard: balongbendo, store, clock })
  return { store, clock, service }
}

describe('a tatap-muka Balongbendo case, driven only by availableActions and act', () => {
  it('goes from submission to hand-over with tracking code, register number, card, checklist and audit', async () => {
    const { service, clock } = setup()
    const submitted = await service.submit(sampleApplication(), {
      actor: officers.petugas,
      channel: 'tatap_muka',
      commandId: 'submit-1',
    })
    expect(submitted).toMatchObject({ version: 1, state: 'penerimaan', awaiting: 'petugas', final: false })
    expect(submitted.trackingCode).toBe('AK1-260414-00001')
    expect(submitted.standard).toEqual({
      id: balongbendo.id,
      version: balongbendo.version,
      hash: balongbendo.hash,
    })
    expect(submitted.deliveries.map((d) => `${d.template}/${d.channel}/${d.status}`)).toEqual([
      'diterima/sms/queued',
      'diterima/email/queued',
    ])

    const steps = await driveToEnd(service, submitted, undefined, () => clock.advance(10 * 60_000))
    expect(steps.map((s) => `${s.from}:${s.action.type}:${s.actor.role}`)).toEqual([
      'penerimaan:ACCEPT:petugas',
      'pemindaian:COMPLETE:operator',
      'verifikasi:ACCEPT:operator',
      'validasi:ACCEPT:admin',
      'tanda_tangan:SIGN:camat',
      'pengarsipan:COMPLETE:petugas',
      'registrasi:COMPLETE:operator',
      'pencetakan:COMPLETE:operator',
      'penyerahan:HAND_OVER:petugas',
    ])
    const done = await service.get(submitted.id)
    expect(done).toMatchObject({ state: 'selesai', final: true, version: 10 })
    expect(done.awaiting).toBeUndefined()
    expect(done.registerNumber).toBe('0001/AK1/balongbendo/2026')
    expect(done.card?.number).toBe('balongbendo-2026-000001')
    const issued = new Date(done.card!.issuedAt)
    expect(new Date(done.card!.validUntil).getUTCFullYear()).toBe(issued.getUTCFullYear() + 2)
    expect(done.card!.reportingDueDates).toHaveLength(4)
    expect(done.card!.reportingDueDates.at(-1)).toBe(done.card!.validUntil)
    for (const item of done.checklist.filter((i) => i.required)) {
      expect(item.verified, item.id).toMatchObject({ by: 'petugas-1', role: 'petugas', stepId: 'penerimaan' })
    }
    const templates = done.deliveries.filter((d) => d.kind === 'notice').map((d) => d.template)
    expect(new Set(templates)).toEqual(new Set(['diterima', 'berkas_jadi', 'kartu_siap']))
    expect(done.sla.dueAt).toBeNull()

    const timeline = await service.timeline(submitted.id)
    expect(timeline.map((e) => e.event)).toEqual([
      'SUBMIT',
      'ACCEPT',
      'COMPLETE',
      'ACCEPT',
      'ACCEPT',
      'SIGN',
      'COMPLETE',
      'COMPLETE',
      'COMPLETE',
      'HAND_OVER',
    ])
    expect(timeline.at(-1)).toMatchObject({ from: 'penyerahan', to: 'selesai', actor: officers.petugas })
    expect(await service.verifyAudit(submitted.id)).toMatchObject({ ok: true })
    // No personal data in the audit trail or the outbox rows.
    const leaked = JSON.stringify([timeline, done.deliveries])
    for (const secret of ['3515125405010001', 'Siti', '+6281234567890', 'siti.rahmawati']) {
      expect(leaked).not.toContain(secret)
    }
  })
})

describe('an online Balongbendo case', () => {
  it('is submitted by the applicant and handed over after the originals are shown', async () => {
    const { service } = setup()
    const pemohon = { id: 'sipraja-77', role: 'pemohon', nik: '3515125405010001' }
    const submitted = await service.submit(sampleApplication(), { actor: pemohon, channel: 'online' })
    expect(submitted.channel).toBe('online')
    const steps = await driveToEnd(service, submitted, [pemohon, ...Object.values(officers)])
    expect(steps.map((s) => s.from)).not.toContain('pemindaian')
    const handOver = steps.at(-1)!
    expect(handOver.action).toMatchObject({ type: 'HAND_OVER' })
    expect(new Set(handOver.action.needs)).toEqual(new Set(['ktp_asli', 'kk_asli']))
    const done = await service.get(submitted.id)
    expect(done.state).toBe('selesai')
    expect(done.checklist.find((i) => i.id === 'ktp_asli')?.verified).toMatchObject({ stepId: 'penyerahan' })
  })

  it('refuses an applicant submitting for another NIK, and a role that may not submit', async () => {
    const { service, store } = setup()
    const other = { id: 'sipraja-78', role: 'pemohon', nik: nikOf(2) }
    await expect(
      service.submit(sampleApplication(), { actor: other, channel: 'online' }),
    ).rejects.toMatchObject({
      code: 'FORBIDDEN',
      rule: 'not_applicant',
    })
    await expect(
      service.submit(sampleApplication(), { actor: officers.camat, channel: 'tatap_muka' }),
    ).rejects.toBeInstanceOf(ForbiddenError)
    expect((await store.list({})).items).toHaveLength(0)
  })
})

describe('submit', () => {
  it('refuses a bad application with a ValidationError naming the field, writing nothing', async () => {
    const { service, store } = setup()
    const bad = sampleApplication({ applicant: { sex: 'L' } })
    const error = await service
      .submit(bad, { actor: officers.petugas, channel: 'tatap_muka' })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ValidationError)
    expect((error as ValidationError).issues.some((i) => i.path.join('.') === 'applicant.nik')).toBe(true)
    expect((await store.list({})).items).toHaveLength(0)
    expect(await store.currentSequence('tracking', 'balongbendo:2026')).toBe(0)
  })

  it('gives unique tracking codes', async () => {
    const { service } = setup()
    const views = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        service.submit(sampleApplication({ applicant: { nik: nikOf(i + 1) } }), {
          actor: officers.petugas,
          channel: 'tatap_muka',
        }),
      ),
    )
    const codes = views.map((v) => v.trackingCode).sort()
    expect(codes).toEqual(
      Array.from({ length: 10 }, (_, i) => `AK1-260414-${String(i + 1).padStart(5, '0')}`),
    )
  })
})

describe('concurrency and idempotency', () => {
  it('refuses a stale expectedVersion with ConflictError and changes nothing', async () => {
    const { service } = setup()
    const c = await service.submit(sampleApplication(), { actor: officers.petugas, channel: 'tatap_muka' })
    const [accept] = await service.availableActions(c.id, officers.petugas)
    const moved = await service.act(c.id, eventFor(accept!), { actor: officers.petugas, expectedVersion: 1 })
    await expect(
      service.act(c.id, { type: 'COMPLETE' }, { actor: officers.operator, expectedVersion: 1 }),
    ).rejects.toBeInstanceOf(ConflictError)
    const after = await service.get(c.id)
    expect(after.version).toBe(moved.version)
    expect(after.state).toBe('pemindaian')
    expect(await service.timeline(c.id)).toHaveLength(2)
  })

  it('answers a repeated command id with the first result, also from a new service on the same store after the case moved on', async () => {
    const store = createMemoryStore()
    const first = setup(store).service
    const c = await first.submit(sampleApplication(), {
      actor: officers.petugas,
      channel: 'tatap_muka',
      commandId: 's-1',
    })
    const [accept] = await first.availableActions(c.id, officers.petugas)
    const event = eventFor(accept!)
    const once = await first.act(c.id, event, {
      actor: officers.petugas,
      expectedVersion: 1,
      commandId: 'a-1',
    })
    await first.act(c.id, { type: 'COMPLETE' }, { actor: officers.operator, commandId: 'a-2' })

    const restarted = setup(store).service
    const again = await restarted.act(c.id, event, {
      actor: officers.petugas,
      expectedVersion: 1,
      commandId: 'a-1',
    })
    expect(again).toEqual(once)
    const resubmitted = await restarted.submit(sampleApplication(), {
      actor: officers.petugas,
      channel: 'tatap_muka',
      commandId: 's-1',
    })
    expect(resubmitted.id).toBe(c.id)
    expect(resubmitted.version).toBe(1)
    expect((await store.list({})).items).toHaveLength(1)
    expect(await restarted.timeline(c.id)).toHaveLength(3)
    expect((await restarted.get(c.id)).deliveries.filter((d) => d.template === 'diterima')).toHaveLength(2)
  })

  it('gives two racing commands with the same id one effect and the same answer', async () => {
    const { service } = setup()
    const c = await service.submit(sampleApplication(), { actor: officers.petugas, channel: 'tatap_muka' })
    const [accept] = await service.availableActions(c.id, officers.petugas)
    const opts = { actor: officers.petugas, expectedVersion: 1, commandId: 'race-1' }
    const [a, b] = await Promise.all([
      service.act(c.id, eventFor(accept!), opts),
      service.act(c.id, eventFor(accept!), opts),
    ])
    expect(a).toEqual(b)
    expect(await service.timeline(c.id)).toHaveLength(2)
  })

  it('numbers 50 concurrent registrations gap-free 1..50', async () => {
    const { service } = setup()
    const ids: string[] = []
    // The moves up to registrasi, found once with availableActions, then repeated on every case.
    const plan: Array<readonly [ReturnType<typeof eventFor>, (typeof officers)[keyof typeof officers]]> = []
    for (let i = 0; i < 50; i++) {
      const c = await service.submit(sampleApplication({ applicant: { nik: nikOf(i + 1) } }), {
        actor: officers.petugas,
        channel: 'tatap_muka',
      })
      let view = c
      if (i === 0) {
        while (view.state !== 'registrasi') {
          const [action, actor] = await firstForward(service, view.id)
          plan.push([eventFor(action), actor])
          view = await service.act(view.id, eventFor(action), { actor })
        }
      } else {
        for (const [event, actor] of plan) view = await service.act(view.id, event, { actor })
      }
      expect(view.state).toBe('registrasi')
      ids.push(view.id)
    }
    const views = await Promise.all(
      ids.map((id) => service.act(id, { type: 'COMPLETE' }, { actor: officers.operator })),
    )
    const numbers = views.map((v) => v.registerNumber).sort()
    expect(numbers).toEqual(
      Array.from({ length: 50 }, (_, i) => `${String(i + 1).padStart(4, '0')}/AK1/balongbendo/2026`),
    )
  })
})

async function firstForward(service: ReturnType<typeof setup>['service'], id: string) {
  for (const actor of Object.values(officers)) {
    const action = (await service.availableActions(id, actor)).find((a) =>
      ['ACCEPT', 'COMPLETE', 'SIGN', 'HAND_OVER'].includes(a.type),
    )
    if (action) return [action, actor] as const
  }
  throw new Error('stuck')
}

describe('authorisation', () => {
  it('refuses forbidden actions with their reasons', async () => {
    const { service } = setup()
    const c = await service.submit(sampleApplication(), { actor: officers.petugas, channel: 'tatap_muka' })
    const wrongRole = await service
      .act(c.id, { type: 'ACCEPT', verified: [] }, { actor: officers.camat })
      .catch((e: unknown) => e)
    expect(wrongRole).toBeInstanceOf(ForbiddenError)
    expect(wrongRole).toMatchObject({
      rule: 'role',
      message:
        'Peran Camat tidak berwenang ACCEPT (menerima berkas) pada tahap "penerimaan"; yang berwenang: Petugas Pelayanan',
      messageEn: expect.stringContaining('may not ACCEPT (accept the files) at step "penerimaan"'),
    })

    // One person verifies at verifikasi, then tries to sign as Camat: separation of duties.
    const both = { id: 'dual-1', role: 'operator' }
    let view = c
    while (view.state !== 'tanda_tangan') {
      const actor = view.state === 'verifikasi' ? both : (await firstForward(service, view.id))[1]
      const [action] = (await service.availableActions(view.id, actor)).filter((a) =>
        ['ACCEPT', 'COMPLETE'].includes(a.type),
      )
      view = await service.act(view.id, eventFor(action!), { actor })
    }
    const sod = await service
      .act(view.id, { type: 'SIGN' }, { actor: { id: 'dual-1', role: 'camat' } })
      .catch((e: unknown) => e)
    expect(sod).toBeInstanceOf(ForbiddenError)
    expect(sod).toMatchObject({
      rule: 'separation_of_duties',
      message: expect.stringContaining('dual-1 sudah bertindak pada tahap "verifikasi"'),
      messageEn: expect.stringContaining('dual-1 already acted at step "verifikasi"'),
    })
    expect((await service.get(view.id)).version).toBe(view.version)

    const incident = await service
      .act(view.id, { type: 'RESOLVE_INCIDENT', outboxId: 'x', note: 'n' }, { actor: officers.petugas })
      .catch((e: unknown) => e)
    expect(incident).toMatchObject({ code: 'FORBIDDEN', rule: 'incident_role' })
  })

  it('records an officer acting for the applicant as on behalf of the pemohon, without the NIK', async () => {
    const { service } = setup()
    const nik = '3515125405010001'
    const c = await service.submit(sampleApplication(), { actor: officers.petugas, channel: 'tatap_muka' })
    const returned = await service.act(
      c.id,
      { type: 'RETURN', missing: ['kk_asli'], reason: 'KK asli tidak dibawa' },
      { actor: officers.petugas },
    )
    const forApplicant = { ...officers.petugas, onBehalfOf: nik }
    await expect(
      service.attach(
        c.id,
        new Uint8Array([1, 2, 3]),
        { contentType: 'image/png' },
        {
          actor: { ...officers.petugas, onBehalfOf: nikOf(7) },
        },
      ),
    ).rejects.toMatchObject({ code: 'FORBIDDEN', rule: 'on_behalf_of' })
    const [resubmit] = await service.availableActions(c.id, forApplicant)
    expect(resubmit?.type).toBe('RESUBMIT')
    await service.act(c.id, { type: 'RESUBMIT' }, { actor: forApplicant, expectedVersion: returned.version })
    const timeline = await service.timeline(c.id)
    expect(timeline.at(-1)?.actor).toEqual({ id: 'petugas-1', role: 'petugas', onBehalfOf: 'pemohon' })
    expect(JSON.stringify(timeline)).not.toContain(nik)
    expect(await service.verifyAudit(c.id)).toMatchObject({ ok: true })
  })

  it('answers NotFoundError for an unknown case and ValidationError for a malformed event', async () => {
    const { service } = setup()
    await expect(service.get('nope')).rejects.toBeInstanceOf(NotFoundError)
    await expect(service.act('nope', { type: 'SIGN' }, { actor: officers.camat })).rejects.toBeInstanceOf(
      NotFoundError,
    )
    const c = await service.submit(sampleApplication(), { actor: officers.petugas, channel: 'tatap_muka' })
    await expect(
      service.act(c.id, { type: 'RETURN', missing: [] } as never, { actor: officers.petugas }),
    ).rejects.toBeInstanceOf(ValidationError)
  })
})
