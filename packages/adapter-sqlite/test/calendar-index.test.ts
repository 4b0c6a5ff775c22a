// The calendar-version index behind listByCalendarVersion: the column and index of schema step 2,
// range searches of that index (never a table scan), and a file of schema 1 brought forward.
import { buildCreate, buildStoredCase } from '@ak1/core/testing'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { planCalendarList } from '../src/calendar-query'
import { createSqliteStore } from '../src/index'
import { migrations } from '../src/migrations'
import { tempDir } from './helpers/temp'

let tmp: ReturnType<typeof tempDir>
const open: Array<{ close(): unknown }> = []
beforeEach(() => {
  tmp = tempDir()
})
afterEach(async () => {
  for (const o of open.splice(0)) await o.close()
  tmp.remove()
})

describe('listByCalendarVersion on SQLite', () => {
  it.each([[[]], [['cal-b']], [['cal-b', 'cal-a', 'cal-c']]])(
    'excluding %j searches ak1_cases_calendar by range, in page order, with no table scan',
    async (exclude) => {
      const store = createSqliteStore({ filename: tmp.file(), plaintext: true })
      await store.close()
      const db = new Database(tmp.file())
      open.push(db)
      const plan = planCalendarList({ officeCode: 'balongbendo', exclude, limit: 10 })
      expect(plan.scans).toHaveLength(exclude.length + 1)
      for (const scan of plan.scans) {
        const steps = (
          db.prepare(`EXPLAIN QUERY PLAN ${scan.sql}`).all(...scan.params) as Array<{ detail: string }>
        ).map((r) => r.detail)
        expect(steps).toHaveLength(1)
        expect(steps[0]).toMatch(
          /^SEARCH ak1_cases USING (COVERING )?INDEX ak1_cases_calendar \(office_code=\?/,
        )
      }
    },
  )

  it('writes the calendar version in its column, and clears it when the case has no clock', async () => {
    const store = createSqliteStore({ filename: tmp.file(), plaintext: true })
    open.push(store)
    await store.commit(buildCreate(buildStoredCase({ id: 'case-1', calendarVersion: 'indonesia@x#1' })))
    await store.commit(buildCreate(buildStoredCase({ id: 'case-2' })))
    const db = new Database(tmp.file(), { readonly: true })
    open.push(db)
    expect(db.prepare('SELECT id, calendar_version FROM ak1_cases ORDER BY id').all()).toEqual([
      { id: 'case-1', calendar_version: 'indonesia@x#1' },
      { id: 'case-2', calendar_version: null },
    ])
    expect((await store.load('case-1'))?.calendarVersion).toBe('indonesia@x#1')
    expect(await store.load('case-2')).not.toHaveProperty('calendarVersion')
  })

  it('brings a schema 1 file forward: its cases stay, without a version until their next commit', async () => {
    const file = tmp.file()
    const db = new Database(file)
    db.exec(
      'CREATE TABLE ak1_schema (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)',
    )
    migrations[0]!.up(db)
    db.prepare('INSERT INTO ak1_schema VALUES (1, ?, ?)').run(migrations[0]!.name, new Date().toISOString())
    db.pragma('user_version = 1')
    db.close()
    const store = createSqliteStore({ filename: file, plaintext: true })
    open.push(store)
    expect((await store.migrations()).version).toBe(migrations.at(-1)!.version)
    await store.commit(buildCreate(buildStoredCase({ id: 'case-1', calendarVersion: 'cal-a' })))
    const page = await store.listByCalendarVersion({ officeCode: 'balongbendo', exclude: [] })
    expect(page.items.map((c) => c.id)).toEqual(['case-1'])
  })
})
