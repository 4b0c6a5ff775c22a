// The card record opens as part of the hand-over commit: that commit writes a `card_open` due row,
// and the worker opens the record from it when the service did not get to (a crash between the
// two). On an encrypted SQLite file, with a crash injected by a store that fails the chosen commit
// as a dying process would, then the file opened again by a fresh store and service.
import { copyFileSync, existsSync } from 'node:fs'
import { createSqliteStore } from '@ak1/adapter-sqlite'
import { type Ak1Store, balongbendo, type CommitInput, createAk1Service, isAk1Error } from '@ak1/core'
import { createRecordingNotifier } from '@ak1/core/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createCardRenderer } from '../src/index'
import { samplePhoto } from './support/poppler'
import { drive, handClock, openService, tempDir, testKey } from './support/sqlite-service'

const tmp = tempDir('ak1-card-open-crash-')
afterAll(() => tmp.remove())

let jpeg: Uint8Array
beforeAll(async () => {
  jpeg = await samplePhoto('jpeg')
})

/** A store that fails (once) the first commit `crashAt` picks, before anything is written. */
function crashingStore(file: string, crashAt: (input: CommitInput) => boolean) {
  const store = createSqliteStore({ filename: file, encryptionKey: testKey })
  let crashed = 0
  const wrapped: Ak1Store = Object.create(store)
  wrapped.commit = async (input) => {
    if (crashed === 0 && crashAt(input)) {
      crashed += 1
      throw new Error('process killed')
    }
    return store.commit(input)
  }
  return { store: wrapped, crashed: () => crashed, close: () => store.close() }
}

/**
 * Every pending due row of an aggregate, read through the queue port on a copy of the (closed) file,
 * so the claim's lease touches nothing the test goes on with.
 */
let copies = 0
async function pendingDue(file: string, aggregateId: string) {
  const copy = tmp.file(`inspect-${++copies}.sqlite`)
  copyFileSync(file, copy)
  if (existsSync(`${file}-wal`)) copyFileSync(`${file}-wal`, `${copy}-wal`)
  const store = createSqliteStore({ filename: copy, encryptionKey: testKey })
  try {
    const rows = await store.claimDue({
      now: '2035-01-01T00:00:00.000Z',
      limit: 1000,
      owner: 'inspector',
      leaseMs: 1,
    })
    return rows.filter((r) => r.caseId === aggregateId)
  } finally {
    await store.close()
  }
}

const isCardRecordCommit = (input: CommitInput) => input.record?.kind === 'card'

describe('the card record opens with the hand-over commit (SQLite, crash injected)', () => {
  it('a crash after the hand-over commit leaves a due row the worker turns into the record, once', async () => {
    const file = tmp.file('after-hand-over.sqlite')
    const clock = handClock('2026-04-14T01:00:00.000Z')
    const crash = crashingStore(file, isCardRecordCommit)
    const service = createAk1Service({
      standard: balongbendo,
      store: crash.store,
      clock,
      card: createCardRenderer(),
      notifiers: [createRecordingNotifier()],
      sipraja: false,
    })
    const view = await drive(service, clock, { photo: { bytes: jpeg, contentType: 'image/jpeg' } })
    expect(view.state).toBe('selesai')
    expect(crash.crashed()).toBe(1)
    const number = view.card!.number
    const missing = await service.cards.get(number).catch((e: unknown) => e)
    expect(isAk1Error(missing) && missing.code).toBe('NOT_FOUND')
    await crash.close()

    // The process starts again on the same file: the hand-over left its card_open row behind.
    const before = await pendingDue(file, view.id)
    expect(before.map((r) => r.kind)).toEqual(['card_open'])
    let s = openService(file, clock)
    const first = await s.service.runDue({ limit: 100 })
    expect(first.raised).toBe(1)
    const card = await s.service.cards.get(number)
    expect(card).toMatchObject({ state: 'aktif', caseId: view.id, cardNumber: number })
    const again = await s.service.runDue({ limit: 100 })
    expect(again.claimed).toBe(0)
    const records = await s.store.listRecords({ officeCode: 'balongbendo', kind: 'card' })
    expect(records.items).toHaveLength(1)
    expect((await s.store.timeline(card.id)).map((e) => e.event)).toEqual(['CARD_OPENED'])
    // The opening is recorded for the officer who handed the case over, not for the worker.
    expect((await s.store.timeline(card.id))[0]!.actor.role).not.toBe('system')
    // The case's row is closed with an entry of its own: one audit entry per case version still.
    const caseTrail = await s.store.timeline(view.id)
    expect(caseTrail.at(-1)).toMatchObject({ event: 'CARD_RECORD_OPENED', details: { repaired: true } })
    expect(caseTrail).toHaveLength((await s.store.load(view.id))!.version)
    await s.close()

    const rows = await pendingDue(file, card.id)
    const reminders = rows.filter((r) => r.kind === 'card_reminder')
    expect(reminders).toHaveLength(9) // four reports twice each, and the expiry
    expect(new Set(reminders.map((r) => r.id)).size).toBe(reminders.length)
    expect(rows.filter((r) => r.kind === 'card_expire')).toHaveLength(1)
    expect(await pendingDue(file, view.id)).toEqual([])

    // A worker restarted later finds nothing left to open.
    s = openService(file, clock)
    expect((await s.service.runDue({ limit: 100 })).claimed).toBe(0)
    expect((await s.store.listRecords({ officeCode: 'balongbendo', kind: 'card' })).items).toHaveLength(1)
    await s.close()
  })

  it('a crash after the worker opened the record, before it closed the row, opens nothing twice', async () => {
    const file = tmp.file('after-open.sqlite')
    const clock = handClock('2026-04-14T01:00:00.000Z')
    // The service's own opening fails; then the worker's commit closing the row dies.
    let step = 0
    const crash = crashingStore(file, (input) => {
      if (step === 0 && isCardRecordCommit(input)) {
        step = 1
        return true
      }
      return false
    })
    const service = createAk1Service({
      standard: balongbendo,
      store: crash.store,
      clock,
      card: createCardRenderer(),
      sipraja: false,
    })
    const view = await drive(service, clock, { photo: { bytes: jpeg, contentType: 'image/jpeg' } })
    expect(crash.crashed()).toBe(1)
    await crash.close()

    const closing = createSqliteStore({ filename: file, encryptionKey: testKey })
    let dying = true
    const dyingStore: Ak1Store = Object.create(closing)
    dyingStore.commit = async (input) => {
      if (dying && input.case && input.dueDone?.includes(`${view.id}.card_open`)) {
        dying = false
        throw new Error('process killed')
      }
      return closing.commit(input)
    }
    const worker = createAk1Service({ standard: balongbendo, store: dyingStore, clock, sipraja: false })
    const run = await worker.runDue({ limit: 100 })
    expect(run.released).toBe(1)
    expect(dying).toBe(false)
    await closing.close()

    clock.advance(60 * 60_000)
    const s = openService(file, clock)
    const next = await s.service.runDue({ limit: 100 })
    expect(next).toMatchObject({ claimed: 1, raised: 0, skipped: 1 })
    const records = await s.store.listRecords({ officeCode: 'balongbendo', kind: 'card' })
    expect(records.items).toHaveLength(1)
    expect((await s.store.timeline(records.items[0]!.id)).map((e) => e.event)).toEqual(['CARD_OPENED'])
    const caseTrail = await s.store.timeline(view.id)
    expect(caseTrail.filter((e) => e.event === 'CARD_RECORD_OPENED')).toMatchObject([
      { details: { repaired: false } },
    ])
    expect(caseTrail).toHaveLength((await s.store.load(view.id))!.version)
    await s.close()
    const reminders = (await pendingDue(file, records.items[0]!.id)).filter((r) => r.kind === 'card_reminder')
    expect(new Set(reminders.map((r) => r.id)).size).toBe(reminders.length)
  })
})
