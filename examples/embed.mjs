// The README's embedding example, as a script: a case on a SQLite file, one officer's first action,
// the notices delivered. Run after `npm run build`: `node examples/embed.mjs [file.sqlite]`.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createSqliteStore } from '@ak1/adapter-sqlite'
import { balongbendo, createAk1Service } from '@ak1/core'
import { createRecordingNotifier, sampleApplication } from '@ak1/core/testing'

const filename = process.argv[2] ?? join(mkdtempSync(join(tmpdir(), 'ak1-embed-')), 'ak1.sqlite')
const notifier = createRecordingNotifier() // in production: createEmailNotifier, createSmsNotifier
const service = createAk1Service({
  standard: balongbendo,
  store: createSqliteStore({ filename }),
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
