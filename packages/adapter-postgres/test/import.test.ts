import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { createSqliteStore } from '@ak1/adapter-sqlite'
import { balongbendo, createAk1Service } from '@ak1/core'
import { createRecordingNotifier, sampleApplication } from '@ak1/core/testing'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createPostgresStore } from '../src/index'
import { ensureBuilt } from './support/child'
import { startCluster, type TestCluster } from './support/cluster'

const run = promisify(execFile)
const sqliteKey = Buffer.alloc(32, 5).toString('hex')
const pgKey = Buffer.alloc(32, 6).toString('hex')
let cluster: TestCluster
let dir: string
let file: string
const ids: string[] = []
const petugas = { id: 'petugas-1', role: 'petugas' }
/** The ACCEPT each accepted case was given (its checks and the version it was sent at), to repeat it. */
const accepts = new Map<string, { verified: string[]; version: number }>()

/** An office's SQLite file written by the real engine: cases at several steps, notices delivered. */
beforeAll(async () => {
  ensureBuilt(['adapter-sqlite'])
  cluster = await startCluster()
  dir = mkdtempSync(join(tmpdir(), 'ak1-pg-move-'))
  file = join(dir, 'balongbendo.sqlite')
  const store = createSqliteStore({ filename: file, encryptionKey: sqliteKey })
  const service = createAk1Service({
    standard: balongbendo,
    store,
    notifiers: [createRecordingNotifier()],
    sipraja: false,
  })
  for (let n = 1; n <= 4; n++) {
    const nik = `35151254050100${String(n).padStart(2, '0')}`
    const view = await service.submit(sampleApplication({ applicant: { nik } }), {
      actor: petugas,
      channel: 'tatap_muka',
    })
    ids.push(view.id)
    if (n % 2 === 0) {
      const [accept] = (await service.availableActions(view.id, petugas)).filter((a) => a.type === 'ACCEPT')
      if (accept) {
        accepts.set(view.id, { verified: [...(accept.needs ?? [])], version: view.version })
        await service.act(view.id, { type: 'ACCEPT', verified: accept.needs ?? [] } as never, {
          actor: petugas,
          expectedVersion: view.version,
          commandId: `accept-${n}`,
        })
      }
    }
  }
  await service.runOutbox()
  await store.close()
}, 180_000)
afterAll(() => {
  cluster?.stop()
  if (dir) rmSync(dir, { recursive: true, force: true })
})

const importOffice = (schema: string) =>
  run(
    process.execPath,
    [
      'bin/ak1-pg-import.mjs',
      '--sqlite',
      file,
      '--office',
      'balongbendo',
      '--postgres',
      cluster.url(),
      '--schema',
      schema,
    ],
    { env: { ...process.env, AK1_SQLITE_KEY: sqliteKey, AK1_PG_KEY: pgKey } },
  )

it('moves an office from its SQLite file: every case, audit entry, due row and outbox row identical, chains verified', async () => {
  const { stdout } = await importOffice('moved')
  const summary = JSON.parse(stdout) as Record<string, unknown>
  expect(summary).toMatchObject({ office: 'balongbendo', cases: 4, problems: [] })
  expect(summary.outboxRows).toEqual(expect.any(Number))
  expect(summary.dueRows as number).toBeGreaterThan(0)

  const source = createSqliteStore({ filename: file, encryptionKey: sqliteKey })
  const target = await createPostgresStore({
    connectionString: cluster.url(),
    schema: 'moved',
    encryptionKey: pgKey,
  })
  try {
    const service = createAk1Service({ standard: balongbendo, store: target, sipraja: false })
    for (const id of ids) {
      expect(await target.load(id)).toEqual(await source.load(id))
      expect(await target.timeline(id)).toEqual(await source.timeline(id))
      expect(await target.listOutbox(id)).toEqual(await source.listOutbox(id))
      expect(await service.verifyAudit(id)).toMatchObject({ ok: true })
    }
    expect((await target.listOutbox(ids[0]!)).some((r) => r.status === 'done')).toBe(true)
    // The report facts came over: the report stream reads them, not the whole case.
    const facts = async (store: typeof target | typeof source) => {
      const out = new Map<string, unknown>()
      for await (const f of store.streamCaseFacts({ officeCode: 'balongbendo' })) out.set(f.id, f.facts)
      return out
    }
    const sourceFacts = await facts(source)
    expect([...sourceFacts.values()].every((f) => f !== null)).toBe(true)
    expect(await facts(target)).toEqual(sourceFacts)
    // The command ids came over: a command repeated after the move gets its first answer, not a second run.
    expect(summary.commands).toBe(2)
    const accepted = ids[1]!
    const first = await target.getCommand('accept-2', 'balongbendo')
    expect(first).toEqual(await source.getCommand('accept-2', 'balongbendo'))
    expect(first).toMatchObject({ caseId: accepted })
    const before = await target.load(accepted)
    const { verified, version } = accepts.get(accepted)!
    const repeated = await service.act(accepted, { type: 'ACCEPT', verified } as never, {
      actor: petugas,
      expectedVersion: version,
      commandId: 'accept-2',
    })
    expect(repeated.version).toBe(before!.version)
    expect((await target.load(accepted))?.version).toBe(before!.version)
    expect(await target.timeline(accepted)).toHaveLength((await source.timeline(accepted)).length)
    expect(await target.currentSequence('tracking', `balongbendo:${new Date().getFullYear()}`)).toBe(4)
  } finally {
    await source.close()
    await target.close()
  }
  // A second move into the same schema is refused: nothing is written twice.
  await expect(importOffice('moved')).rejects.toMatchObject({ code: 1 })
}, 180_000)
