import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import type { Ak1ServiceEvent } from '../src/engine/options'
import { createAk1Service } from '../src/engine/service'
import type { CaseView } from '../src/engine/types'
import type { Notifier } from '../src/ports/notifier'
import type { SiprajaGateway } from '../src/ports/sipraja'
import type { Ak1Store as CaseStore } from '../src/ports/store'
import { balongbendo } from '../src/standards/balongbendo'
import {
  createFakeSipraja,
  createMemoryStore,
  createRecordingNotifier,
  type FakeSipraja,
  type RecordingNotifier,
  sampleApplication,
} from '../src/testing/index'
import { driveToEnd, fakeClock, MINUTE, officers } from './service-helpers'

const nikOf = (n: number) => `35151254050100${String(n).padStart(2, '0')}`

interface Options {
  store?: CaseStore
  notifier?: RecordingNotifier
  sipraja?: FakeSipraja
  outbox?: Record<string, unknown>
  workerId?: string
  clock?: ReturnType<typeof fakeClock>
}

function setup(o: Options = {}) {
  const store = o.store ?? createMemoryStore()
  const clock = o.clock ?? fakeClock()
  const notifier = o.notifier ?? createRecordingNotifier()
  const sipraja = o.sipraja ?? createFakeSipraja()
  const events: Ak1ServiceEvent[] = []
  const service = createAk1Service({
    standard: balongbendo,
    store,
    clock,
    notifiers: [notifier as Notifier],
    sipraja: sipraja as SiprajaGateway,
    onEvent: (e) => events.push(e),
    outbox: o.outbox ?? { backoff: { baseMs: 1000, maxMs: 10_000, jitter: 0 }, callTimeoutMs: 5 },
    ...(o.workerId ? { workerId: o.workerId } : {}),
  })
  return { store, clock, notifier, sipraja, service, events }
}

/** What reached the applicant and SIPRAJA, in order, as short labels. */
type Trace = string[]

async function attachScans(s: ReturnType<typeof setup>, view: CaseView) {
  for (const [itemId, content] of [
    ['fotokopi_ktp', 'scan ktp'],
    ['ijazah:sma', 'scan ijazah sma'],
  ] as const) {
    await s.service.attach(
      view.id,
      new TextEncoder().encode(content),
      { contentType: 'application/pdf', itemId },
      {
        actor: officers.operator,
      },
    )
  }
}

describe('a whole Balongbendo case with the recording notifier and the fake SIPRAJA', () => {
  it('sends the notices and SIPRAJA writes in order, each exactly once', async () => {
    const s = setup()
    const trace: Trace = []
    let seenNotices = 0
    let seenCalls = 0
    const flush = async () => {
      await s.service.runOutbox()
      for (const m of s.notifier.sent.slice(seenNotices)) trace.push(`${m.template}/${m.channel}`)
      for (const c of s.sipraja.calls.slice(seenCalls))
        trace.push(`sipraja:${c.method}${c.status ? `:${c.status}` : ''}`)
      seenNotices = s.notifier.sent.length
      seenCalls = s.sipraja.calls.length
    }
    const submitted = await s.service.submit(sampleApplication(), {
      actor: officers.petugas,
      channel: 'tatap_muka',
    })
    await flush()
    await attachScans(s, submitted)
    const steps = await driveToEnd(s.service, await s.service.get(submitted.id), undefined, async (view) => {
      s.clock.advance(10 * MINUTE)
      await flush()
      trace.push(`@${view.state}`)
    })
    await flush()
    expect(steps.at(-1)?.view.state).toBe('selesai')
    expect(trace).toEqual([
      'diterima/sms',
      'diterima/email',
      '@penerimaan',
      '@pemindaian',
      'sipraja:ensureAccount',
      'sipraja:uploadAttachment',
      'sipraja:uploadAttachment',
      'sipraja:setStatus:Menunggu',
      '@verifikasi',
      '@validasi',
      '@tanda_tangan',
      'berkas_jadi/sms',
      'berkas_jadi/email',
      '@pengarsipan',
      '@registrasi',
      '@pencetakan',
      'kartu_siap/sms',
      'kartu_siap/email',
      'sipraja:setStatus:Bisa Diambil',
      '@penyerahan',
      'sipraja:setStatus:Selesai',
    ])
    expect(s.sipraja.calls.every((c) => c.outcome === 'applied')).toBe(true)
    expect([...s.sipraja.applied.values()].every((n) => n === 1)).toBe(true)
    const ids = s.notifier.sent.map((m) => m.messageId)
    expect(new Set(ids).size).toBe(ids.length)
    const done = await s.service.get(submitted.id)
    expect(done.deliveries.every((d) => d.status === 'sent')).toBe(true)
    expect(done.incidents).toEqual([])
    expect(done.deliveries.map((d) => d.id)).toEqual(
      expect.arrayContaining([...ids, ...s.sipraja.calls.map((c) => c.idempotencyKey.split(':')[0])]),
    )
    const kartu = s.notifier.sent.find((m) => m.template === 'kartu_siap' && m.channel === 'email')
    expect(kartu?.text).toContain(`Nomor kartu: ${done.card?.number}`)
    expect(kartu?.to).toBe('siti.rahmawati@example.com')
    const account = s.sipraja.accounts.get('3515125405010001')
    expect(account).toMatchObject({ name: 'Siti Rahmawati' })
    const scans = s.sipraja.cases.get(done.trackingCode)?.attachments
    expect([...(scans?.values() ?? [])].map((a) => a.itemId).sort()).toEqual(['fotokopi_ktp', 'ijazah:sma'])
    expect(scans?.has(createHash('sha256').update('scan ktp').digest('hex'))).toBe(true)
    expect(await s.service.runOutbox()).toMatchObject({ claimed: 0 })
    // One event per row: the two uploads are one row.
    expect(s.events.filter((e) => e.type === 'delivery.sent')).toHaveLength(
      ids.length + s.sipraja.calls.length - 1,
    )
  })
})

describe('SIPRAJA failing half the calls at random, then healing', () => {
  it('makes every call eventually, applies none twice, and leaves no case stuck', async () => {
    const sipraja = createFakeSipraja({ seed: 7, failRate: 0.5, failPhase: 'after' })
    const s = setup({
      sipraja,
      outbox: { maxAttempts: 30, backoff: { baseMs: 1000, maxMs: 4000, jitter: 0.5 }, callTimeoutMs: 5 },
    })
    const cases: CaseView[] = []
    for (let i = 1; i <= 4; i++) {
      cases.push(
        await s.service.submit(sampleApplication({ applicant: { nik: nikOf(i) } }), {
          actor: officers.petugas,
          channel: 'tatap_muka',
        }),
      )
    }
    for (const c of cases) {
      await attachScans(s, c)
      await driveToEnd(s.service, await s.service.get(c.id), undefined, async () => {
        s.clock.advance(2 * MINUTE)
        await s.service.runOutbox({ limit: 100 })
      })
    }
    expect(sipraja.calls.filter((c) => c.outcome === 'lost').length).toBeGreaterThan(3)
    sipraja.heal()
    for (let i = 0; i < 10; i++) {
      s.clock.advance(5000)
      await s.service.runOutbox({ limit: 100 })
    }
    const rows = (await Promise.all(cases.map((c) => s.store.listOutbox(c.id)))).flat()
    expect(rows.filter((r) => r.status !== 'done').map((r) => [r.id, r.status, r.lastError])).toEqual([])
    const keys = [...sipraja.callsByKey.keys()]
    // One key per SIPRAJA row, except the upload row: one key per file (two files per case).
    expect(keys.length).toBe(
      rows.filter((r) => r.kind === 'sipraja' && !(r.result as { superseded?: boolean })?.superseded).length +
        4,
    )
    for (const key of keys) expect(sipraja.applied.get(key), key).toBe(1)
    for (const c of cases) {
      const view = await s.service.get(c.id)
      expect(view).toMatchObject({ state: 'selesai', incidents: [] })
      expect(sipraja.cases.get(view.trackingCode)?.status).toBe('Selesai')
    }
    expect((await s.service.list({ incident: true })).items).toEqual([])
  })
})

describe('a notifier failing permanently', () => {
  it('opens an incident after the configured attempts; RETRY_INCIDENT after healing delivers once and closes it', async () => {
    const notifier = createRecordingNotifier({ channels: ['sms', 'email'] })
    const s = setup({
      notifier,
      outbox: { maxAttempts: 3, backoff: { baseMs: 1000, maxMs: 1000, jitter: 0 }, callTimeoutMs: 5 },
    })
    notifier.failAlways('transient')
    const c = await s.service.submit(sampleApplication({ contacts: { email: undefined } }), {
      actor: officers.petugas,
      channel: 'tatap_muka',
    })
    for (let i = 0; i < 5; i++) {
      await s.service.runOutbox()
      s.clock.advance(1000)
    }
    expect(notifier.calls).toHaveLength(3)
    const failed = await s.service.get(c.id)
    expect(failed.incidents).toEqual([
      expect.objectContaining({
        kind: 'notice',
        status: 'open',
        error: expect.stringContaining('gangguan sementara'),
      }),
    ])
    expect(failed.deliveries).toEqual([
      expect.objectContaining({ template: 'diterima', channel: 'sms', status: 'failed', attempts: 3 }),
    ])
    expect((await s.service.list({ incident: true })).items.map((v) => v.id)).toEqual([c.id])
    expect(s.events.filter((e) => e.type === 'incident.opened')).toHaveLength(1)

    // The procedure goes on while the incident is open.
    const accepted = await s.service.act(
      c.id,
      {
        type: 'ACCEPT',
        verified: (await s.service.availableActions(c.id, officers.petugas))[0]?.needs ?? [],
      },
      { actor: officers.petugas },
    )
    expect(accepted.state).toBe('pemindaian')

    notifier.heal()
    const outboxId = failed.incidents[0]!.outboxId
    const retrying = await s.service.act(
      c.id,
      { type: 'RETRY_INCIDENT', outboxId },
      { actor: officers.operator },
    )
    expect(retrying.incidents).toEqual([expect.objectContaining({ outboxId, status: 'retrying' })])
    // The view act answers agrees with a fresh read: the retried row starts its attempts again.
    const retried = retrying.deliveries.find((d) => d.id === outboxId)
    expect(retried).toMatchObject({ status: 'queued', attempts: 0 })
    expect((await s.service.get(c.id)).deliveries.find((d) => d.id === outboxId)).toEqual(retried)
    expect(await s.service.runOutbox()).toMatchObject({ delivered: 1 })
    expect(await s.service.runOutbox()).toMatchObject({ claimed: 0 })
    expect(notifier.sent.map((m) => m.messageId)).toEqual([outboxId])
    const healed = await s.service.get(c.id)
    expect(healed.incidents).toEqual([])
    expect(healed.deliveries.find((d) => d.id === outboxId)?.status).toBe('sent')
    expect((await s.service.list({ incident: true })).items).toEqual([])
    expect((await s.service.timeline(c.id)).map((e) => e.event)).toContain('RETRY_INCIDENT')
  })
})

describe("an operator's RETRY_INCIDENT", () => {
  it('gives the row the full maxAttempts again, and a new incident only after all of them', async () => {
    const notifier = createRecordingNotifier({ channels: ['sms', 'email'] })
    const s = setup({
      notifier,
      outbox: { maxAttempts: 3, backoff: { baseMs: 1000, maxMs: 1000, jitter: 0 }, callTimeoutMs: 5 },
    })
    notifier.failAlways('transient')
    const c = await s.service.submit(sampleApplication({ contacts: { email: undefined } }), {
      actor: officers.petugas,
      channel: 'tatap_muka',
    })
    const drain = async (passes: number) => {
      for (let i = 0; i < passes; i++) {
        await s.service.runOutbox()
        s.clock.advance(1000)
      }
    }
    await drain(5)
    expect(notifier.calls).toHaveLength(3)
    const outboxId = (await s.service.get(c.id)).incidents[0]!.outboxId

    // Still failing: the retried row is tried maxAttempts times more before the next incident.
    await s.service.act(c.id, { type: 'RETRY_INCIDENT', outboxId }, { actor: officers.operator })
    await drain(5)
    expect(notifier.calls).toHaveLength(6)
    const again = await s.service.get(c.id)
    expect(again.incidents).toEqual([expect.objectContaining({ outboxId, status: 'open' })])
    expect(again.deliveries).toEqual([
      expect.objectContaining({ id: outboxId, status: 'failed', attempts: 3 }),
    ])
    expect(s.events.filter((e) => e.type === 'incident.opened')).toHaveLength(2)

    // Two more failures after the next retry, then it heals: the third attempt delivers.
    notifier.heal()
    notifier.failNext(2)
    await s.service.act(c.id, { type: 'RETRY_INCIDENT', outboxId }, { actor: officers.operator })
    await drain(5)
    expect(notifier.calls).toHaveLength(9)
    expect(notifier.sent.map((m) => m.messageId)).toEqual([outboxId])
    const healed = await s.service.get(c.id)
    expect(healed.incidents).toEqual([])
    expect(healed.deliveries).toEqual([
      expect.objectContaining({ id: outboxId, status: 'sent', attempts: 3 }),
    ])
    expect(s.events.filter((e) => e.type === 'incident.opened')).toHaveLength(2)
  })
})

describe('two workers on the same store', () => {
  it('deliver each row once', async () => {
    const store = createMemoryStore()
    const clock = fakeClock()
    const notifier = createRecordingNotifier()
    const sipraja = createFakeSipraja()
    const outbox = { batchSize: 3, callTimeoutMs: 5 }
    const a = setup({ store, clock, notifier, sipraja, outbox, workerId: 'worker-a' })
    const b = setup({ store, clock, notifier, sipraja, outbox, workerId: 'worker-b' })
    for (let i = 1; i <= 8; i++) {
      const c = await a.service.submit(sampleApplication({ applicant: { nik: nikOf(i) } }), {
        actor: officers.petugas,
        channel: 'tatap_muka',
      })
      await driveToEnd(a.service, c)
    }
    const drain = async (service: typeof a.service) => {
      let delivered = 0
      for (;;) {
        const r = await service.runOutbox()
        if (r.claimed === 0) return delivered
        delivered += r.delivered
      }
    }
    const [da, db] = await Promise.all([drain(a.service), drain(b.service)])
    expect(da).toBeGreaterThan(0)
    expect(db).toBeGreaterThan(0)
    const ids = notifier.sent.map((m) => m.messageId)
    expect(ids).toHaveLength(8 * 6)
    expect(new Set(ids).size).toBe(ids.length)
    expect([...sipraja.applied.values()].every((n) => n === 1)).toBe(true)
    expect([...sipraja.callsByKey.values()].every((n) => n === 1)).toBe(true)
    expect(sipraja.accounts.size).toBe(8)
  })
})
