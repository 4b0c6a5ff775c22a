// The notices the Balongbendo standard emits on a rejection, end to end: the step's `REJECT` notice
// becomes one outbox row per reachable channel, rendered at delivery with the reason and how to complain.
import { describe, expect, it } from 'vitest'
import { createAk1Service } from '../src/engine/service'
import { balongbendo } from '../src/standards/balongbendo'
import { createMemoryStore, createRecordingNotifier, sampleApplication } from '../src/testing/index'
import { eventFor, fakeClock, MINUTE, officers } from './service-helpers'

describe('a Balongbendo case rejected at verifikasi', () => {
  it('sends ditolak once per channel (SMS and e-mail), with the reason, after diterima', async () => {
    const store = createMemoryStore()
    const clock = fakeClock()
    const notifier = createRecordingNotifier()
    const service = createAk1Service({ standard: balongbendo, store, clock, notifiers: [notifier] })
    let view = await service.submit(sampleApplication(), { actor: officers.petugas, channel: 'tatap_muka' })
    while (view.state !== 'verifikasi') {
      let moved = false
      for (const actor of Object.values(officers)) {
        const action = (await service.availableActions(view.id, actor)).find((a) =>
          ['ACCEPT', 'COMPLETE'].includes(a.type),
        )
        if (!action) continue
        clock.advance(5 * MINUTE)
        view = await service.act(view.id, eventFor(action), { actor, expectedVersion: view.version })
        moved = true
        break
      }
      if (!moved) throw new Error(`stuck at ${view.state}`)
    }
    const reason = 'KTP yang dilampirkan bukan milik pemohon'
    const rejected = await service.act(
      view.id,
      { type: 'REJECT', reason },
      { actor: officers.operator, expectedVersion: view.version },
    )
    expect(rejected).toMatchObject({ state: 'ditolak', final: true })
    const queued = rejected.deliveries.filter((d) => d.template === 'ditolak')
    expect(queued.map((d) => `${d.channel}/${d.status}`)).toEqual(['sms/queued', 'email/queued'])
    const rows = (await store.listOutbox(view.id)).filter(
      (r) => (r.payload as { template?: string }).template === 'ditolak',
    )
    expect(rows).toHaveLength(2)

    await service.runOutbox()
    await service.runOutbox()
    expect(notifier.sent.map((m) => `${m.template}/${m.channel}`)).toEqual([
      'diterima/sms',
      'diterima/email',
      'ditolak/sms',
      'ditolak/email',
    ])
    const mail = notifier.sent.find((m) => m.template === 'ditolak' && m.channel === 'email')!
    expect(mail.text).toContain(reason)
    expect(mail.messageId).toBe(rows.find((r) => (r.payload as { channel?: string }).channel === 'email')!.id)
    const done = await service.get(view.id)
    expect(done.deliveries.filter((d) => d.template === 'ditolak').map((d) => d.status)).toEqual([
      'sent',
      'sent',
    ])
  })
})

describe('the delivery status on the case', () => {
  it('shows queued, then delivered where the channel confirms, sent where it does not, failed with the reason', async () => {
    const store = createMemoryStore()
    const clock = fakeClock()
    const sms = createRecordingNotifier({ id: 'sms-gw', channels: ['sms'], status: 'delivered' })
    const email = createRecordingNotifier({ id: 'smtp', channels: ['email'] })
    const service = createAk1Service({
      standard: balongbendo,
      store,
      clock,
      notifiers: [sms, email],
      outbox: { maxAttempts: 1 },
    })
    const first = await service.submit(sampleApplication(), {
      actor: officers.petugas,
      channel: 'tatap_muka',
    })
    expect(first.deliveries.map((d) => `${d.channel}/${d.status}`)).toEqual(['sms/queued', 'email/queued'])
    await service.runOutbox()
    const done = await service.get(first.id)
    expect(done.deliveries.map((d) => `${d.channel}/${d.status}`)).toEqual(['sms/delivered', 'email/sent'])

    email.failAlways('permanent')
    const second = await service.submit(sampleApplication({ applicant: { nik: '3515125405010002' } }), {
      actor: officers.petugas,
      channel: 'tatap_muka',
    })
    await service.runOutbox()
    const failed = (await service.get(second.id)).deliveries.find((d) => d.channel === 'email')
    expect(failed).toMatchObject({
      status: 'failed',
      attempts: 1,
      error: expect.stringContaining('ditolak penyedia'),
    })
  })
})
