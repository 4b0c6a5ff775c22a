import type {
  SiprajaAccountResult,
  SiprajaAttachmentResult,
  SiprajaCallOptions,
  SiprajaGateway,
  SiprajaStatusResult,
} from '@ak1/core/ports'
import { parseOptions } from '@ak1/core/ports'
import { z } from 'zod'
import {
  accountResponseSchema,
  attachmentResponseSchema,
  isRetryableResponse,
  siprajaErrorBodySchema,
  siprajaHeaders,
  statusResponseSchema,
} from './contract'
import {
  createMobileSiprajaGateway,
  type MobileSiprajaGateway,
  type MobileSiprajaGatewayOptions,
} from './gateway-mobile'
import { noAnswer, siprajaFailure } from './mobile/client'

/** Options of {@link createSiprajaGateway}. */
export interface SiprajaGatewayOptions {
  /** The `/v1` contract of CONTRACT.md; `'mobile'` takes {@link MobileSiprajaGatewayOptions}. @default 'v1' */
  protocol?: 'v1'
  /** Base URL of the SIPRAJA API, such as `https://sipraja.example.go.id/api` (the `/v1/...` paths follow). */
  baseUrl: string
  /** Bearer token the kecamatan was given. */
  token: string
  /** The `fetch` to use (a proxy agent, a test double of the network). @default globalThis.fetch */
  fetch?: typeof globalThis.fetch
  /** Per-request timeout in milliseconds; a request that takes longer rejects retryably. @default 10000 */
  timeoutMs?: number
  /** Id for logs and errors. @default 'sipraja-http' */
  id?: string
}

const optionsSchema = z.strictObject({
  protocol: z.literal('v1').optional(),
  baseUrl: z.url({ protocol: /^https?$/ }),
  token: z.string().min(1).max(4096),
  fetch: z.custom<typeof globalThis.fetch>((v) => typeof v === 'function').optional(),
  timeoutMs: z.number().int().positive().max(600_000).optional(),
  id: z.string().min(1).optional(),
})

type Operation = 'ensureAccount' | 'uploadAttachment' | 'setStatus'

/**
 * The {@link SiprajaGateway} over SIPRAJA. With `protocol: 'mobile'`, over the endpoints SIPRAJA's
 * Android app speaks (CONTRACT.md "Mobile protocol"; a {@link MobileSiprajaGateway}); otherwise
 * over the `/v1` HTTP contract (CONTRACT.md): `PUT /v1/accounts/{nik}`,
 * `PUT /v1/layanan/{caseRef}/attachments/{sha256}`, `PUT /v1/layanan/{caseRef}/status`, each with
 * `Authorization: Bearer` and the call's `Idempotency-Key`. It passes `describeSiprajaGateway`.
 *
 * Errors are {@link AdapterError}s (`adapterId`, `operation`, the contract's error code in the
 * message): retryable for a network failure, a timeout, an abort, 408, 429, 5xx and
 * `ACCOUNT_NOT_FOUND`; not retryable for any other 4xx (400, 401, 403, 404, 409, 422) or an answer
 * that breaks the contract.
 *
 * @throws {ConfigError} naming the bad option keys.
 * @example
 * ```ts
 * import { createAk1Service, balongbendo } from '@ak1/core'
 * import { createSiprajaGateway } from '@ak1/adapter-sipraja'
 *
 * const sipraja = createSiprajaGateway({ baseUrl: 'https://sipraja.example.go.id/api', token: process.env.SIPRAJA_TOKEN! })
 * const service = createAk1Service({ standard: balongbendo, store, sipraja })
 * ```
 */
export function createSiprajaGateway(options: MobileSiprajaGatewayOptions): MobileSiprajaGateway
export function createSiprajaGateway(options: SiprajaGatewayOptions): SiprajaGateway
export function createSiprajaGateway(
  options: SiprajaGatewayOptions | MobileSiprajaGatewayOptions,
): SiprajaGateway | MobileSiprajaGateway {
  if (options.protocol === 'mobile') return createMobileSiprajaGateway(options)
  const parsed = parseOptions(optionsSchema, options, { adapter: 'createSiprajaGateway' })
  const { token, timeoutMs = 10_000, id = 'sipraja-http' } = parsed
  const doFetch = parsed.fetch ?? globalThis.fetch
  const base = parsed.baseUrl.replace(/\/+$/, '')

  const fail = siprajaFailure(id)

  async function request<S extends z.ZodType>(
    operation: Operation,
    path: string,
    init: { body: string | Uint8Array; contentType: string; headers?: Record<string, string> },
    call: SiprajaCallOptions,
    schema: S,
  ): Promise<z.output<S>> {
    if (call.signal?.aborted) {
      throw fail(operation, 'permintaan dibatalkan', 'request aborted', true, call.signal.reason)
    }
    const timeout = AbortSignal.timeout(timeoutMs)
    const signal = call.signal ? AbortSignal.any([call.signal, timeout]) : timeout
    let response: Response
    let text: string
    try {
      response = await doFetch(`${base}${path}`, {
        method: 'PUT',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': init.contentType,
          accept: 'application/json',
          [siprajaHeaders.idempotencyKey]: call.idempotencyKey,
          ...init.headers,
        },
        body: init.body as NonNullable<RequestInit['body']>,
        signal,
      })
      text = await response.text()
    } catch (error) {
      throw noAnswer(fail, operation, error, {
        timedOut: timeout.aborted,
        aborted: !!call.signal?.aborted,
        timeoutMs,
      })
    }
    let json: unknown
    try {
      json = text ? JSON.parse(text) : undefined
    } catch {
      json = undefined
    }
    if (!response.ok) {
      const body = siprajaErrorBodySchema.safeParse(json)
      const code = body.success ? body.data.error.code : `HTTP_${response.status}`
      const message = body.success ? body.data.error.message : response.statusText || 'tanpa keterangan'
      const messageEn = body.success ? (body.data.error.messageEn ?? message) : message
      throw fail(
        operation,
        `SIPRAJA menjawab ${response.status} ${code}: ${message}`,
        `SIPRAJA answered ${response.status} ${code}: ${messageEn}`,
        isRetryableResponse(response.status, code),
      )
    }
    const answer = schema.safeParse(json)
    if (!answer.success) {
      throw fail(
        operation,
        `jawaban SIPRAJA ${response.status} tidak sesuai kontrak`,
        `SIPRAJA's ${response.status} answer breaks the contract`,
        false,
        answer.error,
      )
    }
    return answer.data
  }

  const segment = (value: string) => encodeURIComponent(value)

  return {
    id,
    // The `/v1` contract takes the printed card as a file of the case (item `kartu_ak1`).
    capabilities: { resultUpload: true },
    async ensureAccount(account, call): Promise<SiprajaAccountResult> {
      const body: Record<string, string> = { nama: account.name }
      if (account.email) body.email = account.email
      if (account.mobile) body.no_hp = account.mobile
      const answer = await request(
        'ensureAccount',
        `/v1/accounts/${segment(account.nik)}`,
        { body: JSON.stringify(body), contentType: 'application/json' },
        call,
        accountResponseSchema,
      )
      return { accountId: answer.account_id, created: answer.created }
    },
    async uploadAttachment(attachment, call): Promise<SiprajaAttachmentResult> {
      const headers: Record<string, string> = { [siprajaHeaders.nik]: attachment.nik }
      if (attachment.itemId) headers[siprajaHeaders.itemId] = attachment.itemId
      const answer = await request(
        'uploadAttachment',
        `/v1/layanan/${segment(attachment.caseRef)}/attachments/${segment(attachment.sha256)}`,
        { body: attachment.bytes, contentType: attachment.contentType, headers },
        call,
        attachmentResponseSchema,
      )
      return { attachmentId: answer.attachment_id, duplicate: answer.duplicate }
    },
    async setStatus(status, call): Promise<SiprajaStatusResult> {
      const body: Record<string, string> = { nik: status.nik, status: status.status }
      if (status.note) body.note = status.note
      return request(
        'setStatus',
        `/v1/layanan/${segment(status.caseRef)}/status`,
        { body: JSON.stringify(body), contentType: 'application/json' },
        call,
        statusResponseSchema,
      )
    },
  }
}
