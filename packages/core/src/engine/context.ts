import { randomUUID } from 'node:crypto'
import { ConfigError, callPort, NotFoundError } from '../errors/errors'
import type { StoredCase } from '../ports/case-store'
import { type Clock, systemClock } from '../ports/clock'
import type { Ak1Store } from '../ports/store'
import { createStandardCatalog, type StandardCatalog } from '../standard/catalog'
import type { Standard } from '../standard/schema'
import { type AuditKey, resolveAuditKey } from './audit-key'
import { resolveHolidaySets } from './calendar-sets'
import { type CaseClockRuntime, createCaseClock } from './case-clock'
import type { CaseData } from './case-data'
import { createIdGenerator } from './ids'
import type { Ak1ServiceEvent, Ak1ServiceOptions } from './options'
import { buildRuntime, type StandardRuntime } from './runtime'
import { unsetSiprajaWarning } from './sipraja-option'

/** A standard's runtime with its SLA clock. @internal */
export interface Runtime extends StandardRuntime {
  clock: CaseClockRuntime
}

/** What every module of the service shares: the options resolved once, the store, the runtimes. @internal */
export interface EngineContext {
  options: Ak1ServiceOptions
  store: Ak1Store
  clock: Clock
  catalog: StandardCatalog
  /** The standard given alone (not a catalog), or `null`. */
  single: Standard | null
  /** The one office this service serves: every case it reads or writes is of this office. */
  officeCode: string
  maxAttempts: number
  maxBytes: number
  attachmentTypes: ReadonlySet<string>
  incidentRoles: ReadonlySet<string>
  workerId: string
  dueLeaseMs: number
  /** The `auditKey` that authenticates audit entries, or `null`. */
  auditKey: AuditKey | null
  nextId: (at: Date) => string
  /** The runtime of a standard (built once per content hash). */
  runtimeOf(standard: Standard): Runtime
  /** The runtime of a case's pinned standard. @throws {NotFoundError} for a standard not known. */
  runtimeFor(stored: StoredCase, data: CaseData): Runtime
  /** A pinned standard (id, version, content hash) this service knows, or `null`. */
  findStandard(id: string, version: string, hash: string): Standard | null
  /** Calls the store, turning a foreign error into an `AdapterError`. */
  port<T>(operation: string, call: () => Promise<T>): Promise<T>
  /** Reports a structured event to `onEvent` and the logger. */
  emit(event: Omit<Ak1ServiceEvent, 'at'>): void
}

const DEFAULT_MAX_BYTES = 10 * 1024 * 1024
const DEFAULT_TYPES = ['application/pdf', 'image/jpeg', 'image/png']

/**
 * Resolves the (already checked) options into the context. Builds every known standard's runtime
 * now, so a bad standard fails at construction, not mid-command.
 * @throws {ConfigError} when the catalog's standards name more than one office.
 * @internal
 */
export function createEngineContext(options: Ak1ServiceOptions): EngineContext {
  const isCatalog = typeof (options.standard as StandardCatalog).resolve === 'function'
  const single = isCatalog ? null : (options.standard as Standard)
  const catalog = isCatalog ? (options.standard as StandardCatalog) : createStandardCatalog([single!])
  const offices = new Set(catalog.standards.map((s) => s.office.code))
  if (offices.size !== 1) {
    throw new ConfigError(
      `Satu layanan melayani satu kantor; standar dalam katalog menyebut ${[...offices].join(', ')}`,
      {
        messageEn: `One service serves one office; the catalog's standards name ${[...offices].join(', ')}`,
        keys: ['standard'],
      },
    )
  }
  const store = options.store
  const clock = options.clock ?? systemClock
  // One object for the service's life: calendars are cached per standard and holiday-set object.
  const holidaySets = resolveHolidaySets(options.calendars, options.holidayRevisions)
  const runtimes = new Map<string, Runtime>()
  const runtimeOf = (standard: Standard): Runtime => {
    let rt = runtimes.get(standard.hash)
    if (!rt) {
      rt = { ...buildRuntime(standard, options.issuance), clock: createCaseClock(standard, holidaySets) }
      runtimes.set(standard.hash, rt)
    }
    return rt
  }
  for (const standard of catalog.standards) runtimeOf(standard)
  const siprajaUnset = unsetSiprajaWarning(catalog.standards, options.sipraja)
  if (siprajaUnset)
    options.logger?.warn({ type: 'sipraja_unset', standards: siprajaUnset.standards }, siprajaUnset.message)

  const findStandard = (id: string, version: string, hash: string): Standard | null =>
    catalog.find(id, version, hash) ?? (single && single.hash === hash ? single : null)

  const ctx: EngineContext = {
    options,
    store,
    clock,
    catalog,
    single,
    officeCode: [...offices][0]!,
    maxAttempts: options.maxCommandAttempts ?? 100,
    maxBytes: options.attachmentMaxBytes ?? DEFAULT_MAX_BYTES,
    attachmentTypes: new Set(options.attachmentTypes ?? DEFAULT_TYPES),
    incidentRoles: new Set(options.incidentRoles ?? ['operator', 'admin']),
    workerId: options.workerId ?? `ak1-${randomUUID()}`,
    dueLeaseMs: options.dueLeaseMs ?? 60_000,
    auditKey: resolveAuditKey(options.auditKey),
    nextId: createIdGenerator(),
    runtimeOf,
    findStandard,
    runtimeFor(stored, data) {
      const snap = data.snapshot
      const known = runtimes.get(snap.standardHash)
      if (known && known.standard.id === snap.standardId && known.standard.version === snap.standardVersion) {
        return known
      }
      const standard = findStandard(snap.standardId, snap.standardVersion, snap.standardHash)
      if (!standard) {
        throw new NotFoundError(
          `Standar ${snap.standardId}@${snap.standardVersion} yang dipakai kasus ${stored.id} tidak dikenal layanan ini`,
          {
            messageEn: `Standard ${snap.standardId}@${snap.standardVersion} of case ${stored.id} is not known to this service`,
          },
        )
      }
      return runtimeOf(standard)
    },
    port: (operation, call) => callPort(store.id, operation, call),
    emit(event) {
      if (!options.onEvent && !options.logger) return
      const full = { at: clock.now().toISOString(), ...event } as Ak1ServiceEvent
      try {
        options.onEvent?.(full)
      } catch (error) {
        options.logger?.warn({ type: 'on_event_failed', error: String(error) }, 'onEvent threw')
      }
      options.logger?.info(full, full.type)
    },
  }
  return ctx
}
