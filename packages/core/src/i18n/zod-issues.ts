import type { z } from 'zod'
import { ValidationError, type ValidationIssue } from '../errors/errors'

/**
 * Turns zod issues into {@link ValidationIssue}s with Indonesian and English messages. A schema can
 * give its own rule id as the issue message (`{ message: 'nik_birth_date' }`); known ids get their
 * texts from `ruleMessages`.
 * @internal
 */
export function toValidationIssues(issues: readonly z.core.$ZodIssue[]): ValidationIssue[] {
  return issues.map((issue) => {
    const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))
    const custom = Object.hasOwn(ruleMessages, issue.message) ? ruleMessages[issue.message] : undefined
    if (custom) return { path, rule: issue.message, message: custom.id, messageEn: custom.en }
    return { path, rule: issue.code, ...describeIssue(issue) }
  })
}

/** Parses with a zod schema, throwing {@link ValidationError} with localised issues. @internal */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input, { reportInput: true })
  if (!result.success) throw new ValidationError(toValidationIssues(result.error.issues))
  return result.data
}

/** Indonesian and English texts of the rule ids schemas use as messages. Extended by other modules. @internal */
export const ruleMessages: Record<string, { id: string; en: string }> = {
  id_format: {
    id: 'harus diawali huruf kecil dan hanya berisi huruf kecil, angka, atau garis bawah',
    en: 'must start with a lowercase letter and hold only lowercase letters, digits or underscores',
  },
  iso_day: { id: 'harus berupa tanggal YYYY-MM-DD', en: 'must be a date YYYY-MM-DD' },
  clock_time: { id: 'harus berupa jam HH.MM', en: 'must be a time HH.MM' },
  standard_id_format: {
    id: 'harus diawali huruf kecil atau angka dan hanya berisi huruf kecil, angka, garis bawah, atau tanda hubung',
    en: 'must start with a lowercase letter or digit and hold only lowercase letters, digits, underscores or hyphens',
  },
  office_code_format: {
    id: 'hanya boleh berisi huruf, angka, garis bawah, atau tanda hubung',
    en: 'may hold only letters, digits, underscores or hyphens',
  },
  postcode_format: { id: 'kode pos harus 5 digit', en: 'the postcode must have 5 digits' },
  age_range: {
    id: 'umur tertinggi tidak boleh kurang dari umur terendah',
    en: 'the highest age may not be below the lowest',
  },
}

function describeIssue(issue: z.core.$ZodIssue): { message: string; messageEn: string } {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return { message: 'wajib diisi', messageEn: 'is required' }
      return {
        message: `jenis data salah (seharusnya ${issue.expected})`,
        messageEn: `has the wrong type (expected ${issue.expected})`,
      }
    case 'too_small':
      return issue.origin === 'string'
        ? {
            message: `minimal ${issue.minimum} karakter`,
            messageEn: `must be at least ${issue.minimum} characters`,
          }
        : issue.origin === 'array'
          ? {
              message: `minimal ${issue.minimum} butir`,
              messageEn: `must have at least ${issue.minimum} items`,
            }
          : issue.inclusive === false
            ? // positive(), gt(): the bound itself is refused too.
              {
                message: `harus lebih dari ${issue.minimum}`,
                messageEn: `must be greater than ${issue.minimum}`,
              }
            : { message: `minimal ${issue.minimum}`, messageEn: `must be at least ${issue.minimum}` }
    case 'too_big':
      return issue.origin === 'string'
        ? {
            message: `maksimal ${issue.maximum} karakter`,
            messageEn: `must be at most ${issue.maximum} characters`,
          }
        : issue.origin === 'array'
          ? {
              message: `maksimal ${issue.maximum} butir`,
              messageEn: `must have at most ${issue.maximum} items`,
            }
          : issue.inclusive === false
            ? // lt(): the bound itself is refused too.
              {
                message: `harus kurang dari ${issue.maximum}`,
                messageEn: `must be less than ${issue.maximum}`,
              }
            : { message: `maksimal ${issue.maximum}`, messageEn: `must be at most ${issue.maximum}` }
    case 'invalid_format':
      return {
        message: `format tidak valid (${issue.format})`,
        messageEn: `has an invalid format (${issue.format})`,
      }
    case 'invalid_value':
      return {
        message: `harus salah satu dari: ${issue.values.map(String).join(', ')}`,
        messageEn: `must be one of: ${issue.values.map(String).join(', ')}`,
      }
    case 'unrecognized_keys':
      return {
        message: `kolom tidak dikenal: ${issue.keys.join(', ')}`,
        messageEn: `unknown fields: ${issue.keys.join(', ')}`,
      }
    case 'invalid_union':
      return {
        message: 'tidak cocok dengan bentuk mana pun yang diterima',
        messageEn: 'matches none of the accepted forms',
      }
    default:
      return { message: `tidak valid (${issue.message})`, messageEn: `is invalid (${issue.message})` }
  }
}
