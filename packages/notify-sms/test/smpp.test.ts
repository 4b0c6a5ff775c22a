import type { AddressInfo } from 'node:net'
import { createServer } from 'node:net'
import type { AdapterError } from '@ak1/core/ports'
import { sampleNotice } from '@ak1/core/testing'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createSmsNotifier, type SmsNotifier, type SmsSmppOptions } from '../src/index'
import { rejection } from './rejection'
import { startSmsc, submitText, tlvText } from './smsc-simulator'

describe('SMPP mode', () => {
  let smsc: Awaited<ReturnType<typeof startSmsc>>
  const notifiers: SmsNotifier[] = []
  const make = (options: Partial<SmsSmppOptions> = {}) => {
    const notifier = createSmsNotifier({
      smpp: { url: smsc.url, systemId: 'kecblb', password: 'rahasia', sourceAddr: 'KEC-BLB', ...options },
    })
    notifiers.push(notifier)
    return notifier
  }
  beforeEach(async () => {
    smsc = await startSmsc()
  })
  afterEach(async () => {
    await Promise.all(notifiers.splice(0).map((n) => n.close()))
    await smsc.close()
  })

  it('binds as transceiver and submits with E.164 destination, TON international and the messageId TLV', async () => {
    const sms = make({ systemType: 'AK1', registeredDelivery: true })
    const message = sampleNotice('sms', { messageId: 'ob_01HZX', text: 'Kartu AK-1 siap diambil' })
    const receipt = await sms.send(message)

    expect(receipt).toEqual({ providerId: 'smsc-1', status: 'sent' })
    expect(smsc.binds).toHaveLength(1)
    expect(smsc.binds[0]).toMatchObject({ system_id: 'kecblb', password: 'rahasia', system_type: 'AK1' })
    const submit = smsc.submits[0]!
    expect(submit).toMatchObject({
      source_addr: 'KEC-BLB',
      source_addr_ton: 5,
      destination_addr: '6281234567890',
      dest_addr_ton: 1,
      dest_addr_npi: 1,
      data_coding: 0,
      registered_delivery: 1,
    })
    expect(submitText(submit)).toBe('Kartu AK-1 siap diambil')
    expect(tlvText(submit, 0x1400)).toBe('ob_01HZX')
    expect(typeof submit.user_message_reference).toBe('number')
  })

  it('a resend carries the same TLV reference and user_message_reference', async () => {
    const sms = make()
    const message = sampleNotice('sms')
    await sms.send(message)
    await sms.send(message)
    const [a, b] = smsc.submits
    expect(tlvText(a!, 0x1400)).toBe(message.messageId)
    expect(tlvText(b!, 0x1400)).toBe(message.messageId)
    expect(a?.user_message_reference).toBe(b?.user_message_reference)
  })

  it('a numeric E.164 sourceAddr goes without + as TON international; registered_delivery defaults to 0', async () => {
    const sms = make({ sourceAddr: '+62318971003' })
    await sms.send(sampleNotice('sms'))
    expect(smsc.submits[0]).toMatchObject({
      source_addr: '62318971003',
      source_addr_ton: 1,
      registered_delivery: 0,
    })
  })

  it('referenceTlv: false leaves the vendor TLV out', async () => {
    const sms = make({ referenceTlv: false })
    await sms.send(sampleNotice('sms'))
    expect(tlvText(smsc.submits[0]!, 0x1400)).toBeUndefined()
  })

  it('GSM-7 text (with extension characters) goes as data_coding 0 and arrives unchanged', async () => {
    const sms = make()
    const text = 'Biaya: 0 € [gratis] {AK-1} ~ ok'
    await sms.send(sampleNotice('sms', { text }))
    const submit = smsc.submits[0]!
    expect(submit.data_coding).toBe(0)
    expect(submitText(submit)).toBe(text)
  })

  it.each([
    ['Arabic', 'مرحبا، بطاقة AK-1 جاهزة'],
    ['an emoji', 'Kartu AK-1 siap 🎉'],
  ])('non-GSM text (%s) goes as UCS-2, data_coding 8, and arrives unchanged', async (_label, text) => {
    const sms = make()
    await sms.send(sampleNotice('sms', { text }))
    const submit = smsc.submits[0]!
    expect(submit.data_coding).toBe(8)
    expect(submitText(submit)).toBe(text)
  })

  it('a text longer than one SMS goes in message_payload with an empty short_message', async () => {
    const sms = make()
    const text = `Permohonan AK-1 diterima. ${'Bawa KTP asli dan ijazah terakhir. '.repeat(6)}`.trim()
    expect(text.length).toBeGreaterThan(160)
    await sms.send(sampleNotice('sms', { text }))
    const submit = smsc.submits[0]!
    expect((submit.short_message as { message: unknown }).message).toHaveLength(0)
    expect(submitText(submit)).toBe(text)

    const ucs2 = `Kartu siap 🎉 ${'x'.repeat(80)}`
    await sms.send(sampleNotice('sms', { text: ucs2 }))
    expect(smsc.submits[1]?.data_coding).toBe(8)
    expect(submitText(smsc.submits[1]!)).toBe(ucs2)
  })

  it.each([
    [0x58, 'ESME_RTHROTTLED', true],
    [0x14, 'ESME_RMSGQFUL', true],
    [0x08, 'ESME_RSYSERR', true],
    [0x0b, 'ESME_RINVDSTADR', false],
    [0x0a, 'ESME_RINVSRCADR', false],
    [0x99, 'UNKNOWN', false],
  ])('command_status %i (%s) fails with retryable %s', async (status, name, retryable) => {
    const sms = make()
    smsc.script(status)
    const error = await rejection(sms.send(sampleNotice('sms')))
    expect(error.retryable).toBe(retryable)
    expect(error.adapterId).toBe('sms-smpp')
    if (name !== 'UNKNOWN') expect(error.message).toContain(name)
    // the session stays usable after a refused submit
    await expect(sms.send(sampleNotice('sms'))).resolves.toMatchObject({ status: 'sent' })
    expect(smsc.binds).toHaveLength(1)
  })

  it('a wrong password is a non-retryable bind failure', async () => {
    const sms = make({ password: 'salah' })
    const error = await rejection(sms.send(sampleNotice('sms')))
    expect(error.retryable).toBe(false)
    expect(error.message).toContain('ESME_RINVPASWD')
    expect(smsc.submits).toHaveLength(0)
  })

  it('reconnects after the SMSC drops the session', async () => {
    const sms = make()
    await sms.send(sampleNotice('sms'))
    await smsc.dropSessions()
    // Like the outbox: retry while the failure is retryable. Nothing else reopens the session.
    const message = sampleNotice('sms')
    let receipt: unknown
    for (let attempt = 1; attempt <= 3 && receipt === undefined; attempt++) {
      try {
        receipt = await sms.send(message)
      } catch (error) {
        expect((error as AdapterError).retryable).toBe(true)
      }
    }
    expect(receipt).toMatchObject({ status: 'sent' })
    expect(smsc.binds).toHaveLength(2)
    expect(smsc.received().map((r) => r.messageId)).toContain(message.messageId)
  })

  it('concurrent sends share one bound session', async () => {
    const sms = make()
    const receipts = await Promise.all([1, 2, 3].map(() => sms.send(sampleNotice('sms'))))
    expect(new Set(receipts.map((r) => r.providerId)).size).toBe(3)
    expect(smsc.binds).toHaveLength(1)
    expect(smsc.submits).toHaveLength(3)
  })

  it('close() unbinds and ends the session; a later send fails retryably', async () => {
    const sms = make()
    await sms.send(sampleNotice('sms'))
    expect(smsc.sessionCount()).toBe(1)
    await sms.close()
    expect(smsc.unbinds).toHaveLength(1)
    while (smsc.sessionCount() > 0) await new Promise((r) => setTimeout(r, 5))
    const error = await rejection(sms.send(sampleNotice('sms')))
    expect(error.retryable).toBe(true)
  })

  it('an SMSC that refuses the connection fails retryably', async () => {
    const probe = createServer()
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve))
    const { port } = probe.address() as AddressInfo
    await new Promise<void>((resolve) => probe.close(() => resolve()))
    const sms = make({ url: `smpp://127.0.0.1:${port}` })
    const error = await rejection(sms.send(sampleNotice('sms')))
    expect(error.retryable).toBe(true)
    await sms.close()
  })

  it('an SMSC that never answers the bind fails retryably after timeoutMs', async () => {
    const silent = createServer((socket) => socket.on('error', () => {}))
    const sockets = new Set<import('node:net').Socket>()
    silent.on('connection', (s) => sockets.add(s))
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve))
    const { port } = silent.address() as AddressInfo
    try {
      const sms = make({ url: `smpp://127.0.0.1:${port}`, timeoutMs: 150 })
      const error = await rejection(sms.send(sampleNotice('sms')))
      expect(error.retryable).toBe(true)
      expect(error.messageEn).toContain('did not answer the bind within 150 ms')
      await sms.close()
    } finally {
      for (const s of sockets) s.destroy()
      await new Promise<void>((resolve) => silent.close(() => resolve()))
    }
  })
})
