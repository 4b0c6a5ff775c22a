import type { NoticeMessage } from '@ak1/core'
import { AdapterError } from '@ak1/core/ports'

/** An E.164 number: `+`, a country code not starting with 0, 7 to 15 digits in all. @internal */
export const e164 = /^\+[1-9]\d{6,14}$/

/** A failed `send`, in both languages. @internal */
export function sendError(
  adapterId: string,
  retryable: boolean,
  id: string,
  en: string,
  cause?: unknown,
): AdapterError {
  return new AdapterError(`SMS ${adapterId}: ${id}`, {
    messageEn: `SMS ${adapterId}: ${en}`,
    adapterId,
    operation: 'send',
    retryable,
    cause,
  })
}

/** The error for a caller's abort: retryable, since the message may go out on the next attempt. @internal */
export function abortedError(adapterId: string, cause?: unknown): AdapterError {
  return sendError(
    adapterId,
    true,
    'pengiriman dibatalkan oleh pemanggil',
    'the caller aborted the send',
    cause,
  )
}

/**
 * Refuses, before any I/O, what no retry can fix (a channel other than `sms`, a number not in E.164)
 * and a call whose signal is already aborted. @internal
 */
export function checkMessage(
  adapterId: string,
  message: NoticeMessage,
  signal: AbortSignal | undefined,
): void {
  if (message.channel !== 'sms') {
    throw sendError(
      adapterId,
      false,
      `kanal ${String(message.channel)} tidak dilayani (hanya sms)`,
      `channel ${String(message.channel)} is not served (sms only)`,
    )
  }
  if (!e164.test(message.to)) {
    throw sendError(
      adapterId,
      false,
      'to: nomor tujuan harus berformat E.164 (+62...)',
      'to: the recipient must be an E.164 number (+62...)',
    )
  }
  if (signal?.aborted) throw abortedError(adapterId, signal.reason)
}
