import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import {
  backoffDelay,
  createOutboxRunner,
  type OutboxEvent,
  type OutboxRunnerDeps,
  redactPersonal,
} from '../src/engine/outbox'
import type { CaseView } from '../src/engine/types'
import { AdapterError, balongbendo, ConfigError } from '../src/index'
import type { AuditEntry, Json, StoredCase } from '../src/ports/case-store'
import type { Ak1Store as CaseStore } from '../src/ports/store'
import type { OutboxRowInput } from '../src/ports/work-queue'
import {
  buildAuditEntry,
  buildStoredCase,
  createFakeSipraja,
  createMemoryStore,
  createRecordingNotifier,
  type FakeSipraja,
  fixtureEpoch,
  type RecordingNotifier,
  sampleApplication,
} from '../src/testing/index'

/** A clock the test moves by hand. */
function manualClock(start = fixtureEpoch) {
  let t = Date.parse(start)
  return {
    now: () => new Date(t),
    advance(ms: number) {
      t += ms
    },
    set(iso: string) {
      t = Date.parse(iso)
    },
  }
}

const application = sampleApplication() as unknown as Json
const NIK = '3515125405010001'
const MOBILE = '+6281234567890'
const EMAIL = 'siti.rahmawati@example.com'

/** A view built from what a test stored: `data` holds the few engine fields a test needs. */
function viewOf(s: StoredCase): CaseView {
  const data = (s.data ?? {}) as Record<string, unknown>
  return {
    id: s.id,
    version: s.version,
    state: s.state,
    final: s.final,
    channel: s.channel,
    standard: { id: balongbendo.id, version: balongbendo.version, hash: balongbendo.hash },
    application: s.personal,
    checklist: [],
    trackingCode: s.trackingCode,
    sla: {
      plannedDueAt: s.dueAt ?? fixtureEpoch,
      dueAt: s.dueAt,
      status: 'on_track',
      elapsedMinutes: 0,
      remainingMinutes: 0,
      pausedMinutes: 0,
      paused: false,
      calendarVersion: 'test',
      steps: [],
    },
    attachments: (data.attachments as CaseView['attachments']) ?? [],
    deliveries: [],
    incidents: [],
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
  }
}

interface Setup {
  store: CaseStore
  clock: ReturnType<typeof manualClock>
  notifier: RecordingNotifier
  sipraja: FakeSipraja
  events: OutboxEvent[]
  logs: unknown[]
  deps: OutboxRunnerDeps
}

function setup(overrides: Partial<OutboxRunnerDeps> = {}): Setup {
  const store = createMemoryStore()
  const clock = manualClock()
  const notifier = createRecordingNotifier()
  const sipraja = createFakeSipraja()
  const events: OutboxEvent[] = []
  const logs: unknown[] = []
  const log = (o: unknown, m?: string) => logs.push([o, m])
  const deps: OutboxRunnerDeps = {
    store,
    clock,
    notifiers: [notifier],
    sipraja,
    loadCase: async (id) => {
      const s = await store.load(id)
      return s ? { view: viewOf(s), standard: balongbendo } : null
    },
    workerId: 'w1',
    options: { backoff: { baseMs: 1000, maxMs: 8000, jitter: 0 }, callTimeoutMs: 5, leaseMs: 60_000 },
    emit: (e) => events.push(e),
    logger: { info: log, warn: log, error: log },
    ...overrides,
  }
  return { store, clock, notifier, sipraja, events, logs, deps }
}

let seq = 0
const row = (caseId: string, kind: string, payload: Json): OutboxRowInput => ({
  id: `${caseId}.1.${++seq}`,
  caseId,
  kind,
  payload,
  availableAt: fixtureEpoch,
})

async function seed(
  store: CaseStore,
  id: string,
  outbox: OutboxRowInput[],
  fields: Partial<StoredCase> = {},
  audit: AuditEntry[] = [buildAuditEntry(id, 1, { at: fixtureEpoch })],
) {
  const c = buildStoredCase({ id, personal: application, trackingCode: `AK1-261127-${id}`, ...fields })
  await store.commit({ case: c, expectedVersion: null, audit, outbox })
}

describe('runOutbox', () => {
  it('renders a notice from the case at delivery and sends it with the row id as message id', async () => {
    const s = setup()
    const r = row('c1', 'notice', { template: 'diterima', channel: 'sms' })
    await seed(s.store, 'c1', [r, row('c1', 'notice', { template: 'diterima', channel: 'email' })])
    const result = await createOutboxRunner(s.deps).runOutbox()
    expect(result).toMatchObject({ claimed: 2, delivered: 2, retried: 0, failed: 0 })
    expect(s.notifier.sent.map((m) => [m.channel, m.to, m.messageId])).toEqual([
      ['sms', MOBILE, r.id],
      ['email', EMAIL, `c1.1.${seq}`],
    ])
    expect(s.notifier.sent[0]?.text).toContain('AK1-261127-c1')
    expect(s.notifier.sent[1]?.subject).toBe('Permohonan AK-1 diterima: AK1-261127-c1')
    expect(s.notifier.sent[1]?.html).toContain('Siti Rahmawati')
    const rows = await s.store.listOutbox('c1')
    expect(rows.map((x) => [x.status, x.attempts, x.result])).toEqual([
      ['done', 1, { providerId: 'recording-1', status: 'sent', notifier: 'recording' }],
      ['done', 1, { providerId: 'recording-2', status: 'sent', notifier: 'recording' }],
    ])
    expect(s.events.map((e) => e.type)).toEqual(['delivery.sent', 'delivery.sent'])
    expect(await createOutboxRunner(s.deps).runOutbox()).toMatchObject({ claimed: 0 })
    expect(s.notifier.sent).toHaveLength(2)
  })

  it("takes a return's missing items and reason from the audit trail", async () => {
    const s = setup()
    const audit = [
      buildAuditEntry('c1', 1, { at: fixtureEpoch }),
      buildAuditEntry('c1', 2, {
        at: fixtureEpoch,
        event: 'RETURN',
        details: { missing: ['pas_foto'], reason: 'Foto buram' },
      }),
    ]
    await seed(
      s.store,
      'c1',
      [row('c1', 'notice', { template: 'dikembalikan', channel: 'email' })],
      {},
      audit,
    )
    await createOutboxRunner(s.deps).runOutbox()
    expect(s.notifier.sent[0]?.text).toContain('- Foto berwarna/hitam putih ukuran 3x4 sebanyak 2 buah')
    expect(s.notifier.sent[0]?.text).toContain('Alasan: Foto buram')
  })

  it('sends office alerts to the office e-mail address', async () => {
    const s = setup()
    await seed(s.store, 'c1', [
      row('c1', 'notice', { template: 'sla_breached', channel: 'email', recipient: 'office' }),
    ])
    await createOutboxRunner(s.deps).runOutbox()
    expect(s.notifier.sent.map((m) => [m.to, m.template])).toEqual([
      ['kec.balongbendo@gmail.com', 'sla_breached'],
    ])
    expect(s.notifier.sent[0]?.text).not.toContain('Siti')
  })

  it('writes to SIPRAJA with the row id as idempotency key (per file for uploads)', async () => {
    const s = setup()
    const bytes = new TextEncoder().encode('ijazah sma')
    const sha256 = createHash('sha256').update(bytes).digest('hex')
    await s.store.putAttachment({ sha256, contentType: 'application/pdf', size: bytes.length, bytes })
    const rows = [
      row('c1', 'sipraja', { action: 'ensure_account' }),
      row('c1', 'sipraja', { action: 'upload_attachments' }),
      row('c1', 'sipraja', { action: 'set_status', status: 'Menunggu' }),
    ]
    const attachments = [
      {
        sha256,
        contentType: 'application/pdf',
        size: bytes.length,
        itemId: 'ijazah:sma',
        attachedAt: fixtureEpoch,
      },
    ]
    await seed(s.store, 'c1', rows, { data: { attachments } as unknown as Json })
    expect(await createOutboxRunner(s.deps).runOutbox()).toMatchObject({ delivered: 3 })
    expect(s.sipraja.calls.map((c) => [c.method, c.idempotencyKey, c.outcome])).toEqual([
      ['ensureAccount', rows[0]?.id, 'applied'],
      ['uploadAttachment', `${rows[1]?.id}:${sha256}`, 'applied'],
      ['setStatus', rows[2]?.id, 'applied'],
    ])
    expect(s.sipraja.accounts.get(NIK)).toMatchObject({
      name: 'Siti Rahmawati',
      mobile: MOBILE,
      email: EMAIL,
    })
    expect(s.sipraja.cases.get('AK1-261127-c1')?.status).toBe('Menunggu')
    expect(s.sipraja.cases.get('AK1-261127-c1')?.attachments.get(sha256)).toMatchObject({
      itemId: 'ijazah:sma',
    })
  })

  it('reschedules a retryable failure with exponential backoff up to the ceiling, then delivers once', async () => {
    const s = setup()
    s.notifier.failNext(5)
    await seed(s.store, 'c1', [row('c1', 'notice', { template: 'berkas_jadi', channel: 'sms' })])
    const runner = createOutboxRunner(s.deps)
    const delays: number[] = []
    for (let i = 0; i < 5; i++) {
      expect(await runner.runOutbox()).toMatchObject({ claimed: 1, retried: 1 })
      const [r] = await s.store.listOutbox('c1')
      const delay = Date.parse(r!.availableAt) - s.clock.now().getTime()
      delays.push(delay)
      s.clock.advance(delay - 1)
      expect(await runner.runOutbox()).toMatchObject({ claimed: 0 })
      s.clock.advance(1)
    }
    expect(delays).toEqual([1000, 2000, 4000, 8000, 8000])
    expect(await runner.runOutbox()).toMatchObject({ delivered: 1 })
    expect(s.notifier.sent).toHaveLength(1)
    expect(s.events.map((e) => e.type)).toEqual([...Array(5).fill('delivery.retry'), 'delivery.sent'])
    expect(s.events.map((e) => e.attempt)).toEqual([1, 2, 3, 4, 5, 6])
  })

  it('opens an incident after maxAttempts transient failures', async () => {
    const s = setup({
      options: { maxAttempts: 3, backoff: { baseMs: 10, maxMs: 10, jitter: 0 }, callTimeoutMs: 5 },
    })
    s.notifier.failAlways('transient')
    await seed(s.store, 'c1', [row('c1', 'notice', { template: 'kartu_siap', channel: 'email' })])
    const runner = createOutboxRunner(s.deps)
    for (let i = 0; i < 5; i++) {
      await runner.runOutbox()
      s.clock.advance(10)
    }
    expect(s.notifier.calls).toHaveLength(3)
    const [r] = await s.store.listOutbox('c1')
    expect(r).toMatchObject({ status: 'failed', attempts: 3 })
    expect(r?.lastError).toContain('gangguan sementara')
    expect(s.events.map((e) => e.type)).toEqual([
      'delivery.retry',
      'delivery.retry',
      'delivery.failed',
      'incident.opened',
    ])
    expect((await s.store.list({ incident: true })).items.map((c) => c.id)).toEqual(['c1'])
  })

  it('fails at once on a non-retryable error, and an operator retry delivers it once', async () => {
    const s = setup()
    s.notifier.failAlways('permanent')
    await seed(s.store, 'c1', [row('c1', 'notice', { template: 'ditolak', channel: 'sms' })])
    const runner = createOutboxRunner(s.deps)
    expect(await runner.runOutbox()).toMatchObject({ failed: 1 })
    const [failed] = await s.store.listOutbox('c1')
    expect(failed).toMatchObject({ status: 'failed', attempts: 1 })
    s.notifier.heal()
    expect(await runner.runOutbox()).toMatchObject({ claimed: 0 })
    const c = (await s.store.load('c1'))!
    await s.store.commit({
      case: { ...c, version: 2 },
      expectedVersion: 1,
      audit: [buildAuditEntry('c1', 2, { event: 'RETRY_INCIDENT' })],
      outbox: [],
      outboxChanges: [{ id: failed!.id, action: 'retry', at: s.clock.now().toISOString() }],
    })
    expect(await runner.runOutbox()).toMatchObject({ delivered: 1 })
    expect(await runner.runOutbox()).toMatchObject({ claimed: 0 })
    expect(s.notifier.sent.map((m) => m.messageId)).toEqual([failed!.id])
  })

  it('fails with a clear reason when no port serves the row', async () => {
    const s = setup({ notifiers: [createRecordingNotifier({ channels: ['email'] })], sipraja: undefined })
    await seed(s.store, 'c1', [
      row('c1', 'notice', { template: 'diterima', channel: 'sms' }),
      row('c1', 'sipraja', { action: 'ensure_account' }),
      row('c1', 'fax', {}),
    ])
    expect(await createOutboxRunner(s.deps).runOutbox()).toMatchObject({ failed: 3 })
    expect((await s.store.listOutbox('c1')).map((r) => r.lastError)).toEqual([
      'tidak ada notifier untuk kanal sms',
      'SIPRAJA tidak dikonfigurasi (tidak ada gateway SIPRAJA)',
      'jenis baris outbox tidak dikenal: fax',
    ])
  })

  it('times out a hung call and retries it under the same key, applying it once', async () => {
    const s = setup()
    s.sipraja.hangNext(1, 'after')
    await seed(s.store, 'c1', [row('c1', 'sipraja', { action: 'ensure_account' })])
    const runner = createOutboxRunner(s.deps)
    expect(await runner.runOutbox()).toMatchObject({ retried: 1 })
    expect(s.events[0]?.error).toContain('tidak menjawab dalam 5 ms')
    s.clock.advance(1000)
    expect(await runner.runOutbox()).toMatchObject({ delivered: 1 })
    expect(s.sipraja.calls.map((c) => c.outcome)).toEqual(['lost', 'replayed'])
    expect([...s.sipraja.applied.values()]).toEqual([1])
  })

  it("keeps a case's SIPRAJA writes in order: later ones wait, a superseded status is skipped", async () => {
    const s = setup()
    s.sipraja.failNext(1)
    const rows = [
      row('c1', 'sipraja', { action: 'ensure_account' }),
      row('c1', 'sipraja', { action: 'set_status', status: 'Menunggu' }),
      row('c1', 'sipraja', { action: 'set_status', status: 'Bisa Diambil' }),
    ]
    await seed(s.store, 'c1', rows)
    const runner = createOutboxRunner(s.deps)
    expect(await runner.runOutbox()).toMatchObject({ retried: 1, delivered: 1, deferred: 1 })
    s.clock.advance(1000)
    expect(await runner.runOutbox()).toMatchObject({ delivered: 2 })
    expect(s.sipraja.calls.map((c) => [c.method, c.status ?? '', c.outcome])).toEqual([
      ['ensureAccount', '', 'failed'],
      ['ensureAccount', '', 'applied'],
      ['setStatus', 'Bisa Diambil', 'applied'],
    ])
    const stored = await s.store.listOutbox('c1')
    expect(stored.map((r) => r.status)).toEqual(['done', 'done', 'done'])
    expect(stored[1]?.result).toMatchObject({ superseded: true })
  })

  it('does not count claims spent waiting on an earlier write against maxAttempts', async () => {
    const s = setup({
      options: { maxAttempts: 3, backoff: { baseMs: 1000, maxMs: 1000, jitter: 0 }, callTimeoutMs: 5 },
    })
    s.sipraja.failNext(2)
    let statusFailures = 2
    const fake = s.sipraja
    s.deps.sipraja = {
      ...fake,
      setStatus: async (input, o) => {
        if (statusFailures-- > 0) {
          throw new AdapterError('503', { adapterId: fake.id, operation: 'setStatus', retryable: true })
        }
        return fake.setStatus(input, o)
      },
    }
    await seed(s.store, 'c1', [
      row('c1', 'sipraja', { action: 'ensure_account' }),
      row('c1', 'sipraja', { action: 'set_status', status: 'Menunggu' }),
    ])
    const runner = createOutboxRunner(s.deps)
    for (let i = 0; i < 6; i++) {
      await runner.runOutbox()
      s.clock.advance(1000)
    }
    const rows = await s.store.listOutbox('c1')
    // Two deferred claims were given back uncounted: the status row used 3 of its 3 attempts.
    expect(rows.map((r) => [r.status, r.attempts])).toEqual([
      ['done', 3],
      ['done', 3],
    ])
    expect(rows[1]?.lastError).toBe('503')
    expect(s.events.filter((e) => e.outboxId === rows[1]?.id).map((e) => `${e.type}#${e.attempt}`)).toEqual([
      'delivery.deferred#1',
      'delivery.deferred#1',
      'delivery.retry#1',
      'delivery.retry#2',
      'delivery.sent#3',
    ])
  })

  it('releases rows it has too little lease left for, unattempted', async () => {
    const s = setup({ options: { leaseMs: 1000, callTimeoutMs: 100, concurrency: 1 } })
    const slow = createRecordingNotifier()
    const send = slow.send
    const notifier = {
      ...slow,
      send: async (...a: Parameters<typeof send>) => {
        s.clock.advance(950)
        return send(...a)
      },
    }
    s.deps.notifiers = [notifier]
    await seed(s.store, 'c1', [
      row('c1', 'notice', { template: 'diterima', channel: 'sms' }),
      row('c1', 'notice', { template: 'diterima', channel: 'email' }),
    ])
    expect(await createOutboxRunner(s.deps).runOutbox()).toMatchObject({ delivered: 1, released: 1 })
    const rows = await s.store.listOutbox('c1')
    // Given back uncounted, and due as before: the next pass takes it at once.
    expect(rows.map((r) => [r.status, r.attempts, r.leaseOwner, r.availableAt])).toEqual([
      ['done', 1, null, fixtureEpoch],
      ['pending', 0, null, fixtureEpoch],
    ])
    expect(s.events.map((e) => e.type)).toEqual(['delivery.sent', 'delivery.released'])
    expect(await createOutboxRunner(s.deps).runOutbox()).toMatchObject({ claimed: 1, delivered: 1 })
    expect((await s.store.listOutbox('c1')).map((r) => [r.status, r.attempts])).toEqual([
      ['done', 1],
      ['done', 1],
    ])
    expect(s.events.at(-1)).toMatchObject({ type: 'delivery.sent', attempt: 1 })
  })

  it('never puts personal data in events, logs or stored errors', async () => {
    const s = setup({
      options: { maxAttempts: 2, backoff: { baseMs: 1, maxMs: 1, jitter: 0 }, callTimeoutMs: 5 },
    })
    const leaky = createRecordingNotifier()
    s.deps.notifiers = [
      {
        ...leaky,
        send: async (m) => {
          throw new Error(`550 mailbox ${m.to} unavailable; NIK ${NIK}; tel ${MOBILE}`)
        },
      },
    ]
    await seed(s.store, 'c1', [
      row('c1', 'notice', { template: 'diterima', channel: 'email' }),
      row('c1', 'notice', { template: 'diterima', channel: 'sms' }),
      row('c1', 'sipraja', { action: 'ensure_account' }),
    ])
    s.sipraja.failNext(5)
    const runner = createOutboxRunner(s.deps)
    for (let i = 0; i < 3; i++) {
      await runner.runOutbox()
      s.clock.advance(1000)
    }
    const stored = JSON.stringify(await s.store.listOutbox('c1'))
    const observed = JSON.stringify([s.events, s.logs])
    expect(stored).toContain('[email]')
    for (const secret of [NIK, MOBILE, EMAIL, 'Siti', '81234567890']) {
      expect(observed).not.toContain(secret)
      expect(stored).not.toContain(secret)
    }
    expect(s.events.some((e) => e.type === 'incident.opened')).toBe(true)
  })

  it('refuses bad options with ConfigError naming the keys', () => {
    const s = setup()
    expect(() => createOutboxRunner({ ...s.deps, options: { leaseMs: 100, callTimeoutMs: 100 } })).toThrow(
      ConfigError,
    )
    try {
      createOutboxRunner({ ...s.deps, options: { maxAttempts: 0, retries: 3 } as never })
    } catch (e) {
      expect((e as ConfigError).keys.sort()).toEqual(['(root)', 'maxAttempts'].sort())
    }
    expect(() => createOutboxRunner({ ...s.deps, options: { backoff: { baseMs: 10, maxMs: 5 } } })).toThrow(
      /maxMs/,
    )
  })
})

describe('two runners on one store', () => {
  it('deliver each row exactly once', async () => {
    const s = setup()
    const total = 40
    for (let i = 0; i < total / 2; i++) {
      await seed(s.store, `k${i}`, [
        row(`k${i}`, 'notice', { template: 'diterima', channel: 'sms' }),
        row(`k${i}`, 'notice', { template: 'diterima', channel: 'email' }),
      ])
    }
    const a = createOutboxRunner({ ...s.deps, workerId: 'a', options: { ...s.deps.options, batchSize: 7 } })
    const b = createOutboxRunner({ ...s.deps, workerId: 'b', options: { ...s.deps.options, batchSize: 5 } })
    const loop = async (r: typeof a) => {
      let n = 0
      for (;;) {
        const res = await r.runOutbox()
        if (res.claimed === 0) return n
        n += res.delivered
      }
    }
    const [na, nb] = await Promise.all([loop(a), loop(b)])
    expect(na + nb).toBe(total)
    expect(na).toBeGreaterThan(0)
    expect(nb).toBeGreaterThan(0)
    const ids = s.notifier.sent.map((m) => m.messageId)
    expect(new Set(ids).size).toBe(total)
    expect(ids).toHaveLength(total)
  })
})

describe('SIPRAJA failing half the calls at random, then healing', () => {
  it('makes every call eventually, applies none twice, leaves no case stuck', async () => {
    const s = setup({
      options: { maxAttempts: 50, backoff: { baseMs: 100, maxMs: 1000, jitter: 0.5 }, callTimeoutMs: 5 },
    })
    const sipraja = createFakeSipraja({ seed: 2026, failRate: 0.5, failPhase: 'after' })
    s.deps.sipraja = sipraja
    let n = 0
    const cases = 12
    for (let i = 0; i < cases; i++) {
      const nik = `35151254050${String(10000 + i)}`
      const app = sampleApplication({ applicant: { nik } }) as unknown as Json
      await seed(
        s.store,
        `s${i}`,
        [
          row(`s${i}`, 'sipraja', { action: 'ensure_account' }),
          row(`s${i}`, 'sipraja', { action: 'set_status', status: 'Menunggu' }),
          row(`s${i}`, 'notice', { template: 'diterima', channel: 'sms' }),
        ],
        { personal: app },
      )
      n += 2
    }
    const runner = createOutboxRunner({ ...s.deps, random: () => 0.5 })
    for (let pass = 0; pass < 8; pass++) {
      await runner.runOutbox({ limit: 100 })
      s.clock.advance(1000)
    }
    const failedBeforeHeal = sipraja.calls.filter((c) => c.outcome === 'lost').length
    expect(failedBeforeHeal).toBeGreaterThan(0)
    sipraja.heal()
    for (let pass = 0; pass < 10; pass++) {
      await runner.runOutbox({ limit: 100 })
      s.clock.advance(1000)
    }
    const rows = (
      await Promise.all(Array.from({ length: cases }, (_, i) => s.store.listOutbox(`s${i}`)))
    ).flat()
    expect(rows.filter((r) => r.status !== 'done')).toEqual([])
    const siprajaKeys = rows.filter((r) => r.kind === 'sipraja').map((r) => r.id)
    expect(siprajaKeys).toHaveLength(n)
    for (const key of siprajaKeys) expect(sipraja.applied.get(key), key).toBe(1)
    expect(sipraja.accounts.size).toBe(cases)
    expect([...sipraja.cases.values()].map((c) => c.statusHistory)).toEqual(Array(cases).fill(['Menunggu']))
    expect(sipraja.calls.length).toBeGreaterThan(n)
    expect(s.notifier.sent).toHaveLength(cases)
  })
})

describe('backoffDelay and redactPersonal', () => {
  it('doubles from the base up to the ceiling and takes at most the jitter share off', () => {
    const b = { baseMs: 100, maxMs: 1000, jitter: 0.5 }
    expect([1, 2, 3, 4, 5, 10].map((a) => backoffDelay(a, b, () => 0))).toEqual([
      100, 200, 400, 800, 1000, 1000,
    ])
    expect(backoffDelay(3, b, () => 0.999999)).toBe(200)
    expect(backoffDelay(60, { ...b, jitter: 0 }, () => 0.7)).toBe(1000)
  })

  it('removes e-mail addresses and long numbers, keeping tracking codes', () => {
    expect(redactPersonal(`to a.b@x.co.id (${NIK}) +62 812-3456-7890 for AK1-261127-00001`)).toBe(
      'to [email] ([number]) [number] for AK1-261127-00001',
    )
  })
})
