#!/usr/bin/env node
// Re-seals every sealed value of the shared PostgreSQL schema (or of one office) under the keyring's
// current key, in place, while the application servers keep running. Stopping it (Ctrl-C) is safe:
// a later run takes up where it stopped. Prints progress to stderr and one JSON report to stdout;
// exits 0 when nothing remains under an old key, 1 otherwise.
//
// Usage: ak1-pg-reseal --postgres <url> [--schema ak1] [--office <code>] [--batch 500]
// Keys: AK1_PG_KEYRING='{"current":"2027","keys":{"2026":"<64 hex>","2027":"<64 hex>"}}'

import { parseArgs } from 'node:util'
import { resealPostgresStore } from '@ak1/adapter-postgres'

const { values: args } = parseArgs({
  options: {
    postgres: { type: 'string' },
    schema: { type: 'string', default: 'ak1' },
    office: { type: 'string' },
    batch: { type: 'string', default: '500' },
  },
})
let keyring
try {
  keyring = JSON.parse(process.env.AK1_PG_KEYRING ?? '')
} catch {
  keyring = undefined
}
if (!args.postgres || !keyring) {
  process.stderr.write(
    'pakai: AK1_PG_KEYRING=\'{"current":"<id baru>","keys":{...}}\' ak1-pg-reseal --postgres <url> [--schema ak1] [--office <kode>] [--batch 500]\n',
  )
  process.exit(2)
}
const controller = new AbortController()
process.once('SIGINT', () => controller.abort())
process.once('SIGTERM', () => controller.abort())
try {
  const report = await resealPostgresStore({
    connectionString: args.postgres,
    schema: args.schema,
    encryptionKey: keyring,
    batchSize: Number(args.batch),
    ...(args.office ? { officeCode: args.office } : {}),
    signal: controller.signal,
    onProgress: (p) => process.stderr.write(`${p.table}: ${p.resealed} (putaran ${p.pass})\n`),
  })
  process.stdout.write(`${JSON.stringify(report)}\n`)
  process.exit(report.remaining === 0 && !report.aborted ? 0 : 1)
} catch (error) {
  process.stderr.write(`${error?.message ?? error}\n`)
  process.exit(2)
}
