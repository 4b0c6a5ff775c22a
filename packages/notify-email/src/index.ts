/**
 * `@ak1/notify-email`: the `Notifier` of `@ak1/core` for the `email` channel, over SMTP with
 * nodemailer.
 *
 * ```sh
 * npm install @ak1/notify-email @ak1/core
 * ```
 * ```ts
 * import { createEmailNotifier } from '@ak1/notify-email'
 * const email = createEmailNotifier({ smtp: { host: 'smtp.example.go.id', port: 587 }, from: 'kec@example.go.id' })
 * const service = createAk1Service({ standard: balongbendo, store, notifiers: [email] })
 * ```
 * @packageDocumentation
 */
export { createEmailNotifier } from './email-notifier'
export { decodeMessageId, encodeMessageId } from './message-id'
export type {
  EmailAddress,
  EmailNotifierCommonOptions,
  EmailNotifierOptions,
  EmailTransport,
  SmtpOptions,
} from './options'
