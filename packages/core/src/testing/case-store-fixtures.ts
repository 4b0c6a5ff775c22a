import type { AuditEntry, CommitInput, StoredCase } from '../ports/case-store'
import type { StoredRecord } from '../ports/records'
import type { DueRowInput, OutboxRowInput } from '../ports/work-queue'

/** The instant the store fixtures count from (a Monday, 08:00 in Balongbendo). */
export const fixtureEpoch = '2026-03-02T01:00:00.000Z'

/** The ISO instant `minutes` after {@link fixtureEpoch} (negative for before). */
export function fixtureInstant(minutes: number): string {
  return new Date(Date.parse(fixtureEpoch) + minutes * 60_000).toISOString()
}

/**
 * A {@link StoredCase} for store tests: an open Balongbendo case at version 1 in `verifikasi`,
 * with small personal and data JSON. Store tests need no real application, so the values are only
 * shaped right.
 *
 * @example
 * ```ts
 * const c = buildStoredCase({ id: 'case-001', state: 'selesai', awaiting: null, final: true })
 * ```
 */
export function buildStoredCase(fields: Partial<StoredCase> & Pick<StoredCase, 'id'>): StoredCase {
  return {
    version: 1,
    officeCode: 'balongbendo',
    state: 'verifikasi',
    awaiting: 'petugas',
    channel: 'tatap_muka',
    applicantNik: '3515010101900001',
    trackingCode: `AK1-${fields.id}`,
    createdAt: fixtureEpoch,
    updatedAt: fixtureEpoch,
    dueAt: fixtureInstant(3 * 24 * 60),
    final: false,
    personal: { nama: 'Siti Aminah', kk: '3515010101900009' },
    data: { snapshot: { value: 'verifikasi' }, checklist: [] },
    ...fields,
  }
}

/**
 * An {@link AuditEntry} number `seq` of a case. The hashes are stand-ins (64 hex digits derived from
 * the case id and seq): a store keeps them, it does not check them.
 */
export function buildAuditEntry(caseId: string, seq: number, fields: Partial<AuditEntry> = {}): AuditEntry {
  return {
    caseId,
    seq,
    at: fixtureInstant(seq),
    actor: { id: 'petugas-1', role: 'petugas' },
    event: seq === 1 ? 'SUBMIT' : 'ACCEPT',
    from: seq === 1 ? null : 'verifikasi',
    to: 'verifikasi',
    standardId: 'ak1-balongbendo',
    standardVersion: '2023.1',
    prevHash: seq === 1 ? '0'.repeat(64) : fakeHash(caseId, seq - 1),
    hash: fakeHash(caseId, seq),
    ...fields,
  }
}

/** An {@link OutboxRowInput}: a `notice` available at {@link fixtureEpoch}. */
export function buildOutboxRow(
  id: string,
  caseId: string,
  fields: Partial<OutboxRowInput> = {},
): OutboxRowInput {
  return {
    id,
    caseId,
    kind: 'notice',
    payload: { template: 'diterima', channel: 'email' },
    availableAt: fixtureEpoch,
    ...fields,
  }
}

/** A {@link DueRowInput}: a `breached` deadline at {@link fixtureEpoch}. */
export function buildDueRow(id: string, caseId: string, fields: Partial<DueRowInput> = {}): DueRowInput {
  return { id, caseId, kind: 'breached', dueAt: fixtureEpoch, ...fields }
}

/** A commit over a case (its `case` given). */
export type CaseCommitInput = CommitInput & { case: StoredCase }

/** The commit that creates `c` (its `version` should be 1), with its first audit entry. */
export function buildCreate(c: StoredCase, extra: Partial<CommitInput> = {}): CaseCommitInput {
  return {
    case: c,
    expectedVersion: null,
    audit: [buildAuditEntry(c.id, 1)],
    outbox: [],
    ...extra,
  } as CaseCommitInput
}

/**
 * The commit that moves `previous` to its next version with `changes`, and one audit entry whose
 * seq is the new version (true when every commit wrote one entry).
 */
export function buildUpdate(
  previous: StoredCase,
  changes: Partial<StoredCase> = {},
  extra: Partial<CommitInput> = {},
): CaseCommitInput {
  const version = previous.version + 1
  return {
    case: { ...previous, updatedAt: fixtureInstant(version), ...changes, version },
    expectedVersion: previous.version,
    audit: [buildAuditEntry(previous.id, version)],
    outbox: [],
    ...extra,
  } as CaseCommitInput
}

function fakeHash(caseId: string, seq: number): string {
  const hex = Array.from(`${caseId}#${seq}`, (ch) => ch.charCodeAt(0).toString(16)).join('')
  return hex.padEnd(64, '0').slice(0, 64)
}

/**
 * A {@link StoredRecord} for store tests: a `complaint` of Balongbendo at version 1, `diterima`, with
 * a few plain attributes and small personal and data JSON.
 */
export function buildStoredRecord(fields: Partial<StoredRecord> & Pick<StoredRecord, 'id'>): StoredRecord {
  return {
    kind: 'complaint',
    version: 1,
    officeCode: 'balongbendo',
    state: 'diterima',
    caseId: null,
    key: null,
    attributes: { type: 'pengaduan', channel: 'kotak_saran', urgent: false },
    dueAt: fixtureInstant(5 * 24 * 60),
    final: false,
    createdAt: fixtureEpoch,
    updatedAt: fixtureEpoch,
    personal: { nama: 'Budi Santoso', telepon: '081234567890' },
    data: { text: 'Antrian terlalu lama' },
    ...fields,
  }
}

/** A commit over a record (its `record` given). */
export type RecordCommitInput = CommitInput & { record: StoredRecord }

/** The commit that creates record `r`, with its first audit entry. */
export function buildRecordCreate(r: StoredRecord, extra: Partial<CommitInput> = {}): RecordCommitInput {
  return {
    record: r,
    expectedVersion: null,
    audit: [buildAuditEntry(r.id, 1, { aggregateKind: r.kind, event: 'RECEIVE', to: r.state })],
    outbox: [],
    ...extra,
  } as RecordCommitInput
}

/** The commit that moves record `previous` to its next version with `changes`, and one audit entry. */
export function buildRecordUpdate(
  previous: StoredRecord,
  changes: Partial<StoredRecord> = {},
  extra: Partial<CommitInput> = {},
): RecordCommitInput {
  const version = previous.version + 1
  return {
    record: { ...previous, updatedAt: fixtureInstant(version), ...changes, version },
    expectedVersion: previous.version,
    audit: [buildAuditEntry(previous.id, version, { aggregateKind: previous.kind })],
    outbox: [],
    ...extra,
  } as RecordCommitInput
}
