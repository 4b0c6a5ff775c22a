import type { NoticeMessage, NoticeReceipt, NoticeSendOptions, Notifier } from '@ak1/core/ports'
import { z } from 'zod'
import type { ResolvedHttpOptions } from './options'
import { abortedError, checkMessage, sendError } from './send-errors'

const acceptedBody = z.object({
  id: z.union([z.string().min(1), z.number()]).transform(String),
  status: z.string().optional(),
})

/** Statuses after which the same request may succeed later: timeouts, conflicts in flight, rate limits, 5xx. */
function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 425 || status === 429 || status >= 500
}

async function errorDetail(response: Response): Promise<string> {
  const text = (await response.text().catch(() => '')).trim()
  if (!text) return ''
  try {
    const body = JSON.parse(text) as { error?: unknown; message?: unknown }
    const inner = body.error
    const message =
      typeof inner === 'object' && inner !== null && 'message' in inner
        ? inner.message
        : (body.message ?? inner)
    if (typeof message === 'string' && message) return `: ${message.slice(0, 200)}`
  } catch {
    // not JSON: fall through to the raw text
  }
  return `: ${text.slice(0, 200)}`
}

/**
 * The HTTP gateway mode of {@link createSmsNotifier}: one `POST` per message, the `messageId` as both
 * `reference` and `Idempotency-Key`. @internal
 */
export function createHttpSmsNotifier(id: string, options: ResolvedHttpOptions): Notifier {
  const doFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init))

  async function send(message: NoticeMessage, sendOptions: NoticeSendOptions = {}): Promise<NoticeReceipt> {
    const { signal } = sendOptions
    checkMessage(id, message, signal)
    const timeout = AbortSignal.timeout(options.timeoutMs)
    const combined = signal ? AbortSignal.any([signal, timeout]) : timeout
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      accept: 'application/json',
      'idempotency-key': message.messageId,
    }
    if (options.token) headers.authorization = `Bearer ${options.token}`
    const body = {
      to: message.to,
      text: message.text,
      reference: message.messageId,
      ...(options.sender ? { sender: options.sender } : {}),
    }

    let response: Response
    try {
      response = await doFetch(options.url, {
        method: 'POST',
        headers,
        body: JSON.stringify(body),
        signal: combined,
      })
    } catch (error) {
      if (signal?.aborted) throw abortedError(id, error)
      if (timeout.aborted) {
        throw sendError(
          id,
          true,
          `gateway tidak menjawab dalam ${options.timeoutMs} ms`,
          `the gateway did not answer within ${options.timeoutMs} ms`,
          error,
        )
      }
      const detail = error instanceof Error ? error.message : String(error)
      throw sendError(
        id,
        true,
        `gateway tidak dapat dihubungi: ${detail}`,
        `gateway unreachable: ${detail}`,
        error,
      )
    }

    if (!response.ok) {
      const detail = await errorDetail(response)
      const retryable = isRetryableStatus(response.status)
      throw sendError(
        id,
        retryable,
        `gateway menolak dengan HTTP ${response.status}${detail}`,
        `the gateway refused with HTTP ${response.status}${detail}`,
      )
    }

    let answer: unknown
    try {
      answer = JSON.parse(await response.text())
    } catch (error) {
      if (combined.aborted) {
        throw sendError(id, true, 'jawaban gateway terputus', 'the gateway answer was cut off', error)
      }
    }
    const parsed = acceptedBody.safeParse(answer)
    if (!parsed.success) {
      // A resend with the same Idempotency-Key would get the same answer: an operator must look.
      throw sendError(
        id,
        false,
        `jawaban gateway HTTP ${response.status} tanpa id pesan (kontrak gateway dilanggar)`,
        `the gateway answered HTTP ${response.status} without a message id (gateway contract broken)`,
      )
    }
    return { providerId: parsed.data.id, status: parsed.data.status === 'delivered' ? 'delivered' : 'sent' }
  }

  return { id, channels: ['sms'], capabilities: { deduplicates: true, deliveryReports: false }, send }
}
