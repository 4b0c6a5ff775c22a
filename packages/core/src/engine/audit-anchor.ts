import type { KeyObject } from 'node:crypto'
import { ConfigError, ValidationError } from '../errors/errors'
import type { StoredCase } from '../ports/case-store'
import { type AuditVerification, verifyAuditChain } from './audit'
import { checkEntryMacs } from './audit-key'
import type { CaseData } from './case-data'
import {
  type AuditCheckpoint,
  checkTrailAgainst,
  makeCheckpoint,
  parseCheckpoint,
  verifyCheckpoint,
} from './checkpoint'
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

  const verify = async (caseId: string, opts: VerifyAuditOptions = {}): Promise<AuditVerification> => {
    const cp = opts.checkpoint === undefined ? last : parseCheckpoint(opts.checkpoint)
    const stored = await loadCase(caseId)
    const entries = await ctx.port('timeline', () => store.timeline(caseId))
    const chain = verifyAuditChain(entries, (stored.data as unknown as CaseData).audit)
    if (!chain.ok) return chain
    // One entry per commit: a case at version v has exactly v entries.
    if (entries.length !== stored.version) {
      return {
        ok: false,
        brokenAt: Math.min(entries.length, stored.version) + 1,
        reason: `the case is at version ${stored.version}, but its trail has ${entries.length} entries`,
      }
    }
    const result: AuditVerification = { ok: true, entries: entries.length }
    if (ctx.auditKey) {
      const macs = checkEntryMacs(entries, ctx.auditKey)
      if ('brokenAt' in macs) return { ok: false, ...macs }
      result.authenticated = macs.authenticated
    }
    if (cp) {
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
      const publicKey = opts.publicKey ?? signer?.publicKey
      if (publicKey === undefined) {
        throw new ConfigError('Memeriksa checkpoint memerlukan publicKey atau opsi checkpointSigner', {
          messageEn: 'Checking a checkpoint needs publicKey or the checkpointSigner option',
          keys: ['publicKey'],
        })
      }
      const signed = verifyCheckpoint(cp, publicKey)
      if (!signed.ok) return { ok: false, brokenAt: 0, reason: signed.reason }
      const against = checkTrailAgainst(cp, caseId, entries)
      if (against && 'brokenAt' in against) return { ok: false, ...against }
      result.checkpoint = { at: cp.at, root: cp.root, seq: against?.seq ?? null }
    }
    return result
  }

  return { checkpoint, maybeCheckpoint, verify }
}
