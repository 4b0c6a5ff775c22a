/**
 * The one error family of `@ak1`: every error a portal can catch is an {@link Ak1Error} with a stable
 * `code`. Messages are in Bahasa Indonesia by default; `messageEn` carries the English text.
 */

const brand = Symbol.for('@ak1/core/error')

/** Stable, UPPER_SNAKE codes of the error family. */
export type Ak1ErrorCode =
  | 'VALIDATION'
  | 'CONFIG'
  | 'FORBIDDEN'
  | 'CONFLICT'
  | 'NOT_FOUND'
  | 'INVALID_TRANSITION'
  | 'ADAPTER'

/** Options common to every {@link Ak1Error}. */
export interface Ak1ErrorOptions extends ErrorOptions {
  /** The English message; the main `message` is Indonesian. */
  messageEn?: string
}

/**
 * Base class of every error `@ak1` throws.
 *
 * @example
 * ```ts
 * try { await service.act(id, event, { actor }) }
 * catch (e) { if (isAk1Error(e) && e.code === 'FORBIDDEN') showReason(e.message) }
 * ```
 */
export class Ak1Error extends Error {
  /** Stable machine-readable code. */
  readonly code: Ak1ErrorCode
  /** The same message in English. */
  readonly messageEn: string
  readonly [brand] = true

  constructor(code: Ak1ErrorCode, message: string, options: Ak1ErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.name = new.target.name
    this.code = code
    this.messageEn = options.messageEn ?? message
  }

  /** The message in the given locale. */
  localized(locale: Locale = 'id'): string {
    return locale === 'en' ? this.messageEn : this.message
  }
}

/** User-facing language: Indonesian first, English on request. */
export type Locale = 'id' | 'en'

/** True for any `@ak1` error, even one thrown by another installed copy of the package. */
export function isAk1Error(value: unknown): value is Ak1Error {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[brand] === true
}

/** One problem found in input: the field path, the rule broken, and messages in both languages. */
export interface ValidationIssue {
  /** Path of the field, such as `['applicant', 'nik']`. */
  path: (string | number)[]
  /** The rule that was broken, such as `nik_birth_date`, `too_small`, `invalid_type`. */
  rule: string
  /** Indonesian message. */
  message: string
  /** English message. */
  messageEn: string
}

/** Input that breaks a rule. Nothing was written. */
export class ValidationError extends Ak1Error {
  /** Every problem found, each with its field path. */
  readonly issues: ValidationIssue[]
  constructor(issues: ValidationIssue[], options: Ak1ErrorOptions = {}) {
    super('VALIDATION', formatIssues(issues, 'id'), { messageEn: formatIssues(issues, 'en'), ...options })
    this.issues = issues
  }
}

function formatIssues(issues: ValidationIssue[], locale: Locale): string {
  const head = locale === 'en' ? 'Invalid input' : 'Data tidak valid'
  const lines = issues.map(
    (i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${locale === 'en' ? i.messageEn : i.message}`,
  )
  return `${head}: ${lines.join('; ')}`
}

/** A factory, standard or adapter was configured wrongly. */
export class ConfigError extends Ak1Error {
  /** The option keys at fault. */
  readonly keys: string[]
  constructor(message: string, options: Ak1ErrorOptions & { keys?: string[] } = {}) {
    super('CONFIG', message, options)
    this.keys = options.keys ?? []
  }
}

/** The actor may not do this. `reason` says why, for a portal to show. */
export class ForbiddenError extends Ak1Error {
  /** Stable id of the rule that refused, such as `role`, `separation_of_duties`, `not_applicant`. */
  readonly rule: string
  constructor(rule: string, message: string, options: Ak1ErrorOptions = {}) {
    super('FORBIDDEN', message, options)
    this.rule = rule
  }
}

/** The case changed since the caller read it (stale `expectedVersion`), or a unique value was taken. */
export class ConflictError extends Ak1Error {
  constructor(message: string, options: Ak1ErrorOptions & { expected?: number; actual?: number } = {}) {
    super('CONFLICT', message, options)
    this.expected = options.expected
    this.actual = options.actual
  }
  /** The version the caller expected. */
  readonly expected: number | undefined
  /** The version found. */
  readonly actual: number | undefined
}

/** No such case (or other record). */
export class NotFoundError extends Ak1Error {
  constructor(message: string, options: Ak1ErrorOptions = {}) {
    super('NOT_FOUND', message, options)
  }
}

/** The event is not possible in the case's current state, or a stored state is unknown to the machine. */
export class InvalidTransitionError extends Ak1Error {
  /** The state the case was in. */
  readonly state: string | undefined
  /** The event refused. */
  readonly event: string | undefined
  constructor(message: string, options: Ak1ErrorOptions & { state?: string; event?: string } = {}) {
    super('INVALID_TRANSITION', message, options)
    this.state = options.state
    this.event = options.event
  }
}

/** A port (store, notifier, SIPRAJA) failed. `retryable` says whether trying again may help. */
export class AdapterError extends Ak1Error {
  /** The `id` of the adapter that failed. */
  readonly adapterId: string
  /** The port method that failed, such as `commit` or `send`. */
  readonly operation: string
  /** Whether the same call may succeed later. */
  readonly retryable: boolean
  constructor(
    message: string,
    options: Ak1ErrorOptions & { adapterId: string; operation: string; retryable: boolean },
  ) {
    super('ADAPTER', message, options)
    this.adapterId = options.adapterId
    this.operation = options.operation
    this.retryable = options.retryable
  }
}

/**
 * Runs a port call and rethrows any foreign error as {@link AdapterError} (retryable unless the
 * adapter said otherwise), so a portal catches one family of errors.
 * @internal
 */
export async function callPort<T>(adapterId: string, operation: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn()
  } catch (error) {
    throw wrapPortError(adapterId, operation, error)
  }
}

/** @internal */
export function wrapPortError(adapterId: string, operation: string, error: unknown): Ak1Error {
  if (isAk1Error(error)) return error
  const detail = error instanceof Error ? error.message : String(error)
  return new AdapterError(`Adapter ${adapterId} gagal pada ${operation}: ${detail}`, {
    messageEn: `Adapter ${adapterId} failed in ${operation}: ${detail}`,
    adapterId,
    operation,
    retryable: true,
    cause: error,
  })
}
