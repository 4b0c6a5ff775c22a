import { ConfigError, type ValidationIssue } from '../errors/errors'
import { standardChecks } from '../standard/define-standard'
import type { Standard } from '../standard/schema'

/** What a number is made of: the office code, the instant (read in `timeZone`) and the sequence value. */
export interface NumberParts {
  office: string
  at: Date
  timeZone: string
  seq: number
}

/** A compiled number format (tracking code, register number, card number). */
export interface NumberFormat {
  /** The template it was compiled from. */
  readonly template: string
  /** Whether the template shows the year (`{yyyy}` or `{yy}`): then the sequence restarts each year. */
  readonly perYear: boolean
  /** The number for these parts. */
  format(parts: NumberParts): string
}

const tokenPattern = /\{([a-z]+)(?::(\d+))?\}/g
const knownTokens = new Set(['office', 'yyyy', 'yy', 'mm', 'dd', 'seq'])

/**
 * Compiles a numbering template of the standard. Tokens: `{office}`, `{yyyy}`, `{yy}`, `{mm}`,
 * `{dd}` (date parts in the standard's time zone), `{seq}` and `{seq:N}` (zero-padded to N digits).
 *
 * @throws {ConfigError} for an unknown token, a width on a date token, or a template without `{seq}`
 * (numbers would not be unique).
 * @example
 * ```ts
 * compileNumberFormat('{seq:4}/AK1/{office}/{yyyy}')
 *   .format({ office: 'balongbendo', at: new Date(), timeZone: 'Asia/Jakarta', seq: 7 }) // '0007/AK1/balongbendo/2026'
 * ```
 */
export function compileNumberFormat(template: string, key = 'numbering'): NumberFormat {
  const parts: Array<string | { token: string; width?: number }> = []
  let last = 0
  let hasSeq = false
  for (const match of template.matchAll(tokenPattern)) {
    const [whole, token, width] = match
    if (!knownTokens.has(token!) || (width !== undefined && token !== 'seq')) {
      throw new ConfigError(`Format nomor ${key} memuat token tidak dikenal ${whole}`, {
        messageEn: `Number format ${key} holds the unknown token ${whole}`,
        keys: [key],
      })
    }
    if (token === 'seq') hasSeq = true
    parts.push(template.slice(last, match.index))
    parts.push(width === undefined ? { token: token! } : { token: token!, width: Number(width) })
    last = match.index + whole.length
  }
  parts.push(template.slice(last))
  if (!hasSeq) {
    throw new ConfigError(`Format nomor ${key} wajib memuat {seq} agar nomor unik`, {
      messageEn: `Number format ${key} must hold {seq} so numbers are unique`,
      keys: [key],
    })
  }
  const perYear = /\{yy(yy)?\}/.test(template)
  return {
    template,
    perYear,
    format({ office, at, timeZone, seq }) {
      const date = dateParts(at, timeZone)
      let out = ''
      for (const part of parts) {
        if (typeof part === 'string') {
          out += part
          continue
        }
        switch (part.token) {
          case 'office':
            out += office
            break
          case 'yyyy':
            out += date.yyyy
            break
          case 'yy':
            out += date.yyyy.slice(-2)
            break
          case 'mm':
            out += date.mm
            break
          case 'dd':
            out += date.dd
            break
          default:
            out += part.width === undefined ? String(seq) : String(seq).padStart(part.width, '0')
        }
      }
      return out
    },
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>()

/** Year, month and day of an instant in an IANA zone, zero-padded. @internal */
function dateParts(at: Date, timeZone: string): { yyyy: string; mm: string; dd: string } {
  let formatter = formatters.get(timeZone)
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    })
    formatters.set(timeZone, formatter)
  }
  const text = formatter.format(at)
  return { yyyy: text.slice(0, 4), mm: text.slice(5, 7), dd: text.slice(8, 10) }
}

/**
 * The sequence scope of a number: per office, and per year (in the standard's zone) when the format
 * shows the year, e.g. `balongbendo:2026`.
 * @internal
 */
export function sequenceScope(format: NumberFormat, office: string, at: Date, timeZone: string): string {
  return format.perYear ? `${office}:${dateParts(at, timeZone).yyyy}` : office
}

/**
 * Whose sequences a standard's numbers count in: the office (shared by all its layanan), or with
 * `numbering.sequenceScope: 'service'` the office and layanan (`balongbendo/ak1_perpanjangan`).
 * @internal
 */
export function sequenceOwner(standard: Pick<Standard, 'office' | 'service' | 'numbering'>): string {
  const office = standard.office.code
  return standard.numbering.sequenceScope === 'service' ? `${office}/${standard.service}` : office
}

const numberKeys = ['trackingCode', 'registerNumber', 'cardNumber'] as const

/** `defineStandard` refuses a number format the service could not use, rather than `createAk1Service` later. */
function checkNumberFormats(standard: Standard): ValidationIssue[] {
  const issues: ValidationIssue[] = []
  for (const key of numberKeys) {
    try {
      compileNumberFormat(standard.numbering[key], `numbering.${key}`)
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error
      issues.push({
        path: ['numbering', key],
        rule: 'number_format',
        message: error.message,
        messageEn: error.messageEn,
      })
    }
  }
  return issues
}
standardChecks.push(checkNumberFormats)
