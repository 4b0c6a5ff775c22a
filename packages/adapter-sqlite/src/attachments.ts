import type { Ak1Store, AttachmentRecord } from '@ak1/core/ports'
import type { Run, StoreContext } from './context'
import { frameAttachment, undecryptable, unframeAttachment } from './encryption'

/** The attachment methods of the store. @internal */
export type SqliteAttachments = Pick<Ak1Store, 'putAttachment' | 'getAttachment'>

/**
 * Attachments by sha256, in `ak1_attachments`: stored once per sha256 under a keyed lookup, and
 * sealed (with their sha256 framed in) when the store encrypts. @internal
 */
export function createSqliteAttachments(ctx: StoreContext, run: Run): SqliteAttachments {
  const { s, codec } = ctx

  function sealAttachment(sha256: string, bytes: Uint8Array, lookup: string): Buffer {
    const sealer = ctx.sealer()
    if (!sealer) return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    return sealer.seal(frameAttachment(sha256, bytes), `attachment:${lookup}`)
  }

  function openAttachment(stored: Buffer, lookup: string): Uint8Array {
    const sealer = ctx.sealer()
    if (!sealer) return new Uint8Array(stored)
    let plain: Buffer
    try {
      plain = sealer.open(stored, `attachment:${lookup}`)
    } catch (error) {
      throw undecryptable(`attachment:${lookup}`, error)
    }
    return new Uint8Array(unframeAttachment(plain).bytes)
  }

  return {
    putAttachment: (a) =>
      run('putAttachment', () => {
        ctx.checkMode()
        // Stored once per sha256, whichever key looked it up.
        if (codec.attachmentLookups(a.sha256).some((l) => s.attachmentExists.get(l) !== undefined)) return
        const lookup = codec.attachmentLookup(a.sha256)
        s.insertAttachment.run(lookup, a.contentType, a.size, sealAttachment(a.sha256, a.bytes, lookup))
      }),

    getAttachment: (sha256) =>
      run('getAttachment', () => {
        for (const lookup of codec.attachmentLookups(sha256)) {
          const row = s.getAttachment.get(lookup) as
            | { lookup: string; content_type: string; size: number; bytes: Buffer }
            | undefined
          if (!row) continue
          const record: AttachmentRecord = {
            sha256,
            contentType: row.content_type,
            size: row.size,
            bytes: openAttachment(row.bytes, row.lookup),
          }
          return record
        }
        return null
      }),
  }
}
