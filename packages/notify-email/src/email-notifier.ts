import type { NoticeMessage, NoticeReceipt, NoticeSendOptions, Notifier } from '@ak1/core/ports'
import { AdapterError } from '@ak1/core/ports'
import { createTransport } from 'nodemailer'
import { encodeMessageId } from './message-id'
import { type EmailNotifierOptions, type EmailTransport, isEmailAddress, resolveOptions } from './options'
import { toAdapterError } from './smtp-errors'

const adapterId = 'smtp'

/**
 * Creates the {@link Notifier} of the `email` channel over SMTP, with nodemailer. Each notice goes
 * out with the rendered subject, plain text and HTML, and with `Message-ID: <outbox-id@domain>`
 * (see {@link encodeMessageId}), so a resend after a crash carries the same identity as the first
 * send and the receiving side can recognise it.
 *
 * `send()` resolves once the server accepted the message (`status: 'sent'`; SMTP reports no
 * delivery), with the server's queue id as `providerId` when its reply names one (`queued as X`,
 * `id=X`), otherwise the `Message-ID`. It rejects with an `AdapterError`: retryable for 4xx replies
 * (and 503), a refused, reset or closed connection, a timeout and an aborted `signal`; not retryable
 * for 5xx replies (550 mailbox unavailable, 553 address refused, 535 bad login), a channel other
 * than `email`, and a recipient that is not one e-mail address. Error texts never hold the
 * recipient's address.
 *
 * With `smtp`, every notice opens its own connection; for volume, pass a pooled nodemailer
 * transporter as `transport` (and close it yourself).
 *
 * @throws {ConfigError} for bad options, naming them in `keys`.
 * @example
 * ```ts
 * import { createEmailNotifier } from '@ak1/notify-email'
 *
 * const email = createEmailNotifier({
 *   smtp: { host: 'smtp.example.go.id', port: 587, auth: { user: 'ak1', pass: process.env.SMTP_PASS! } },
 *   from: 'Kecamatan Balongbendo <kec.balongbendo@example.go.id>',
 * })
 * const service = createAk1Service({ standard: balongbendo, store, notifiers: [email] })
 * ```
 */
export function createEmailNotifier(options: EmailNotifierOptions): Notifier {
  const o = resolveOptions(options)
  const transport: EmailTransport =
    o.transport ??
    createTransport({
      host: o.smtp!.host,
      port: o.smtp!.port,
      secure: o.smtp!.secure,
      auth: o.smtp!.auth,
      tls: o.smtp!.tls,
      connectionTimeout: o.timeoutMs,
      greetingTimeout: o.timeoutMs,
      socketTimeout: o.timeoutMs,
      dnsTimeout: o.timeoutMs,
      // Notices are plain strings: nothing may make nodemailer read files or fetch URLs.
      disableFileAccess: true,
      disableUrlAccess: true,
    })

  return {
    id: adapterId,
    channels: ['email'],
    capabilities: { deliveryReports: false, deduplicates: false },
    async send(message: NoticeMessage, sendOptions: NoticeSendOptions = {}): Promise<NoticeReceipt> {
      const { signal } = sendOptions
      if (signal?.aborted) throw aborted('caller', o.timeoutMs)
      refuseUnusable(message)
      const messageIdHeader = encodeMessageId(message.messageId, o.messageIdDomain)

      const controller = new AbortController()
      let why: 'caller' | 'timeout' = 'caller'
      const onCallerAbort = () => controller.abort()
      signal?.addEventListener('abort', onCallerAbort, { once: true })
      const timer = setTimeout(() => {
        why = 'timeout'
        controller.abort()
      }, o.timeoutMs)
      // A transporter that ignores `signal` once it has the message must not keep the caller waiting.
      let stopWaiting: (() => void) | undefined
      const abortedWait = new Promise<never>((_, reject) => {
        stopWaiting = () => reject(aborted(why, o.timeoutMs))
        controller.signal.addEventListener('abort', stopWaiting, { once: true })
      })
      abortedWait.catch(() => undefined)
      try {
        const info = await Promise.race([
          transport.sendMail({
            from: o.from,
            to: message.to,
            replyTo: o.replyTo,
            subject: message.subject ?? '',
            text: message.text,
            html: message.html,
            messageId: messageIdHeader,
            headers: o.headers,
            signal: controller.signal,
          }),
          abortedWait,
        ])
        return {
          providerId: providerIdOf(info.response) ?? info.messageId ?? messageIdHeader,
          status: 'sent',
        }
      } catch (error) {
        if (controller.signal.aborted) throw aborted(why, o.timeoutMs)
        throw toAdapterError(adapterId, error)
      } finally {
        clearTimeout(timer)
        signal?.removeEventListener('abort', onCallerAbort)
        if (stopWaiting) controller.signal.removeEventListener('abort', stopWaiting)
      }
    },
  }
}

/** Refuses, without retry, what no SMTP server could deliver. */
function refuseUnusable(message: NoticeMessage): void {
  if (message.channel !== 'email')
    throw refused(
      `kanal ${String(message.channel)} tidak dilayani (hanya email)`,
      `channel ${String(message.channel)} is not served (email only)`,
    )
  if (typeof message.to !== 'string' || !isEmailAddress(message.to))
    throw refused('alamat penerima bukan satu alamat e-mail', 'the recipient is not one e-mail address')
  if (typeof message.messageId !== 'string' || message.messageId.length === 0)
    throw refused('messageId kosong', 'the messageId is empty')
  if (typeof message.text !== 'string')
    throw refused('isi teks pemberitahuan tidak ada', 'the notice has no text')
}

function refused(id: string, en: string): AdapterError {
  return sendFailure(`Pengiriman e-mail ditolak: ${id}`, `Sending the e-mail refused: ${en}`, false)
}

function aborted(why: 'caller' | 'timeout', timeoutMs: number): AdapterError {
  return why === 'timeout'
    ? sendFailure(
        `Server SMTP tidak selesai menerima dalam ${timeoutMs} ms`,
        `The SMTP server did not finish accepting within ${timeoutMs} ms`,
        true,
      )
    : sendFailure(
        'Pengiriman e-mail dibatalkan oleh pemanggil',
        'Sending the e-mail was aborted by the caller',
        true,
      )
}

function sendFailure(message: string, messageEn: string, retryable: boolean): AdapterError {
  return new AdapterError(message, { messageEn, adapterId, operation: 'send', retryable })
}

/** The queue id in a server's final reply (`250 2.0.0 Ok: queued as 4BcX1`, `250 OK id=1tAbc-0001`). */
function providerIdOf(response: string | undefined): string | undefined {
  if (!response) return undefined
  const match = /\bqueued as ([A-Za-z0-9._:-]+)/i.exec(response) ?? /\bid=([A-Za-z0-9._:-]+)/i.exec(response)
  return match?.[1]
}
