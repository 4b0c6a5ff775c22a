import { describeCaseStore } from '@ak1/core/conformance'
import { createSqliteStore } from '../src/index'
import { tempDir, testKey } from './helpers/temp'

describeCaseStore({
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

describeCaseStore({
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
