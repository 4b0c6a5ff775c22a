import type { Sealer } from '@ak1/core/ports'
import type Database from 'better-sqlite3'
import { type ColumnCodec, createColumnCodec } from './codec'
import { encryptionMode, modeChanged } from './encryption'
import { createRowMappers, type RowMappers } from './rows'
import { createStatementCache, prepareStatements, type Statements } from './statements'

/** What the parts of the store share: the connection, its statements, the codec and row mappers. @internal */
export interface StoreContext {
  db: Database.Database
  s: Statements
  /** A statement for SQL built per query, from the cache. */
  prepared: (sql: string) => Database.Statement
  codec: ColumnCodec
  rows: RowMappers
  /** The current sealer (`undefined` for a plaintext store); `rotateKey` replaces it. */
  sealer(): Sealer | undefined
  /** Another process may have encrypted the file since this one opened it. */
  checkMode(): void
}

/** How the store runs an operation: fails once closed, turns errors into the store's errors. @internal */
export type Run = <T>(operation: string, fn: () => T) => Promise<T>

/** {@link Run} without waiting, for the store's synchronous reads. @internal */
export type RunNow = <T>(operation: string, fn: () => T) => T

/** Prepares the statements and the encoding shared by the parts of the store. @internal */
export function createStoreContext(db: Database.Database, sealer: () => Sealer | undefined): StoreContext {
  const codec = createColumnCodec(sealer)
  const s = prepareStatements(db)
  return {
    db,
    s,
    prepared: createStatementCache(db),
    codec,
    rows: createRowMappers(codec),
    sealer,
    checkMode: () => {
      const mode = s.encryptionMode.get() as string | undefined
      if ((mode === encryptionMode) !== (sealer() !== undefined)) throw modeChanged()
    },
  }
}
