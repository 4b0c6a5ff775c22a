// `npm start`: the front-desk portal on http://127.0.0.1:3000. Environment: PORT, AK1_PORTAL_HOST (see
// the README's deployment note), AK1_DATA_DIR (default examples/portal/data), AK1_ENCRYPTION_KEY.
import { startPortal } from './portal'

const port = Number(process.env.PORT ?? 3000)
const host = process.env.AK1_PORTAL_HOST ?? '127.0.0.1'
const portal = await startPortal({
  port,
  host,
  ...(process.env.AK1_DATA_DIR ? { dataDir: process.env.AK1_DATA_DIR } : {}),
})

const lines = [
  '',
  `Portal AK-1 (DEMO) berjalan di ${portal.url}`,
  `  Basis data: ${portal.backend.databaseFile} (data pribadi terenkripsi)`,
  '  Login demo (halaman /masuk), satu per peran:',
  ...portal.logins.map((l) => `    ${l.role.padEnd(18)} ${l.name.padEnd(28)} ${l.user}`),
  `  Lacak berkas: ${portal.url}/lacak   Kotak keluar: ${portal.url}/kotak-keluar`,
  `  Menyematkan pustaka: docs/guides/embedding.md`,
  'Tekan Ctrl+C untuk berhenti.',
  '',
]
console.log(lines.join('\n'))

let stopping = false
const stop = (signal: string) => {
  if (stopping) return
  stopping = true
  console.log(`\n${signal}: menghentikan portal...`)
  portal
    .close()
    .then(() => process.exit(0))
    .catch((error: unknown) => {
      console.error(error)
      process.exit(1)
    })
}
process.on('SIGINT', () => stop('SIGINT'))
process.on('SIGTERM', () => stop('SIGTERM'))
