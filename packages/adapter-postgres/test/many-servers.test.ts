import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { balongbendo, createAk1Service } from '@ak1/core'
import pg from 'pg'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createPostgresStore, type PostgresStore } from '../src/index'
import { type Child, ensureBuilt, startChild } from './support/child'
import { startCluster, type TestCluster } from './support/cluster'
import { sidoarjoOffices } from './support/sidoarjo.mjs'

/** The 18 kecamatan of Kabupaten Sidoarjo, as office codes. */
const offices = sidoarjoOffices
// 2,000 cases, as the issue asks; AK1_PG_MANY_CASES runs another size while working on the test.
const cases = Number(process.env.AK1_PG_MANY_CASES ?? 2000)
const servers = 4
const schema = 'sidoarjo'
const key = Buffer.alloc(32, 21)

interface Ack {
  command: string
  office: string
  caseId: string
  version: number
  final: boolean
}
type Counts = { retryable: number; conflicts: number; other: number }

let cluster: TestCluster
const capture = join(tmpdir(), `ak1-pg-capture-${process.pid}-${Date.now()}.jsonl`)
beforeAll(async () => {
  ensureBuilt()
  cluster = await startCluster()
  const first = await createPostgresStore({ connectionString: cluster.url(), schema, encryptionKey: key })
  await first.close()
  writeFileSync(capture, '')
}, 180_000)
afterAll(() => {
  cluster?.stop()
  rmSync(capture, { force: true })
})

const standardOf = (code: string) => ({
  ...balongbendo,
  office: { ...balongbendo.office, code, name: `Kecamatan ${code}` },
})

it('four servers share one database across 18 offices: every case to hand-over through kill -9 and a restart', async () => {
  const acks: Ack[] = []
  const errors: unknown[] = []
  const done = new Map<number, Counts>()
  const quit = new Map<number, Counts>()
  let childCpu = 0
  const started = performance.now()
  const children = new Map<number, Child>()
  const waiters: Array<() => void> = []
  const notify = () => {
    for (const w of waiters.splice(0)) w()
  }
  const exits: string[] = []
  let loadSeconds = 0
  const until = async (check: () => boolean) => {
    while (!check()) {
      if (exits.length) throw new Error(`a server stopped: ${exits.join('\n')}`)
      await new Promise<void>((r) => waiters.push(r))
    }
  }
  const start = (server: number) => {
    const child = startChild(
      'server.mjs',
      [cluster.url(), schema, String(server), String(servers), String(cases), capture, offices.join(',')],
      (line) => {
        const l = line as {
          ack?: Ack
          error?: string
          done?: number
          quit?: number
          counts?: Counts
          cpuSeconds?: number
        }
        if (l.ack) acks.push(l.ack)
        if (l.error) errors.push(l)
        if (l.done !== undefined) done.set(l.done, l.counts!)
        if (l.quit !== undefined) {
          quit.set(l.quit, l.counts!)
          childCpu += l.cpuSeconds ?? 0
        }
        notify()
      },
    )
    child.exited.then((e) => {
      if (e.signal !== 'SIGKILL' && !quit.has(server)) exits.push(`server ${server}: ${e.code} ${e.stderr}`)
      notify()
    })
    children.set(server, child)
  }
  for (let s = 0; s < servers; s++) start(s)
  // Roughly five commands a case.
  const total = cases * 5
  try {
    // kill -9 of one server in the middle of the load; its replacement takes up the same share.
    await until(() => acks.length >= total * 0.3)
    children.get(0)!.kill('SIGKILL')
    const killed = await children.get(0)!.exited
    expect(killed.signal).toBe('SIGKILL')
    const acknowledgedBeforeKill = acks.length
    start(0)
    // A fast restart of PostgreSQL in the middle of the load.
    await until(() => acks.length >= Math.max(total * 0.6, acknowledgedBeforeKill + 500))
    cluster.restart()
    await until(() => done.size === servers)
    loadSeconds = (performance.now() - started) / 1000
    // The workers drain the outbox.
    const admin = new pg.Client({ connectionString: cluster.url() })
    await admin.connect()
    for (;;) {
      const { rows } = await admin.query(
        `SELECT count(*)::int AS n FROM ${schema}.ak1_outbox WHERE status = 'pending'`,
      )
      if (rows[0].n === 0) break
      await new Promise((r) => setTimeout(r, 500))
    }
    await admin.end()
    for (const child of children.values()) child.write('quit\n')
    await until(() => quit.size === servers)
  } finally {
    for (const child of children.values()) child.kill('SIGKILL')
    await Promise.all([...children.values()].map((c) => c.exited))
  }
  const drainedSeconds = (performance.now() - started) / 1000
  // Where the time goes, for a CI estimate: CPU of the four servers (the killed one's uncounted) and
  // of PostgreSQL, against the wall time of the load on this (shared) machine.
  console.info(
    `many servers: load ${loadSeconds.toFixed(0)} s, drained at ${drainedSeconds.toFixed(0)} s; CPU: servers ${childCpu.toFixed(0)} s, PostgreSQL ${cluster.cpuSeconds().toFixed(0)} s`,
  )
  const counts = [...quit.values()].reduce(
    (sum, c) => ({
      retryable: sum.retryable + c.retryable,
      conflicts: sum.conflicts + c.conflicts,
      other: sum.other + c.other,
    }),
    { retryable: 0, conflicts: 0, other: 0 },
  )
  console.info(`many servers: ${JSON.stringify(counts)}`)
  expect(errors).toEqual([])
  expect(counts.other).toBe(0)
  // The restart made commands in flight fail with a retryable AdapterError, and they went through later.
  expect(counts.retryable).toBeGreaterThan(0)

  const store: PostgresStore = await createPostgresStore({
    connectionString: cluster.url(),
    schema,
    encryptionKey: key,
  })
  try {
    await verify(store, acks)
  } finally {
    await store.close()
  }
}, 3_600_000)

async function verify(store: PostgresStore, acks: Ack[]) {
  const db = new pg.Client({ connectionString: cluster.url() })
  await db.connect()
  try {
    const q = async <R>(sql: string) => (await db.query(sql)).rows as R[]
    const rows = await q<{ id: string; office_code: string; version: number; final: boolean; audit: number }>(
      `SELECT c.id, c.office_code, c.version, c.final,
         (SELECT count(*)::int FROM ${schema}.ak1_audit a WHERE a.aggregate_id = c.id) AS audit
       FROM ${schema}.ak1_cases c`,
    )
    // 2,000 cases, all at hand-over; no case half-written: one audit entry per version.
    expect(rows).toHaveLength(cases)
    expect(rows.filter((r) => !r.final)).toEqual([])
    expect(rows.filter((r) => r.audit !== r.version)).toEqual([])
    const byId = new Map(rows.map((r) => [r.id, r]))

    // No acknowledged command lost, no lost update.
    const commands = new Map(
      (
        await q<{ scope: string; id: string; aggregate_id: string }>(
          `SELECT scope, id, aggregate_id FROM ${schema}.ak1_commands`,
        )
      ).map((c) => [`${c.scope}/${c.id}`, c.aggregate_id]),
    )
    expect(acks.length).toBeGreaterThanOrEqual(cases * 5)
    const lost = acks.filter(
      (a) =>
        commands.get(`${a.office}/${a.command}`) !== a.caseId ||
        (byId.get(a.caseId)?.version ?? 0) < a.version,
    )
    expect(lost).toEqual([])

    // Every audit chain verifies; offices do not see each other's cases; register numbers gap-free.
    const services = new Map(
      offices.map((code) => [code, createAk1Service({ standard: standardOf(code), store, sipraja: false })]),
    )
    const registers = new Map<string, number[]>()
    const verified = performance.now()
    for (let i = 0; i < rows.length; i += 16) {
      const chunk = rows.slice(i, i + 16)
      const views = await Promise.all(
        chunk.map(async (r) => {
          const service = services.get(r.office_code)!
          expect(await service.verifyAudit(r.id)).toMatchObject({ ok: true })
          return service.get(r.id)
        }),
      )
      for (const [j, view] of views.entries()) {
        const office = chunk[j]!.office_code
        const seq = Number(String(view.registerNumber).split('/')[0])
        registers.set(office, [...(registers.get(office) ?? []), seq])
      }
    }
    console.info(
      `many servers: verified ${rows.length} cases in ${((performance.now() - verified) / 1000).toFixed(0)} s`,
    )
    const other = services.get(rows[0]!.office_code === 'waru' ? 'taman' : 'waru')!
    await expect(other.get(rows[0]!.id)).rejects.toMatchObject({ code: 'NOT_FOUND' })
    expect([...registers.keys()].sort()).toEqual([...offices].sort())
    for (const [office, numbers] of registers) {
      expect(numbers.sort((a, b) => a - b)).toEqual(numbers.map((_, i) => i + 1))
      expect(await store.currentSequence('register', `${office}:${new Date().getFullYear()}`)).toBe(
        numbers.length,
      )
    }

    // Every notice reached the capture exactly as often as the outbox says.
    const outbox = await q<{ id: string; kind: string; status: string; attempts: number }>(
      `SELECT id, kind, status, attempts FROM ${schema}.ak1_outbox`,
    )
    const captured = new Map<string, number>()
    for (const line of readFileSync(capture, 'utf8').split('\n').filter(Boolean)) {
      const id = (JSON.parse(line) as { id: string }).id
      captured.set(id, (captured.get(id) ?? 0) + 1)
    }
    const notices = outbox.filter((r) => r.kind === 'notice')
    expect(notices.length).toBeGreaterThanOrEqual(cases)
    expect(outbox.filter((r) => r.status !== 'done')).toEqual([])
    const ids = new Set(outbox.map((r) => r.id))
    expect([...captured.keys()].filter((id) => !ids.has(id))).toEqual([])
    const wrong = notices.filter((r) => {
      const n = captured.get(r.id) ?? 0
      return n < 1 || n > r.attempts
    })
    expect(wrong).toEqual([])
    const twice = notices.filter((r) => (captured.get(r.id) ?? 0) > 1)
    // Only a crash between sending and recording sends twice: at most the rows the killed server held
    // (its worker claims up to 50 an office).
    expect(twice.length).toBeLessThanOrEqual(50 * offices.length)
    console.info(
      `many servers: ${rows.length} cases, ${acks.length} acknowledged commands, ${notices.length} notices, ${twice.length} sent twice`,
    )
  } finally {
    await db.end()
  }
}
