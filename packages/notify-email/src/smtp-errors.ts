import { AdapterError } from '@ak1/core/ports'

/** The fields of a nodemailer error that say what went wrong. @internal */
interface MailerErrorLike {
  message?: unknown
  code?: unknown
  responseCode?: unknown
  command?: unknown
  permanent?: unknown
}

/**
 * Whether trying the same message again may succeed, after RFC 5321: a 4yz reply is transient, a
 * 5yz reply permanent, except 503 (bad sequence of commands: the session was in the wrong state,
 * not the message refused). Without a reply code, connection and timeout failures are transient;
 * configuration and message-building failures (`EENVELOPE`, `ECONFIG`, `EAUTH` without a code, ...)
 * are not. An unknown failure is transient, so that a notice is never given up on a guess.
 * @internal
 */
function isRetryableSmtpError(error: unknown): boolean {
  const e = (typeof error === 'object' && error !== null ? error : {}) as MailerErrorLike
  const reply = typeof e.responseCode === 'number' ? e.responseCode : undefined
  if (reply !== undefined && reply >= 400 && reply < 600) return reply < 500 || reply === 503
  const code = typeof e.code === 'string' ? e.code : undefined
  if (code === undefined) return e.permanent !== true
  // Connection failures (ECONNECTION, ETIMEDOUT, ESOCKET, EDNS, ETLS, EABORT, ECONNREFUSED, ...)
  // say nothing about the message, so they are transient like anything not known to be permanent.
  return !nodemailerPermanent.has(code)
}

// Nodemailer codes of failures that the same call will hit again.
const nodemailerPermanent = new Set([
  'EENVELOPE',
  'EMESSAGE',
  'EAUTH',
  'ENOAUTH',
  'EOAUTH2',
  'ECONFIG',
  'EMAXRECIPIENTS',
  'EFILEACCESS',
  'EURLACCESS',
  'EOTP',
  'EREQUIRETLS',
  'ESTREAM',
])

const emailLike = /[^\s@<>"'(),;:]+@[^\s@<>"'(),;:]+/g

/** Removes e-mail addresses from a server's text, which often quotes the recipient. @internal */
function redactAddresses(text: string): string {
  return text.replace(emailLike, '[email]')
}

/**
 * Turns a nodemailer failure into an {@link AdapterError} with `retryable` set by
 * {@link isRetryableSmtpError}. The message and the attached cause carry the server's reply with
 * e-mail addresses removed, never the recipient.
 * @internal
 */
export function toAdapterError(adapterId: string, error: unknown): AdapterError {
  const e = (typeof error === 'object' && error !== null ? error : {}) as MailerErrorLike
  const detail = redactAddresses(typeof e.message === 'string' ? e.message : String(error))
  const code = typeof e.code === 'string' ? e.code : undefined
  const reply = typeof e.responseCode === 'number' ? e.responseCode : undefined
  const tag = [code, reply, typeof e.command === 'string' ? e.command : undefined].filter(Boolean).join(' ')
  const cause = Object.assign(new Error(detail), { code, responseCode: reply, command: e.command })
  const retryable = isRetryableSmtpError(error)
  return new AdapterError(
    `Pengiriman e-mail gagal${tag ? ` (${tag})` : ''}: ${detail}${retryable ? '' : ' (tidak akan dicoba ulang)'}`,
    {
      messageEn: `Sending the e-mail failed${tag ? ` (${tag})` : ''}: ${detail}${retryable ? '' : ' (not retryable)'}`,
      adapterId,
      operation: 'send',
      retryable,
      cause,
    },
  )
}
