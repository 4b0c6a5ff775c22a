import { execFileSync, spawn } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const coreDir = join(packageDir, '..', 'core')

function newestSource(dir: string): number {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs)
  }
  return newest
}

/**
 * The child processes run plain Node on the built packages (turbo builds them before `test`). When
 * a dist is missing, or this package's is older than its sources, build it here.
 */
export function ensureBuilt(): void {
  // Rebuild a package whose build is missing or older than its sources (after a merge, say), so a
  // child never runs stale code.
  for (const dir of [coreDir, packageDir]) {
    const built = join(dir, 'dist', 'index.js')
    if (!existsSync(built) || statSync(built).mtimeMs < newestSource(join(dir, 'src')))
      execFileSync('npx', ['tsup'], { cwd: dir, stdio: 'ignore' })
  }
}

/** Path of a fixture script. */
export function fixture(name: string): string {
  return join(packageDir, 'test', 'fixtures', name)
}

/** A running child: its JSON stdout lines as they come, and its exit. */
export interface Child {
  lines: unknown[]
  /** Resolves once `count` lines arrived. */
  waitForLines(count: number): Promise<void>
  kill(signal: NodeJS.Signals): void
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>
  write(text: string): void
}

/** Starts `node <script> ...args`, reading one JSON value per stdout line. */
export function startChild(script: string, args: string[]): Child {
  const proc = spawn(process.execPath, [script, ...args], {
    cwd: packageDir,
    stdio: ['pipe', 'pipe', 'pipe'],
  })
  const lines: unknown[] = []
  let buffer = ''
  let stderr = ''
  const waiters: Array<{ count: number; resolve: () => void; reject: (e: Error) => void }> = []
  const settle = () => {
    for (const w of [...waiters])
      if (lines.length >= w.count) {
        waiters.splice(waiters.indexOf(w), 1)
        w.resolve()
      }
  }
  proc.stdout.setEncoding('utf8')
  proc.stdout.on('data', (chunk: string) => {
    buffer += chunk
    let end = buffer.indexOf('\n')
    while (end >= 0) {
      lines.push(JSON.parse(buffer.slice(0, end)))
      buffer = buffer.slice(end + 1)
      end = buffer.indexOf('\n')
    }
    settle()
  })
  proc.stderr.setEncoding('utf8')
  proc.stderr.on('data', (chunk: string) => {
    stderr += chunk
  })
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>(
    (resolve) => {
      proc.on('close', (code, signal) => {
        for (const w of waiters.splice(0))
          w.reject(new Error(`child exited (${code ?? signal}) before ${w.count} lines: ${stderr}`))
        resolve({ code, signal, stderr })
      })
    },
  )
  return {
    lines,
    waitForLines: (count) =>
      new Promise<void>((resolve, reject) => {
        waiters.push({ count, resolve, reject })
        settle()
      }),
    kill: (signal) => proc.kill(signal),
    exited,
    write: (text) => proc.stdin.write(text),
  }
}
