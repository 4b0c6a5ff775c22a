import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { ensureBuilt } from '../../adapter-sqlite/test/helpers/child'

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..')

function newest(dir: string): number {
  return Math.max(
    0,
    ...readdirSync(dir, { withFileTypes: true }).map((e) =>
      e.isDirectory() ? newest(join(dir, e.name)) : statSync(join(dir, e.name)).mtimeMs,
    ),
  )
}

/**
 * The intake test's child process runs plain Node on the built packages (turbo builds them first):
 * core and adapter-sqlite as their own crash tests build them, and this package when its dist is
 * missing or older than its sources.
 */
export function setup(): void {
  ensureBuilt()
  const built = join(packageDir, 'dist', 'index.js')
  if (!existsSync(built) || statSync(built).mtimeMs < newest(join(packageDir, 'src')))
    execFileSync('npx', ['tsup'], { cwd: packageDir, stdio: 'ignore' })
}
