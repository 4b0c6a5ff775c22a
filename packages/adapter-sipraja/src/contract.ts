import { z } from 'zod'

/**
 * The error codes of the SIPRAJA HTTP contract (CONTRACT.md), each with its HTTP status and whether
 * a client may retry the same request (same `Idempotency-Key`) later.
 */
export const siprajaErrorCodes = {
  /** 400: the request breaks the contract (a malformed NIK, sha256, status or body). */
  INVALID_REQUEST: { status: 400, retryable: false },
  /** 401: no bearer token, or not the right one. */
  UNAUTHORIZED: { status: 401, retryable: false },
  /** 404: no such endpoint or case. */
  NOT_FOUND: { status: 404, retryable: false },
  /** 404: no account for the NIK yet; retryable, as an earlier write may still create it. */
  ACCOUNT_NOT_FOUND: { status: 404, retryable: true },
  /** 409: the `Idempotency-Key` was used before with a different request. */
  IDEMPOTENCY_KEY_REUSED: { status: 409, retryable: false },
  /** 413: the body is larger than the server takes. */
  PAYLOAD_TOO_LARGE: { status: 413, retryable: false },
  /** 422: an online submission breaks the application's rules (`issues` lists them). */
  VALIDATION: { status: 422, retryable: false },
  /** 429: too many requests; try again after `Retry-After` seconds. */
  RATE_LIMITED: { status: 429, retryable: true },
  /** 500: the server failed. */
  INTERNAL: { status: 500, retryable: true },
  /** 503: the server is unavailable for now. */
  UNAVAILABLE: { status: 503, retryable: true },
} as const satisfies Record<string, { status: number; retryable: boolean }>

/** An error code of the contract, such as `ACCOUNT_NOT_FOUND`. */
export type SiprajaErrorCode = keyof typeof siprajaErrorCodes

/**
 * Whether a failed response may succeed when repeated: 408, 429 and every 5xx are; other 4xx are
 * not, except `ACCOUNT_NOT_FOUND`, which an earlier pending write may resolve.
 */
export function isRetryableResponse(status: number, code?: string): boolean {
  if (code === 'ACCOUNT_NOT_FOUND') return true
  return status === 408 || status === 429 || status >= 500
}

/** The body of every error response: `{ error: { code, message, messageEn?, issues? } }`. */
export const siprajaErrorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    messageEn: z.string().optional(),
    issues: z
      .array(
        z.object({
          path: z.array(z.union([z.string(), z.number()])),
          rule: z.string(),
          message: z.string(),
          messageEn: z.string(),
        }),
      )
      .optional(),
  }),
})
/** An error response body. */
export type SiprajaErrorBody = z.infer<typeof siprajaErrorBodySchema>

const nik = z.string().regex(/^\d{16}$/, 'nik harus 16 angka')

/** Body of `PUT /v1/accounts/{nik}`. */
export const accountRequestSchema = z.strictObject({
  nama: z.string().trim().min(1, 'nama wajib diisi').max(100),
  email: z.string().trim().max(254).optional(),
  /** E.164 (`+628...`). */
  no_hp: z.string().trim().max(20).optional(),
})
/** Answer of `PUT /v1/accounts/{nik}` (201 created, 200 existing). */
export const accountResponseSchema = z.object({
  account_id: z.string().min(1),
  nik,
  created: z.boolean(),
})

/** Answer of `PUT /v1/layanan/{caseRef}/attachments/{sha256}` (201 stored, 200 duplicate). */
export const attachmentResponseSchema = z.object({
  attachment_id: z.string().min(1),
  sha256: z.string(),
  duplicate: z.boolean(),
})

/** Body of `PUT /v1/layanan/{caseRef}/status`. */
export const statusRequestSchema = z.strictObject({
  nik,
  /** The label applicants see, from the standard: `Belum Dikirim`, `Menunggu`, `Ditolak`, `Bisa Diambil`... */
  status: z.string().trim().min(1, 'status wajib diisi').max(60),
  /** A note shown with the status (SIPRAJA's `keterangan`). */
  note: z.string().max(1000).optional(),
  /** Who set it (SIPRAJA's `author_type`). @default 'kecamatan' */
  role: z.string().trim().min(1).max(40).optional(),
})
/** Answer of `PUT /v1/layanan/{caseRef}/status`. */
export const statusResponseSchema = z.object({
  status: z.string().min(1),
  changed: z.boolean(),
})

/** Header names of the contract. */
export const siprajaHeaders = {
  idempotencyKey: 'idempotency-key',
  /** The applicant's NIK on an attachment upload (the body is the file). */
  nik: 'x-sipraja-nik',
  /** The checklist item an attachment documents, such as `ijazah:sma`. */
  itemId: 'x-sipraja-item',
  /** `true` on an answer repeated from the first request with the same key. */
  replayed: 'idempotent-replayed',
} as const

/** Longest `Idempotency-Key` the contract takes. */
export const maxIdempotencyKeyLength = 255
