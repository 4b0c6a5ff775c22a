/**
 * Options of every SIPRAJA write. The key is the outbox row id (with a suffix per item for a row
 * that makes several calls): the gateway sends it with the request, and SIPRAJA applies a key once.
 */
export interface SiprajaCallOptions {
  /** Stable across retries; a repeated key is recognised and not applied twice. */
  idempotencyKey: string
  /** Aborted when the caller gives up (the outbox runner's `callTimeoutMs`); stop and reject. */
  signal?: AbortSignal
}

/** The applicant's SIPRAJA account, keyed by NIK. */
export interface SiprajaAccountInput {
  /** 16-digit NIK. */
  nik: string
  /** Full name as on the KTP. */
  name: string
  email?: string
  /** E.164 (`+628...`). */
  mobile?: string
}

/** Result of {@link SiprajaGateway.ensureAccount}. */
export interface SiprajaAccountResult {
  /** SIPRAJA's id of the account. */
  accountId: string
  /** `true` when this call (or the first call with this key) created it; `false` when it existed. */
  created: boolean
}

/** One file uploaded to the applicant's case in SIPRAJA. */
export interface SiprajaAttachmentInput {
  nik: string
  /** The case's tracking code. */
  caseRef: string
  /** Hex SHA-256 of `bytes`. */
  sha256: string
  contentType: string
  bytes: Uint8Array
  /** The checklist item it documents, e.g. `ijazah:sma`. */
  itemId?: string
}

/** Result of {@link SiprajaGateway.uploadAttachment}. */
export interface SiprajaAttachmentResult {
  /** SIPRAJA's id of the stored file. */
  attachmentId: string
  /** `true` when SIPRAJA already held this file for the case (same key or same sha256). */
  duplicate: boolean
}

/** A case status as applicants see it in SIPRAJA. */
export interface SiprajaStatusInput {
  nik: string
  /** The case's tracking code. */
  caseRef: string
  /** The label, from the standard's `siprajaStatus`, such as `Menunggu` or `Bisa Diambil`. */
  status: string
  /** A note shown with the status: the reason of a rejection or withdrawal (no personal data). */
  note?: string
  /** The state the case entered (a step id of the standard, or a final state). */
  step?: string
}

/** Result of {@link SiprajaGateway.setStatus}. */
export interface SiprajaStatusResult {
  /** The status SIPRAJA now shows. */
  status: string
  /** `false` when SIPRAJA already showed it. */
  changed: boolean
}

/**
 * The SIPRAJA portal of Kabupaten Sidoarjo, as the engine writes to it: the applicant's account,
 * the scanned files, the status the applicant sees. Every write takes an idempotency key.
 * `describeSiprajaGateway` from `@ak1/core/conformance` checks exactly this contract.
 *
 * Errors: every method throws {@link AdapterError} on failure, `retryable: true` when trying again
 * may help (network failure, timeout, 5xx, 429, an account another pending write will create),
 * `retryable: false` when it cannot (a request SIPRAJA refuses as invalid, 4xx).
 *
 * @example
 * ```ts
 * const sipraja: SiprajaGateway = createSiprajaGateway({ baseUrl, token })
 * await sipraja.ensureAccount({ nik, name }, { idempotencyKey: 'ob_1' })
 * ```
 */
export interface SiprajaGateway {
  /** Stable id for logs and errors, such as `sipraja-http`. */
  readonly id: string
  /**
   * `true` for a gateway that maps steps to SIPRAJA's approval chain: the engine then calls
   * `setStatus` (with `step`) at every step the case enters once the account exists, not only when
   * the label changes, and sends every such row in order (none is skipped as superseded by a
   * later one). @default false
   */
  readonly statusAtEveryStep?: boolean
  /**
   * Optional behaviour. `resultUpload`: SIPRAJA takes the service's result (the printed AK-1 card's
   * PDF) as a file on the case, as the `/v1` contract does; the print step then queues its upload.
   * SIPRAJA's own mobile protocol prints its own AK1 and declares none.
   */
  readonly capabilities?: { readonly resultUpload?: boolean }
  /**
   * Creates the applicant's account if none exists for the NIK; otherwise leaves it as it is.
   * Repeating a key returns the first answer without a second effect.
   */
  ensureAccount(account: SiprajaAccountInput, options: SiprajaCallOptions): Promise<SiprajaAccountResult>
  /**
   * Stores one file on the applicant's case. A repeated key returns the first answer without a
   * second effect; the same `sha256` on the same case under a new key stores nothing new
   * (`duplicate: true`, the stored file's id).
   * @throws {AdapterError} `retryable: true` when no account exists for the NIK yet.
   */
  uploadAttachment(
    attachment: SiprajaAttachmentInput,
    options: SiprajaCallOptions,
  ): Promise<SiprajaAttachmentResult>
  /**
   * Sets the status the applicant sees for the case (`changed: false` when it already shows it).
   * A repeated key returns the first answer without a second effect, so a replay never overwrites
   * a status set later under another key.
   * @throws {AdapterError} `retryable: true` when no account exists for the NIK yet.
   */
  setStatus(status: SiprajaStatusInput, options: SiprajaCallOptions): Promise<SiprajaStatusResult>
}
