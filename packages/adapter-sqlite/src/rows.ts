import { deflateRawSync, inflateRawSync } from 'node:zlib'
import type { DueRow, Json, OutboxRow, StoredCase } from '@ak1/core/ports'
import { type ColdPart, joinCaseBody } from './case-body'
import type { ColumnCodec } from './codec'
import { type Body, unreadable } from './encryption'

/** A row of `ak1_cases`. @internal */
export interface CaseRow {
  id: string
  version: number
  office_code: string
  state: string
  awaiting: string | null
  channel: string
  tracking_code: string
  nik_lookup: string
  created_at: string
  updated_at: string
  due_at: string | null
  due_ms: number | null
  final: number
  incidents: number
  calendar_version: string | null
  body: string | Buffer
  /** The cold part of the body (`null` for a row written before schema 5, whose body is whole). */
  cold: string | Buffer | null
  /** The report facts, clear deflated JSON (no personal data); `null` on cases written before them. */
  facts: Buffer | null
}

/** A row of `ak1_outbox`. @internal */
export interface OutboxDbRow {
  seq: number
  id: string
  case_id: string
  aggregate_kind: string
  office_code: string
  kind: string
  payload: string | Buffer
  status: OutboxRow['status']
  available_at: string
  available_ms: number
  attempts: number
  lease_owner: string | null
  lease_until: string | null
  last_error: string | Buffer | null
  result: string | Buffer | null
  created_at: string
  finished_at: string | null
}

/** A row of `ak1_due`. @internal */
export interface DueDbRow {
  id: string
  case_id: string
  aggregate_kind: string
  office_code: string
  kind: string
  due_at: string
  due_ms: number
  status: 'pending' | 'done'
  lease_owner: string | null
  lease_until: string | null
}

/** The named parameters of a case row's INSERT and UPDATE. @internal */
export interface CaseRowInput {
  id: string
  version: number
  officeCode: string
  state: string
  awaiting: string | null
  channel: string
  trackingCode: string
  nikLookup: string
  createdAt: string
  updatedAt: string
  dueAt: string | null
  dueMs: number | null
  final: 0 | 1
  calendarVersion: string | null
  body: string | Buffer
  facts: Buffer | null
  createdMs: number
}

/** Maps the stored rows to the values of the ports, opening their sealed columns. @internal */
export interface RowMappers {
  toCase(row: CaseRow): StoredCase
  toOutbox(row: OutboxDbRow): OutboxRow
  toDue(row: DueDbRow): DueRow
}

/** The row mappers over the store's column codec. @internal */
export function createRowMappers({ readJson, readText }: ColumnCodec): RowMappers {
  const toCase = (row: CaseRow): StoredCase => {
    const hot = readJson<Body>(row.body, `case:${row.id}`)
    const cold = row.cold === null ? null : readJson<ColdPart>(row.cold, `case-cold:${row.id}`)
    if (hot === null || typeof hot !== 'object' || (cold !== null && typeof cold !== 'object'))
      throw unreadable(`case:${row.id}`, new Error('not an object'))
    const body = joinCaseBody(hot, cold)
    return {
      id: row.id,
      version: row.version,
      officeCode: row.office_code,
      state: row.state,
      awaiting: row.awaiting,
      channel: row.channel as StoredCase['channel'],
      applicantNik: body.applicantNik ?? row.nik_lookup,
      trackingCode: row.tracking_code,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      dueAt: row.due_at,
      final: row.final === 1,
      ...(row.calendar_version === null ? {} : { calendarVersion: row.calendar_version }),
      personal: body.personal,
      data: body.data,
      ...(row.facts === null ? {} : { facts: readFacts(row) }),
    }
  }
  const toOutbox = (row: OutboxDbRow): OutboxRow => ({
    id: row.id,
    caseId: row.case_id,
    aggregateKind: row.aggregate_kind,
    officeCode: row.office_code,
    kind: row.kind,
    payload: readJson(row.payload, `outbox:${row.id}:payload`),
    availableAt: row.available_at,
    status: row.status,
    attempts: row.attempts,
    leaseOwner: row.lease_owner,
    leaseUntil: row.lease_until,
    lastError: row.last_error === null ? null : readText(row.last_error, `outbox:${row.id}:last_error`),
    result: row.result === null ? null : readJson(row.result, `outbox:${row.id}:result`),
    createdAt: row.created_at,
    finishedAt: row.finished_at,
  })
  const toDue = (row: DueDbRow): DueRow => ({
    id: row.id,
    caseId: row.case_id,
    aggregateKind: row.aggregate_kind,
    officeCode: row.office_code,
    kind: row.kind,
    dueAt: row.due_at,
    status: row.status,
    leaseOwner: row.lease_owner,
    leaseUntil: row.lease_until,
  })
  return { toCase, toOutbox, toDue }
}

/**
 * The report facts as the case row keeps them: clear (no personal data), raw-deflated JSON. About
 * 1.6 KB of JSON by hand-over (timestamps repeat their prefixes) become about 0.55 KB, so the row of
 * a complete case still fits one page beside its hot body (schema 5: no overflow page).
 * @internal
 */
export function packFacts(facts: Json): Buffer {
  return deflateRawSync(JSON.stringify(facts), packOptions)
}

/**
 * Level 1 with a 2 KB window and little state: the facts are a few KB, so a larger window finds
 * nothing more, and setting up zlib's default state (a 32 KB window, level 6) was most of the cost
 * of a commit's deflate. Any raw inflate reads it.
 */
const packOptions = { level: 1, windowBits: 11, memLevel: 4 } as const

/** The clear report facts of a case row (deflated JSON). @internal */
export function readFacts(row: { id: string; facts: Buffer | null }): Json {
  try {
    if (row.facts === null) return null
    return JSON.parse(inflateRawSync(row.facts).toString('utf8')) as Json
  } catch (error) {
    throw unreadable(`case:${row.id}:facts`, error)
  }
}
