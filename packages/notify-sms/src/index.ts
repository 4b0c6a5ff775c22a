/**
 * `@ak1/notify-sms`: the `Notifier` of `@ak1/core` for the `sms` channel, over an HTTP SMS
 * gateway or over SMPP.
 *
 * ```sh
 * npm install @ak1/notify-sms @ak1/core
 * ```
 * ```ts
 * import { createSmsNotifier } from '@ak1/notify-sms'
 * const sms = createSmsNotifier({ http: { url: 'https://sms.example.id/v1/messages', token } })
 * const service = createAk1Service({ standard, store, notifiers: [sms] })
 * ```
 * @packageDocumentation
 */

export type { SmsFetch, SmsHttpOptions, SmsNotifierOptions, SmsSmppOptions } from './options'
export { createSmsNotifier, type SmsNotifier } from './sms-notifier'
