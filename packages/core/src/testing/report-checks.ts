// The report checks of the store contract: `streamCaseFacts` (office, period bounds, no personal
// data, open incidents) and the service report over the store against figures computed from the
// generated facts, without the code under test.
import { expect } from 'vitest'
import { createAk1Service } from '../engine/service'
import type { CaseFacts, StoredCase } from '../ports/case-store'
import type { Ak1Store } from '../ports/store'
import { balongbendo } from '../standards/balongbendo'
import { create, group, seedIncidents, W1 } from './case-store-check-helpers'
import type { CaseStoreCheck } from './case-store-checks'
import { buildOutboxRow, fixtureInstant } from './case-store-fixtures'
import { expectedReportFigures, type GeneratedReportCase, generateReportCases } from './report-cases'
import { sampleApplication } from './sample-application'

async function collect<T>(source: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = []
  for await (const item of source) out.push(item)
  return out
}

const factKeys = [
  'channel',
  'createdAt',
  'facts',
  'final',
  'id',
  'officeCode',
  'openIncidents',
  'state',
  'trackingCode',
  'updatedAt',
  'version',
]

/** Each case's facts once, none of its personal data. */
function expectPlain(rows: CaseFacts[], personal: readonly string[]): void {
  for (const row of rows) {
    expect(Object.keys(row).sort(), row.id).toEqual(factKeys)
    const text = JSON.stringify(row)
    for (const value of personal) expect(text.includes(value), `${row.id} holds ${value}`).toBe(false)
  }
  expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length)
}

/** A service of Balongbendo on `store` whose clock the check sets. */
function officeOn(store: Ak1Store, start: string) {
  let now = new Date(start)
  const service = createAk1Service({
    standard: balongbendo,
    store,
    clock: { now: () => now },
    sipraja: false,
  })
  return { service, set: (iso: string) => (now = new Date(iso)) }
}

/** Commits generated cases as a store holds them; every 10th without facts (a case written before them). */
async function commitGenerated(store: Ak1Store, cases: GeneratedReportCase[]): Promise<void> {
  for (const [i, g] of cases.entries()) {
    const stored: StoredCase = { ...g.stored }
    if (i % 10 === 3) delete stored.facts
    await store.commit({ case: stored, expectedVersion: null, audit: [], outbox: [] })
  }
}

function factsChecks(): Record<string, (store: Ak1Store) => Promise<void>> {
  return {
    'streamCaseFacts() yields each case of the office created in [createdFrom, createdTo) once, without personal data':
      async (store) => {
        const made: string[] = []
        for (let n = 1; n <= 9; n++) {
          const id = `case-${String(n).padStart(2, '0')}`
          await create(store, {
            id,
            createdAt: fixtureInstant(n),
            ...(n === 2 ? {} : { facts: { format: 1, n } }),
          })
          made.push(id)
        }
        await create(store, { id: 'case-krian', officeCode: 'krian', createdAt: fixtureInstant(5) })
        const personal = ['Siti Aminah', '3515010101900001', '3515010101900009']
        const all = await collect(store.streamCaseFacts({ officeCode: 'balongbendo', batchSize: 2 }))
        expectPlain(all, personal)
        expect(all.map((r) => r.id).sort()).toEqual(made)
        const four = all.find((r) => r.id === 'case-04')!
        expect(four).toEqual({
          id: 'case-04',
          version: 1,
          officeCode: 'balongbendo',
          state: 'verifikasi',
          channel: 'tatap_muka',
          trackingCode: 'AK1-case-04',
          createdAt: fixtureInstant(4),
          updatedAt: fixtureInstant(0),
          final: false,
          openIncidents: 0,
          facts: { format: 1, n: 4 },
        })
        expect(all.find((r) => r.id === 'case-02')!.facts).toBeNull()
        const ranged = await collect(
          store.streamCaseFacts({
            officeCode: 'balongbendo',
            createdFrom: fixtureInstant(4),
            createdTo: fixtureInstant(7),
            batchSize: 1,
          }),
        )
        expect(ranged.map((r) => r.id).sort()).toEqual(['case-04', 'case-05', 'case-06'])
        const krian = await collect(store.streamCaseFacts({ officeCode: 'krian' }))
        expect(krian.map((r) => r.id)).toEqual(['case-krian'])
        expect(await collect(store.streamCaseFacts({ officeCode: 'sidoarjo' }))).toEqual([])
      },
    'streamCaseFacts() gives the facts of the last commit and counts failed outbox rows as open incidents':
      async (store) => {
        await seedIncidents(store)
        const c = (await store.load('case-1'))!
        await store.commit({
          case: { ...c, version: 2, state: 'validasi', facts: { format: 1, step: 'validasi' } },
          expectedVersion: 1,
          audit: [],
          outbox: [buildOutboxRow('out-1b', 'case-1')],
        })
        const claimed = await store.claimOutbox({
          now: fixtureInstant(2),
          limit: 10,
          owner: W1,
          leaseMs: 60_000,
        })
        expect(claimed.map((r) => r.id)).toContain('out-1b')
        expect(await store.failOutbox('out-1b', W1, { at: fixtureInstant(3), error: 'SMTP 550' })).toBe(true)
        const rows = await collect(store.streamCaseFacts({ officeCode: 'balongbendo' }))
        const byId = new Map(rows.map((r) => [r.id, r]))
        expect([...byId.keys()].sort()).toEqual(['case-1', 'case-2', 'case-3', 'case-4'])
        expect(byId.get('case-1')).toMatchObject({ version: 2, state: 'validasi', openIncidents: 2 })
        expect(byId.get('case-1')!.facts).toEqual({ format: 1, step: 'validasi' })
        expect(['case-2', 'case-3', 'case-4'].map((id) => byId.get(id)!.openIncidents)).toEqual([0, 1, 0])
      },
  }
}

function serviceReportCheck(): Record<string, (store: Ak1Store) => Promise<void>> {
  return {
    'report() and registerBook() over the store give the figures computed from the generated cases, per office and period':
      async (store) => {
        const office = officeOn(store, '2026-03-02T02:00:00.000Z')
        const submitted = await office.service.submit(sampleApplication(), {
          actor: { id: 'petugas-1', role: 'petugas' },
          channel: 'tatap_muka',
        })
        const template = (await store.load(submitted.id))!
        const gen = (count: number, from: string, days: number, prefix: string, seed: number, first = 1) => [
          ...generateReportCases({
            standard: balongbendo,
            template,
            count,
            from,
            days,
            prefix,
            seed,
            firstRegister: first,
          }),
        ]
        const april = gen(80, '2026-04-01', 30, 'A', 3)
        const registered = april.filter((g) => g.registerSeq !== undefined).length
        const may = gen(15, '2026-05-01', 10, 'M', 5, registered + 1)
        const other = gen(20, '2026-04-01', 30, 'K', 11).map((g) => ({
          ...g,
          stored: { ...g.stored, officeCode: 'krian', trackingCode: `K${g.stored.trackingCode}` },
        }))
        await commitGenerated(store, [...april, ...may, ...other])
        // Three April cases get a delivery that failed: an open incident each.
        const failing = [april[1]!, april[2]!, april[5]!]
        for (const [i, g] of failing.entries()) {
          const c = (await store.load(g.stored.id))!
          await store.commit({
            case: { ...c, version: 2 },
            expectedVersion: 1,
            audit: [],
            outbox: [buildOutboxRow(`rep-out-${i}`, c.id, { availableAt: g.stored.updatedAt })],
          })
        }
        const claimed = await store.claimOutbox({
          now: '2026-06-01T00:00:00.000Z',
          limit: 50,
          owner: W1,
          leaseMs: 60_000,
        })
        const ours = claimed.filter((r) => r.id.startsWith('rep-out-'))
        expect(ours).toHaveLength(failing.length)
        for (const row of ours)
          expect(
            await store.failOutbox(row.id, W1, { at: '2026-06-01T00:00:01.000Z', error: 'SMTP 550' }),
          ).toBe(true)
        office.set('2026-06-01T02:00:00.000Z')

        const report = await office.service.report({ from: '2026-04-01', to: '2026-04-30' })
        const expected = expectedReportFigures(april)
        expect(report.cases).toEqual(expected.cases)
        expect(report.onTimeShare).toBe(expected.onTimeShare)
        expect(report.completion).toEqual(expected.completion)
        for (const step of report.steps) {
          expect(step.actual, step.step).toEqual(
            expected.steps[step.step] ?? { count: 0, median: null, p90: null },
          )
        }
        expect(report.incidents).toEqual({
          opened: expected.incidents.opened + failing.length,
          closed: expected.incidents.closed,
        })
        // A period of one office-local day (WIB) holds that day's cases, from 00.00 up to the next 00.00.
        const wibDay = (iso: string) => new Date(Date.parse(iso) + 7 * 3_600_000).toISOString().slice(0, 10)
        const day = wibDay(april[0]!.stored.createdAt)
        const oneDay = await office.service.report({ from: day, to: day })
        expect(oneDay.cases.received).toBe(april.filter((g) => wibDay(g.stored.createdAt) === day).length)
        expect(oneDay.cases.received).toBeGreaterThan(0)

        const book = await office.service.registerBook({ from: '2026-04-01', to: '2026-05-31' })
        const inBook = [...april, ...may].filter((g) => g.registerSeq !== undefined)
        expect(book.entries.map((e) => [e.seq, e.trackingCode])).toEqual(
          inBook
            .map((g) => [g.registerSeq, g.stored.trackingCode])
            .sort((a, b) => (a[0] as number) - (b[0] as number)),
        )
        expect(book.gaps).toEqual([])
        expect(new Set(book.entries.map((e) => e.name))).toEqual(new Set(['Siti Rahmawati']))
      },
  }
}

/** The report checks of the store contract. @internal */
export function reportChecks(): CaseStoreCheck[] {
  return group('report streams', { ...factsChecks(), ...serviceReportCheck() })
}
