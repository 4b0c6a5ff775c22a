// The recompute sweep of the real engine on a real SQLite file: a decree entered as data moves a
// case's due time; the case row, its due rows and its audit entry change in one commit, found
// through the calendar index; a run interrupted and started again after a restart does no case twice.
import { balongbendo, createAk1Service, type HolidayRevision, runRecomputeSweep } from '@ak1/core'
import { sampleApplication } from '@ak1/core/testing'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createSqliteStore } from '../src/index'
import { tempDir } from './helpers/temp'

let tmp: ReturnType<typeof tempDir>
beforeAll(() => {
  tmp = tempDir('ak1-sqlite-sweep-')
})
afterAll(() => tmp?.remove())

const petugas = { id: 'petugas-1', role: 'petugas' }
const admin = { id: 'admin-1', role: 'admin' }

/** A newer estimate: Nyepi 1949 on Sunday 7 March 2027 instead of Monday 8 March. */
const nyepiMoved: HolidayRevision = {
  version: '2027-perkiraan-2',
  decree: 'Perkiraan baru Hari Suci Nyepi 1949 (uji)',
  year: 2027,
  status: 'provisional',
  removes: ['2027-03-08'],
  adds: [{ date: '2027-03-07', name: 'Hari Suci Nyepi Tahun Baru Saka 1949', kind: 'libur_nasional' }],
}

function open(file: string, now: string, revised: boolean) {
  const store = createSqliteStore({ filename: file, plaintext: true })
  const service = createAk1Service({
    standard: balongbendo,
    store,
    clock: { now: () => new Date(now) },
    ...(revised ? { holidayRevisions: { indonesia: [nyepiMoved] } } : {}),
  })
  return { store, service }
}

function dueRows(file: string, caseId: string) {
  const db = new Database(file, { readonly: true })
  try {
    return db
      .prepare(
        "SELECT kind, due_at AS dueAt FROM ak1_due WHERE case_id = ? AND status = 'pending' ORDER BY kind",
      )
      .all(caseId) as Array<{ kind: string; dueAt: string }>
  } finally {
    db.close()
  }
}

describe('the recompute sweep on SQLite', () => {
  it('moves due times and due rows through the index, and resumes after a restart without doing a case twice', async () => {
    const file = tmp.file()
    // Friday 5 March 2027, 10.00 WIB: due Monday 15 March 10.00 (Nyepi and Idul Fitri 8-10 March).
    const first = open(file, '2027-03-05T03:00:00.000Z', false)
    const ids: string[] = []
    for (let i = 0; i < 3; i++)
      ids.push(
        (await first.service.submit(sampleApplication(), { actor: petugas, channel: 'tatap_muka' })).id,
      )
    expect(dueRows(file, ids[0]!).find((r) => r.kind === 'breached')?.dueAt).toBe('2027-03-15T03:00:00.000Z')
    await first.store.close()

    const second = open(file, '2027-03-05T04:00:00.000Z', true)
    const partial = await runRecomputeSweep({
      service: second.service,
      store: second.store,
      actor: admin,
      limit: 1,
    })
    expect(partial).toMatchObject({ recomputed: 1, complete: false })
    await second.store.close()

    const third = open(file, '2027-03-05T05:00:00.000Z', true)
    const rest = await runRecomputeSweep({ service: third.service, store: third.store, actor: admin })
    expect(rest).toMatchObject({ recomputed: 2, complete: true })
    for (const id of ids) {
      const entries = (await third.service.timeline(id)).filter((e) => e.event === 'RECOMPUTE_DUE')
      expect(entries).toHaveLength(1)
      expect(entries[0]?.details).toMatchObject({
        dueAtBefore: '2027-03-15T03:00:00.000Z',
        dueAtAfter: '2027-03-12T03:00:00.000Z',
      })
      expect(dueRows(file, id).find((r) => r.kind === 'breached')?.dueAt).toBe('2027-03-12T03:00:00.000Z')
      expect((await third.store.load(id))?.dueAt).toBe('2027-03-12T03:00:00.000Z')
    }
    const current = (await third.service.health()).calendars.map((c) => c.calendarVersion)
    expect(
      await third.store.listByCalendarVersion({ officeCode: balongbendo.office.code, exclude: current }),
    ).toEqual({
      items: [],
      nextCursor: null,
    })
    await third.store.close()
  })
})
