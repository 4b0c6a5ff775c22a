import type { Notifier } from '@ak1/core/ports'
import { createHttpSmsNotifier } from './http-notifier'
import { resolveOptions, type SmsNotifierOptions } from './options'
import { createSmppSmsNotifier } from './smpp-notifier'

/**
 * A {@link Notifier} for the `sms` channel, plus `close()`.
 *
 * `send` refuses, without contacting the provider and with `retryable: false`, a channel other
 * than `sms` and a `to` that is not E.164; a caller's abort, a timeout, a network failure or a
 * temporary provider refusal fail with `retryable: true`. The receipt's `providerId` is the
 * gateway's message id or the SMSC's `message_id`.
 */
export interface SmsNotifier extends Notifier {
  /**
   * Releases the connection: unbinds and closes the SMPP session (a no-op in HTTP mode). Sends
   * after `close()` fail with a retryable `AdapterError`.
   */
  close(): Promise<void>
}

/**
 * Creates the SMS {@link Notifier}: over an HTTP gateway that follows the small contract in the
 * README, or over SMPP 3.4 (`bind_transceiver`, `submit_sm`). The outbox row id (`messageId`)
 * reaches the provider as the HTTP `reference` and `Idempotency-Key`, or in SMPP as a vendor TLV
 * (and, shortened to 16 bits, as `user_message_reference`).
 *
 * @throws {ConfigError} when the options are invalid, naming the bad keys (`http.url`, ...).
 *
 * @example
 * ```ts
 * import { createSmsNotifier } from '@ak1/notify-sms'
 *
 * const sms = createSmsNotifier({
 *   http: { url: 'https://sms.example.id/v1/messages', token: process.env.SMS_TOKEN, sender: 'KEC-BLB' },
 * })
 * // or: createSmsNotifier({ smpp: { url: 'smpp://smsc.example.id:2775', systemId: 'kecblb',
 * //   password: process.env.SMPP_PASSWORD!, sourceAddr: 'KEC-BLB' } })
 * const service = createAk1Service({ standard, store, notifiers: [sms] })
 * // on shutdown:
 * await sms.close()
 * ```
 */
export function createSmsNotifier(options: SmsNotifierOptions): SmsNotifier {
  const resolved = resolveOptions(options)
  if (resolved.mode === 'smpp') return createSmppSmsNotifier(resolved.id, resolved.smpp)
  const notifier = createHttpSmsNotifier(resolved.id, resolved.http)
  return { ...notifier, close: async () => {} }
}
