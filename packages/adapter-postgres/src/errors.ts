import { AdapterError, ConfigError, ConflictError, ValidationError } from '@ak1/core/ports'

/** SQLSTATE classes and Node error codes after which the same command may succeed later. */
const retryableStates = new Set([
  '40001',
  '40P01',
  '55P03',
  '57P01',
  '57P02',
  '57P03',
  '53300',
  '53400',
  '57014',
])
const retryableNodeCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
])

const codeOf = (error: unknown): string | undefined =>
  typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string'
    ? (error as { code: string }).code
    : undefined

/** Whether PostgreSQL or the connection failed in a way that trying again may fix. @internal */
export function isRetryable(error: unknown): boolean {
  const code = codeOf(error)
  if (code === undefined) {
    const message = error instanceof Error ? error.message : ''
    return /Connection terminated|connection timeout|Client has encountered a connection error/i.test(message)
  }
  return retryableStates.has(code) || code.startsWith('08') || retryableNodeCodes.has(code)
}

/** Wraps a failure of one store operation as an `AdapterError`. @internal */
export function storeFailure(adapterId: string, operation: string, error: unknown): AdapterError {
  if (error instanceof AdapterError) return error
  const retryable = isRetryable(error)
  const code = codeOf(error)
  return new AdapterError(
    `PostgreSQL gagal saat ${operation}${code ? ` (${code})` : ''}${retryable ? '; dapat dicoba lagi' : ''}`,
    {
      adapterId,
      operation,
      retryable,
      cause: error,
      messageEn: `PostgreSQL failed during ${operation}${code ? ` (${code})` : ''}${retryable ? '; may be retried' : ''}`,
    },
  )
}

/**
 * The `ConfigError` of a store that cannot start: an unreachable server, a refused password or role,
 * a missing database, a schema owned by someone else. Names the target by user, host, port and
 * database only, never the password. @internal
 */
export function startFailure(target: string, schema: string, error: unknown): ConfigError {
  const code = codeOf(error)
  const [id, en, keys] = ((): [string, string, string[]] => {
    if (code === '28P01' || code === '28000') {
      return [
        `PostgreSQL menolak kata sandi atau peran untuk ${target}`,
        `PostgreSQL refused the password or role for ${target}`,
        ['connectionString'],
      ]
    }
    if (code === '3D000') {
      return [
        `basis data pada ${target} tidak ada`,
        `the database of ${target} does not exist`,
        ['connectionString'],
      ]
    }
    if (code === '42501') {
      return [
        `skema "${schema}" dimiliki peran lain, atau peran ${target} tidak berhak membuat tabel di dalamnya; berikan hak atau pilih skema lain`,
        `schema "${schema}" is owned by another role, or ${target} may not create tables in it; grant the rights or choose another schema`,
        ['schema'],
      ]
    }
    if (code && (retryableNodeCodes.has(code) || code.startsWith('08') || code === '57P03')) {
      return [
        `server PostgreSQL ${target} tidak dapat dihubungi (${code})`,
        `the PostgreSQL server ${target} cannot be reached (${code})`,
        ['connectionString'],
      ]
    }
    return [
      `PostgreSQL ${target} tidak dapat dipakai${code ? ` (${code})` : ''}`,
      `PostgreSQL ${target} cannot be used${code ? ` (${code})` : ''}`,
      ['connectionString'],
    ]
  })()
  return new ConfigError(`Opsi createPostgresStore tidak valid: ${id}`, {
    keys,
    messageEn: `Invalid createPostgresStore options: ${en}`,
    cause: scrub(error),
  })
}

/** The cause without any text that could hold a connection string. */
function scrub(error: unknown): Error {
  const code = codeOf(error)
  const scrubbed = new Error(code ? `PostgreSQL error ${code}` : 'PostgreSQL error')
  return Object.assign(scrubbed, code ? { code } : {})
}

/** The store id, in errors and logs. @internal */
export const storeId = 'postgres'

/** The `ConflictError`s of a commit. @internal */
export const conflicts = {
  version(caseId: string, expected: number | null, actual: number | undefined): ConflictError {
    const found = actual === undefined ? 'tidak ada' : String(actual)
    return new ConflictError(
      expected === null
        ? `Kasus ${caseId} sudah ada.`
        : `Kasus ${caseId} sudah berubah (versi tersimpan ${found}, yang dibaca ${expected}). Muat ulang lalu coba lagi.`,
      {
        messageEn:
          expected === null
            ? `Case ${caseId} already exists.`
            : `Case ${caseId} has changed (stored version ${actual ?? 'none'}, read ${expected}). Reload and try again.`,
        ...(expected === null ? {} : { expected }),
        actual,
      },
    )
  },
  sequence(name: string, scope: string, value: number, stored: number): ConflictError {
    return new ConflictError(
      `Nomor urut ${name} (${scope}) ${value} bukan nomor berikutnya (tersimpan ${stored}). Coba lagi.`,
      {
        messageEn: `Sequence ${name} (${scope}) value ${value} is not the next one (stored ${stored}). Try again.`,
      },
    )
  },
  /** A unique constraint refused the commit: a command id, tracking code, audit seq or row id taken. */
  unique(constraint: string): ConflictError {
    const what: Record<string, [string, string]> = {
      ak1_commands_pkey: ['id perintah ini sudah pernah dijalankan', 'this command id was already committed'],
      ak1_cases_tracking: [
        'kode lacak sudah dipakai di kantor ini',
        'the tracking code is already used at this office',
      ],
      ak1_cases_pkey: ['kasus sudah ada', 'the case already exists'],
      ak1_aggregates_pkey: [
        'id ini sudah dipakai kasus atau catatan lain',
        'this id is already used by another case or record',
      ],
      ak1_records_key: [
        'kunci catatan sudah dipakai di kantor ini',
        'the record key is already used at this office',
      ],
    }
    const [id, en] = what[constraint] ?? [
      `nilai unik sudah dipakai (${constraint})`,
      `a unique value is already taken (${constraint})`,
    ]
    return new ConflictError(`Commit ditolak: ${id}.`, { messageEn: `Commit refused: ${en}.` })
  },
}

/** A commit input that breaks the port's rules. @internal */
export function invalid(path: (string | number)[], rule: string, message: string, messageEn: string) {
  return new ValidationError([{ path, rule, message, messageEn }])
}
