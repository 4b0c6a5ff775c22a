import type { z } from 'zod'
import { ConfigError } from '../errors/errors'
import { toValidationIssues } from './zod-issues'

/** The Indonesian (`id`) and English (`en`) text of one rule. */
export interface RuleText {
  id: string
  en: string
}

/** How {@link parseOptions} names the factory, its own rules and its keys. */
export interface ParseOptionsSettings {
  /** The factory whose options these are: `Opsi <adapter> tidak valid: …` / `Invalid <adapter> options: …`. */
  adapter: string
  /**
   * Texts of the adapter's own rule ids (a schema gives the id as the issue message). Looked up before
   * core's rule texts; any other issue gets core's text for its zod code.
   * @default {}
   */
  rules?: Readonly<Record<string, RuleText>>
  /**
   * Keys to name for a rule whose issue sits at the root of the options (a refine across several
   * options, such as "exactly one of `http` or `smpp`"), by rule id.
   * @default {}
   */
  rootKeys?: Readonly<Record<string, readonly string[]>>
  /** Name only the top-level option of each issue (`encryptionKey` for `encryptionKey.current`). @default false */
  topLevelKeys?: boolean
}

/**
 * Parses an adapter's options with a zod schema: the parsed output, or a {@link ConfigError} whose
 * `keys` are the dotted paths at fault (an unknown key is named with its path) and whose message lists
 * each path with its rule, in Bahasa Indonesia (`messageEn` in English). A failed parse throws before
 * anything is opened.
 * @example
 * ```ts
 * import { parseOptions } from '@ak1/core/ports'
 *
 * const options = parseOptions(optionsSchema, input ?? {}, {
 *   adapter: 'createSqliteStore',
 *   rules: { key_32_bytes: { id: 'harus kunci 32 byte', en: 'must be a 32-byte key' } },
 * })
 * // ConfigError: "Opsi createSqliteStore tidak valid: busyTimeoutMs: minimal 0", keys ['busyTimeoutMs']
 * ```
 */
export function parseOptions<S extends z.ZodType>(
  schema: S,
  input: unknown,
  settings: ParseOptionsSettings,
): z.output<S> {
  const parsed = schema.safeParse(input, { reportInput: true })
  if (parsed.success) return parsed.data
  const keys: string[] = []
  const id: string[] = []
  const en: string[] = []
  const name = (key: string) => {
    const named = settings.topLevelKeys ? (key.split('.')[0] ?? key) : key
    if (named && !keys.includes(named)) keys.push(named)
  }
  const described = toValidationIssues(parsed.error.issues)
  parsed.error.issues.forEach((issue, i) => {
    const path = issue.path.map(String).join('.')
    if (issue.code === 'unrecognized_keys') {
      const unknown = issue.keys.map((k) => (path ? `${path}.${k}` : k))
      unknown.forEach(name)
      id.push(`${unknown.join(', ')}: opsi tidak dikenal`)
      en.push(`${unknown.join(', ')}: unknown option`)
      return
    }
    if (path) name(path)
    else for (const key of settings.rootKeys?.[issue.message] ?? []) name(key)
    const core = described[i]
    const text = settings.rules?.[issue.message] ?? { id: core?.message ?? '', en: core?.messageEn ?? '' }
    id.push(`${path || '(opsi)'}: ${text.id}`)
    en.push(`${path || '(options)'}: ${text.en}`)
  })
  throw new ConfigError(`Opsi ${settings.adapter} tidak valid: ${id.join('; ')}`, {
    messageEn: `Invalid ${settings.adapter} options: ${en.join('; ')}`,
    keys,
  })
}
