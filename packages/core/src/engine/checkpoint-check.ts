import type { KeyObject } from 'node:crypto'
import { ValidationError } from '../errors/errors'
import type { AuditEntry } from '../ports/case-store'
import { type AuditHead, type AuditVerification, verifyAuditChain } from './audit'
import { type AuditKey, checkEntryMacs } from './audit-key'
import { type AuditCheckpoint, checkTrailAgainst, parseCheckpoint, verifyCheckpoint } from './checkpoint'

/** One aggregate whose trail no longer matches a checkpoint (or whose row is gone). */
export interface CheckpointProblem {
  /** The aggregate: a case id, or a record id. */
  caseId: string
  /** `case`, or the record's kind; `null` when the trail is gone and the kind cannot be told. */
  aggregateKind: string | null
  /** The `seq` of the first entry found wrong or missing (0: the aggregate's row itself). */
  brokenAt: number
  reason: string
}

/**
 * The result of checking a whole office against a checkpoint: every aggregate the checkpoint lists
 * is checked (its trail's chain, MACs, the checkpointed length and hash, and its row's version).
 * A trail deleted outright is a problem here, where a single-case check would answer `NotFound`.
 */
export interface CheckpointVerification {
  ok: boolean
  /** The checkpoint's instant and root. */
  at: string
  root: string
  /** Aggregates checked (the checkpoint's leaves). */
  checked: number
  /** Every aggregate found wrong, in the checkpoint's order; empty when `ok`. */
  problems: CheckpointProblem[]
}

/** The result of comparing two checkpoints of one office taken at different times. */
export interface CheckpointComparison {
  ok: boolean
  /** Aggregates the older checkpoint lists, each found in the newer one at the same or a later length. */
  carried: number
  /** Aggregates the newer checkpoint lists that the older one did not. */
  added: number
  problems: CheckpointProblem[]
}

/**
 * Checks an aggregate's trail on its own terms: the hash chain (up to the head the aggregate records,
 * when it records one), one entry per version, and each entry's MAC when a key is given.
 * @internal
 */
export function checkAggregateTrail(
  entries: readonly AuditEntry[],
  version: number,
  head: AuditHead | null | undefined,
  auditKey: AuditKey | null,
  noun = 'case',
): AuditVerification {
  const chain = verifyAuditChain(entries, head ?? undefined)
  if (!chain.ok) return chain
  if (entries.length !== version) {
    return {
      ok: false,
      brokenAt: Math.min(entries.length, version) + 1,
      reason: `the ${noun} is at version ${version}, but its trail has ${entries.length} entries`,
    }
  }
  const result: AuditVerification = { ok: true, entries: entries.length }
  if (auditKey) {
    const macs = checkEntryMacs(entries, auditKey)
    if ('brokenAt' in macs) return { ok: false, ...macs }
    result.authenticated = macs.authenticated
  }
  return result
}

/**
 * Checks a parsed checkpoint's office and signature; the failure of the signature is an answer, a
 * checkpoint of another office is an error.
 * @internal
 */
export function checkCheckpointFor(
  cp: AuditCheckpoint,
  officeCode: string,
  publicKey: string | KeyObject,
): { ok: true } | { ok: false; reason: string } {
  if (cp.officeCode !== officeCode) {
    throw new ValidationError([
      {
        path: ['checkpoint', 'officeCode'],
        rule: 'checkpoint_office',
        message: `checkpoint milik kantor ${cp.officeCode}, bukan ${officeCode}`,
        messageEn: `the checkpoint is of office ${cp.officeCode}, not ${officeCode}`,
      },
    ])
  }
  return verifyCheckpoint(cp, publicKey)
}

/** What the office-wide check reads of one aggregate. @internal */
export interface AggregateReading {
  entries: readonly AuditEntry[]
  /** The aggregate's row: its version and (cases) the head it records; `null` when the row is gone. */
  row: { version: number; head?: AuditHead | null } | null
  /** `case`, a record's kind, or `null` when neither the trail nor a row tells. */
  kind: string | null
}

/**
 * Checks every aggregate a signed checkpoint lists, reading each through `read` one at a time (an
 * office's trails are never held in memory together).
 * @internal
 */
export async function checkOfficeAgainst(
  cp: AuditCheckpoint,
  auditKey: AuditKey | null,
  read: (caseId: string) => Promise<AggregateReading>,
): Promise<CheckpointProblem[]> {
  const problems: CheckpointProblem[] = []
  for (const leaf of cp.leaves) {
    const { entries, row, kind } = await read(leaf.caseId)
    const problem = (brokenAt: number, reason: string) =>
      problems.push({ caseId: leaf.caseId, aggregateKind: kind, brokenAt, reason })
    if (entries.length === 0) {
      problem(1, `the trail is gone: the checkpoint of ${cp.at} saw ${leaf.seq} entries`)
      continue
    }
    const against = checkTrailAgainst(cp, leaf.caseId, entries)
    if (against && 'brokenAt' in against) {
      problem(against.brokenAt, against.reason)
      continue
    }
    if (!row) {
      problem(0, `the ${kind} row is gone, but its trail of ${entries.length} entries is still there`)
      continue
    }
    const own = checkAggregateTrail(entries, row.version, row.head, auditKey, kind ?? 'aggregate')
    if (!own.ok) problem(own.brokenAt, own.reason)
  }
  return problems
}

/**
 * Compares two signed checkpoints of one office (each checked against the public key): trails are
 * append-only, so every aggregate of the older must be in the newer, at the same or a greater
 * length, and at the same length with the same hash. A trail that grew between the two is checked
 * entry by entry by `verifyCheckpoint` against each of them; this comparison needs no database, so
 * it can run wherever the checkpoints are kept.
 * @throws {ValidationError} for a malformed checkpoint, two offices, or an "older" one taken later.
 */
export function compareCheckpoints(
  olderInput: AuditCheckpoint | string,
  newerInput: AuditCheckpoint | string,
  publicKey: string | KeyObject,
): CheckpointComparison {
  const older = parseCheckpoint(olderInput)
  const newer = parseCheckpoint(newerInput)
  if (older.officeCode !== newer.officeCode) {
    throw new ValidationError([
      {
        path: ['newer', 'officeCode'],
        rule: 'checkpoint_office',
        message: `kedua checkpoint harus dari kantor yang sama (${older.officeCode}, ${newer.officeCode})`,
        messageEn: `both checkpoints must be of one office (${older.officeCode}, ${newer.officeCode})`,
      },
    ])
  }
  if (Date.parse(newer.at) < Date.parse(older.at)) {
    throw new ValidationError([
      {
        path: ['newer', 'at'],
        rule: 'checkpoint_order',
        message: `checkpoint yang lebih baru (${newer.at}) dibuat sebelum yang lebih lama (${older.at})`,
        messageEn: `the newer checkpoint (${newer.at}) was made before the older one (${older.at})`,
      },
    ])
  }
  const problems: CheckpointProblem[] = []
  for (const [name, cp] of [
    ['older', older],
    ['newer', newer],
  ] as const) {
    const signed = verifyCheckpoint(cp, publicKey)
    if (!signed.ok)
      problems.push({ caseId: '', aggregateKind: null, brokenAt: 0, reason: `${name}: ${signed.reason}` })
  }
  if (problems.length > 0) return { ok: false, carried: 0, added: 0, problems }
  const later = new Map(newer.leaves.map((leaf) => [leaf.caseId, leaf]))
  let carried = 0
  for (const leaf of older.leaves) {
    const next = later.get(leaf.caseId)
    const problem = (brokenAt: number, reason: string) =>
      problems.push({ caseId: leaf.caseId, aggregateKind: null, brokenAt, reason })
    if (!next)
      problem(1, `the trail seen by the checkpoint of ${older.at} is missing from the one of ${newer.at}`)
    else if (next.seq < leaf.seq)
      problem(
        next.seq + 1,
        `the trail shrank from ${leaf.seq} to ${next.seq} entries between the checkpoints`,
      )
    else if (next.seq === leaf.seq && next.hash !== leaf.hash)
      problem(leaf.seq, `entry ${leaf.seq} differs between the checkpoints: the trail was rewritten`)
    else carried += 1
  }
  const earlier = new Set(older.leaves.map((leaf) => leaf.caseId))
  const added = newer.leaves.filter((leaf) => !earlier.has(leaf.caseId)).length
  return { ok: problems.length === 0, carried, added, problems }
}
