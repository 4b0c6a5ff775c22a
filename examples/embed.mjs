// The README's embedding example, as a script: a case on a SQLite file, one officer's first action,
// the notices delivered. Run after `npm run build`: `node examples/embed.mjs [file.sqlite]`.
import { randomBytes } from 'node:crypto'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createSqliteStore } from '@ak1/adapter-sqlite'
import { balongbendo, createAk1Service } from '@ak1/core'
import { createRecordingNotifier, sampleApplication } from '@ak1/core/testing'

const filename = process.argv[2] ?? join(mkdtempSync(join(tmpdir(), 'ak1-embed-')), 'ak1.sqlite')

// Personal data is encrypted in the file (UU PDP 27/2022). The key: AK1_KEY from the environment
// (64 hex digits, `openssl rand -hex 32`), else a key file beside the database, made on the first
// run and readable by this user only. Keep the key out of the database's backups.
function encryptionKey() {
  if (process.env.AK1_KEY) return process.env.AK1_KEY
  const keyFile = `${filename}.key`
  try {
    writeFileSync(keyFile, randomBytes(32).toString('hex'), { flag: 'wx', mode: 0o600 })
  } catch (error) {
    if (error.code !== 'EEXIST') throw error
  }
  return readFileSync(keyFile, 'utf8').trim()
}

const notifier = createRecordingNotifier() // in production: createEmailNotifier, createSmsNotifier
const service = createAk1Service({
  standard: balongbendo,
  store: createSqliteStore({ filename, encryptionKey: encryptionKey() }),
  notifiers: [notifier],
  sipraja: false, // this office does not use SIPRAJA; otherwise createSiprajaGateway(...)
})

const petugas = { id: 'u-17', role: 'petugas' }
const kasus = await service.submit(sampleApplication(), { actor: petugas, channel: 'tatap_muka' })

// What may this officer do now? Each action names the checklist items to verify.
const [action] = await service.availableActions(kasus.id, petugas)
const next = await service.act(
  kasus.id,
  { type: 'ACCEPT', verified: action.needs ?? [] },
  { actor: petugas, expectedVersion: kasus.version, commandId: crypto.randomUUID() },
)

// Deliver the SMS and e-mail notices (a portal runs service.startWorker({ signal }) instead).
await service.runOutbox()
const { incidents } = await service.get(kasus.id)
console.log(`${next.trackingCode}: ${kasus.state} -> ${next.state}, menunggu ${next.awaiting}`)
console.log(
  `tenggat (due) ${next.sla.dueAt}, notices: ${notifier.sent.map((m) => `${m.channel}:${m.template}`).join(', ')}, incidents: ${incidents.length}`,
)
