import { describe, expect, it } from 'vitest'
import { createOutboxRunner, type OutboxEvent } from '../src/engine/outbox'
import { parsePortAnswer } from '../src/engine/port-answers'
import type { CaseView } from '../src/engine/types'
import { AdapterError, balongbendo } from '../src/index'
import type { Json } from '../src/ports/case-store'
import type { Notifier } from '../src/ports/notifier'
import type { SiprajaGateway } from '../src/ports/sipraja'
import {
  buildAuditEntry,
  buildStoredCase,
  createFakeSipraja,
  createMemoryStore,
  fixtureEpoch,
  sampleApplication,
} from '../src/testing/index'

const application = sampleApplication() as unknown as Json

function viewOf(id: string): CaseView {
  return {
    id,
    trackingCode: `AK1-261127-${id}`,
    application,
    attachments: [],
  } as unknown as CaseView
}

/** A store with one case and one outbox row, and a runner over the given ports. */
async function runOnce(
  kind: 'notice' | 'sipraja',
  payload: Json,
  ports: { notifier?: Notifier; sipraja?: SiprajaGateway },
) {
  const store = createMemoryStore()
  const c = buildStoredCase({ id: 'c1', personal: application, trackingCode: 'AK1-261127-c1' })
  await store.commit({
    case: c,
    expectedVersion: null,
    audit: [buildAuditEntry('c1', 1, { at: fixtureEpoch })],
    outbox: [{ id: 'c1.1.1', caseId: 'c1', kind, payload, availableAt: fixtureEpoch }],
  })
  const events: OutboxEvent[] = []
  const runner = createOutboxRunner({
    store,
    clock: { now: () => new Date(fixtureEpoch) },
    notifiers: ports.notifier ? [ports.notifier] : [],
    ...(ports.sipraja ? { sipraja: ports.sipraja } : {}),
    loadCase: async (id) => ({ view: viewOf(id), standard: balongbendo }),
    workerId: 'w1',
    options: { backoff: { baseMs: 1000, maxMs: 8000, jitter: 0 }, maxAttempts: 3 },
    emit: (e) => events.push(e),
  })
  const result = await runner.runOutbox()
  const [row] = await store.listOutbox('c1')
  return { result, row: row!, events }
}

function notifierAnswering(answer: unknown): Notifier {
  return { id: 'odd-sms', channels: ['sms'], send: async () => answer as never }
}

describe('the delivery ports’ answers are parsed', () => {
  it.each([
    ['a receipt with providerMessageId instead of providerId', { providerMessageId: 'm-1', status: 'sent' }],
    ['a receipt without a status', { providerId: 'm-1' }],
    ['a receipt with an unknown status', { providerId: 'm-1', status: 'queued' }],
    ['an empty providerId', { providerId: '  ', status: 'sent' }],
    ['no answer at all', undefined],
    ['a string', 'ok'],
  ])('a notifier answering %s is not recorded as sent, but retried', async (_name, answer) => {
    const { result, row, events } = await runOnce(
      'notice',
      { template: 'diterima', channel: 'sms' },
      { notifier: notifierAnswering(answer) },
    )
    expect(result).toMatchObject({ claimed: 1, delivered: 0, retried: 1 })
    expect(row.status).toBe('pending')
    expect(row.result).toBeNull()
    expect(row.lastError).toContain('Jawaban odd-sms pada send tidak sesuai kontrak port')
    expect(events.map((e) => e.type)).toEqual(['delivery.retry'])
  })

  it('a well-formed receipt is recorded with its provider id and status', async () => {
    const { row } = await runOnce(
      'notice',
      { template: 'diterima', channel: 'sms' },
      { notifier: notifierAnswering({ providerId: 'm-7', status: 'delivered', extra: 1 }) },
    )
    expect(row.status).toBe('done')
    expect(row.result).toEqual({ providerId: 'm-7', status: 'delivered', notifier: 'odd-sms' })
  })

  it('a SIPRAJA gateway answering a malformed account or status is retried, not recorded', async () => {
    const fake = createFakeSipraja()
    const odd: SiprajaGateway = {
      id: 'odd-sipraja',
      ensureAccount: async () => ({ id: 'acc-1' }) as never,
      uploadAttachment: fake.uploadAttachment.bind(fake),
      setStatus: async () => ({ status: 'Menunggu', changed: 'yes' }) as never,
    }
    const payloads: Json[] = [{ action: 'ensure_account' }, { action: 'set_status', status: 'Menunggu' }]
    for (const payload of payloads) {
      const { result, row } = await runOnce('sipraja', payload, { sipraja: odd })
      expect(result).toMatchObject({ delivered: 0, retried: 1 })
      expect(row.status).toBe('pending')
      expect(row.lastError).toMatch(
        /Jawaban odd-sipraja pada (ensureAccount|setStatus) tidak sesuai kontrak port/,
      )
    }
  })

  it('after the last attempt a malformed answer opens an incident, never a delivery', async () => {
    const store = createMemoryStore()
    let now = Date.parse(fixtureEpoch)
    await store.commit({
      case: buildStoredCase({ id: 'c1', personal: application, trackingCode: 'AK1-261127-c1' }),
      expectedVersion: null,
      audit: [buildAuditEntry('c1', 1, { at: fixtureEpoch })],
      outbox: [
        {
          id: 'c1.1.1',
          caseId: 'c1',
          kind: 'notice',
          payload: { template: 'diterima', channel: 'sms' },
          availableAt: fixtureEpoch,
        },
      ],
    })
    const runner = createOutboxRunner({
      store,
      clock: { now: () => new Date(now) },
      notifiers: [notifierAnswering({ providerMessageId: 'm-1' })],
      loadCase: async (id) => ({ view: viewOf(id), standard: balongbendo }),
      options: { backoff: { baseMs: 1000, maxMs: 1000, jitter: 0 }, maxAttempts: 2 },
    })
    await runner.runOutbox()
    now += 2000
    const second = await runner.runOutbox()
    expect(second).toMatchObject({ claimed: 1, failed: 1, delivered: 0 })
    const [row] = await store.listOutbox('c1')
    expect(row?.status).toBe('failed')
    expect(row?.result).toBeNull()
  })

  it('parsePortAnswer names the fields in both languages and keeps the values out', () => {
    let caught: unknown
    try {
      parsePortAnswer('smtp', 'send', { providerMessageId: '3515125405010001' })
    } catch (error) {
      caught = error
    }
    expect(caught).toBeInstanceOf(AdapterError)
    const error = caught as AdapterError
    expect(error.retryable).toBe(true)
    expect(error.operation).toBe('send')
    expect(error.message).toContain('providerId')
    expect(error.message).toContain('status')
    expect(error.messageEn).toContain('does not match the port contract')
    expect(error.message).not.toContain('3515125405010001')
  })
})
