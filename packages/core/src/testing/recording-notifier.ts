import { z } from 'zod'
import { AdapterError, ConfigError } from '../errors/errors'
import type { NoticeMessage, NoticeReceipt, NoticeSendOptions, Notifier } from '../ports/notifier'
import { type NoticeChannel, noticeChannels } from '../standard/schema'

/** One notice the recording notifier accepted: the whole message plus the provider id it gave. */
export interface RecordedNotice extends NoticeMessage {
  providerId: string
}

/** How a failing call fails: `transient` is a retryable `AdapterError`, `permanent` is not. */
export type NotifierFailure = 'transient' | 'permanent'

/** Options of {@link createRecordingNotifier}. */
export interface RecordingNotifierOptions {
  /** @default 'recording' */
  id?: string
  /** The channels it serves. @default ['sms', 'email'] */
  channels?: NoticeChannel[]
  /** The status it reports. @default 'sent' */
  status?: 'sent' | 'delivered'
  /** The next N calls fail (with `failKind`). @default 0 */
  failNext?: number
  /** Every call fails until {@link RecordingNotifier.heal}. @default false */
  failAlways?: false | NotifierFailure
  /** How `failNext` failures fail. @default 'transient' */
  failKind?: NotifierFailure
}

/** A {@link Notifier} that records what it sends and fails on demand. */
export interface RecordingNotifier extends Notifier {
  /** Every notice accepted, in order. */
  readonly sent: RecordedNotice[]
  /** Every call, accepted or not, with its outcome. */
  readonly calls: Array<{ messageId: string; channel: string; outcome: 'sent' | 'failed' | 'hung' }>
  /** Makes the next `count` calls fail. */
  failNext(count: number, kind?: NotifierFailure): void
  /** Makes every call fail until {@link heal}. */
  failAlways(kind?: NotifierFailure): void
  /** Makes the next `count` calls hang until their `signal` aborts (then reject, retryable). */
  hangNext(count: number): void
  /** Ends every injected failure and hang. */
  heal(): void
}

const optionsSchema = z.strictObject({
  id: z.string().min(1).optional(),
  channels: z.array(z.enum(noticeChannels)).min(1).optional(),
  status: z.enum(['sent', 'delivered']).optional(),
  failNext: z.number().int().nonnegative().optional(),
  failAlways: z.union([z.literal(false), z.enum(['transient', 'permanent'])]).optional(),
  failKind: z.enum(['transient', 'permanent']).optional(),
})

const e164 = /^\+[1-9]\d{7,14}$/
const emailish = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

/**
 * A {@link Notifier} for tests: keeps every accepted notice in `sent` (channel, recipient, template,
 * message id and the rendered texts), and fails or hangs on demand. It keeps the port contract
 * (passes `describeNotifier`): an unserved channel or an unusable address is refused with a
 * non-retryable `AdapterError`, an injected transient failure is retryable.
 *
 * @example
 * ```ts
 * const notifier = createRecordingNotifier({ channels: ['sms', 'email'] })
 * notifier.failAlways('permanent')
 * // ... later
 * notifier.heal()
 * expect(notifier.sent.map((m) => m.template)).toEqual(['diterima', 'diterima'])
 * ```
 */
export function createRecordingNotifier(options: RecordingNotifierOptions = {}): RecordingNotifier {
  const parsed = optionsSchema.safeParse(options)
  if (!parsed.success) {
    const keys = [...new Set(parsed.error.issues.map((i) => i.path.join('.') || '(root)'))]
    throw new ConfigError(`Opsi createRecordingNotifier tidak valid: ${keys.join(', ')}`, {
      messageEn: `Invalid createRecordingNotifier options: ${keys.join(', ')}`,
      keys,
    })
  }
  const id = options.id ?? 'recording'
  const channels: readonly NoticeChannel[] = Object.freeze([...(options.channels ?? ['sms', 'email'])])
  const status = options.status ?? 'sent'
  let failCount = options.failNext ?? 0
  let failKind: NotifierFailure = options.failKind ?? 'transient'
  let always: false | NotifierFailure = options.failAlways ?? false
  let hangCount = 0
  let counter = 0
  const sent: RecordedNotice[] = []
  const calls: RecordingNotifier['calls'] = []

  const error = (message: string, messageEn: string, retryable: boolean) =>
    new AdapterError(message, { messageEn, adapterId: id, operation: 'send', retryable })

  return {
    id,
    channels,
    capabilities: { deliveryReports: status === 'delivered' },
    sent,
    calls,
    failNext(count, kind = 'transient') {
      failCount = count
      failKind = kind
    },
    failAlways(kind = 'transient') {
      always = kind
    },
    hangNext(count) {
      hangCount = count
    },
    heal() {
      failCount = 0
      always = false
      hangCount = 0
    },
    async send(message: NoticeMessage, callOptions: NoticeSendOptions = {}): Promise<NoticeReceipt> {
      await Promise.resolve()
      const record = (outcome: 'sent' | 'failed' | 'hung') =>
        calls.push({ messageId: message.messageId, channel: message.channel, outcome })
      if (callOptions.signal?.aborted) {
        record('failed')
        throw error('pengiriman dibatalkan', 'sending was aborted', true)
      }
      if (!channels.includes(message.channel)) {
        record('failed')
        throw error(
          `kanal ${String(message.channel)} tidak dilayani ${id}`,
          `channel ${String(message.channel)} is not served by ${id}`,
          false,
        )
      }
      const addressOk = message.channel === 'sms' ? e164.test(message.to) : emailish.test(message.to)
      if (!addressOk) {
        record('failed')
        throw error(
          `alamat tujuan ${message.channel} tidak dapat dipakai`,
          `the ${message.channel} recipient address cannot be used`,
          false,
        )
      }
      if (!message.messageId || !message.text) {
        record('failed')
        throw error('pesan tanpa messageId atau teks', 'a message without messageId or text', false)
      }
      if (hangCount > 0) {
        hangCount -= 1
        record('hung')
        await new Promise<never>((_, reject) => {
          const abort = () => reject(error('pengiriman habis waktu', 'sending timed out', true))
          if (callOptions.signal?.aborted) abort()
          callOptions.signal?.addEventListener('abort', abort, { once: true })
        })
      }
      const failing = always || (failCount > 0 ? failKind : false)
      if (failing) {
        if (!always) failCount -= 1
        record('failed')
        throw error(
          `gagal mengirim (${failing === 'permanent' ? 'ditolak penyedia' : 'gangguan sementara'})`,
          `sending failed (${failing === 'permanent' ? 'refused by the provider' : 'temporary failure'})`,
          failing === 'transient',
        )
      }
      counter += 1
      const providerId = `${id}-${counter}`
      sent.push({ ...message, providerId })
      record('sent')
      return { providerId, status }
    },
  }
}
