import { createHash } from 'node:crypto'
import { AdapterError, type Ak1Service, balongbendo, ConfigError, createAk1Service } from '@ak1/core'
import type { Notifier } from '@ak1/core/ports'
import { sampleApplication } from '@ak1/core/testing'
import pg from 'pg'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createPostgresStore, type PostgresStore, resealPostgresStore } from '../src/index'
import { startCluster, type TestCluster } from './support/cluster'

let cluster: TestCluster
beforeAll(async () => {
  cluster = await startCluster()
}, 120_000)
afterAll(() => cluster?.stop())

const schema = 'rotation'
const oldKey = Buffer.alloc(32, 26)
const newKey = Buffer.alloc(32, 27)
const offices = ['balongbendo', 'krian']
const petugas = { id: 'petugas-1', role: 'petugas' } as const
const standardOf = (code: string) => ({
  ...balongbendo,
  office: { ...balongbendo.office, code, name: `Kecamatan ${code}` },
})
const nikOf = (n: number) => `351512540501${String(n + 1).padStart(4, '0')}`

/** Email goes through; the first SMS of each message fails once, so outbox rows carry errors and results. */
function flakyNotifier(): Notifier {
  const failed = new Set<string>()
  return {
    id: 'flaky',
    channels: ['email', 'sms'],
    async send(message) {
      if (message.channel === 'sms' && !failed.has(message.messageId)) {
        failed.add(message.messageId)
        throw new AdapterError('sms gateway sibuk', {
          adapterId: 'flaky',
          operation: 'send',
          retryable: true,
        })
      }
      return { providerId: `p-${message.messageId}`, status: 'sent' }
    },
  }
}

const servicesOf = (store: PostgresStore) =>
  new Map(
    offices.map((code) => [
      code,
      createAk1Service({
        standard: standardOf(code),
        store: store.forOffice(code),
        notifiers: [flakyNotifier()],
        sipraja: false,
      }),
    ]),
  )

/** Key ids found in every sealed column, with how many values each seals. */
async function keyIdsInSchema(): Promise<Record<string, number>> {
  const db = new pg.Client({ connectionString: cluster.url() })
  await db.connect()
  try {
    const columns = [
      ['ak1_cases', 'body'],
      ['ak1_records', 'body'],
      ['ak1_audit', 'entry'],
      ['ak1_outbox', 'payload'],
      ['ak1_outbox', 'last_error'],
      ['ak1_outbox', 'result'],
      ['ak1_commands', 'result'],
      ['ak1_attachments', 'bytes'],
    ]
    const found: Record<string, number> = {}
    for (const [table, column] of columns) {
      const { rows } = await db.query<{ key_id: string; n: number }>(
        `SELECT convert_from(substring(${column} from 3 for get_byte(${column}, 1)), 'UTF8') AS key_id, count(*)::int AS n
         FROM ${schema}.${table} WHERE ${column} IS NOT NULL AND get_byte(${column}, 0) = 1 GROUP BY 1`,
      )
      for (const r of rows) found[r.key_id] = (found[r.key_id] ?? 0) + r.n
    }
    return found
  } finally {
    await db.end()
  }
}

it('re-seals every sealed column under a new key while commands keep running; then only the new key reads, and the old one is refused', async () => {
  // Before the rotation: cases, notices (some failed once), the same command id in two offices, an attachment.
  const before = await createPostgresStore({
    connectionString: cluster.url(),
    schema,
    encryptionKey: { current: 'k2026', keys: { k2026: oldKey } },
  })
  const early = servicesOf(before)
  const ids: string[] = []
  for (let n = 0; n < 24; n++) {
    const service = early.get(offices[n % 2]!)!
    const commandId = n < 2 ? 'same-command-id' : `submit-${n}`
    const view = await service.submit(sampleApplication({ applicant: { nik: nikOf(n) } }), {
      actor: petugas,
      channel: 'tatap_muka',
      commandId,
    })
    ids.push(view.id)
  }
  for (const service of early.values()) await service.runOutbox({ limit: 100 })
  const attachment = Buffer.from('pas foto 3x4, berkas uji')
  const sha256 = createHash('sha256').update(attachment).digest('hex')
  await before.putAttachment({
    sha256,
    contentType: 'image/jpeg',
    size: attachment.length,
    bytes: attachment,
  })
  const commandsBefore = await Promise.all(offices.map((o) => before.getCommand('same-command-id', o)))
  await before.close()
  expect(Object.keys(await keyIdsInSchema())).toEqual(['k2026'])

  // The servers restart with the new key current and the old one still opening; the load goes on.
  const ring = { current: 'k2027', keys: { k2026: oldKey, k2027: newKey } }
  const during = await createPostgresStore({ connectionString: cluster.url(), schema, encryptionKey: ring })
  const services = servicesOf(during)
  let stop = false
  let acted = 0
  const failures: unknown[] = []
  const load = (async () => {
    for (let n = 24; !stop; n++) {
      const code = offices[n % 2]!
      const service = services.get(code)!
      try {
        await service.submit(sampleApplication({ applicant: { nik: nikOf(n) } }), {
          actor: petugas,
          channel: 'tatap_muka',
          commandId: `submit-${n}`,
        })
        // The load moves the first half of the cases on; the second half only the re-seal touches.
        const target = ids[n % 12]!
        const current = await service.get(target).catch(() => null)
        if (current) {
          const [action] = (await service.availableActions(target, petugas)).filter(
            (a) => a.type === 'ACCEPT',
          )
          if (action)
            await service.act(
              target,
              { type: 'ACCEPT', verified: action.needs ?? [] },
              {
                actor: petugas,
                expectedVersion: current.version,
              },
            )
        }
        await service.runOutbox({ limit: 10 })
        acted++
      } catch (error) {
        if ((error as { code?: string }).code !== 'CONFLICT') failures.push(error)
      }
    }
  })()

  // A first run stopped after its first batch is resumable: the second run finishes the job.
  const controller = new AbortController()
  const stopped = await resealPostgresStore({
    connectionString: cluster.url(),
    schema,
    encryptionKey: ring,
    batchSize: 5,
    signal: controller.signal,
    onProgress: () => controller.abort(),
  })
  expect(stopped.aborted).toBe(true)
  expect(stopped.remaining).toBeGreaterThan(0)
  expect(stopped.retiredKeys).toEqual([])
  const progress: string[] = []
  const report = await resealPostgresStore({
    connectionString: cluster.url(),
    schema,
    encryptionKey: ring,
    batchSize: 7,
    concurrency: 3,
    onProgress: (p) => progress.push(p.table),
  })
  stop = true
  await load
  await during.close()
  expect(failures).toEqual([])
  expect(acted).toBeGreaterThan(0)
  expect(report).toMatchObject({ keyId: 'k2027', remaining: 0, aborted: false, retiredKeys: ['k2026'] })
  expect(report.resealed.ak1_cases).toBeGreaterThan(0)
  expect(report.resealed.ak1_audit).toBeGreaterThan(0)
  expect(report.resealed.ak1_commands).toBeGreaterThan(0)
  expect(report.resealed.ak1_attachments).toBe(1)
  expect(new Set(progress)).toEqual(
    new Set(['ak1_cases', 'ak1_audit', 'ak1_outbox', 'ak1_commands', 'ak1_attachments']),
  )
  expect(Object.keys(await keyIdsInSchema())).toEqual(['k2027'])

  // Only the new key now: every case, trail, notice, command result and attachment reads.
  const after = await createPostgresStore({
    connectionString: cluster.url(),
    schema,
    encryptionKey: { current: 'k2027', keys: { k2027: newKey } },
  })
  try {
    const readers: Map<string, Ak1Service> = servicesOf(after)
    const all = await after.list({ limit: 1000 })
    expect(all.items.length).toBeGreaterThan(24)
    for (const c of all.items) {
      const service = readers.get(c.officeCode)!
      expect(await service.verifyAudit(c.id)).toMatchObject({ ok: true })
      expect((await service.get(c.id)).id).toBe(c.id)
      expect((await after.listOutbox(c.id)).length).toBeGreaterThan(0)
    }
    // The NIK lookup of a case no command touched since was recomputed under the new key.
    expect((await after.load(ids[13]!))?.version).toBe(1)
    const byNik = await after.list({ officeCode: 'krian', applicantNik: nikOf(13) })
    expect(byNik.items.map((c) => c.id)).toEqual([ids[13]])
    // The same command id in two offices: each row kept its own result.
    const commandsAfter = await Promise.all(offices.map((o) => after.getCommand('same-command-id', o)))
    expect(commandsAfter.map((c) => c?.caseId)).toEqual([ids[0], ids[1]])
    expect(commandsAfter.map((c) => c?.result)).toEqual(commandsBefore.map((c) => c?.result))
    const file = await after.getAttachment(sha256)
    expect(Buffer.from(file!.bytes).equals(attachment)).toBe(true)
  } finally {
    await after.close()
  }

  // The old key alone is refused.
  await expect(
    createPostgresStore({
      connectionString: cluster.url(),
      schema,
      encryptionKey: { current: 'k2026', keys: { k2026: oldKey } },
    }),
  ).rejects.toBeInstanceOf(ConfigError)
}, 300_000)

it('refuses to re-seal a store without a key, and bad options, with a ConfigError naming them', async () => {
  await expect(
    resealPostgresStore({ connectionString: cluster.url(), schema: 'clear_one', plaintext: true }),
  ).rejects.toMatchObject({ code: 'CONFIG', keys: ['encryptionKey', 'plaintext'] })
  await expect(
    resealPostgresStore({
      connectionString: cluster.url(),
      schema,
      encryptionKey: newKey,
      batchSize: 0,
    }),
  ).rejects.toMatchObject({ keys: ['batchSize'] })
})
