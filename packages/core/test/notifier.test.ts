import { describe, expect, it } from 'vitest'
import {
  describeNotifier,
  type NotifierHarness,
  notifierChecks,
  type ReceivedNotice,
} from '../src/conformance/index'
import type { NoticeMessage, Notifier } from '../src/ports/notifier'
import { createRecordingNotifier, type RecordingNotifier, sampleNotice } from '../src/testing/index'

const receivedBy = (n: RecordingNotifier) => (): ReceivedNotice[] =>
  n.sent.map((m) => ({
    channel: m.channel,
    to: m.to,
    messageId: m.messageId,
    text: m.text,
    ...(m.subject ? { subject: m.subject } : {}),
    ...(m.html ? { html: m.html } : {}),
  }))

function harness(notifier: RecordingNotifier, wrap?: (n: RecordingNotifier) => Notifier): NotifierHarness {
  return { notifier: wrap ? wrap(notifier) : notifier, received: receivedBy(notifier) }
}

describeNotifier({
  name: 'recording (sms and email)',
  create: async () => harness(createRecordingNotifier()),
})
describeNotifier({
  name: 'recording (sms only)',
  create: async () => harness(createRecordingNotifier({ channels: ['sms'], status: 'delivered' })),
})

/** The names of the checks a notifier fails, each check on a fresh instance. */
async function failedChecks(make: () => NotifierHarness): Promise<string[]> {
  const failed: string[] = []
  for (const check of notifierChecks()) {
    try {
      await check.run(make())
    } catch {
      failed.push(check.name)
    }
  }
  return failed
}

describe('describeNotifier catches broken notifiers', () => {
  it('passes every check with the recording notifier', async () => {
    expect(await failedChecks(() => harness(createRecordingNotifier()))).toEqual([])
  })

  it('fails a notifier that drops the messageId', async () => {
    const failed = await failedChecks(() =>
      harness(createRecordingNotifier(), (n) => ({
        id: n.id,
        channels: n.channels,
        send: (m: NoticeMessage, o) => n.send({ ...m, messageId: `provider-${Math.random()}` }, o),
      })),
    )
    expect(failed).toContain('the far side receives the messageId, recipient and text unchanged')
    expect(failed).toContain('a resend of the same messageId arrives with the same messageId (recognisable)')
  })

  it('fails a notifier that calls every error retryable', async () => {
    const failed = await failedChecks(() =>
      harness(createRecordingNotifier({ channels: ['email'] }), (n) => ({
        id: n.id,
        channels: n.channels,
        send: async (m: NoticeMessage, o) => {
          try {
            return await n.send(m, o)
          } catch (e) {
            Object.defineProperty(e, 'retryable', { value: true })
            throw e
          }
        },
      })),
    )
    expect(failed).toEqual([
      'send() refuses a channel it does not serve with a non-retryable AdapterError',
      'send() refuses an unusable address with a non-retryable AdapterError',
    ])
  })

  it('fails a notifier that ignores the abort signal and one that returns no providerId', async () => {
    const deaf = await failedChecks(() =>
      harness(createRecordingNotifier(), (n) => ({ id: n.id, channels: n.channels, send: (m) => n.send(m) })),
    )
    expect(deaf).toEqual([
      'send() with an aborted signal rejects with a retryable AdapterError and delivers nothing',
    ])
    const anonymous = await failedChecks(() =>
      harness(createRecordingNotifier(), (n) => ({
        id: n.id,
        channels: n.channels,
        send: async (m, o) => ({ ...(await n.send(m, o)), providerId: '' }),
      })),
    )
    expect(anonymous).toContain(
      'send() resolves with a providerId and status sent or delivered on every channel',
    )
  })
})

describe('createRecordingNotifier', () => {
  it('records every accepted notice with its texts and message id', async () => {
    const n = createRecordingNotifier()
    const message = sampleNotice('email')
    await expect(n.send(message)).resolves.toEqual({ providerId: 'recording-1', status: 'sent' })
    expect(n.sent).toEqual([{ ...message, providerId: 'recording-1' }])
  })

  it('fails the next calls transiently, then always permanently, until healed', async () => {
    const n = createRecordingNotifier({ failNext: 2 })
    await expect(n.send(sampleNotice('sms'))).rejects.toMatchObject({ code: 'ADAPTER', retryable: true })
    await expect(n.send(sampleNotice('sms'))).rejects.toMatchObject({ retryable: true })
    await n.send(sampleNotice('sms'))
    n.failAlways('permanent')
    for (let i = 0; i < 3; i++) {
      await expect(n.send(sampleNotice('sms'))).rejects.toMatchObject({ retryable: false })
    }
    n.heal()
    await n.send(sampleNotice('sms'))
    expect(n.sent).toHaveLength(2)
    expect(n.calls.map((c) => c.outcome)).toEqual([
      'failed',
      'failed',
      'sent',
      'failed',
      'failed',
      'failed',
      'sent',
    ])
  })

  it('hangs until the signal aborts, then rejects retryably without recording', async () => {
    const n = createRecordingNotifier()
    n.hangNext(1)
    const controller = new AbortController()
    const pending = n.send(sampleNotice('sms'), { signal: controller.signal })
    await new Promise((r) => setTimeout(r, 1))
    controller.abort()
    await expect(pending).rejects.toMatchObject({ retryable: true })
    expect(n.sent).toHaveLength(0)
  })

  it('refuses bad options with ConfigError naming the key', () => {
    expect(() => createRecordingNotifier({ channels: ['fax' as 'sms'] })).toThrow(/channels/)
  })
})
