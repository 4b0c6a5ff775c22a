import type { Locale } from '../errors/errors'
import type { Clock } from '../ports/clock'
import type { Notifier } from '../ports/notifier'
import type { SiprajaGateway } from '../ports/sipraja'
import type { Ak1Store } from '../ports/store'
import type { Standard } from '../standard/schema'
import type { CaseView } from './types'

/** A case as the outbox runner needs it: its view and the standard version it is pinned to. */
export interface OutboxCase {
  view: CaseView
  standard: Standard
}

/** A pino-compatible logger: each method takes a structured object and a message. */
export interface OutboxLogger {
  info(object: Record<string, unknown>, message?: string): void
  warn(object: Record<string, unknown>, message?: string): void
  error(object: Record<string, unknown>, message?: string): void
}

/** Types of {@link OutboxEvent}. */
export type OutboxEventType =
  | 'delivery.sent'
  | 'delivery.retry'
  | 'delivery.deferred'
  | 'delivery.released'
  | 'delivery.failed'
  | 'delivery.lease_lost'
  | 'incident.opened'

/**
 * A structured event of the outbox runner, for `emit` and the logger. Case and row ids and technical
 * facts only: never a phone number, e-mail address, NIK or name (error texts are redacted).
 */
export interface OutboxEvent {
  type: OutboxEventType
  /** ISO instant. */
  at: string
  caseId: string
  outboxId: string
  /** `notice` or `sipraja`. */
  kind: string
  /**
   * The delivery attempt this was: 1 for the first. A claim given back untried (deferred, released)
   * does not count, and an operator's `RETRY_INCIDENT` starts again at 1.
   */
  attempt: number
  template?: string
  channel?: string
  action?: string
  providerId?: string
  /** ISO instant of the next attempt (`delivery.retry`, `delivery.deferred`). */
  nextAttemptAt?: string
  /** The reason, redacted of personal data. */
  error?: string
  workerId: string
}

/** Exponential backoff between attempts. */
export interface OutboxBackoff {
  /** Delay after the first failed attempt, doubled after each further one. @default 30000 */
  baseMs?: number
  /** Ceiling of the delay. @default 3600000 (1 hour) */
  maxMs?: number
  /** Share of the delay taken off at random (0: none, 1: "full jitter"). @default 0.2 */
  jitter?: number
}

/** Options of the outbox runner. */
export interface OutboxOptions {
  /** Lease on claimed rows, in ms; must exceed `callTimeoutMs`. @default 60000 */
  leaseMs?: number
  /**
   * Delivery attempts before a row fails and an incident opens. Claims given back untried (deferred
   * behind an earlier SIPRAJA write, released at a stop) do not count; after an operator's
   * `RETRY_INCIDENT` the row has all of them again. @default 8
   */
  maxAttempts?: number
  /** @default { baseMs: 30000, maxMs: 3600000, jitter: 0.2 } */
  backoff?: OutboxBackoff
  /** Time limit of one port call, in ms; a call that takes longer is aborted and retried. @default 20000 */
  callTimeoutMs?: number
  /** Rows claimed per pass when `runOutbox` is given no `limit`. @default 20 */
  batchSize?: number
  /** Cases delivered in parallel within a pass (a case's rows always go one after another). @default 4 */
  concurrency?: number
}

/** What {@link createOutboxRunner} needs. */
export interface OutboxRunnerDeps {
  store: Ak1Store
  /** Notifiers; a notice goes to the first one serving its channel. @default [] */
  notifiers?: readonly Notifier[]
  /** SIPRAJA; without it, SIPRAJA rows fail (an incident naming the missing gateway). */
  sipraja?: SiprajaGateway
  /** @default systemClock */
  clock?: Clock
  /** The case view and its pinned standard, or `null` when the case does not exist. */
  loadCase(caseId: string): Promise<OutboxCase | null>
  /** This runner's id in leases. @default a random id */
  workerId?: string
  /**
   * Deliver only this office's rows (a service's runner on a store shared by several offices).
   * @default every office's rows
   */
  officeCode?: string
  options?: OutboxOptions
  /** The language of a case's notices. @default Indonesian, unless the application says `locale: 'en'` */
  localeOf?: (view: CaseView) => Locale
  /** Receives every {@link OutboxEvent}; what it throws is ignored. */
  emit?: (event: OutboxEvent) => void
  logger?: OutboxLogger
  /** Source of jitter, in [0, 1). @default Math.random */
  random?: () => number
}

/** What one {@link OutboxRunner.runOutbox} pass did. */
export interface OutboxRunResult {
  /** Rows claimed. */
  claimed: number
  /** Completed (sent, or skipped as superseded). */
  delivered: number
  /** Released for a later attempt after a retryable error. */
  retried: number
  /** Released for later because an earlier SIPRAJA write of the case is still pending. */
  deferred: number
  /** Failed: an incident opened on the case. */
  failed: number
  /** Released unattempted (stop requested, or too little lease left). */
  released: number
}

/** Delivers outbox rows. */
export interface OutboxRunner {
  /** This runner's lease owner id. */
  readonly workerId: string
  /**
   * Claims due rows with a lease and delivers each through its port, then completes, reschedules or
   * fails it. With `signal` aborted, rows not yet started are released at once; deliveries in flight
   * finish.
   */
  runOutbox(options?: { limit?: number; signal?: AbortSignal }): Promise<OutboxRunResult>
}
