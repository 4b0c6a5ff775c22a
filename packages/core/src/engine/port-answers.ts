import { z } from 'zod'
import { AdapterError } from '../errors/errors'
import type { NoticeReceipt } from '../ports/notifier'
import type { SiprajaAccountResult, SiprajaAttachmentResult, SiprajaStatusResult } from '../ports/sipraja'

const providerId = z.string().trim().min(1).max(500)

/** A notifier's receipt, as {@link NoticeReceipt} describes it (extra keys are ignored). */
export const noticeReceiptSchema = z.object({
  providerId,
  status: z.enum(['sent', 'delivered']),
})
/** The answer of `SiprajaGateway.ensureAccount`. */
export const siprajaAccountResultSchema = z.object({ accountId: providerId, created: z.boolean() })
/** The answer of `SiprajaGateway.uploadAttachment`. */
export const siprajaAttachmentResultSchema = z.object({ attachmentId: providerId, duplicate: z.boolean() })
/** The answer of `SiprajaGateway.setStatus`. */
export const siprajaStatusResultSchema = z.object({
  status: z.string().min(1).max(500),
  changed: z.boolean(),
})

/** Answers of the delivery ports, by the name of the port method. */
const schemas = {
  send: noticeReceiptSchema,
  ensureAccount: siprajaAccountResultSchema,
  uploadAttachment: siprajaAttachmentResultSchema,
  setStatus: siprajaStatusResultSchema,
} as const

/** What each delivery port method answers. */
interface PortAnswers {
  send: NoticeReceipt
  ensureAccount: SiprajaAccountResult
  uploadAttachment: SiprajaAttachmentResult
  setStatus: SiprajaStatusResult
}

/**
 * Parses what a delivery port (notifier, SIPRAJA gateway) answered, like any input: an answer that
 * is not the port's documented shape (a receipt without `providerId`, a `status` outside
 * `sent`/`delivered`, a non-object) is never recorded as a delivery. It is a retryable
 * {@link AdapterError} naming the adapter, the method and the fields, so the row is tried again and,
 * after the last attempt, opens an incident. The values are not echoed (they may carry personal data).
 *
 * @throws {AdapterError} `retryable: true` for a malformed answer.
 * @example
 * ```ts
 * const receipt = parsePortAnswer(notifier.id, 'send', await notifier.send(message))
 * ```
 */
export function parsePortAnswer<M extends keyof PortAnswers>(
  adapterId: string,
  operation: M,
  answer: unknown,
): PortAnswers[M] {
  const result = schemas[operation].safeParse(answer)
  if (result.success) return result.data as PortAnswers[M]
  const fields = [...new Set(result.error.issues.map((i) => i.path.join('.') || '(jawaban)'))].join(', ')
  const fieldsEn = fields.replace('(jawaban)', '(answer)')
  return throwMalformed(adapterId, operation, fields, fieldsEn)
}

function throwMalformed(adapterId: string, operation: string, fields: string, fieldsEn: string): never {
  throw new AdapterError(
    `Jawaban ${adapterId} pada ${operation} tidak sesuai kontrak port (bidang tidak valid: ${fields}); pengiriman tidak dicatat dan akan dicoba lagi`,
    {
      messageEn: `The answer of ${adapterId} to ${operation} does not match the port contract (invalid fields: ${fieldsEn}); the delivery is not recorded and will be retried`,
      adapterId,
      operation,
      retryable: true,
    },
  )
}
