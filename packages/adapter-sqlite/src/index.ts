/**
 * `@ak1/adapter-sqlite`: the `CaseStore` of `@ak1` on SQLite (better-sqlite3): one file, WAL, one
 * transaction per command, safe under crashes and several processes, with encryption of personal
 * data (UU PDP 27/2022) unless the embedder chooses `plaintext: true`.
 *
 * ```sh
 * npm install @ak1/core @ak1/adapter-sqlite
 * ```
 * ```ts
 * import { createAk1Service, balongbendo } from '@ak1/core'
 * import { createSqliteStore } from '@ak1/adapter-sqlite'
 *
 * const store = createSqliteStore({ filename: 'ak1.sqlite', encryptionKey: process.env.AK1_KEY })
 * const service = createAk1Service({ standard: balongbendo, store })
 * ```
 * @packageDocumentation
 */
export { latestSchemaVersion, type Migration, type MigrationInfo } from './migrations'
export type {
  EncryptionKeyInput,
  EncryptionKeyring,
  SqliteStoreCommonOptions,
  SqliteStoreOptions,
} from './options'
export {
  type BackupOptions,
  createSqliteStore,
  type RotationKey,
  type RotationResult,
  type SqliteStore,
} from './store'
