// The commands of the package as a kabupaten installs them: core, the SQLite adapter and this package
// packed with `npm pack`, installed from their tarballs into a project in the temp folder (other
// packages from the npm registry), and there `ak1-pg-import` and `ak1-pg-reseal` run from
// node_modules/.bin against a real cluster.
import { execFileSync, spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createSqliteStore } from '@ak1/adapter-sqlite'
import { balongbendo, createAk1Service } from '@ak1/core'
import { createRecordingNotifier, sampleApplication } from '@ak1/core/testing'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { ensureBuilt } from './support/child'
import { startCluster, type TestCluster } from './support/cluster'

const packages = fileURLToPath(new URL('../..', import.meta.url))
const require = createRequire(import.meta.url)
const dir = mkdtempSync(join(tmpdir(), 'ak1-pg-packed-'))
const project = join(dir, 'project')
const file = join(dir, 'balongbendo.sqlite')
const sqliteKey = Buffer.alloc(32, 8).toString('hex')
const pgKey = Buffer.alloc(32, 9).toString('hex')
let cluster: TestCluster

/** The environment without the test runner's Node options or npm's settings. */
const cleanEnv = (extra: Record<string, string> = {}) => ({
  ...Object.fromEntries(
    Object.entries(process.env).filter(
      ([key]) => key !== 'NODE_OPTIONS' && !key.toLowerCase().startsWith('npm_'),
    ),
  ),
  ...extra,
})

/** Runs an installed command of the project; its exit code and output. */
function bin(name: string, args: string[], env: Record<string, string>) {
  const result = spawnSync(process.execPath, [join(project, 'node_modules', '.bin', name), ...args], {
    cwd: project,
    env: cleanEnv(env),
    encoding: 'utf8',
  })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

beforeAll(async () => {
  ensureBuilt(['adapter-sqlite'])
  const packs = join(dir, 'tarballs')
  mkdirSync(packs, { recursive: true })
  mkdirSync(project, { recursive: true })
  const tarballs: Record<string, string> = {}
  for (const [folder, name] of [
    ['core', '@ak1/core'],
    ['adapter-sqlite', '@ak1/adapter-sqlite'],
    ['adapter-postgres', '@ak1/adapter-postgres'],
  ] as const) {
    const out = execFileSync('npm', ['pack', '--json', '--pack-destination', packs], {
      cwd: join(packages, folder),
      env: cleanEnv(),
      encoding: 'utf8',
    })
    tarballs[name] = `file:${join(packs, (JSON.parse(out) as Array<{ filename: string }>)[0]!.filename)}`
  }
  // better-sqlite3 is pinned to the workspace's version, installed without scripts, and given the
  // workspace's compiled addon (it would compile for a minute otherwise).
  const sqliteDir = dirname(require.resolve('better-sqlite3/package.json'))
  const sqliteVersion = JSON.parse(readFileSync(join(sqliteDir, 'package.json'), 'utf8')).version as string
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify({
      name: 'ak1-kabupaten',
      private: true,
      type: 'module',
      dependencies: { ...tarballs, 'better-sqlite3': sqliteVersion },
    }),
  )
  execFileSync(
    'npm',
    ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'],
    { cwd: project, env: cleanEnv(), stdio: 'ignore' },
  )
  const addon = join('build', 'Release', 'better_sqlite3.node')
  mkdirSync(join(project, 'node_modules', 'better-sqlite3', 'build', 'Release'), { recursive: true })
  copyFileSync(join(sqliteDir, addon), join(project, 'node_modules', 'better-sqlite3', addon))

  cluster = await startCluster()
  const store = createSqliteStore({ filename: file, encryptionKey: sqliteKey })
  const service = createAk1Service({
    standard: balongbendo,
    store,
    notifiers: [createRecordingNotifier()],
    sipraja: false,
  })
  for (let n = 1; n <= 3; n++)
    await service.submit(sampleApplication({ applicant: { nik: `35151254050100${n}1` } }), {
      actor: { id: 'petugas-1', role: 'petugas' },
      channel: 'tatap_muka',
    })
  await service.runOutbox()
  await store.close()
}, 600_000)

afterAll(() => {
  cluster?.stop()
  rmSync(dir, { recursive: true, force: true })
})

const importArgs = () => [
  '--sqlite',
  file,
  '--office',
  'balongbendo',
  '--postgres',
  cluster.url(),
  '--schema',
  'moved',
]

it('declares the SQLite adapter and its driver as optional peer dependencies, and ships both commands', () => {
  const installed = JSON.parse(
    readFileSync(join(project, 'node_modules', '@ak1', 'adapter-postgres', 'package.json'), 'utf8'),
  )
  expect(installed.peerDependencies).toMatchObject({
    '@ak1/adapter-sqlite': '^0.1.0',
    'better-sqlite3': '^12.6.2',
  })
  expect(installed.peerDependenciesMeta).toEqual({
    '@ak1/adapter-sqlite': { optional: true },
    'better-sqlite3': { optional: true },
  })
  expect(Object.keys(installed.bin).sort()).toEqual(['ak1-pg-import', 'ak1-pg-reseal'])
})

it('without the SQLite adapter and driver, ak1-pg-import says which to install and writes nothing', () => {
  const hidden = ['@ak1/adapter-sqlite', 'better-sqlite3'].map((name) => join(project, 'node_modules', name))
  for (const path of hidden) renameSync(path, `${path}.hidden`)
  try {
    const result = bin('ak1-pg-import', importArgs(), { AK1_SQLITE_KEY: sqliteKey, AK1_PG_KEY: pgKey })
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('ak1-pg-import memerlukan @ak1/adapter-sqlite dan better-sqlite3')
    expect(result.stderr).toContain('npm install @ak1/adapter-sqlite better-sqlite3')
    expect(result.stdout).toBe('')
  } finally {
    for (const path of hidden) renameSync(`${path}.hidden`, path)
  }
})

it('from the tarball, ak1-pg-import moves the office and verifies it, and ak1-pg-reseal re-keys it', () => {
  const moved = bin('ak1-pg-import', importArgs(), { AK1_SQLITE_KEY: sqliteKey, AK1_PG_KEY: pgKey })
  expect(moved.stderr).toBe('')
  expect(moved.code).toBe(0)
  expect(JSON.parse(moved.stdout)).toMatchObject({ office: 'balongbendo', cases: 3, problems: [] })

  // A bare key is known to the schema by its fingerprint id; the keyring names it so beside the new key.
  const oldId = createHash('sha256').update(Buffer.from(pgKey, 'hex')).digest('hex').slice(0, 16)
  const ring = { current: 'baru', keys: { [oldId]: pgKey, baru: Buffer.alloc(32, 10).toString('hex') } }
  const resealed = bin('ak1-pg-reseal', ['--postgres', cluster.url(), '--schema', 'moved', '--batch', '2'], {
    AK1_PG_KEYRING: JSON.stringify(ring),
  })
  expect(resealed.code).toBe(0)
  const report = JSON.parse(resealed.stdout)
  expect(report).toMatchObject({ keyId: 'baru', remaining: 0, aborted: false, retiredKeys: [oldId] })
  expect(report.resealed.ak1_cases).toBe(3)
  expect(resealed.stderr).toContain('ak1_cases: 2 (putaran 1)')
})
