import type { Sealer } from '@ak1/core/ports'
import { ConfigError, createSealer } from '@ak1/core/ports'
import type Database from 'better-sqlite3'
import { rememberKeys, reseal, rotationKey, setMeta } from './encryption'
import { toStoreError } from './errors'
import type { ResolvedOptions } from './options'
import type { BackupOptions, RotationKey, RotationResult } from './store'

/**
 * Copies the database to `path` with SQLite's online backup API, `pagesPerStep` pages at a time;
 * once another process's write restarts the copy, the rest is copied in one step. @internal
 */
export async function backupDatabase(
  db: Database.Database,
  path: string,
  backupOptions: BackupOptions,
): Promise<{ totalPages: number }> {
  let step = backupOptions.pagesPerStep ?? 1000
  let lastRemaining = Number.POSITIVE_INFINITY
  try {
    const result = await db.backup(path, {
      progress: ({ totalPages, remainingPages }) => {
        // A restart (another process wrote) shows as more pages left than before.
        if (remainingPages > lastRemaining) step = totalPages + 1
        lastRemaining = remainingPages
        return step
      },
    })
    return { totalPages: result.totalPages }
  } catch (error) {
    throw toStoreError('backup', error)
  }
}

/**
 * Re-encrypts everything under `key` in one `BEGIN IMMEDIATE` transaction. Returns the counts, and
 * the keyring and sealer the store goes on with. @internal
 */
export function rotateStoreKey(
  db: Database.Database,
  sealer: Sealer | undefined,
  keyring: ResolvedOptions['keyring'],
  key: RotationKey,
): { result: RotationResult; keyring: NonNullable<ResolvedOptions['keyring']>; sealer: Sealer } {
  if (!sealer || !keyring)
    throw new ConfigError('rotateKey butuh penyimpanan yang dibuka dengan encryptionKey.', {
      messageEn: 'rotateKey needs a store opened with encryptionKey.',
      keys: ['encryptionKey'],
    })
  const { id, bytes } = rotationKey(key)
  const existing = keyring.keys.get(id)
  if (existing && !existing.equals(bytes))
    throw new ConfigError(`Id kunci ${id} sudah dipakai untuk kunci lain.`, {
      messageEn: `Key id ${id} is already used for another key.`,
      keys: ['encryptionKey'],
    })
  const keys = new Map(keyring.keys)
  keys.set(id, bytes)
  const next = createSealer({ current: id, keys })
  const counts = db
    .transaction(() => {
      rememberKeys(db, next)
      const result = reseal(db, sealer, next)
      setMeta(db, 'keys_in_use', JSON.stringify([id]))
      return result
    })
    .immediate()
  return { result: { keyId: id, ...counts }, keyring: { current: id, keys }, sealer: next }
}
