import { copyFileSync } from 'node:fs'
import {
  describeAttachmentStore,
  describeCaseStore,
  describeSequenceAllocator,
  describeWorkQueue,
} from '@ak1/core/conformance'
import { buildCreate, buildStoredCase } from '@ak1/core/testing'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createSqliteStore } from '../src/index'
import { fixture, startChild } from './helpers/child'
import { tempDir } from './helpers/temp'
import { type Ack, verifyFile } from './helpers/verify-file'

// Created in beforeAll, so a run that skips these tests leaves no folder behind.
let tmp: ReturnType<typeof tempDir>
let backupFile = ''
/** Commits acknowledged before the backup began: all must be in it. */
let before: Ack[] = []
let during = 0
let restores = 0

/** A restored copy of the backup: copied into place as a restore would, then opened. */
function restoredCopy(): string {
  const target = tmp.file(`restored-${restores++}.sqlite`)
  copyFileSync(backupFile, target)
  return target
}

describe('backup() under write load from another process', () => {
  beforeAll(async () => {
    tmp = tempDir('ak1-sqlite-backup-')
    const live = tmp.file('live.sqlite')
    backupFile = tmp.file('backup.sqlite')
    const writer = startChild(fixture('crash-writer.mjs'), [live, 'w'])
    await writer.waitForLines(400)
    before = [...(writer.lines as Ack[])]
    const store = createSqliteStore({ filename: live, plaintext: true })
    try {
      // Small steps, so the other process's commits land between them and force restarts.
      const result = await store.backup(backupFile, { pagesPerStep: 4 })
      expect(result.totalPages).toBeGreaterThan(4)
    } finally {
      during = writer.lines.length - before.length
      writer.kill('SIGKILL')
      await writer.exited
      await store.close()
    }
  }, 120_000)
  afterAll(() => tmp?.remove())

  it('the writer kept committing while the backup ran', () => {
    expect(during).toBeGreaterThan(0)
  })

  it('the backup is a consistent snapshot holding every commit acknowledged before it began', () => {
    expect(verifyFile(restoredCopy(), before)).toEqual([])
  })

  it('a restored backup opens with createSqliteStore, reads its cases and takes new commits', async () => {
    const store = createSqliteStore({ filename: restoredCopy(), plaintext: true })
    const last = before.at(-1)!
    expect((await store.load(last.caseId))?.version).toBeGreaterThanOrEqual(last.version)
    expect((await store.timeline(last.caseId)).length).toBeGreaterThanOrEqual(last.seq)
    await store.commit(
      buildCreate(buildStoredCase({ id: 'case-after-restore', trackingCode: 'AK1-restored' })),
    )
    expect((await store.load('case-after-restore'))?.version).toBe(1)
    await store.close()
  })

  // The suite needs an empty store: each test gets a restored copy whose rows are deleted, so what it
  // exercises is the restored file itself (schema, indexes, settings, encryption mode, free pages).
  for (const describePort of [
    describeCaseStore,
    describeWorkQueue,
    describeSequenceAllocator,
    describeAttachmentStore,
  ])
    describePort({
      name: 'sqlite restored from a backup taken under write load',
      create: async () => {
        const file = restoredCopy()
        const db = new Database(file)
        db.exec(`DELETE FROM ak1_audit; DELETE FROM ak1_commands; DELETE FROM ak1_outbox; DELETE FROM ak1_due;
        DELETE FROM ak1_sequences; DELETE FROM ak1_attachments; DELETE FROM ak1_cases; DELETE FROM ak1_offices;`)
        db.close()
        const store = createSqliteStore({ filename: file, plaintext: true })
        return { store }
      },
    })
})

describe('backup() while the same store keeps writing', () => {
  let own: ReturnType<typeof tempDir>
  beforeAll(() => {
    own = tempDir('ak1-sqlite-backup-own-')
  })
  afterAll(() => own?.remove())

  it('copies a consistent file that holds every commit made before it began', async () => {
    const store = createSqliteStore({ filename: own.file(), plaintext: true })
    let n = 0
    const commitOne = () => {
      const id = `case-${String(n++).padStart(5, '0')}`
      return store.commit(
        buildCreate(buildStoredCase({ id, trackingCode: `AK1-${id}`, personal: { pad: 'x'.repeat(2000) } })),
      )
    }
    for (let i = 0; i < 300; i++) await commitOne()
    const committedBefore = n
    let writing = true
    const writer = (async () => {
      while (writing) {
        await commitOne()
        await new Promise((resolve) => setImmediate(resolve))
      }
    })()
    await store.backup(own.file('copy.sqlite'), { pagesPerStep: 2 })
    writing = false
    await writer
    await store.close()
    expect(n).toBeGreaterThan(committedBefore)
    const db = new Database(own.file('copy.sqlite'), { readonly: true })
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
    const count = db.prepare('SELECT count(*) FROM ak1_cases').pluck().get() as number
    expect(count).toBeGreaterThanOrEqual(committedBefore)
    expect(db.prepare('SELECT count(*) FROM ak1_audit').pluck().get()).toBe(count)
    db.close()
  })

  it('finishes even when another connection writes between every step (SQLite restarts the copy each time)', async () => {
    const file = own.file('busy.sqlite')
    const store = createSqliteStore({ filename: file, plaintext: true })
    const other = createSqliteStore({ filename: file, plaintext: true })
    let n = 0
    const commitOne = (s: typeof store) => {
      const id = `case-${String(n++).padStart(5, '0')}`
      return s.commit(
        buildCreate(buildStoredCase({ id, trackingCode: `AK1-${id}`, personal: { pad: 'x'.repeat(2000) } })),
      )
    }
    for (let i = 0; i < 200; i++) await commitOne(store)
    let writing = true
    let writes = 0
    const writer = (async () => {
      while (writing) {
        await commitOne(other)
        writes++
        await new Promise((resolve) => setImmediate(resolve))
      }
    })()
    await store.backup(own.file('busy-copy.sqlite'), { pagesPerStep: 2 })
    writing = false
    await writer
    await Promise.all([store.close(), other.close()])
    expect(writes).toBeGreaterThan(0)
    const db = new Database(own.file('busy-copy.sqlite'), { readonly: true })
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
    expect(db.prepare('SELECT count(*) FROM ak1_cases').pluck().get()).toBeGreaterThanOrEqual(200)
    db.close()
  })
})
