import { execFileSync, spawn } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..')

const newest = (dir: string): number =>
  readdirSync(dir, { withFileTypes: true }).reduce((max, e) => {
    const path = join(dir, e.name)
    return Math.max(max, e.isDirectory() ? newest(path) : statSync(path).mtimeMs)
  }, 0)

/** Children run plain Node on the built packages: build core, `others` and this package when stale. */
export function ensureBuilt(others: readonly string[] = []): void {
  for (const dir of [
    join(packageDir, '..', 'core'),
    ...others.map((o) => join(packageDir, '..', o)),
    packageDir,
  ]) {
    const built = join(dir, 'dist', 'index.js')
    if (!existsSync(built) || statSync(built).mtimeMs < newest(join(dir, 'src')))
      execFileSync('npx', ['tsup'], { cwd: dir, stdio: 'ignore' })
  }
}

/** A running child: its JSON stdout lines as they come, handed to `onLine`, and its exit. */
export interface Child {
  kill(signal: NodeJS.Signals): void
  write(text: string): void
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>
}

/** Starts `node test/fixtures/<script> ...args`. */
export function startChild(script: string, args: string[], onLine: (line: unknown) => void): Child {
  const proc = spawn(process.execPath, [join(packageDir, 'test', 'fixtures', script), ...args], {
    cwd: packageDir,
    stdio: ['pipe', 'pipe', 'pipe'],
  })
  let buffer = ''
  let stderr = ''
  proc.stdout.setEncoding('utf8')
  proc.stdout.on('data', (chunk: string) => {
    buffer += chunk
    for (let end = buffer.indexOf('\n'); end >= 0; end = buffer.indexOf('\n')) {
      onLine(JSON.parse(buffer.slice(0, end)))
      buffer = buffer.slice(end + 1)
    }
  })
  proc.stderr.setEncoding('utf8')
  proc.stderr.on('data', (chunk: string) => {
    stderr += chunk
  })
  return {
    kill: (signal) => proc.kill(signal),
    write: (text) => proc.stdin.write(text),
    exited: new Promise((resolve) => proc.on('close', (code, signal) => resolve({ code, signal, stderr }))),
  }
}
