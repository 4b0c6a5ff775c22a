import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { sampleNotice } from '@ak1/core/testing'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createSmsNotifier } from '../src/index'
import { startGateway } from './gateway-simulator'
import { rejection } from './rejection'

describe('HTTP gateway mode', () => {
  let gateway: Awaited<ReturnType<typeof startGateway>>
  beforeEach(async () => {
    gateway = await startGateway({ token: 'rahasia' })
  })
  afterEach(async () => {
    await gateway.close()
  })

  it('POSTs the documented JSON with bearer token and the messageId as Idempotency-Key', async () => {
    const sms = createSmsNotifier({ http: { url: gateway.url, token: 'rahasia', sender: 'KEC-BLB' } })
    const message = sampleNotice('sms', { messageId: 'ob_01HZX', text: 'Kartu AK-1 siap diambil' })
    const receipt = await sms.send(message)

    expect(gateway.requests).toHaveLength(1)
    const [request] = gateway.requests
    expect(request?.method).toBe('POST')
    expect(request?.path).toBe('/v1/messages')
    expect(request?.headers.authorization).toBe('Bearer rahasia')
    expect(request?.headers['idempotency-key']).toBe('ob_01HZX')
    expect(request?.headers['content-type']).toBe('application/json')
    expect(request?.body).toEqual({
      to: '+6281234567890',
      text: 'Kartu AK-1 siap diambil',
      reference: 'ob_01HZX',
      sender: 'KEC-BLB',
    })
    expect(receipt).toEqual({ providerId: 'gw-1', status: 'sent' })
  })

  it('leaves out Authorization and sender when no token or sender is configured', async () => {
    const open = await startGateway()
    try {
      const sms = createSmsNotifier({ http: { url: open.url } })
      await sms.send(sampleNotice('sms'))
      expect(open.requests[0]?.headers.authorization).toBeUndefined()
      expect(open.requests[0]?.body).not.toHaveProperty('sender')
    } finally {
      await open.close()
    }
  })

  it('a resend carries the same Idempotency-Key, so the gateway answers with the first id', async () => {
    const sms = createSmsNotifier({ http: { url: gateway.url, token: 'rahasia' } })
    const message = sampleNotice('sms')
    const first = await sms.send(message)
    const second = await sms.send(message)
    expect(gateway.requests.map((r) => r.headers['idempotency-key'])).toEqual([
      message.messageId,
      message.messageId,
    ])
    expect(second.providerId).toBe(first.providerId)
    expect(gateway.received()).toHaveLength(1)
  })

  it('reports delivered only when the gateway says delivered', async () => {
    const sms = createSmsNotifier({ http: { url: gateway.url, token: 'rahasia' } })
    gateway.script({ status: 200, body: { id: 'd-1', status: 'delivered' } })
    gateway.script({ status: 201, body: { id: 42, status: 'accepted' } })
    expect(await sms.send(sampleNotice('sms'))).toEqual({ providerId: 'd-1', status: 'delivered' })
    expect(await sms.send(sampleNotice('sms'))).toEqual({ providerId: '42', status: 'sent' })
  })

  it.each([
    [503, true],
    [429, true],
    [500, true],
    [408, true],
    [400, false],
    [401, false],
    [422, false],
  ])('HTTP %i fails with retryable %s', async (status, retryable) => {
    const sms = createSmsNotifier({ http: { url: gateway.url, token: 'rahasia' } })
    gateway.script({ status, body: { error: { message: 'ditolak gateway' } } })
    const error = await rejection(sms.send(sampleNotice('sms')))
    expect(error.retryable).toBe(retryable)
    expect(error.adapterId).toBe('sms-http')
    expect(error.operation).toBe('send')
    expect(error.message).toContain(`HTTP ${status}`)
    expect(error.message).toContain('ditolak gateway')
  })

  it('a 2xx answer without a message id is a non-retryable contract error', async () => {
    const sms = createSmsNotifier({ http: { url: gateway.url, token: 'rahasia' } })
    gateway.script({ status: 200, body: { ok: true } })
    const error = await rejection(sms.send(sampleNotice('sms')))
    expect(error.retryable).toBe(false)
    expect(error.messageEn).toContain('without a message id')
  })

  it('a gateway that does not answer within timeoutMs fails retryably', async () => {
    const sms = createSmsNotifier({ http: { url: gateway.url, token: 'rahasia', timeoutMs: 150 } })
    gateway.script('hang')
    const error = await rejection(sms.send(sampleNotice('sms')))
    expect(error.retryable).toBe(true)
    expect(error.messageEn).toContain('did not answer within 150 ms')
  })

  it('an abort while the request is in flight fails retryably', async () => {
    const sms = createSmsNotifier({ http: { url: gateway.url, token: 'rahasia' } })
    gateway.script('hang')
    const controller = new AbortController()
    const pending = sms.send(sampleNotice('sms'), { signal: controller.signal })
    while (gateway.requests.length === 0) await new Promise((r) => setTimeout(r, 5))
    controller.abort()
    const error = await rejection(pending)
    expect(error.retryable).toBe(true)
    expect(error.messageEn).toContain('aborted')
  })

  it('an unreachable gateway (connection refused) fails retryably', async () => {
    const probe = createServer()
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve))
    const { port } = probe.address() as AddressInfo
    await new Promise<void>((resolve) => probe.close(() => resolve()))
    const sms = createSmsNotifier({ http: { url: `http://127.0.0.1:${port}/send` } })
    const error = await rejection(sms.send(sampleNotice('sms')))
    expect(error.retryable).toBe(true)
    expect(error.messageEn).toContain('unreachable')
  })

  it('calls an injected fetch instead of the global one', async () => {
    const calls: string[] = []
    const sms = createSmsNotifier({
      http: {
        url: gateway.url,
        token: 'rahasia',
        fetch: (input, init) => {
          calls.push(input)
          return fetch(input, init)
        },
      },
    })
    await sms.send(sampleNotice('sms'))
    expect(calls).toEqual([gateway.url])
    expect(gateway.requests).toHaveLength(1)
  })

  it('refuses a non-E.164 number before contacting the gateway', async () => {
    const sms = createSmsNotifier({ http: { url: gateway.url, token: 'rahasia' } })
    const error = await rejection(sms.send(sampleNotice('sms', { to: '081234567890' })))
    expect(error.retryable).toBe(false)
    expect(error.message).toContain('E.164')
    expect(gateway.requests).toHaveLength(0)
  })
})
