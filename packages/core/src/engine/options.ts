import { z } from 'zod'
import type { CardRenderer } from '../card/renderer'
import { ConfigError } from '../errors/errors'
import { toValidationIssues } from '../i18n/zod-issues'
import type { Clock } from '../ports/clock'
import type { Notifier } from '../ports/notifier'
import type { SiprajaGateway } from '../ports/sipraja'
import type { Ak1Store } from '../ports/store'
import type { HolidayRevision, HolidaySet } from '../sla/holidays'
import type { StandardCatalog } from '../standard/catalog'
import type { Standard } from '../standard/schema'
import type { AuditCheckpoint } from './checkpoint'
import type { CheckpointSigner } from './checkpoint-signer'
import type { OutboxOptions } from './outbox'

/** A pino-compatible logger: each method takes a structured object (no personal data) and a message. */
export interface Ak1Logger {
  info(object: Record<string, unknown>, message?: string): void
  warn(object: Record<string, unknown>, message?: string): void
  error(object: Record<string, unknown>, message?: string): void
}

/**
 * A structured event the service reports through `onEvent` (and the logger): commits, SLA events,
 * deliveries. Case ids and technical facts only, never personal data.
 */
export interface Ak1ServiceEvent {
  /** e.g. `case.committed`, `case.conflict_retry`, `sla.raised`, `outbox.delivered`. */
  type: string
  /** ISO instant. */
  at: string
  caseId?: string
  [key: string]: unknown
}

/** Options of {@link createAk1Service}. */
export interface Ak1ServiceOptions {
  /**
   * The Standar Pelayanan, or a catalog of its versions. With a catalog, a case pins the published
   * version valid at submission (`catalog.resolve(clock.now())`); a single standard is used as given.
   * Either way a case keeps its version (id, version, content hash) for life.
   */
  standard: Standard | StandardCatalog
  /** Where cases live. */
  store: Ak1Store
  /** The source of time. @default systemClock */
  clock?: Clock
  /**
   * SIPRAJA, for the account, upload and status writes the standard's steps name
   * (`createSiprajaGateway` of `@ak1/adapter-sipraja`), or `false` for an office that does not use
   * SIPRAJA: its cases then queue no SIPRAJA write and open no incident for one.
   *
   * Left unset, a SIPRAJA gateway is expected but not connected here: each SIPRAJA write the
   * standard names is queued and fails at once as an incident on its case ("SIPRAJA tidak
   * dikonfigurasi"), visible in `incidents` for an operator to retry once a gateway is configured
   * or to resolve, and the service logs a `sipraja_unset` warning when it starts. Nothing the SK
   * asks for is skipped silently.
   * @default undefined (expected, not connected)
   */
  sipraja?: SiprajaGateway | false
  /**
   * The card renderer (`createCardRenderer` of `@ak1/card-pdf`). With it, the print step (the
   * standard's card step) needs the holder's photo, renders the AK-1 card, stores the PDF by its
   * sha256 and records the sha on the case; `renderCard(caseId)` returns that same file. Without it,
   * the print step issues the number and dates only. @default undefined
   */
  card?: CardRenderer
  /** Notifiers by channel (e-mail, SMS). @default [] */
  notifiers?: readonly Notifier[]
  /**
   * Named holiday sets a standard's `calendar.holidays` can name, beside the built-in `indonesia`
   * (a set given here under that name wins, e.g. to pin an older revision). @default {}
   */
  calendars?: Readonly<Record<string, HolidaySet>>
  /**
   * Decrees an office enters as data, by holiday set name, applied in order to that set (from
   * `calendars`, or built in): e.g. `{ indonesia: [skb2027] }` with the SKB 3 Menteri of 2027 (its
   * number and date in `skb`). Needs no new release; cases keep their calendar version until
   * recomputed (`runRecomputeSweep`, `recomputeDue`).
   * @throws {ConfigError} naming the bad field (an impossible date, a version used before, a day both
   *   removed and added, an official revision without its SKB number and date).
   * @default {}
   */
  holidayRevisions?: Readonly<Record<string, readonly HolidayRevision[]>>
  /** Structured logs. */
  logger?: Ak1Logger
  /** Receives every {@link Ak1ServiceEvent}; an error it throws is logged and ignored. */
  onEvent?: (event: Ak1ServiceEvent) => void
  /** Largest attachment accepted, in bytes. @default 10485760 (10 MiB) */
  attachmentMaxBytes?: number
  /** MIME types accepted for attachments. @default ['application/pdf', 'image/jpeg', 'image/png'] */
  attachmentTypes?: readonly string[]
  /**
   * Which steps give the register number and print the card (their `COMPLETE`), overriding the
   * standard. @default the steps the standard marks `issues: 'register_number'` and `issues: 'card'`;
   * without a card mark, the last task step before hand-over; without a register mark, the number is
   * given with the card.
   */
  issuance?: { registerStep?: string; cardStep?: string }
  /** Roles that may retry or resolve an incident. @default ['operator', 'admin'] */
  incidentRoles?: readonly string[]
  /** How often a command is retried after losing a race on a sequence or the case version. @default 100 */
  maxCommandAttempts?: number
  /** Lease of a claimed due row, in ms. @default 60000 */
  dueLeaseMs?: number
  /** This process's id in leases. @default a random id */
  workerId?: string
  /** Options of the outbox delivery: lease, attempts, backoff, call timeout, batch size. @default {} */
  outbox?: OutboxOptions
  /**
   * A secret of at least 32 bytes, kept outside the database (an environment variable, a key file):
   * every audit entry then carries a MAC (HMAC-SHA256 over its hash), so that someone who can write
   * the database cannot write or rewrite an entry that `verifyAudit` accepts. Entries written before
   * a key was given stay verifiable by their hash chain (and by checkpoints).
   * @default undefined (entries are hash-chained only)
   */
  auditKey?: string | Uint8Array
  /**
   * Signs audit checkpoints (`createEd25519CheckpointSigner`): the worker then makes one every
   * `checkpointIntervalMs` (a Merkle root over every case's trail head, signed), hands it to
   * `onCheckpoint` to keep outside the database, and `verifyAudit` checks cases against it.
   */
  checkpointSigner?: CheckpointSigner
  /** How often the worker makes a checkpoint. @default 3600000 (1 hour) */
  checkpointIntervalMs?: number
  /**
   * Receives each checkpoint the service makes, to export it (write a file, e-mail it to the Camat,
   * send it to the kabupaten); what it throws is logged, and the next interval tries again.
   */
  onCheckpoint?: (checkpoint: AuditCheckpoint) => void | Promise<void>
}

/** Texts of the custom checks below, by the message they report. */
const customTexts = new Map<string, { id: string; en: string }>()
const fn = z.custom<(...args: unknown[]) => unknown>((v) => typeof v === 'function', {
  message: 'options_function',
})
customTexts.set('options_function', { id: 'harus berupa fungsi', en: 'must be a function' })
const objectLike = z.custom<object>((v) => typeof v === 'object' && v !== null, { message: 'options_object' })
customTexts.set('options_object', { id: 'harus berupa objek', en: 'must be an object' })
const siprajaLike = z.custom<object | false>((v) => v === false || (typeof v === 'object' && v !== null), {
  message: 'options_sipraja',
})
customTexts.set('options_sipraja', {
  id: 'harus berupa gateway SIPRAJA (objek) atau false',
  en: 'must be a SIPRAJA gateway (an object) or false',
})
const portLike = (methods: string[]) => {
  const message = `options_methods:${methods.join(',')}`
  customTexts.set(message, {
    id: `harus berupa objek dengan metode ${methods.join(', ')}`,
    en: `must be an object with the methods ${methods.join(', ')}`,
  })
  return z.custom<object>(
    (v) =>
      typeof v === 'object' &&
      v !== null &&
      methods.every((m) => typeof (v as Record<string, unknown>)[m] === 'function'),
    { message },
  )
}

const optionsSchema = z
  .object({
    standard: objectLike,
    store: portLike(['load', 'commit', 'getCommand', 'timeline', 'list', 'listOutbox', 'listOutboxOf']),
    clock: portLike(['now']).optional(),
    sipraja: siprajaLike.optional(),
    card: portLike(['renderCard']).optional(),
    notifiers: z.array(portLike(['send'])).optional(),
    calendars: z
      .record(
        z.string(),
        z.object({ id: z.string().min(1), version: z.string().min(1), days: z.array(z.unknown()) }).loose(),
      )
      .optional(),
    holidayRevisions: z.record(z.string(), z.array(z.unknown())).optional(),
    logger: portLike(['info', 'warn', 'error']).optional(),
    onEvent: fn.optional(),
    attachmentMaxBytes: z.number().int().positive().optional(),
    attachmentTypes: z
      .array(z.string().regex(/^[a-z0-9.+-]+\/[a-z0-9.+-]+$/))
      .min(1)
      .optional(),
    issuance: z
      .object({ registerStep: z.string().min(1).optional(), cardStep: z.string().min(1).optional() })
      .strict()
      .optional(),
    incidentRoles: z.array(z.string().min(1)).min(1).optional(),
    maxCommandAttempts: z.number().int().min(1).max(10_000).optional(),
    dueLeaseMs: z.number().int().positive().optional(),
    workerId: z.string().min(1).optional(),
    outbox: objectLike.optional(),
    auditKey: z.union([z.string(), z.instanceof(Uint8Array)]).optional(),
    checkpointSigner: portLike(['sign']).optional(),
    checkpointIntervalMs: z.number().int().positive().optional(),
    onCheckpoint: fn.optional(),
  })
  .strict()

/**
 * Checks the options' shape: each bad key is named with its rule; an unknown key (a typo such as
 * `maxAttachmentBytes`) is refused rather than ignored.
 * @throws {ConfigError} naming the bad keys.
 * @internal
 */
export function checkServiceOptions(options: Ak1ServiceOptions): void {
  const result = optionsSchema.safeParse(options, { reportInput: true })
  if (result.success) return
  const keys: string[] = []
  const texts: string[] = []
  const textsEn: string[] = []
  for (const [i, issue] of toValidationIssues(result.error.issues).entries()) {
    const raw = result.error.issues[i]
    const named =
      raw?.code === 'unrecognized_keys'
        ? raw.keys.map((k) => [...issue.path, k].join('.'))
        : [issue.path.join('.')]
    keys.push(...named.map((k) => k || '(root)'))
    if (raw?.code === 'unrecognized_keys') {
      // "kolom tidak dikenal: foo" already names the keys.
      texts.push(issue.message)
      textsEn.push(issue.messageEn)
      continue
    }
    const where = named.join(', ') || '(root)'
    const custom = customTexts.get(issue.rule === 'custom' ? (raw?.message ?? '') : '')
    texts.push(`${where}: ${custom?.id ?? issue.message}`)
    textsEn.push(`${where}: ${custom?.en ?? issue.messageEn}`)
  }
  throw new ConfigError(`Opsi createAk1Service tidak valid: ${texts.join('; ')}`, {
    messageEn: `Invalid createAk1Service options: ${textsEn.join('; ')}`,
    keys: [...new Set(keys)],
  })
}
