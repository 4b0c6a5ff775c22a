import { describe, expect, it } from 'vitest'
import { createAk1Service } from '../src/engine/service'
import type { CaseView } from '../src/engine/types'
import { balongbendo } from '../src/standards/balongbendo'
import {
  createFakeSipraja,
  createMemoryStore,
  createRecordingNotifier,
  sampleApplication,
} from '../src/testing/index'
import { driveToEnd, fakeClock, MINUTE, officers } from './service-helpers'

function setup(notifierOptions: Parameters<typeof createRecordingNotifier>[0] = {}) {
  const store = createMemoryStore()
  const clock = fakeClock()
  const notifier = createRecordingNotifier(notifierOptions)
  const sipraja = createFakeSipraja()
  const service = createAk1Service({
    standard: balongbendo,
    store,
    clock,
    notifiers: [notifier],
    sipraja,
    outbox: { maxAttempts: 2, backoff: { baseMs: 1000, maxMs: 1000, jitter: 0 } },
  })
  return { store, clock, notifier, sipraja, service }
}

describe('the service with the outbox runner', () => {
  it('delivers every notice and SIPRAJA write of a tatap-muka case once, and shows the delivery status', async () => {
    const { service, notifier, sipraja, clock } = setup()
    const c = await service.submit(sampleApplication(), { actor: officers.petugas, channel: 'tatap_muka' })
    await driveToEnd(service, c, undefined, async () => {
      clock.advance(5 * MINUTE)
      await service.runOutbox()
    })
    for (let i = 0; i < 3; i++) await service.runOutbox()
    const done = await service.get(c.id)
    expect(done.state).toBe('selesai')
    expect(done.deliveries.length).toBeGreaterThan(0)
    expect(done.deliveries.every((d) => d.status === 'sent')).toBe(true)
    expect(notifier.sent.map((m) => `${m.template}/${m.channel}`)).toEqual([
      'diterima/sms',
      'diterima/email',
      'berkas_jadi/sms',
      'berkas_jadi/email',
      'kartu_siap/sms',
      'kartu_siap/email',
    ])
    expect(new Set(notifier.sent.map((m) => m.messageId)).size).toBe(notifier.sent.length)
    expect(sipraja.accounts.has('3515125405010001')).toBe(true)
    expect([...sipraja.applied.values()].every((n) => n === 1)).toBe(true)
    expect(done.incidents).toEqual([])
  })

  it('turns a notice that cannot be delivered into an incident an operator retries after the channel heals', async () => {
    const { service, notifier, clock } = setup({ failAlways: 'permanent' })
    const c = await service.submit(sampleApplication(), { actor: officers.petugas, channel: 'tatap_muka' })
    await service.runOutbox()
    let view: CaseView = await service.get(c.id)
    expect(view.incidents.map((i) => i.status)).toEqual(['open', 'open'])
    expect(view.deliveries.filter((d) => d.kind === 'notice').map((d) => d.status)).toEqual([
      'failed',
      'failed',
    ])
    expect((await service.list({ incident: true })).items.map((i) => i.id)).toEqual([c.id])
    // The procedure goes on regardless.
    const actions = await service.availableActions(c.id, officers.operator)
    expect(actions.map((a) => a.type)).toContain('RETRY_INCIDENT')

    notifier.heal()
    const [first, second] = view.incidents
    view = await service.act(
      c.id,
      { type: 'RETRY_INCIDENT', outboxId: first!.outboxId, note: 'Gateway SMS sudah pulih' },
      { actor: officers.operator, expectedVersion: view.version },
    )
    expect(view.incidents.find((i) => i.outboxId === first!.outboxId)?.status).toBe('retrying')
    view = await service.act(
      c.id,
      { type: 'RESOLVE_INCIDENT', outboxId: second!.outboxId, note: 'Pemohon sudah ditelepon' },
      { actor: officers.admin },
    )
    clock.advance(MINUTE)
    await service.runOutbox()
    view = await service.get(c.id)
    expect(view.incidents).toEqual([
      expect.objectContaining({ outboxId: second!.outboxId, status: 'resolved' }),
    ])
    expect(notifier.sent.map((m) => m.messageId)).toEqual([first!.outboxId])
    expect((await service.list({ incident: true })).items).toEqual([])
    const events = (await service.timeline(c.id)).map((e) => e.event)
    expect(events).toEqual(['SUBMIT', 'RETRY_INCIDENT', 'RESOLVE_INCIDENT'])
    expect(await service.verifyAudit(c.id)).toMatchObject({ ok: true })
  })

  it('runs the worker until stopped', async () => {
    const { service, notifier } = setup()
    await service.submit(sampleApplication(), { actor: officers.petugas, channel: 'tatap_muka' })
    const stop = new AbortController()
    const summary = service.startWorker({
      signal: stop.signal,
      idleMs: 1,
      sleep: async () => {
        if (notifier.sent.length >= 2) stop.abort()
      },
    })
    expect(await summary).toMatchObject({ errors: 0 })
    expect(notifier.sent.map((m) => m.template)).toEqual(['diterima', 'diterima'])
  })
})
