// Issue 15 item 3: an attach writes the same whatever the number of files the case already holds.
// Measured as bytes written (the WAL's growth for one attach, after a checkpoint emptied it), never as
// time: the case body keeps only a count and a total, and the stored command result lists no files.
import { statSync } from 'node:fs'
import { balongbendoInput, createAk1Service, defineStandard } from '@ak1/core'
import { sampleApplication } from '@ak1/core/testing'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createSqliteStore } from '../src/index'
import { tempDir } from './helpers/temp'

let tmp: ReturnType<typeof tempDir>
beforeEach(() => {
  tmp = tempDir('ak1-sqlite-attach-')
})
afterEach(() => tmp.remove())

describe('the cost of an attach', () => {
  it('the 3,000th attach writes within 2x the bytes of the 10th', { timeout: 600_000 }, async () => {
    const standard = defineStandard({
      ...balongbendoInput,
      version: '2026.many-files',
      attachments: { maxCount: 5000, maxTotalBytes: 1_000_000_000 },
    })
    const file = tmp.file()
    const store = createSqliteStore({ filename: file, plaintext: true })
    const service = createAk1Service({
      standard,
      store,
      clock: { now: () => new Date('2026-04-14T01:00:00.000Z') },
    })
    const actor = { id: 'petugas-1', role: 'petugas' }
    const c = await service.submit(sampleApplication(), { actor, channel: 'tatap_muka' })
    const walBytes = () => statSync(`${file}-wal`).size
    // Summed over ten attaches each (the 10th to 19th, the 2,991st to 3,000th), so that one b-tree page
    // split falling into a single measured attach does not decide the outcome.
    const written: Record<number, number> = { 10: 0, 3000: 0 }
    const windowOf = (n: number) => (n >= 10 && n < 20 ? 10 : n > 2990 ? 3000 : null)
    for (let n = 1; n <= 3000; n++) {
      const window = windowOf(n)
      const measured = window !== null
      if (measured) await store.checkpoint()
      const before = measured ? walBytes() : 0
      const bytes = new TextEncoder().encode(`%PDF-1.4 lampiran nomor ${n} ${'x'.repeat(200)}`)
      const view = await service.attach(
        c.id,
        bytes,
        { contentType: 'application/pdf', itemId: 'pas_foto' },
        { actor, commandId: `attach-${n}` },
      )
      if (measured) {
        written[window] = written[window]! + walBytes() - before
        expect(view.attachments).toHaveLength(n)
      }
    }
    expect(written[10]).toBeGreaterThan(0)
    expect(written[3000]! / written[10]!, JSON.stringify(written)).toBeLessThanOrEqual(2)
    await store.close()
  })
})
