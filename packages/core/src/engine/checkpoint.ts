import { z } from 'zod'
import { type CheckpointLeaf, merkleRoot, sortLeaves } from '../audit-anchor/merkle'
import { ValidationError, wrapPortError } from '../errors/errors'
import { toValidationIssues } from '../i18n/zod-issues'
import type { AuditEntry } from '../ports/case-store'
import type { Ak1Store } from '../ports/store'
import { type CheckpointSigner, keyIdOf, toPublicKey, verifyEd25519 } from './checkpoint-signer'

/** The format tag of an exported checkpoint. */
export const checkpointFormat = 'ak1-audit-checkpoint/1'

/**
 * A signed checkpoint of an office's audit trails, after Certificate Transparency's signed tree
 * head: the Merkle root (RFC 6962) over every aggregate's trail head (cases and records: its id,
 * length and last hash), and
 * an Ed25519 signature over the checkpoint's text. Exported as JSON and kept outside the database (a
 * file, the Camat's e-mail, the kabupaten), it lets `verifyAudit` find a trail that was rewritten,
 * cut short or rolled back after it, even by someone who could write the whole database.
 */
export interface AuditCheckpoint {
  format: typeof checkpointFormat
  officeCode: string
  /** ISO instant the heads were read. */
  at: string
  /** Number of leaves. */
  size: number
  /** Hex Merkle root over `leaves`. */
  root: string
  /** The trail heads, ordered by `caseId`. */
  leaves: CheckpointLeaf[]
  signature: { keyId: string; algorithm: 'ed25519'; value: string }
}

const hex64 = z.string().regex(/^[0-9a-f]{64}$/)
const checkpointSchema = z.strictObject({
  format: z.literal(checkpointFormat),
  officeCode: z.string().min(1),
  at: z.iso.datetime(),
  size: z.number().int().nonnegative(),
  root: hex64,
  leaves: z.array(z.strictObject({ caseId: z.string().min(1), seq: z.number().int().min(1), hash: hex64 })),
  signature: z.strictObject({
    keyId: z.string().min(1),
    algorithm: z.literal('ed25519'),
    value: z.base64(),
  }),
})

/**
 * Reads an exported checkpoint (its JSON text or the parsed object), checking its shape.
 * @throws {ValidationError} naming the field, under `checkpoint`.
 */
export function parseCheckpoint(input: unknown): AuditCheckpoint {
  let value = input
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input)
    } catch {
      throw new ValidationError([
        {
          path: ['checkpoint'],
          rule: 'invalid_json',
          message: 'checkpoint bukan JSON yang sah',
          messageEn: 'the checkpoint is not valid JSON',
        },
      ])
    }
  }
  const result = checkpointSchema.safeParse(value)
  if (!result.success) {
    throw new ValidationError(
      toValidationIssues(result.error.issues).map((i) => ({ ...i, path: ['checkpoint', ...i.path] })),
    )
  }
  return result.data as AuditCheckpoint
}

/** The text a checkpoint's signature is made over: format, office, instant, size and root, a line each. */
export function checkpointText(cp: Pick<AuditCheckpoint, 'officeCode' | 'at' | 'size' | 'root'>): Uint8Array {
  return new TextEncoder().encode(`${checkpointFormat}\n${cp.officeCode}\n${cp.at}\n${cp.size}\n${cp.root}\n`)
}

/**
 * Checks a checkpoint on its own: the signature by the given public key (PEM or `KeyObject`), and
 * the root recomputed from the leaves.
 */
export function verifyCheckpoint(
  cp: AuditCheckpoint,
  publicKey: Parameters<typeof toPublicKey>[0],
): { ok: true } | { ok: false; reason: string } {
  const key = toPublicKey(publicKey)
  if (cp.signature.keyId !== keyIdOf(key))
    return { ok: false, reason: 'the checkpoint was signed by another key' }
  const signature = new Uint8Array(Buffer.from(cp.signature.value, 'base64'))
  if (!verifyEd25519(checkpointText(cp), signature, key)) {
    return { ok: false, reason: 'the checkpoint signature does not match its content' }
  }
  if (cp.size !== cp.leaves.length || merkleRoot(cp.leaves) !== cp.root) {
    return { ok: false, reason: 'the checkpoint leaves do not give its root' }
  }
  return { ok: true }
}

/**
 * Makes and signs a checkpoint of one office: streams the office's audit entries (a page at a time,
 * no write, no shared row: commits never wait on it), takes the head of every aggregate's trail (cases
 * and records), builds the Merkle root and signs it. The heads are the trails' own, not the heads the
 * case rows record.
 * @internal
 */
export async function makeCheckpoint(
  store: Ak1Store,
  officeCode: string,
  at: Date,
  signer: CheckpointSigner,
): Promise<AuditCheckpoint> {
  const heads = new Map<string, CheckpointLeaf>()
  try {
    for await (const entry of store.streamAudit({ officeCode })) {
      const known = heads.get(entry.caseId)
      if (!known || entry.seq > known.seq)
        heads.set(entry.caseId, { caseId: entry.caseId, seq: entry.seq, hash: entry.hash })
    }
  } catch (error) {
    throw wrapPortError(store.id, 'streamAudit', error)
  }
  const leaves = [...heads.values()]
  const sorted = sortLeaves(leaves)
  const body = { officeCode, at: at.toISOString(), size: sorted.length, root: merkleRoot(sorted) }
  const signature = await signer.sign(checkpointText(body))
  return {
    format: checkpointFormat,
    ...body,
    leaves: sorted,
    signature: { keyId: signer.id, algorithm: 'ed25519', value: Buffer.from(signature).toString('base64') },
  }
}

/**
 * Checks one case's trail against a checkpoint whose signature and root were checked: a trail is
 * append-only, so it must still hold the checkpointed length, with the checkpointed hash at that
 * `seq`. A case the checkpoint does not list was not there yet (nothing to check).
 * @internal
 */
export function checkTrailAgainst(
  cp: AuditCheckpoint,
  caseId: string,
  entries: readonly AuditEntry[],
): { seq: number } | { brokenAt: number; reason: string } | null {
  const leaf = cp.leaves.find((l) => l.caseId === caseId)
  if (!leaf) return null
  if (entries.length < leaf.seq) {
    return {
      brokenAt: entries.length + 1,
      reason: `the trail has ${entries.length} entries, but the checkpoint of ${cp.at} saw ${leaf.seq}`,
    }
  }
  if (entries[leaf.seq - 1]!.hash !== leaf.hash) {
    return {
      brokenAt: leaf.seq,
      reason: `entry ${leaf.seq} is not the one the checkpoint of ${cp.at} saw: the trail was rewritten`,
    }
  }
  return { seq: leaf.seq }
}
