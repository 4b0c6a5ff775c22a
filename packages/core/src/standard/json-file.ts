import { z } from 'zod'
import { ConfigError, isAk1Error, ValidationError } from '../errors/errors'
import { defineStandard } from './define-standard'
import { type Standard, standardInputSchema } from './schema'

/** The `$id` of the published JSON Schema of a standard file. */
export const standardJsonSchemaId = 'https://ak1.dev/schema/standard.schema.json'

/**
 * The JSON Schema (draft 2020-12) of a standard file, generated from the zod schema `defineStandard`
 * uses (`standardInputSchema`, input side: every defaulted field optional). The package ships it as
 * `@ak1/core/standard.schema.json`, so an editor can check a file while the IT officer types; rules
 * across fields (references, hours, completion against steps) are checked by `defineStandard` only.
 * @example
 * ```ts
 * writeFileSync('standard.schema.json', JSON.stringify(standardJsonSchema(), null, 2))
 * ```
 */
export function standardJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(standardInputSchema, { io: 'input', unrepresentable: 'any' }) as Record<
    string,
    unknown
  >
  const properties = generated.properties as Record<string, unknown>
  return {
    ...generated,
    $id: standardJsonSchemaId,
    title: 'Standar Pelayanan AK-1 (@ak1/core)',
    description:
      'A Standar Pelayanan as data, as defineStandard accepts it. Rules across fields are checked by defineStandard.',
    properties: {
      $schema: { type: 'string', description: 'The path or URL of this schema, for editors.' },
      ...properties,
    },
  }
}

/**
 * Defines a standard from the text of a JSON file: the file may carry a `$schema` key (ignored here).
 * Every refusal is one `ConfigError` whose message names each field by its path in the file
 * (`requirements.3.alternatives: ...`), in Indonesian (`messageEn` in English), with the paths in
 * `keys`.
 * @throws {ConfigError} when the text is not JSON, or the standard is refused.
 * @example
 * ```ts
 * const jembrana = parseStandardJson(readFileSync('examples/standards/jembrana.json', 'utf8'))
 * ```
 */
export function parseStandardJson(text: string): Standard {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    throw new ConfigError(`Berkas standar bukan JSON yang sah: ${(error as Error).message}`, {
      messageEn: `The standard file is not valid JSON: ${(error as Error).message}`,
      cause: error,
    })
  }
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const { $schema: _schema, ...rest } = value as Record<string, unknown>
    value = rest
  }
  try {
    return defineStandard(value as Parameters<typeof defineStandard>[0])
  } catch (error) {
    if (!(error instanceof ValidationError) || !isAk1Error(error)) throw error
    const paths = error.issues.map((i) => i.path.join('.'))
    throw new ConfigError(error.issues.map((i, n) => `${paths[n]}: ${i.message}`).join('; '), {
      messageEn: error.issues.map((i, n) => `${paths[n]}: ${i.messageEn}`).join('; '),
      keys: paths,
      cause: error,
    })
  }
}
