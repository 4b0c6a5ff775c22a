import type { Locale } from '../errors/errors'
import type { NoticeChannel } from '../standard/schema'

/**
 * One rendered notice, ready to send. It carries the personal data it needs (`to`, the text) only
 * for the time of the call: nothing of it is stored by core.
 */
export interface NoticeMessage {
  /**
   * The outbox row id: stable across retries, so a resend after a crash between sending and
   * recording is recognisable at the provider (e-mail `Message-ID`, SMS client reference).
   */
  messageId: string
  channel: NoticeChannel
  /** E.164 mobile number (`+628...`) for `sms`, an e-mail address for `email`. */
  to: string
  /** The template id, such as `diterima` or `kartu_siap`. */
  template: string
  locale: Locale
  /** E-mail subject; absent for SMS. */
  subject?: string
  /** Plain text: the SMS body, or the e-mail's text part. */
  text: string
  /** E-mail HTML part; absent for SMS. */
  html?: string
  /** The case the notice is about (for the provider's metadata and logs). */
  caseId: string
}

/** What a provider answered for one sent notice. */
export interface NoticeReceipt {
  /** The provider's id of the message (SMTP queue id, SMS gateway message id). Never empty. */
  providerId: string
  /** `delivered` only where the channel reports delivery synchronously; otherwise `sent`. */
  status: 'sent' | 'delivered'
}

/** Per-call options of {@link Notifier.send}. */
export interface NoticeSendOptions {
  /** Aborted when the caller gives up (the outbox runner's `callTimeoutMs`); stop and reject. */
  signal?: AbortSignal
}

/** Optional behaviour a notifier declares instead of being probed. */
export interface NotifierCapabilities {
  /** The provider reports delivery (not only acceptance). */
  deliveryReports?: boolean
  /** The provider recognises a repeated `messageId` and does not deliver it twice. */
  deduplicates?: boolean
}

/**
 * Sends notices (e-mail, SMS) to applicants and to the office. `describeNotifier` from
 * `@ak1/core/conformance` checks exactly this contract.
 *
 * @example
 * ```ts
 * const notifier: Notifier = createEmailNotifier({ transport, from: 'kec@example.go.id' })
 * await notifier.send({ messageId: 'ob_1', channel: 'email', to: 'a@example.com', template: 'diterima',
 *   locale: 'id', subject: 'Permohonan diterima', text: '...', caseId: 'c_1' })
 * ```
 */
export interface Notifier {
  /** Stable id for logs and errors, such as `smtp` or `sms-http`. */
  readonly id: string
  /** The channels it serves; the outbox runner routes each notice to a notifier serving its channel. */
  readonly channels: readonly NoticeChannel[]
  /** @default {} */
  readonly capabilities?: NotifierCapabilities
  /**
   * Sends one message and resolves once the provider accepted it, with the provider's id.
   * The `messageId` reaches the provider unchanged, so that two sends of the same message carry the
   * same identity. Without a crash the caller never sends the same `messageId` twice.
   *
   * @throws {AdapterError} with `retryable: true` when trying again may help (network failure,
   * timeout, rate limit, provider 4xx-temporary / 5xx), `retryable: false` when it cannot (a channel
   * it does not serve, an address the provider refuses, a message it rejects as malformed).
   */
  send(message: NoticeMessage, options?: NoticeSendOptions): Promise<NoticeReceipt>
}
