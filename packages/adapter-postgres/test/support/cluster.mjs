// A throwaway PostgreSQL cluster for the tests and the bench (plain JavaScript, so the bench runs it
// with plain Node; its types are in cluster.d.mts).
import { execFileSync } from 'node:child_process'
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export const superuserPassword = 'test-superuser-secret'

function binDir() {
  if (process.env.AK1_PG_BIN) return process.env.AK1_PG_BIN
  const root = '/usr/lib/postgresql'
  if (!existsSync(root)) {
    throw new Error('PostgreSQL is not installed: apt-get install -y postgresql (or set AK1_PG_BIN)')
  }
  const versions = readdirSync(root)
    .filter((v) => /^\d+$/.test(v))
    .sort((a, b) => Number(b) - Number(a))
  return join(root, versions[0], 'bin')
}

const asRoot = process.getuid?.() === 0

function run(command, args) {
  const bin = join(binDir(), command)
  if (!asRoot) return execFileSync(bin, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
  const quoted = [bin, ...args].map((a) => `'${a.replaceAll("'", `'\\''`)}'`).join(' ')
  return execFileSync('su', ['postgres', '-s', '/bin/sh', '-c', quoted], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  })
}

async function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
  })
}

function ownedTempDir(prefix) {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim())
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim())
    chownSync(dir, uid, gid)
  }
  chmodSync(dir, 0o700)
  return dir
}

function serverOptions(port, dir) {
  return [
    `-p ${port}`,
    `-k ${dir}`,
    '-c listen_addresses=127.0.0.1',
    '-c fsync=off',
    '-c synchronous_commit=off',
    '-c full_page_writes=off',
    '-c max_connections=200',
    '-c shared_buffers=64MB',
  ].join(' ')
}

function handle(dir, port) {
  const data = join(dir, 'data')
  const log = join(dir, 'server.log')
  const start = () =>
    run('pg_ctl', ['-D', data, '-o', serverOptions(port, dir), '-l', log, '-w', '-t', '60', 'start'])
  start()
  let stopped = false
  // CPU seconds of the server processes: the postmaster's own and its reaped backends', over restarts.
  const cpuNow = () => {
    try {
      const pid = readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')
      return fields.slice(11, 15).reduce((sum, f) => sum + Number(f), 0) / 100
    } catch {
      return 0
    }
  }
  let cpuBefore = 0
  /** @type {import('./cluster.d.mts').TestCluster} */
  const cluster = {
    port,
    dir,
    url: ({ user = 'postgres', password = superuserPassword, database = 'postgres' } = {}) =>
      `postgres://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`,
    cpuSeconds: () => cpuBefore + cpuNow(),
    restart() {
      cpuBefore += cpuNow()
      run('pg_ctl', ['-D', data, '-m', 'fast', '-w', '-t', '60', 'stop'])
      start()
    },
    async startReplica() {
      const replicaDir = ownedTempDir('ak1-pg-replica-')
      const replicaPort = await freePort()
      const passfile = join(replicaDir, 'pgpass')
      writeFileSync(passfile, `127.0.0.1:${port}:*:postgres:${superuserPassword}\n`, { mode: 0o600 })
      if (asRoot) execFileSync('chown', ['postgres', passfile])
      const env = `PGPASSFILE=${passfile}`
      const bin = join(binDir(), 'pg_basebackup')
      const args = [
        '-h',
        '127.0.0.1',
        '-p',
        String(port),
        '-U',
        'postgres',
        '-D',
        join(replicaDir, 'data'),
        '-R',
        '-X',
        'stream',
      ]
      const command = `${env} '${bin}' ${args.map((a) => `'${a}'`).join(' ')}`
      execFileSync(
        asRoot ? 'su' : 'sh',
        asRoot ? ['postgres', '-s', '/bin/sh', '-c', command] : ['-c', command],
        {
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      )
      return handle(replicaDir, replicaPort)
    },
    stop() {
      if (stopped) return
      stopped = true
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop'])
      } finally {
        rmSync(dir, { recursive: true, force: true })
      }
    },
  }
  return cluster
}

/** Starts a fresh cluster. Call `stop()` after the tests (it also deletes the folder). */
export async function startCluster() {
  const dir = ownedTempDir('ak1-pg-')
  const pwfile = join(dir, 'pwfile')
  writeFileSync(pwfile, `${superuserPassword}\n`)
  if (asRoot) execFileSync('chown', ['postgres', pwfile])
  run('initdb', [
    '-D',
    join(dir, 'data'),
    '-U',
    'postgres',
    `--pwfile=${pwfile}`,
    '--auth-local=trust',
    '--auth-host=scram-sha-256',
    '--no-sync',
    '-E',
    'UTF8',
    '--locale=C.UTF-8',
  ])
  return handle(dir, await freePort())
}
