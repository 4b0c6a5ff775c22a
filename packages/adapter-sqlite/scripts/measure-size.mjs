// Measures the file size per 1,000 completed cases: the real engine on the built packages submits
// 1,000 applications and drives each to `selesai` (ten commits: submission, every step, hand-over; each with a command id, as a portal sends),
// delivering its notices and SIPRAJA writes through in-memory fakes, so the outbox rows end done
// with results. Run after a build: `npm run build && node scripts/measure-size.mjs [cases]`.
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createSqliteStore } from '@ak1/adapter-sqlite'
import { balongbendo, createAk1Service } from '@ak1/core'
import { createFakeSipraja, createRecordingNotifier, sampleApplication } from '@ak1/core/testing'
import Database from 'better-sqlite3'

const count = Number(process.argv[2] ?? 1000)
const actors = [
  { id: 'petugas-1', role: 'petugas' },
  { id: 'operator-1', role: 'operator' },
  { id: 'admin-1', role: 'admin' },
  { id: 'camat-1', role: 'camat' },
]
const forward = ['ACCEPT', 'COMPLETE', 'SIGN', 'HAND_OVER']

async function fill(file, encryptionKey) {
  const store = createSqliteStore({
    filename: file,
    ...(encryptionKey ? { encryptionKey } : { plaintext: true }),
  })
  const service = createAk1Service({
    standard: balongbendo,
    store,
    sipraja: createFakeSipraja(),
    notifiers: [createRecordingNotifier({ channels: ['sms', 'email'] })],
  })
  const started = Date.now()
  let commits = 0
  for (let k = 1; k <= count; k++) {
    const application = sampleApplication({
      applicant: { nik: `351512540501${String(k % 9999).padStart(4, '0')}` },
    })
    let view = await service.submit(application, {
      actor: actors[0],
      channel: 'tatap_muka',
      commandId: `c${k}-0`,
    })
    commits++
    while (!view.final) {
      let moved = false
      for (const actor of actors) {
        const action = (await service.availableActions(view.id, actor)).find((a) => forward.includes(a.type))
        if (!action) continue
        const event =
          action.type === 'ACCEPT' || (action.type === 'HAND_OVER' && action.needs)
            ? { type: action.type, verified: action.needs ?? [] }
            : { type: action.type }
        view = await service.act(view.id, event, {
          actor,
          expectedVersion: view.version,
          commandId: `c${k}-${commits}`,
        })
        commits++
        moved = true
        break
      }
      if (!moved) throw new Error(`stuck at ${view.state}`)
    }
    await service.runOutbox({ limit: 100 })
  }
  await store.checkpoint()
  await store.close()
  const db = new Database(file)
  const rows = Object.fromEntries(
    ['ak1_cases', 'ak1_audit', 'ak1_outbox', 'ak1_due', 'ak1_commands'].map((t) => [
      t,
      db.prepare(`SELECT count(*) FROM ${t}`).pluck().get(),
    ]),
  )
  const pending = db.prepare("SELECT count(*) FROM ak1_outbox WHERE status <> 'done'").pluck().get()
  const tables = db
    .prepare('SELECT name, sum(pgsize) AS bytes FROM dbstat GROUP BY name ORDER BY bytes DESC LIMIT 5')
    .all()
    .map((t) => `${t.name} ${(((t.bytes / count) * 1000) / 1024 / 1024).toFixed(1)}`)
  const size = statSync(file).size
  db.exec('VACUUM')
  db.close()
  return {
    commits,
    rows,
    tables,
    outboxNotDone: pending,
    size,
    vacuumed: statSync(file).size,
    seconds: (Date.now() - started) / 1000,
  }
}

const dir = mkdtempSync(join(tmpdir(), 'ak1-size-'))
try {
  for (const [label, key] of [
    ['clear', undefined],
    ['encrypted', 'a'.repeat(64)],
  ]) {
    const r = await fill(join(dir, `${label}.sqlite`), key)
    const per1000 = (bytes) => `${(((bytes / count) * 1000) / 1024 / 1024).toFixed(2)} MiB`
    console.log(
      `${label}: ${count} cases, ${r.commits} commits, rows ${JSON.stringify(r.rows)}, outbox not done ${r.outboxNotDone}, ` +
        `file ${per1000(r.size)} per 1,000 cases (${per1000(r.vacuumed)} after VACUUM), ${r.seconds.toFixed(1)} s; ` +
        `largest (MiB per 1,000 cases): ${r.tables.join(', ')}`,
    )
  }
} finally {
  rmSync(dir, { recursive: true, force: true })
}
