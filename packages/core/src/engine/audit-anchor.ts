import type { KeyObject } from 'node:crypto'
import { ConfigError, NotFoundError } from '../errors/errors'
import type { AuditEntry, StoredCase } from '../ports/case-store'
import type { AuditVerification } from './audit'
import type { CaseData } from './case-data'
import { type AuditCheckpoint, checkTrailAgainst, makeCheckpoint, parseCheckpoint } from './checkpoint'
import {
  type AggregateReading,
  type CheckpointVerification,
  checkAggregateTrail,
  checkCheckpointFor,
  checkOfficeAgainst,
} from './checkpoint-check'
import type { EngineContext } from './context'

/** Options of `verifyAudit`. */
export interface VerifyAuditOptions {
  /**
   * A checkpoint kept outside the database (the exported JSON text or object). @default the last one
   * this service made, if any
   */
  checkpoint?: AuditCheckpoint | string
  /** The public key that signed it (PEM or `KeyObject`). @default the `checkpointSigner`'s */
  publicKey?: string | KeyObject
}

/** The audit anchoring of a service: keyed entries, checkpoints, and the checks. @internal */
export interface AuditAnchor {
  /** Makes, signs, keeps (as the last) and hands out a checkpoint now. */
  checkpoint(): Promise<AuditCheckpoint>
  /** Makes a checkpoint when the interval has passed since the last; failures are logged. */
  maybeCheckpoint(): Promise<void>
  verify(caseId: string, options?: VerifyAuditOptions): Promise<AuditVerification>
  verifyRecord(kind: string, id: string, options?: VerifyAuditOptions): Promise<AuditVerification>
  verifyOffice(
    checkpoint: AuditCheckpoint | string,
    options?: { publicKey?: string | KeyObject },
  ): Promise<CheckpointVerification>
}

/** Builds the audit anchoring of a service. @internal */
export function createAuditAnchor(
  ctx: EngineContext,
  loadCase: (caseId: string) => Promise<StoredCase>,
): AuditAnchor {
  const { options, store, clock, officeCode } = ctx
  const signer = options.checkpointSigner ?? null
  const intervalMs = options.checkpointIntervalMs ?? 3_600_000
  let last: AuditCheckpoint | null = null
  let lastAttempt = Number.NEGATIVE_INFINITY

  const checkpoint = async (): Promise<AuditCheckpoint> => {
    if (!signer) {
      throw new ConfigError('Checkpoint audit memerlukan opsi checkpointSigner', {
        messageEn: 'Audit checkpoints need the checkpointSigner option',
        keys: ['checkpointSigner'],
      })
    }
    const cp = await makeCheckpoint(store, officeCode, clock.now(), signer)
    last = cp
    ctx.emit({ type: 'audit.checkpoint', size: cp.size, root: cp.root, checkpointAt: cp.at })
    await options.onCheckpoint?.(cp)
    return cp
  }

  const maybeCheckpoint = async () => {
    const now = clock.now().getTime()
    if (!signer || now - lastAttempt < intervalMs) return
    lastAttempt = now
    try {
      await checkpoint()
    } catch (error) {
      options.logger?.error({ type: 'audit.checkpoint_failed', error: String(error) }, 'checkpoint failed')
    }
  }

  const resolveKey = (given: string | KeyObject | undefined): string | KeyObject => {
    const publicKey = given ?? signer?.publicKey
    if (publicKey === undefined) {
      throw new ConfigError('Memeriksa checkpoint memerlukan publicKey atau opsi checkpointSigner', {
        messageEn: 'Checking a checkpoint needs publicKey or the checkpointSigner option',
        keys: ['publicKey'],
      })
    }
    return publicKey
  }

  /** The trail check, then the trail against the checkpoint given or the last one made. */
  const verifyTrail = (
    caseId: string,
    entries: readonly AuditEntry[],
    own: AuditVerification,
    opts: VerifyAuditOptions,
  ): AuditVerification => {
    if (!own.ok) return own
    const cp = opts.checkpoint === undefined ? last : parseCheckpoint(opts.checkpoint)
    if (!cp) return own
    const signed = checkCheckpointFor(cp, officeCode, resolveKey(opts.publicKey))
    if (!signed.ok) return { ok: false, brokenAt: 0, reason: signed.reason }
    const against = checkTrailAgainst(cp, caseId, entries)
    if (against && 'brokenAt' in against) return { ok: false, ...against }
    return { ...own, checkpoint: { at: cp.at, root: cp.root, seq: against?.seq ?? null } }
  }

  const verify = async (caseId: string, opts: VerifyAuditOptions = {}): Promise<AuditVerification> => {
    const stored = await loadCase(caseId)
    const entries = await ctx.port('timeline', () => store.timeline(caseId))
    const head = (stored.data as unknown as CaseData).audit
    return verifyTrail(
      caseId,
      entries,
      checkAggregateTrail(entries, stored.version, head, ctx.auditKey),
      opts,
    )
  }

  const verifyRecord = async (
    kind: string,
    id: string,
    opts: VerifyAuditOptions = {},
  ): Promise<AuditVerification> => {
    const record = await ctx.port('loadRecord', () => store.loadRecord(kind, id))
    if (!record || record.officeCode !== officeCode) {
      throw new NotFoundError(`Rekaman ${kind} ${id} tidak ditemukan`, {
        messageEn: `Record ${kind} ${id} was not found`,
      })
    }
    const entries = await ctx.port('timeline', () => store.timeline(id))
    const own = checkAggregateTrail(entries, record.version, null, ctx.auditKey, kind)
    return verifyTrail(id, entries, own, opts)
  }

  const readAggregate = async (caseId: string): Promise<AggregateReading> => {
    const entries = await ctx.port('timeline', () => store.timeline(caseId))
    const recordKind = entries[0]?.aggregateKind
    if (recordKind !== undefined) {
      const record = await ctx.port('loadRecord', () => store.loadRecord(recordKind, caseId))
      const row = record && record.officeCode === officeCode ? { version: record.version } : null
      return { entries, row, kind: recordKind }
    }
    const stored = await ctx.port('load', () => store.load(caseId))
    if (stored && stored.officeCode === officeCode) {
      const head = (stored.data as unknown as CaseData).audit
      return { entries, row: { version: stored.version, head }, kind: 'case' }
    }
    return { entries, row: null, kind: entries.length > 0 ? 'case' : null }
  }

  const verifyOffice = async (
    input: AuditCheckpoint | string,
    opts: { publicKey?: string | KeyObject } = {},
  ): Promise<CheckpointVerification> => {
    const cp = parseCheckpoint(input)
    const signed = checkCheckpointFor(cp, officeCode, resolveKey(opts.publicKey))
    const base = { at: cp.at, root: cp.root, checked: 0 }
    if (!signed.ok) {
      return {
        ok: false,
        ...base,
        problems: [{ caseId: '', aggregateKind: null, brokenAt: 0, reason: signed.reason }],
      }
    }
    const problems = await checkOfficeAgainst(cp, ctx.auditKey, readAggregate)
    return { ok: problems.length === 0, ...base, checked: cp.leaves.length, problems }
  }

  return { checkpoint, maybeCheckpoint, verify, verifyRecord, verifyOffice }
}
