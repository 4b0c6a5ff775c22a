import { ValidationError } from '../errors/errors'
import type { AuditEntry, StoredCase } from '../ports/case-store'
import type { Standard } from '../standard/schema'
import type { CaseData } from './case-data'
import type { AttachmentRef, CaseView } from './types'

/** How many files a case holds and their bytes together, kept on the case instead of the list. */
export interface FileTotals {
  count: number
  bytes: number
}

/**
 * The totals of a case: `files` on the case data, or, for a case written before it, counted from the
 * list it still carries. @internal
 */
export function fileTotalsOf(data: CaseData): FileTotals {
  if (data.files) return data.files
  const legacy = data.attachments ?? []
  return { count: legacy.length, bytes: legacy.reduce((n, a) => n + (Number(a.size) || 0), 0) }
}

/**
 * The case's attachments, read from its audit trail: each `ATTACH` entry names one file (hash, type,
 * size, checklist item), and the trail is append-only, so an attach writes one entry and never
 * rewrites a list that grows with every file. @internal
 */
export function attachmentsFromTrail(entries: readonly AuditEntry[]): AttachmentRef[] {
  const out: AttachmentRef[] = []
  for (const entry of entries) {
    if (entry.event !== 'ATTACH') continue
    const d = entry.details as Record<string, unknown> | undefined
    if (!d || typeof d.sha256 !== 'string') continue
    const ref: AttachmentRef = {
      sha256: d.sha256,
      contentType: String(d.contentType ?? ''),
      size: Number(d.size) || 0,
      attachedAt: entry.at,
    }
    if (typeof d.itemId === 'string') ref.itemId = d.itemId
    out.push(ref)
  }
  return out
}

/**
 * Fills `view.attachments` from the case's trail (one read), for a case that holds files; a case
 * without files keeps the empty list without a read. @internal
 */
export async function fillAttachments(
  view: CaseView,
  stored: StoredCase,
  timeline: () => Promise<AuditEntry[]>,
): Promise<CaseView> {
  if (fileTotalsOf(stored.data as unknown as CaseData).count === 0) return view
  view.attachments = attachmentsFromTrail(await timeline())
  return view
}

/**
 * Checks one more file of `size` bytes against the standard's per-case limits.
 * @throws {ValidationError} at `bytes`, in Indonesian and English, naming the limit.
 * @internal
 */
export function checkAttachmentLimits(standard: Standard, totals: FileTotals, size: number): void {
  const { maxCount, maxTotalBytes } = standard.attachments
  if (totals.count + 1 > maxCount) {
    throw new ValidationError([
      {
        path: ['bytes'],
        rule: 'attachment_count_limit',
        message: `kasus ini sudah memiliki ${totals.count} berkas; standar pelayanan membatasi ${maxCount} berkas per kasus`,
        messageEn: `this case already holds ${totals.count} files; the service standard allows ${maxCount} files per case`,
      },
    ])
  }
  if (totals.bytes + size > maxTotalBytes) {
    throw new ValidationError([
      {
        path: ['bytes'],
        rule: 'attachment_total_limit',
        message: `berkas ${size} byte membuat jumlah berkas kasus ini ${totals.bytes + size} byte, melebihi batas standar pelayanan ${maxTotalBytes} byte per kasus`,
        messageEn: `a file of ${size} bytes brings this case's files to ${totals.bytes + size} bytes, over the service standard's limit of ${maxTotalBytes} bytes per case`,
      },
    ])
  }
}
