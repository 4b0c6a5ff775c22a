import { type AdapterError, isAk1Error } from '@ak1/core/ports'
import { sampleNotice } from '@ak1/core/testing'
import { createTransport } from 'nodemailer'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createEmailNotifier } from '../src/index'
import { closedPort, type RawServer, type SmtpSink, startRawServer, startSmtpSink } from './support/smtp-sink'

const from = 'Kecamatan Balongbendo <kec.balongbendo@example.go.id>'
const open: { close(): Promise<void> }[] = []

afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()))
})

async function sink(options?: Parameters<typeof startSmtpSink>[0]): Promise<SmtpSink> {
  const s = await startSmtpSink(options)
  open.push(s)
  return s
}

async function raw(mode: 'hang-up' | 'silent'): Promise<RawServer> {
  const s = await startRawServer(mode)
  open.push(s)
  return s
}

async function rejection(promise: Promise<unknown>): Promise<AdapterError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error, 'the send should reject').toBeDefined()
  expect(isAk1Error(error)).toBe(true)
  expect((error as AdapterError).code).toBe('ADAPTER')
  expect((error as AdapterError).adapterId).toBe('smtp')
  expect((error as AdapterError).operation).toBe('send')
  return error as AdapterError
}

describe('createEmailNotifier against a real smtp-server', () => {
  it('sets Message-ID to <outbox id@domain of from>, and a resend carries the same Message-ID', async () => {
    const server = await sink()
    const notifier = createEmailNotifier({ smtp: { host: '127.0.0.1', port: server.port }, from })
    const message = sampleNotice('email', { messageId: 'c_01HZX.7.2' })
    await notifier.send(message)
    await notifier.send(message)
    const headers = server.messages().map((m) => m.parsed.header('message-id'))
    expect(headers).toEqual(['<c_01HZX.7.2@example.go.id>', '<c_01HZX.7.2@example.go.id>'])
  })

  it('uses the configured messageIdDomain', async () => {
    const server = await sink()
    const notifier = createEmailNotifier({
      smtp: { host: '127.0.0.1', port: server.port },
      from,
      messageIdDomain: 'ak1.local',
    })
    await notifier.send(sampleNotice('email', { messageId: 'c_9.1.1' }))
    expect(server.messages()[0]?.parsed.header('message-id')).toBe('<c_9.1.1@ak1.local>')
  })

  it('sends subject, a text part and an HTML part as multipart/alternative, with From, Reply-To and extra headers', async () => {
    const server = await sink()
    const notifier = createEmailNotifier({
      smtp: { host: '127.0.0.1', port: server.port },
      from,
      replyTo: { name: 'Pelayanan', address: 'pelayanan@example.go.id' },
      headers: { 'X-Kecamatan': 'Balongbendo' },
    })
    const message = sampleNotice('email', {
      subject: 'Kartu AK-1 siap diambil – Ibu Siti Aisyah',
      text: 'Kartu AK-1 Anda siap.\nSilakan datang ke Kantor Kecamatan Balongbendo, Senin–Jumat 08.00–14.00.',
      html: '<p>Kartu AK-1 Anda <b>siap</b>. Datang Senin–Jumat.</p>',
    })
    await notifier.send(message)
    const [mail] = server.messages()
    expect(mail?.parsed.contentType).toBe('multipart/alternative')
    expect(mail?.parsed.subject).toBe(message.subject)
    expect(mail?.parsed.text?.replace(/\r\n/g, '\n').trim()).toBe(message.text)
    expect(mail?.parsed.html?.trim()).toBe(message.html)
    expect(mail?.parsed.header('from')).toBe(from)
    expect(mail?.parsed.header('reply-to')).toBe('Pelayanan <pelayanan@example.go.id>')
    expect(mail?.parsed.header('x-kecamatan')).toBe('Balongbendo')
    expect(mail?.envelope).toEqual({ from: 'kec.balongbendo@example.go.id', to: [message.to] })
  })

  it("returns the server's queue id as providerId when its reply names one, else the Message-ID", async () => {
    const postfix = await sink({ accepted: (n) => `2.0.0 Ok: queued as 4Bc${n}Xy` })
    const named = createEmailNotifier({ smtp: { host: '127.0.0.1', port: postfix.port }, from })
    expect(await named.send(sampleNotice('email'))).toEqual({ providerId: '4Bc1Xy', status: 'sent' })

    const plain = await sink({ accepted: () => 'OK' })
    const unnamed = createEmailNotifier({ smtp: { host: '127.0.0.1', port: plain.port }, from })
    const receipt = await unnamed.send(sampleNotice('email', { messageId: 'c_5.2.1' }))
    expect(receipt).toEqual({ providerId: '<c_5.2.1@example.go.id>', status: 'sent' })
  })

  it('maps 550 mailbox unavailable at RCPT TO to a non-retryable AdapterError without the address in its text', async () => {
    const server = await sink({
      rcpt: (address) => ({
        code: 550,
        text: `5.1.1 <${address}>: Recipient address rejected: mailbox unavailable`,
      }),
    })
    const notifier = createEmailNotifier({ smtp: { host: '127.0.0.1', port: server.port }, from })
    const message = sampleNotice('email', { to: 'siti.aisyah@example.com' })
    const error = await rejection(notifier.send(message))
    expect(error.retryable).toBe(false)
    expect(error.message).toContain('550')
    expect(`${error.message} ${error.messageEn} ${(error.cause as Error).message}`).not.toContain(
      'siti.aisyah',
    )
    expect(server.messages()).toHaveLength(0)
  })

  it('maps 553 (address not allowed) to a non-retryable AdapterError', async () => {
    const server = await sink({ rcpt: () => ({ code: 553, text: '5.1.3 Mailbox name not allowed' }) })
    const notifier = createEmailNotifier({ smtp: { host: '127.0.0.1', port: server.port }, from })
    expect((await rejection(notifier.send(sampleNotice('email')))).retryable).toBe(false)
  })

  it('maps 451 (local error, try later) at RCPT TO to a retryable AdapterError', async () => {
    const server = await sink({ rcpt: () => ({ code: 451, text: '4.3.0 Temporary lookup failure' }) })
    const notifier = createEmailNotifier({ smtp: { host: '127.0.0.1', port: server.port }, from })
    const error = await rejection(notifier.send(sampleNotice('email')))
    expect(error.retryable).toBe(true)
    expect(error.message).toContain('451')
    expect(server.messages()).toHaveLength(0)
  })

  it('maps a 452 after DATA to retryable and a 554 after DATA to non-retryable', async () => {
    const busy = await sink({ data: () => ({ code: 452, text: '4.3.1 Insufficient system storage' }) })
    const a = createEmailNotifier({ smtp: { host: '127.0.0.1', port: busy.port }, from })
    expect((await rejection(a.send(sampleNotice('email')))).retryable).toBe(true)

    const spam = await sink({ data: () => ({ code: 554, text: '5.7.1 Message rejected as spam' }) })
    const b = createEmailNotifier({ smtp: { host: '127.0.0.1', port: spam.port }, from })
    expect((await rejection(b.send(sampleNotice('email')))).retryable).toBe(false)
  })

  it('maps a server that closes the connection at once to a retryable AdapterError', async () => {
    const server = await raw('hang-up')
    const notifier = createEmailNotifier({ smtp: { host: '127.0.0.1', port: server.port }, from })
    expect((await rejection(notifier.send(sampleNotice('email')))).retryable).toBe(true)
    expect(server.connections()).toBe(1)
  })

  it('maps a refused connection to a retryable AdapterError', async () => {
    const notifier = createEmailNotifier({ smtp: { host: '127.0.0.1', port: await closedPort() }, from })
    expect((await rejection(notifier.send(sampleNotice('email')))).retryable).toBe(true)
  })

  it('gives up on a server that never greets after timeoutMs, with a retryable AdapterError', async () => {
    const server = await raw('silent')
    const notifier = createEmailNotifier({
      smtp: { host: '127.0.0.1', port: server.port },
      from,
      timeoutMs: 200,
    })
    const error = await rejection(notifier.send(sampleNotice('email')))
    expect(error.retryable).toBe(true)
    expect(error.messageEn).toMatch(/within 200 ms|ETIMEDOUT/)
  })

  it('stops a send in progress when the signal aborts, with a retryable AdapterError', async () => {
    const server = await raw('silent')
    const notifier = createEmailNotifier({ smtp: { host: '127.0.0.1', port: server.port }, from })
    const controller = new AbortController()
    const sending = notifier.send(sampleNotice('email'), { signal: controller.signal })
    await vi.waitFor(() => expect(server.connections()).toBe(1))
    controller.abort()
    const error = await rejection(sending)
    expect(error.retryable).toBe(true)
    expect(error.messageEn).toContain('aborted by the caller')
  })

  it('logs in with smtp.auth on a server that requires it', async () => {
    const server = await sink({ auth: { user: 'ak1', pass: 'rahasia-kecamatan' } })
    const notifier = createEmailNotifier({
      smtp: { host: '127.0.0.1', port: server.port, auth: { user: 'ak1', pass: 'rahasia-kecamatan' } },
      from,
    })
    await notifier.send(sampleNotice('email'))
    expect(server.messages().map((m) => m.user)).toEqual(['ak1'])
  })

  it('maps a wrong password (535) and a missing login (530) to non-retryable AdapterErrors', async () => {
    const server = await sink({ auth: { user: 'ak1', pass: 'rahasia-kecamatan' } })
    const wrong = createEmailNotifier({
      smtp: { host: '127.0.0.1', port: server.port, auth: { user: 'ak1', pass: 'salah' } },
      from,
    })
    const bad = await rejection(wrong.send(sampleNotice('email')))
    expect(bad.retryable).toBe(false)
    expect(bad.message).toContain('535')
    expect(bad.message).not.toContain('salah')

    const anonymous = createEmailNotifier({ smtp: { host: '127.0.0.1', port: server.port }, from })
    expect((await rejection(anonymous.send(sampleNotice('email')))).retryable).toBe(false)
    expect(server.messages()).toHaveLength(0)
  })

  it('refuses a recipient list or a header injection in `to` without contacting the server', async () => {
    const server = await sink()
    const notifier = createEmailNotifier({ smtp: { host: '127.0.0.1', port: server.port }, from })
    for (const to of [
      'a@example.com, b@example.com',
      'a@example.com\r\nBcc: c@example.com',
      'Siti <a@example.com>',
    ]) {
      expect((await rejection(notifier.send(sampleNotice('email', { to })))).retryable).toBe(false)
    }
    expect(server.messages()).toHaveLength(0)
  })

  it('sends through an injected nodemailer transporter', async () => {
    const server = await sink()
    const transport = createTransport({ host: '127.0.0.1', port: server.port, secure: false })
    const notifier = createEmailNotifier({ transport, from: 'kec@example.go.id' })
    const message = sampleNotice('email', { messageId: 'c_7.1.1' })
    await notifier.send(message)
    expect(server.received()).toMatchObject([
      { messageId: 'c_7.1.1', to: message.to, subject: message.subject },
    ])
    transport.close()
  })
})
