import { createHash } from 'node:crypto'
import { type AdapterError, type ConfigError, isAk1Error, type SiprajaGateway } from '@ak1/core/ports'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createSiprajaGateway, createSiprajaSimulator, type SiprajaSimulator } from '../src/index'

const token = 'gateway-test-token'
const nik = '3515125405010001'

let simulator: SiprajaSimulator
let url: string
let gateway: SiprajaGateway

beforeEach(async () => {
  simulator = createSiprajaSimulator({ token })
  url = (await simulator.start()).url
  gateway = createSiprajaGateway({ baseUrl: url, token, timeoutMs: 2_000 })
})
afterEach(() => simulator.close())

async function rejection(promise: Promise<unknown>): Promise<AdapterError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(isAk1Error(error) && error.code).toBe('ADAPTER')
  return error as AdapterError
}

function put(path: string, body: unknown, key: string, auth = token) {
  return fetch(`${url}${path}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${auth}`, 'content-type': 'application/json', 'idempotency-key': key },
    body: JSON.stringify(body),
  })
}

describe('the HTTP contract on the wire', () => {
  it('answers a repeated key with the same request by the first answer, applied once', async () => {
    const first = await put(
      `/v1/accounts/${nik}`,
      { nama: 'Siti Rahmawati', email: 'siti@example.com' },
      'k-1',
    )
    expect(first.status).toBe(201)
    const firstBody = await first.json()
    // The same request with its members in another order is the same request.
    const again = await put(
      `/v1/accounts/${nik}`,
      { email: 'siti@example.com', nama: 'Siti Rahmawati' },
      'k-1',
    )
    expect(again.status).toBe(201)
    expect(again.headers.get('idempotent-replayed')).toBe('true')
    expect(await again.json()).toEqual(firstBody)
    expect(simulator.applied.get('k-1')).toBe(1)
    expect(simulator.accounts.size).toBe(1)
  })

  it('refuses a key reused for a different request with 409 IDEMPOTENCY_KEY_REUSED, and the gateway does not retry it', async () => {
    await put(`/v1/accounts/${nik}`, { nama: 'Siti Rahmawati' }, 'k-2')
    const reused = await put(`/v1/accounts/${nik}`, { nama: 'Siti R.' }, 'k-2')
    expect(reused.status).toBe(409)
    expect(await reused.json()).toMatchObject({ error: { code: 'IDEMPOTENCY_KEY_REUSED' } })
    const error = await rejection(
      gateway.ensureAccount({ nik: '3515121001900001', name: 'Budi' }, { idempotencyKey: 'k-2' }),
    )
    expect(error.retryable).toBe(false)
    expect(error.message).toContain('409 IDEMPOTENCY_KEY_REUSED')
    expect(simulator.accounts.size).toBe(1)
    expect(simulator.accounts.get(nik)?.nama).toBe('Siti Rahmawati')
  })

  it('requires an Idempotency-Key on every write', async () => {
    const response = await fetch(`${url}/v1/accounts/${nik}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ nama: 'Siti Rahmawati' }),
    })
    expect(response.status).toBe(400)
    expect(await response.json()).toMatchObject({ error: { code: 'INVALID_REQUEST' } })
    expect(simulator.accounts.size).toBe(0)
  })

  it('keeps the status history in order, with role and time, and serves it on GET', async () => {
    await gateway.ensureAccount({ nik, name: 'Siti Rahmawati' }, { idempotencyKey: 'a' })
    await gateway.setStatus({ nik, caseRef: 'AK1-1', status: 'Menunggu' }, { idempotencyKey: 's1' })
    await gateway.setStatus({ nik, caseRef: 'AK1-1', status: 'Menunggu' }, { idempotencyKey: 's2' })
    await gateway.setStatus(
      { nik, caseRef: 'AK1-1', status: 'Ditolak', note: 'Ijazah tidak terbaca' },
      { idempotencyKey: 's3' },
    )
    const response = await fetch(`${url}/v1/layanan/AK1-1`, { headers: { authorization: `Bearer ${token}` } })
    const body = (await response.json()) as {
      status: string
      chron: { status: string; role: string; note?: string; at: string }[]
    }
    expect(body.status).toBe('Ditolak')
    expect(body.chron.map((c) => [c.status, c.role, c.note])).toEqual([
      ['Menunggu', 'kecamatan', undefined],
      ['Ditolak', 'kecamatan', 'Ijazah tidak terbaca'],
    ])
    expect(body.chron.every((c) => !Number.isNaN(Date.parse(c.at)))).toBe(true)
  })

  it('stores the uploaded bytes under their sha256 and refuses bytes that do not match it', async () => {
    await gateway.ensureAccount({ nik, name: 'Siti Rahmawati' }, { idempotencyKey: 'a' })
    const bytes = new Uint8Array(70_000).map((_, i) => i % 251)
    const sha256 = createHash('sha256').update(bytes).digest('hex')
    const stored = await gateway.uploadAttachment(
      { nik, caseRef: 'AK1-2', sha256, contentType: 'application/pdf', bytes, itemId: 'ijazah:sma' },
      { idempotencyKey: 'u1' },
    )
    expect(stored.duplicate).toBe(false)
    expect(simulator.cases.get('AK1-2')?.attachments.get(sha256)).toMatchObject({
      attachment_id: stored.attachmentId,
      size: 70_000,
      content_type: 'application/pdf',
      item_id: 'ijazah:sma',
    })
    const wrong = await rejection(
      gateway.uploadAttachment(
        { nik, caseRef: 'AK1-2', sha256: '0'.repeat(64), contentType: 'application/pdf', bytes },
        { idempotencyKey: 'u2' },
      ),
    )
    expect(wrong.retryable).toBe(false)
    expect(simulator.cases.get('AK1-2')?.attachments.size).toBe(1)
  })
})

describe('the gateway errors', () => {
  it('refuses a wrong token without retry, and nothing is created', async () => {
    const stranger = createSiprajaGateway({ baseUrl: url, token: 'wrong-token' })
    const error = await rejection(
      stranger.ensureAccount({ nik, name: 'Siti Rahmawati' }, { idempotencyKey: 't1' }),
    )
    expect(error).toMatchObject({ retryable: false, adapterId: 'sipraja-http', operation: 'ensureAccount' })
    expect(error.message).toContain('401 UNAUTHORIZED')
    expect(simulator.accounts.size).toBe(0)
  })

  it('rejects a 503 retryably, then the retry with the same key succeeds once', async () => {
    simulator.failNext(1)
    const error = await rejection(
      gateway.ensureAccount({ nik, name: 'Siti Rahmawati' }, { idempotencyKey: 'r1' }),
    )
    expect(error.retryable).toBe(true)
    expect(error.message).toContain('503')
    expect(simulator.accounts.size).toBe(0)
    const retry = await gateway.ensureAccount({ nik, name: 'Siti Rahmawati' }, { idempotencyKey: 'r1' })
    expect(retry.created).toBe(true)
    expect(simulator.applied.get('r1')).toBe(1)
  })

  it('after a lost answer (503 after the effect) the retry gets the first answer, not a second effect', async () => {
    await gateway.ensureAccount({ nik, name: 'Siti Rahmawati' }, { idempotencyKey: 'a' })
    simulator.failNext(1, { phase: 'after' })
    const lost = await rejection(
      gateway.setStatus({ nik, caseRef: 'AK1-3', status: 'Menunggu' }, { idempotencyKey: 'l1' }),
    )
    expect(lost.retryable).toBe(true)
    expect(simulator.cases.get('AK1-3')?.status).toBe('Menunggu')
    const retry = await gateway.setStatus(
      { nik, caseRef: 'AK1-3', status: 'Menunggu' },
      { idempotencyKey: 'l1' },
    )
    expect(retry).toEqual({ status: 'Menunggu', changed: true })
    expect(simulator.cases.get('AK1-3')?.chron).toHaveLength(1)
    expect(simulator.applied.get('l1')).toBe(1)
  })

  it('rejects a 429 retryably', async () => {
    simulator.failNext(1, { status: 429, retryAfterSeconds: 2 })
    const error = await rejection(
      gateway.ensureAccount({ nik, name: 'Siti Rahmawati' }, { idempotencyKey: 'q1' }),
    )
    expect(error.retryable).toBe(true)
    expect(error.message).toContain('429 RATE_LIMITED')
  })

  it('rejects retryably when SIPRAJA answers later than timeoutMs', async () => {
    const impatient = createSiprajaGateway({ baseUrl: url, token, timeoutMs: 50 })
    simulator.delayNext(1, 5_000)
    const error = await rejection(
      impatient.ensureAccount({ nik, name: 'Siti Rahmawati' }, { idempotencyKey: 'w1' }),
    )
    expect(error.retryable).toBe(true)
    expect(error.messageEn).toContain('did not answer within 50 ms')
  })

  it('rejects retryably when the caller aborts a request in flight', async () => {
    simulator.delayNext(1, 5_000)
    const controller = new AbortController()
    const pending = gateway.ensureAccount(
      { nik, name: 'Siti Rahmawati' },
      { idempotencyKey: 'x1', signal: controller.signal },
    )
    setTimeout(() => controller.abort(), 20)
    const error = await rejection(pending)
    expect(error.retryable).toBe(true)
    expect(error.messageEn).toContain('aborted')
  })

  it('rejects retryably when SIPRAJA cannot be reached', async () => {
    await simulator.close()
    const error = await rejection(
      gateway.ensureAccount({ nik, name: 'Siti Rahmawati' }, { idempotencyKey: 'n1' }),
    )
    expect(error.retryable).toBe(true)
    expect(error.messageEn).toContain('could not reach SIPRAJA')
  })

  it('refuses bad options with a ConfigError naming the keys', () => {
    let caught: unknown
    try {
      createSiprajaGateway({ baseUrl: 'ftp://sipraja', token: '', timeoutMs: -1 })
    } catch (error) {
      caught = error
    }
    expect(isAk1Error(caught) && caught.code).toBe('CONFIG')
    expect((caught as ConfigError).keys.sort()).toEqual(['baseUrl', 'timeoutMs', 'token'])
  })
})
