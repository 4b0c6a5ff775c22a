import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'

/**
 * The 32-byte key that seals personal data in the SQLite file: `AK1_ENCRYPTION_KEY` (64 hex digits
 * or base64) when set, otherwise the key file, created with mode 0600 on first start. Losing the key
 * file makes the sealed data unreadable: back it up apart from the database.
 */
export function loadEncryptionKey(keyFile: string, env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env.AK1_ENCRYPTION_KEY?.trim()
  if (fromEnv) return fromEnv
  if (existsSync(keyFile)) return readFileSync(keyFile, 'utf8').trim()
  mkdirSync(dirname(keyFile), { recursive: true })
  const key = randomBytes(32).toString('hex')
  writeFileSync(keyFile, `${key}\n`, { mode: 0o600, flag: 'wx' })
  return key
}
