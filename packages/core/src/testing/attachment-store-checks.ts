import { expect } from 'vitest'
import { group } from './case-store-check-helpers'
import type { CaseStoreCheck } from './case-store-checks'

/** Checks of the {@link AttachmentStore} contract: files by sha256, stored once. */
export function attachmentStoreChecks(): CaseStoreCheck[] {
  return attachmentChecks()
}

function attachmentChecks(): CaseStoreCheck[] {
  const bytes = Uint8Array.from({ length: 256 }, (_, i) => i)
  const sha256 = 'ab'.repeat(32)
  return group('attachments', {
    'getAttachment() returns null for an unknown sha256': async (store) => {
      expect(await store.getAttachment('cd'.repeat(32))).toBeNull()
    },
    'putAttachment() then getAttachment() gives back every byte, the type and the size': async (store) => {
      await store.putAttachment({ sha256, contentType: 'image/jpeg', size: bytes.length, bytes })
      const found = await store.getAttachment(sha256)
      expect(found?.bytes).toBeInstanceOf(Uint8Array)
      expect(Array.from(found!.bytes)).toEqual(Array.from(bytes))
      expect(found).toMatchObject({ sha256, contentType: 'image/jpeg', size: 256 })
      expect(await store.getAttachment('cd'.repeat(32))).toBeNull()
    },
    'putAttachment() of a sha256 already stored is a no-op': async (store) => {
      await store.putAttachment({ sha256, contentType: 'image/jpeg', size: bytes.length, bytes })
      await expect(
        store.putAttachment({ sha256, contentType: 'application/pdf', size: bytes.length, bytes }),
      ).resolves.toBeUndefined()
      const found = await store.getAttachment(sha256)
      expect(found?.contentType).toBe('image/jpeg')
      expect(Array.from(found!.bytes)).toEqual(Array.from(bytes))
    },
  })
}
