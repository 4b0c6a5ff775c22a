import type { Json, StoredCase } from '../ports/case-store'
import type { OutboxRow } from '../ports/work-queue'
import { type Application, checklistFor } from '../schemas/index'
import type { Standard } from '../standard/schema'
import type { CaseData } from './case-data'
import type { Runtime } from './context'
import { deliveriesOf, incidentsOf } from './deliveries'
import { splitPersonal } from './interview'
import type { CaseChecklistItem, CaseView } from './types'

/**
 * The case's checklist: the standard's requirements for this application (`checklistFor`), with
 * who verified each item, where and when.
 * @internal
 */
export function checklistOf(
  standard: Standard,
  personal: Json,
  verified: CaseData['verified'],
): CaseChecklistItem[] {
  const items = checklistFor(standard, personal as unknown as Application) as CaseChecklistItem[]
  return items.map((item) => {
    const v = Object.hasOwn(verified, item.id) ? verified[item.id] : undefined
    return v ? { ...item, verified: v } : item
  })
}

/**
 * The case's view as of `now`, with the runtime of its pinned standard. The checklist, delivery
 * status and SLA figures take work (requirements per level, calendar arithmetic): made when first
 * read, as of the view's instant, since a command's caller often reads only the version.
 * @internal
 */
export function viewOf(
  rt: Runtime,
  stored: StoredCase,
  outboxRows: readonly OutboxRow[] | (() => OutboxRow[]),
  now: Date,
): CaseView {
  const data = stored.data as unknown as CaseData
  const personal = splitPersonal(stored.personal)
  const view: CaseView = {
    id: stored.id,
    version: stored.version,
    state: stored.state,
    final: stored.final,
    channel: stored.channel,
    standard: {
      id: data.snapshot.standardId,
      version: data.snapshot.standardVersion,
      hash: data.snapshot.standardHash,
    },
    application: personal.application,
    checklist: undefined as unknown as CaseView['checklist'],
    trackingCode: stored.trackingCode,
    sla: undefined as unknown as CaseView['sla'],
    attachments: [],
    deliveries: undefined as unknown as CaseView['deliveries'],
    incidents: undefined as unknown as CaseView['incidents'],
    createdAt: stored.createdAt,
    updatedAt: stored.updatedAt,
  }
  lazy(view, 'checklist', () => checklistOf(rt.standard, stored.personal, data.verified))
  let rows: readonly OutboxRow[] | undefined
  const rowsNow = () => {
    rows ??= typeof outboxRows === 'function' ? outboxRows() : outboxRows
    return rows
  }
  lazy(view, 'deliveries', () => deliveriesOf(rowsNow()))
  lazy(view, 'incidents', () => incidentsOf(rowsNow(), data.incidents))
  lazy(view, 'sla', () => rt.clock.view(data.clock.ledger, data.steps, now))
  if (stored.awaiting !== null) view.awaiting = stored.awaiting
  if (data.registerNumber !== undefined) view.registerNumber = data.registerNumber
  if (data.card !== undefined) view.card = data.card
  if (data.returned !== undefined) view.returned = data.returned
  if (personal.ak2 !== undefined) view.ak2 = personal.ak2
  if (data.renewal !== undefined) view.renewal = data.renewal
  return view
}

/** The recorded result of a command, as {@link commandResult} writes it. @internal */
export interface RecordedResult {
  caseId: string
  /** Absent in records written before the command was recorded. */
  command?: string
  /** Hash of office, command, case, payload and actor; absent in records written before it. */
  fingerprint?: string
  view: Omit<CaseView, 'application' | 'checklist' | 'ak2'>
  verified: CaseData['verified']
}

/**
 * The recorded result of a command, to answer a repeat with: the view without personal data and
 * without the checklist texts (rebuilt from the standard and who had verified what).
 * @internal
 */
export function commandResult(
  view: CaseView,
  verified: CaseData['verified'],
  command: string,
  fingerprint: string,
): Json {
  // Copied key by key: destructuring would read `checklist`, building the lazy checklist only to drop it.
  const rest: Record<string, unknown> = {}
  for (const key of Object.keys(view) as Array<keyof CaseView>) {
    // The files are read back from the trail: a result never lists every attachment.
    // The AK/II is personal data: never in the command record (read back from the case).
    if (key !== 'application' && key !== 'checklist' && key !== 'attachments' && key !== 'ak2')
      rest[key] = view[key]
  }
  return {
    caseId: view.id,
    command,
    fingerprint,
    view: rest as unknown as Json,
    verified: verified as unknown as Json,
  }
}

/** Per object: each lazy key's pending computation, or its value once read or set. */
const lazySlots = Symbol('ak1.lazy')
type LazySlot = { compute: (() => unknown) | undefined; value: unknown }
/** One getter/setter pair per key, shared by every object (see {@link lazy}). */
const lazyDescriptors = new Map<PropertyKey, PropertyDescriptor>()

function lazyDescriptor(key: PropertyKey): PropertyDescriptor {
  let descriptor = lazyDescriptors.get(key)
  if (!descriptor) {
    descriptor = {
      enumerable: true,
      configurable: true,
      get(this: { [lazySlots]: Record<PropertyKey, LazySlot> }) {
        const slot = this[lazySlots][key]!
        if (slot.compute) {
          slot.value = slot.compute()
          slot.compute = undefined
        }
        return slot.value
      },
      set(this: { [lazySlots]: Record<PropertyKey, LazySlot> }, next: unknown) {
        this[lazySlots][key] = { compute: undefined, value: next }
      },
    }
    lazyDescriptors.set(key, descriptor)
  }
  return descriptor
}

/**
 * Defines an enumerable property computed on first read (and settable, as a plain one is).
 *
 * The getter and setter are shared per key and keep the object's state in a hidden slot, so every
 * view gets the same hidden class. Closures per object would give each object a hidden class of its
 * own, allocated outside the young generation and holding the object's data through every minor
 * GC: list pages then cost 5-10 ms GC pauses (the p99 of the overdue list and worklist).
 */
function lazy<T extends object, K extends keyof T>(target: T, key: K, compute: () => T[K]): void {
  const holder = target as T & { [lazySlots]?: Record<PropertyKey, LazySlot> }
  let slots = holder[lazySlots]
  if (slots === undefined) {
    slots = {}
    Object.defineProperty(target, lazySlots, { value: slots })
  }
  slots[key] = { compute, value: undefined }
  Object.defineProperty(target, key, lazyDescriptor(key))
}
