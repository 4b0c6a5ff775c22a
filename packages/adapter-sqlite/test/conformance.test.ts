import {
  describeAttachmentStore,
  describeCaseStore,
  describeSequenceAllocator,
  describeWorkQueue,
} from '@ak1/core/conformance'
import { createSqliteStore } from '../src/index'
import { tempDir, testKey } from './helpers/temp'

const suites = [describeCaseStore, describeWorkQueue, describeSequenceAllocator, describeAttachmentStore]

for (const describePort of suites) {
  describePort({
    name: 'sqlite',
    create: async () => {
      const tmp = tempDir()
      const store = createSqliteStore({ filename: tmp.file(), plaintext: true })
      const cleanup = async () => {
        await store.close()
        tmp.remove()
      }
      return { store, cleanup }
    },
  })

  describePort({
    name: 'sqlite with encryptionKey',
    create: async () => {
      const tmp = tempDir()
      const store = createSqliteStore({ filename: tmp.file(), encryptionKey: testKey(7) })
      const cleanup = async () => {
        await store.close()
        tmp.remove()
      }
      return { store, cleanup }
    },
  })
}
