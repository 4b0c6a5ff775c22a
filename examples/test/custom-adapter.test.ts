import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { balongbendo, createAk1Service } from '@ak1/core'
import {
  describeAttachmentStore,
  describeCaseStore,
  describeSequenceAllocator,
  describeWorkQueue,
} from '@ak1/core/conformance'
import { createRecordingNotifier, sampleApplication } from '@ak1/core/testing'
import { afterAll, describe, expect, it } from 'vitest'
import { createJsonFileStore } from '../custom-adapter/json-file-store'

const dir = mkdtempSync(join(tmpdir(), 'ak1-custom-adapter-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
let files = 0
const key = 'ab'.repeat(32)

const suites = [describeCaseStore, describeWorkQueue, describeSequenceAllocator, describeAttachmentStore]
for (const describePort of suites) {
  describePort({
    name: 'json-file (examples/custom-adapter)',
    create: async () => ({ store: createJsonFileStore({ filename: join(dir, `${files++}.json`) }) }),
  })
  describePort({
    name: 'json-file with encryptionKey',
    create: async () => ({
      store: createJsonFileStore({ filename: join(dir, `${files++}.json`), encryptionKey: key }),
    }),
  })
}

describe('the custom adapter under createAk1Service', () => {
  it('submits and accepts a case, delivers its notices, and reopens it from the sealed file', async () => {
    const filename = join(dir, 'service.json')
    const notifier = createRecordingNotifier()
    const store = createJsonFileStore({ filename, encryptionKey: key })
    const service = createAk1Service({ standard: balongbendo, store, notifiers: [notifier], sipraja: false })
    const petugas = { id: 'u-17', role: 'petugas' }
    const kasus = await service.submit(sampleApplication(), { actor: petugas, channel: 'tatap_muka' })
    const [action] = await service.availableActions(kasus.id, petugas)
    const next = await service.act(
      kasus.id,
      { type: 'ACCEPT', verified: action?.needs ?? [] },
      { actor: petugas, expectedVersion: kasus.version, commandId: 'cmd-accept-1' },
    )
    expect(next.state).toBe('pemindaian')
    await service.runOutbox()
    expect(notifier.sent.map((m) => m.template)).toContain('diterima')
    await store.close()

    const disk = readFileSync(filename, 'utf8')
    for (const secret of ['3515125405010001', 'Siti Rahmawati', '81234567890']) {
      expect(disk.includes(secret), secret).toBe(false)
    }
    const reopened = createJsonFileStore({ filename, encryptionKey: key })
    const again = await reopened.load(kasus.id)
    expect(again?.version).toBe(next.version)
    expect(again?.applicantNik).toBe('3515125405010001')
    expect((await reopened.timeline(kasus.id)).map((e) => e.event)).toEqual(['SUBMIT', 'ACCEPT'])
    await reopened.close()
  })
})
