// UU PDP 27/2022: what the service writes outside the case row itself (audit entries, outbox rows,
// logger calls, onEvent events) carries case ids and technical facts, never the applicant's data.
import { describe, expect, it } from 'vitest'
import type { Ak1ServiceEvent } from '../src/engine/options'
import { createAk1Service } from '../src/engine/service'
import type { Notifier } from '../src/ports/notifier'
import type { SiprajaGateway } from '../src/ports/sipraja'
import { balongbendo } from '../src/standards/balongbendo'
import {
  createFakeSipraja,
  createMemoryStore,
  createRecordingNotifier,
  sampleApplication,
} from '../src/testing/index'
import { driveToEnd, eventFor, fakeClock, MINUTE, officers } from './service-helpers'

const application = sampleApplication()
const { applicant, contacts } = application
const secrets = [
  applicant.nik,
  applicant.kk,
  applicant.fullName,
  applicant.fullName.split(' ').at(-1)!,
  applicant.birthDate,
  applicant.address.street,
  contacts.mobile!,
  // The same number in the other spellings a provider might echo back.
  contacts.mobile!.replace('+62', '0'),
  contacts.mobile!.replace('+62', ''),
  contacts.email!,
]

describe('personal data stays out of audit entries, outbox rows, logs and events', () => {
  it('through a whole case with a return, failed deliveries, an incident and SLA events', async () => {
    const store = createMemoryStore()
    const clock = fakeClock()
    const logs: unknown[] = []
    const events: Ak1ServiceEvent[] = []
    const recording = createRecordingNotifier({ channels: ['sms', 'email'] })
    // A provider that echoes the recipient, the NIK and the applicant's name in its error texts.
    let leaky = 4
    const notifier: Notifier = {
      ...recording,
      send: async (message, options) => {
        if (leaky-- > 0)
          throw Object.assign(
            new Error(`550 mailbox ${message.to} (${applicant.fullName}) unavailable; NIK ${applicant.nik}`),
            {
              retryable: true,
            },
          )
        return recording.send(message, options)
      },
    }
    const sipraja = createFakeSipraja({ seed: 3, failRate: 0.3, failPhase: 'after' })
    const service = createAk1Service({
      standard: balongbendo,
      store,
      clock,
      notifiers: [notifier],
      sipraja: sipraja as SiprajaGateway,
      logger: {
        info: (o, m) => logs.push(['info', o, m]),
        warn: (o, m) => logs.push(['warn', o, m]),
        error: (o, m) => logs.push(['error', o, m]),
      },
      onEvent: (e) => events.push(e),
      outbox: { maxAttempts: 2, backoff: { baseMs: 1000, maxMs: 1000, jitter: 0 }, callTimeoutMs: 5 },
    })
    const pemohon = { id: 'sipraja-77', role: 'pemohon', nik: applicant.nik }
    const pass = async () => {
      clock.advance(2000)
      await service.runOutbox({ limit: 100 })
      await service.runDue()
    }

    const submitted = await service.submit(application, { actor: officers.petugas, channel: 'tatap_muka' })
    await pass()
    await pass()
    await service.attach(
      submitted.id,
      new TextEncoder().encode('scan ktp'),
      { contentType: 'application/pdf', itemId: 'fotokopi_ktp' },
      { actor: officers.operator },
    )
    // Accepted, then returned to the applicant from verifikasi and resubmitted by the applicant.
    let view = await service.get(submitted.id)
    while (view.state !== 'verifikasi') {
      let moved = false
      for (const actor of Object.values(officers)) {
        const action = (await service.availableActions(view.id, actor)).find((a) =>
          ['ACCEPT', 'COMPLETE'].includes(a.type),
        )
        if (!action) continue
        view = await service.act(view.id, eventFor(action), { actor, expectedVersion: view.version })
        moved = true
        break
      }
      if (!moved) throw new Error(`stuck at ${view.state}`)
      await pass()
    }
    view = await service.act(
      view.id,
      { type: 'RETURN', missing: ['ijazah:sma'], reason: 'Fotokopi ijazah tidak terbaca' },
      { actor: officers.operator, expectedVersion: view.version },
    )
    await pass()
    clock.advance(60 * MINUTE)
    view = await service.act(view.id, { type: 'RESUBMIT' }, { actor: pemohon })
    await pass()
    // Long past the due time: at risk and breached are raised.
    clock.advance(7 * 24 * 60 * MINUTE)
    await pass()
    // A notice that fails for good: an incident, retried by an operator once the channel heals.
    recording.failAlways('permanent')
    view = await service.get(view.id)
    const done = await driveToEnd(service, view, undefined, async () => {
      clock.advance(10 * MINUTE)
      await pass()
    })
    await pass()
    const failed = await service.get(submitted.id)
    expect(failed.state).toBe(done.at(-1)?.view.state)
    expect(failed.incidents.length).toBeGreaterThan(0)
    recording.heal()
    sipraja.heal()
    for (const incident of failed.incidents)
      await service.act(
        submitted.id,
        { type: 'RETRY_INCIDENT', outboxId: incident.outboxId },
        { actor: officers.operator },
      )
    for (let i = 0; i < 5; i++) await pass()

    // The run did what it should, so the absence of personal data below means something.
    const final = await service.get(submitted.id)
    expect(final).toMatchObject({ state: 'selesai', incidents: [] })
    expect(final.deliveries.every((d) => d.status === 'sent')).toBe(true)
    const audit = await store.timeline(submitted.id)
    const names = audit.map((e) => e.event)
    for (const event of ['RETURN', 'RESUBMIT', 'SLA_AT_RISK', 'SLA_BREACHED', 'RETRY_INCIDENT'])
      expect(names).toContain(event)
    const outbox = await store.listOutbox(submitted.id)
    expect(outbox.some((r) => r.lastError)).toBe(true)
    expect(recording.sent.some((m) => m.to === contacts.email && m.text.includes(applicant.fullName))).toBe(
      true,
    )
    const types = new Set(events.map((e) => e.type))
    for (const type of ['sla.raised', 'incident.opened', 'delivery.sent']) expect(types).toContain(type)
    expect(logs.length).toBeGreaterThanOrEqual(events.length)

    const written = {
      audit: JSON.stringify(audit),
      outbox: JSON.stringify(outbox),
      logs: JSON.stringify(logs),
      events: JSON.stringify(events),
    }
    const leaks = Object.entries(written).flatMap(([where, text]) =>
      secrets.filter((secret) => text.includes(secret)).map((secret) => `${where}: ${secret}`),
    )
    expect(leaks).toEqual([])
  })
})
