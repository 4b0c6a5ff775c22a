import { ForbiddenError, ValidationError, type ValidationIssue } from '../../errors/errors'
import { ruleMessages } from '../../i18n/zod-issues'
import type { Json, StoredCase } from '../../ports/case-store'
import type { Actor } from '../../procedure/types'
import type { Standard } from '../../standard/schema'
import { checkAttachmentLimits, fileTotalsOf } from '../attachments'
import type { CaseData } from '../case-data'
import type { Runtime } from '../context'
import { checkOnBehalf, type Decision, nextCase, sameStateEntry } from '../decision'
import type { AttachmentRef } from '../types'
import { checklistOf } from '../views'

ruleMessages.bytes_uint8array = { id: 'harus berupa Uint8Array', en: 'must be a Uint8Array' }

/** What {@link Ak1Service.attach} is told about the bytes. */
export interface AttachmentMeta {
  /** MIME type, e.g. `application/pdf`, `image/jpeg`. */
  contentType: string
  /** The checklist item it documents, e.g. `ijazah:sma`. */
  itemId?: string
  filename?: string
}

/** Checks the bytes and their metadata against the service's limits, adding issues. @internal */
export function checkAttachment(
  bytes: unknown,
  meta: AttachmentMeta | undefined,
  limits: { maxBytes: number; types: ReadonlySet<string> },
  issues: ValidationIssue[],
): void {
  const { maxBytes, types } = limits
  if (!(bytes instanceof Uint8Array)) {
    const text = ruleMessages.bytes_uint8array!
    issues.push({ path: ['bytes'], rule: 'invalid_type', message: text.id, messageEn: text.en })
  } else if (bytes.byteLength === 0) {
    issues.push({
      path: ['bytes'],
      rule: 'attachment_empty',
      message: 'berkas kosong',
      messageEn: 'the file is empty',
    })
  } else if (bytes.byteLength > maxBytes) {
    issues.push({
      path: ['bytes'],
      rule: 'attachment_too_large',
      message: `berkas ${bytes.byteLength} byte melebihi batas ${maxBytes} byte`,
      messageEn: `the file of ${bytes.byteLength} bytes exceeds the limit of ${maxBytes} bytes`,
    })
  }
  if (!types.has(meta?.contentType as string)) {
    issues.push({
      path: ['contentType'],
      rule: 'attachment_type',
      message: `jenis berkas harus salah satu dari: ${[...types].join(', ')}`,
      messageEn: `the file type must be one of: ${[...types].join(', ')}`,
    })
  }
  if (meta?.filename !== undefined && (typeof meta.filename !== 'string' || meta.filename.length > 255)) {
    issues.push({
      path: ['filename'],
      rule: 'too_big',
      message: 'nama berkas maksimal 255 karakter',
      messageEn: 'the file name must be at most 255 characters',
    })
  }
}

/**
 * Who may attach files, before the end: officers of the standard; the applicant only on their own
 * case and only while it waits on the applicant (the standard's applicant role is the one awaited: at
 * an upload step of the applicant, or returned for missing documents). While the office holds the
 * case, its files are the office's to add.
 */
function checkMayAttach(standard: Standard, stored: StoredCase, actor: Actor): void {
  if (stored.final) {
    throw new ForbiddenError('case_final', 'Kasus sudah selesai; berkas tidak dapat ditambahkan', {
      messageEn: 'The case is closed; files cannot be added',
    })
  }
  if (actor.role === standard.applicant.role) {
    if (actor.nik !== stored.applicantNik) {
      throw new ForbiddenError(
        'not_applicant',
        'Pemohon hanya dapat melampirkan berkas pada permohonannya sendiri',
        {
          messageEn: 'An applicant may only attach files to their own application',
        },
      )
    }
    if (stored.awaiting !== standard.applicant.role) {
      throw new ForbiddenError(
        'not_awaiting_applicant',
        'Pemohon hanya dapat melampirkan berkas selama permohonan menunggu pemohon (mis. dikembalikan untuk dilengkapi)',
        {
          messageEn:
            'An applicant may only attach files while the application waits on the applicant (e.g. returned to be completed)',
        },
      )
    }
    return
  }
  if (!standard.roles.some((r) => r.id === actor.role)) {
    throw new ForbiddenError('role', `Peran ${actor.role} tidak dikenal standar pelayanan`, {
      messageEn: `Role ${actor.role} is unknown to the service standard`,
    })
  }
}

/**
 * Decides an attachment: who may attach, that the checklist item is on the case, the standard's
 * per-case limits, and the `ATTACH` audit entry that records the file (the case keeps only the count
 * and total bytes, so an attach writes the same whatever came before); `null` when the same bytes for
 * the same item are already there (nothing to do). `existing` is the case's files, from its trail.
 * Pure: the bytes are stored by the caller before the commit.
 * @internal
 */
export function decideAttach(
  rt: Runtime,
  stored: StoredCase,
  data: CaseData,
  file: { sha256: string; size: number; meta: AttachmentMeta },
  input: { actor: Actor; commandId: string | undefined; at: Date },
  existing: readonly AttachmentRef[],
): Decision | null {
  const { sha256, size, meta } = file
  const { actor, commandId, at } = input
  checkOnBehalf(stored, actor)
  checkMayAttach(rt.standard, stored, actor)
  if (
    meta.itemId !== undefined &&
    !checklistOf(rt.standard, stored.personal, {}).some((i) => i.id === meta.itemId)
  ) {
    throw new ValidationError([
      {
        path: ['itemId'],
        rule: 'unknown_checklist_item',
        message: `butir daftar periksa "${meta.itemId}" tidak ada pada kasus ini`,
        messageEn: `checklist item "${meta.itemId}" is not on this case`,
      },
    ])
  }
  if (existing.some((a) => a.sha256 === sha256 && a.itemId === meta.itemId)) return null
  const totals = fileTotalsOf(data)
  checkAttachmentLimits(rt.standard, totals, size)
  data.files = { count: totals.count + 1, bytes: totals.bytes + size }
  const details: Record<string, Json> = { sha256, contentType: meta.contentType, size }
  if (meta.itemId !== undefined) details.itemId = meta.itemId
  return {
    rt,
    before: stored,
    after: nextCase(stored, at, {}),
    data,
    entry: sameStateEntry(rt, stored, at, commandId, actor, 'ATTACH', details),
    writeDue: false,
    at,
  }
}
