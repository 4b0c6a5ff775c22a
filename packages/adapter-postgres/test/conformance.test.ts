import {
  describeAttachmentStore,
  describeCaseStore,
  describeSequenceAllocator,
  describeWorkQueue,
} from '@ak1/core/conformance'
import { afterAll, beforeAll } from 'vitest'
import { createPostgresStore } from '../src/index'
import { startCluster, type TestCluster } from './support/cluster'

let cluster: TestCluster
beforeAll(async () => {
  cluster = await startCluster()
}, 120_000)
afterAll(() => cluster?.stop())

const key = Buffer.alloc(32, 7)
let schemas = 0
/** A fresh schema per test: the suites expect an empty store. */
const fresh = (protection: { plaintext: true } | { encryptionKey: Buffer }) => async () => {
  const store = await createPostgresStore({
    connectionString: cluster.url(),
    schema: `conf_${++schemas}`,
    ...protection,
  })
  return { store }
}

for (const describePort of [
  describeCaseStore,
  describeWorkQueue,
  describeSequenceAllocator,
  describeAttachmentStore,
]) {
  describePort({ name: 'postgres', create: fresh({ plaintext: true }), timeout: 60_000 })
  describePort({
    name: 'postgres with encryptionKey',
    create: fresh({ encryptionKey: key }),
    timeout: 60_000,
  })
}
