import { AdapterError, ConflictError, isAk1Error, ValidationError } from '@ak1/core/ports'

/** The store id, in errors and logs. @internal */
export const storeId = 'sqlite'

/** @internal */
export const conflicts = {
  version(caseId: string, expected: number, actual: number | undefined): ConflictError {
    const found = actual === undefined ? 'tidak ada' : String(actual)
    const foundEn = actual === undefined ? 'none' : String(actual)
    return new ConflictError(
      `Kasus ${caseId} sudah berubah (versi tersimpan ${found}, yang dibaca ${expected}). Muat ulang lalu coba lagi.`,
      {
        messageEn: `Case ${caseId} has changed (stored version ${foundEn}, read ${expected}). Reload and try again.`,
        expected,
        actual,
      },
    )
  },
  exists(caseId: string, actual: number): ConflictError {
    return new ConflictError(`Kasus ${caseId} sudah ada.`, {
      messageEn: `Case ${caseId} already exists.`,
      actual,
    })
  },
  command(commandId: string): ConflictError {
    return new ConflictError(`Perintah ${commandId} sudah pernah dijalankan.`, {
      messageEn: `Command ${commandId} was already committed.`,
    })
  },
  sequence(name: string, scope: string, value: number, stored: number): ConflictError {
    return new ConflictError(
      `Nomor urut ${name} (${scope}) ${value} bukan nomor berikutnya (tersimpan ${stored}). Coba lagi.`,
      {
        messageEn: `Sequence ${name} (${scope}) value ${value} is not the next one (stored ${stored}). Try again.`,
      },
    )
  },
  unique(what: string): ConflictError {
    return new ConflictError(`Nilai unik sudah dipakai: ${what}.`, {
      messageEn: `A unique value is already taken: ${what}.`,
    })
  },
}

/** A `ValidationError` with one issue. @internal */
export function invalid(path: (string | number)[], rule: string, message: string, messageEn: string) {
  return new ValidationError([{ path, rule, message, messageEn }])
}

/** Whether a SQLite error is a lock that may clear (another connection is writing). @internal */
function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'))
}

/**
 * Rethrows a foreign error as `AdapterError` (retryable for SQLITE_BUSY / SQLITE_LOCKED), and a
 * unique-constraint failure during a commit as `ConflictError`. @ak1 errors pass through.
 * @internal
 */
export function toStoreError(operation: string, error: unknown): Error {
  if (isAk1Error(error)) return error
  const code = (error as { code?: unknown } | null)?.code
  if (
    operation === 'commit' &&
    (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY')
  )
    return conflicts.unique(String((error as Error).message).replace(/^UNIQUE constraint failed: /, ''))
  const detail = error instanceof Error ? error.message : String(error)
  const retryable = isBusy(error)
  return new AdapterError(
    retryable
      ? `Database SQLite sedang dikunci proses lain (${operation}): ${detail}. Coba lagi.`
      : `Database SQLite gagal pada ${operation}: ${detail}`,
    {
      messageEn: retryable
        ? `The SQLite database is locked by another process (${operation}): ${detail}. Try again.`
        : `The SQLite database failed in ${operation}: ${detail}`,
      adapterId: storeId,
      operation,
      retryable,
      cause: error,
    },
  )
}
