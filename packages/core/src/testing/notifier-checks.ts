import { expect } from 'vitest'
import type { Notifier } from '../ports/notifier'
import type { NoticeChannel } from '../standard/schema'
import { expectAdapterError } from './conformance-suite'
import { sampleNotice, sampleRecipients } from './sample-notice'

/** A notice as it reached the far side (the SMTP server, the SMS gateway), for the checks to compare. */
export interface ReceivedNotice {
  channel: NoticeChannel
  to: string
  /** The message id the far side received (e-mail `Message-ID` / header, SMS client reference). */
  messageId: string
  text?: string
  subject?: string
  html?: string
}

/** What a notifier test gives the checks: the notifier and a view of what arrived at the far side. */
export interface NotifierHarness {
  notifier: Notifier
  /** Everything that reached the far side so far, oldest first. */
  received(): Promise<ReceivedNotice[]> | ReceivedNotice[]
  /** Runs after each test. */
  cleanup?: () => Promise<void>
}

/** One named check of the {@link Notifier} contract. */
export interface NotifierCheck {
  /** What must hold, as a sentence (the test name). */
  name: string
  /** Resolves when the harness (fresh, nothing sent yet) keeps the contract; throws otherwise. */
  run(harness: NotifierHarness): Promise<void>
}

const check = (name: string, run: (h: NotifierHarness) => Promise<void>): NotifierCheck => ({ name, run })

/**
 * Every check of the {@link Notifier} contract, as plain named async functions. `describeNotifier`
 * registers each as a test; they can also run directly, e.g. to prove that a broken notifier fails.
 */
export function notifierChecks(): NotifierCheck[] {
  return [
    check('has an id and serves at least one channel', async ({ notifier }) => {
      expect(typeof notifier.id).toBe('string')
      expect(notifier.id.length).toBeGreaterThan(0)
      expect(notifier.channels.length).toBeGreaterThan(0)
      for (const c of notifier.channels) expect(['sms', 'email']).toContain(c)
    }),
    check('send() resolves with a providerId and status sent or delivered on every channel', async (h) => {
      for (const channel of h.notifier.channels) {
        const receipt = await h.notifier.send(sampleNotice(channel))
        expect(typeof receipt.providerId).toBe('string')
        expect(receipt.providerId.length).toBeGreaterThan(0)
        expect(['sent', 'delivered']).toContain(receipt.status)
      }
    }),
    check('the far side receives the messageId, recipient and text unchanged', async (h) => {
      const sentMessages = h.notifier.channels.map((channel) => sampleNotice(channel))
      for (const message of sentMessages) await h.notifier.send(message)
      const received = await h.received()
      for (const message of sentMessages) {
        const got = received.find((r) => r.messageId === message.messageId)
        expect(got, `message ${message.messageId} arrived with its messageId`).toBeDefined()
        expect(got?.channel).toBe(message.channel)
        expect(got?.to).toBe(message.to)
        expect(got?.text?.trim()).toBe(message.text)
        if (message.channel === 'email') {
          expect(got?.subject).toBe(message.subject)
          expect(got?.html).toContain('AK1-TEST-')
        }
      }
    }),
    check('a resend of the same messageId arrives with the same messageId (recognisable)', async (h) => {
      const channel = h.notifier.channels[0]!
      const message = sampleNotice(channel)
      await h.notifier.send(message)
      await h.notifier.send(message)
      const received = (await h.received()).filter((r) => r.messageId === message.messageId)
      expect(received.length).toBeGreaterThanOrEqual(1)
      expect(received.length).toBeLessThanOrEqual(2)
    }),
    check('two different messages get different providerIds', async (h) => {
      const channel = h.notifier.channels[0]!
      const a = await h.notifier.send(sampleNotice(channel))
      const b = await h.notifier.send(sampleNotice(channel))
      expect(a.providerId).not.toBe(b.providerId)
    }),
    check('send() refuses a channel it does not serve with a non-retryable AdapterError', async (h) => {
      const unserved = (['sms', 'email'] as const).find((c) => !h.notifier.channels.includes(c))
      const message = sampleNotice(h.notifier.channels[0]!, {
        channel: (unserved ?? 'fax') as NoticeChannel,
        to: unserved ? sampleRecipients[unserved] : 'fax:0318971003',
      })
      await expectAdapterError(h.notifier.send(message), false)
      expect((await h.received()).some((r) => r.messageId === message.messageId)).toBe(false)
    }),
    check('send() refuses an unusable address with a non-retryable AdapterError', async (h) => {
      for (const channel of h.notifier.channels) {
        const message = sampleNotice(channel, { to: channel === 'sms' ? 'bukan-nomor' : 'bukan-alamat' })
        await expectAdapterError(h.notifier.send(message), false)
      }
    }),
    check(
      'send() with an aborted signal rejects with a retryable AdapterError and delivers nothing',
      async (h) => {
        const message = sampleNotice(h.notifier.channels[0]!)
        const controller = new AbortController()
        controller.abort()
        await expectAdapterError(h.notifier.send(message, { signal: controller.signal }), true)
        expect((await h.received()).some((r) => r.messageId === message.messageId)).toBe(false)
      },
    ),
  ]
}
