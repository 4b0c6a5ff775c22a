import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** A fresh temporary directory and its removal. */
export function tempDir(prefix = 'ak1-sqlite-'): {
  dir: string
  file: (name?: string) => string
  remove: () => void
} {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  return {
    dir,
    file: (name = 'ak1.sqlite') => join(dir, name),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  }
}

/** A fixed 32-byte test key (hex). */
export const testKey = (byte: number): string => byte.toString(16).padStart(2, '0').repeat(32)
