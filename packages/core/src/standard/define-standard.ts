import type { z } from 'zod'
import { ConfigError, ValidationError, type ValidationIssue } from '../errors/errors'
import { parseOrThrow } from '../i18n/zod-issues'
import { canonicalJson, deepFreeze, jsonEqual, sha256Hex } from '../util/canonical-json'
import { issue } from './issue'
import { standardRules } from './rules'
import { type Standard, type StandardInput, standardInputSchema } from './schema'

/** Checks run on a standard after its shape is valid; other modules (notices) add theirs. @internal */
export const standardChecks: Array<(standard: Standard) => ValidationIssue[]> = []

/**
 * Validates a Standar Pelayanan and returns it frozen and typed, with its content hash.
 *
 * Every field the SK is silent on is optional with a documented default. The content hash covers
 * the rules only (not `status`, `validFrom`, `validUntil`), and leaves out values equal to their
 * defaults, so a later release that adds an optional field does not change a published hash.
 * `defineStandard` accepts its own output back (JSON round trip): a given `hash` is recomputed and
 * must match.
 *
 * @throws {ValidationError} naming each bad field, in Bahasa Indonesia (`messageEn` in English).
 * @throws {ConfigError} when the shape is valid but a rule other modules check fails (a notice
 *   template's placeholders, a number format without `{seq}`), naming the keys.
 * @example
 * ```ts
 * const mine = defineStandard({ ...balongbendo, id: 'ak1-krian', version: '2024.1', hash: undefined })
 * ```
 */
export function defineStandard(input: StandardInput | Standard): Standard {
  const parsed = parseOrThrow(standardInputSchema, structuredCloneJson(input))
  const issues = crossCheck(parsed as unknown as Standard)
  if (issues.length) throw new ValidationError(issues)
  const hash = standardHash(parsed as unknown as Standard)
  if (parsed.hash !== undefined && parsed.hash !== hash) {
    throw new ValidationError([
      {
        path: ['hash'],
        rule: 'hash_mismatch',
        message: `hash isi tidak cocok: tercatat ${parsed.hash}, dihitung ${hash}; isi standar telah diubah`,
        messageEn: `content hash does not match: given ${parsed.hash}, computed ${hash}; the standard's content was changed`,
      },
    ])
  }
  const standard = { ...parsed, hash } as unknown as Standard
  const later = [...standardRules(standard), ...standardChecks.flatMap((check) => check(standard))]
  if (later.length) {
    throw new ConfigError(later.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '), {
      messageEn: later.map((i) => `${i.path.join('.')}: ${i.messageEn}`).join('; '),
      keys: later.map((i) => i.path.join('.')),
    })
  }
  return deepFreeze(standard)
}

/**
 * The content hash of a standard: SHA-256 of the canonical JSON of its rules, with lifecycle fields
 * (`hash`, `status`, `validFrom`, `validUntil`) and default values left out.
 */
export function standardHash(standard: Standard | z.output<typeof standardInputSchema>): string {
  const {
    hash: _h,
    status: _s,
    validFrom: _f,
    validUntil: _u,
    ...content
  } = standard as Record<string, unknown>
  return sha256Hex(canonicalJson(pruneDefaults(standardInputSchema, content)))
}

function structuredCloneJson(value: unknown): unknown {
  try {
    return JSON.parse(JSON.stringify(value))
  } catch {
    return value
  }
}

interface ZodDefLike {
  type: string
  innerType?: z.ZodType
  defaultValue?: unknown
  shape?: Record<string, z.ZodType>
  element?: z.ZodType
  valueType?: z.ZodType
}
const defOf = (schema: z.ZodType): ZodDefLike => (schema as unknown as { _zod: { def: ZodDefLike } })._zod.def

/** Drops every member whose value equals its schema default, recursively. */
function pruneDefaults(schema: z.ZodType, value: unknown): unknown {
  let def = defOf(schema)
  while (
    def.type === 'optional' ||
    def.type === 'nullable' ||
    def.type === 'default' ||
    def.type === 'readonly'
  ) {
    def = defOf(def.innerType as z.ZodType)
  }
  if (def.type === 'object' && def.shape && value && typeof value === 'object' && !Array.isArray(value)) {
    const out: Record<string, unknown> = {}
    for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
      const member = def.shape[key]
      if (v === undefined) continue
      if (!member) {
        out[key] = v
        continue
      }
      const memberDef = defOf(member)
      if (memberDef.type === 'default' && jsonEqual(v, memberDef.defaultValue)) continue
      out[key] = pruneDefaults(member, v)
    }
    return out
  }
  if (def.type === 'array' && def.element && Array.isArray(value))
    return value.map((v) => pruneDefaults(def.element as z.ZodType, v))
  if (def.type === 'record' && def.valueType && value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [
        k,
        pruneDefaults(def.valueType as z.ZodType, v),
      ]),
    )
  }
  return value
}

export { issue }

/** Rules across fields: ids unique, every reference names something that exists. */
function crossCheck(s: Standard): ValidationIssue[] {
  const out: ValidationIssue[] = []
  const roleIds = new Set(s.roles.map((r) => r.id))
  const stepIds = new Set<string>()
  s.steps.forEach((step, i) => {
    if (stepIds.has(step.id))
      out.push(
        issue(['steps', i, 'id'], 'unique', `langkah "${step.id}" ganda`, `step "${step.id}" appears twice`),
      )
    stepIds.add(step.id)
    if (step.role !== undefined && !roleIds.has(step.role)) {
      out.push(
        issue(
          ['steps', i, 'role'],
          'unknown_role',
          `peran "${step.role}" tidak ada di roles`,
          `role "${step.role}" is not in roles`,
        ),
      )
    }
    const needsRole = step.kind !== 'notify' && step.kind !== 'intake'
    if (needsRole && step.role === undefined) {
      out.push(
        issue(
          ['steps', i, 'role'],
          'role_required',
          'langkah ini wajib punya peran pelaksana',
          'this step needs a performing role',
        ),
      )
    }
    const expected: Record<string, readonly string[]> = {
      review: ['ACCEPT'],
      sign: ['SIGN'],
      task: ['COMPLETE'],
      handover: ['HAND_OVER'],
      external: ['COMPLETE'],
      applicant_check: ['COMPLETE'],
      interview: ['COMPLETE'],
    }
    for (const ev of expected[step.kind] ?? []) {
      if (!step.events.includes(ev as never)) {
        out.push(
          issue(
            ['steps', i, 'events'],
            'missing_event',
            `langkah jenis ${step.kind} wajib menerima ${ev}`,
            `a ${step.kind} step must accept ${ev}`,
          ),
        )
      }
    }
    if ((step.kind === 'notify' || step.kind === 'intake') && step.events.length > 0) {
      out.push(
        issue(
          ['steps', i, 'events'],
          'no_events',
          'langkah otomatis tidak menerima aksi',
          'an automatic step accepts no events',
        ),
      )
    }
  })
  const ids = new Set<string>()
  s.requirements.forEach((r, i) => {
    if (ids.has(r.id))
      out.push(
        issue(
          ['requirements', i, 'id'],
          'unique',
          `persyaratan "${r.id}" ganda`,
          `requirement "${r.id}" appears twice`,
        ),
      )
    ids.add(r.id)
    for (const [ch, stepId] of Object.entries(r.checkedAt)) {
      if (stepId !== undefined && !stepIds.has(stepId)) {
        out.push(
          issue(
            ['requirements', i, 'checkedAt', ch],
            'unknown_step',
            `langkah "${stepId}" tidak ada`,
            `step "${stepId}" does not exist`,
          ),
        )
      }
    }
  })
  s.separationOfDuties.forEach((rule, i) => {
    for (const key of ['steps', 'forbids'] as const) {
      rule[key].forEach((stepId, j) => {
        if (!stepIds.has(stepId)) {
          out.push(
            issue(
              ['separationOfDuties', i, key, j],
              'unknown_step',
              `langkah "${stepId}" tidak ada`,
              `step "${stepId}" does not exist`,
            ),
          )
        }
      })
    }
  })
  if (s.withdrawUntil !== undefined && !stepIds.has(s.withdrawUntil)) {
    out.push(
      issue(
        ['withdrawUntil'],
        'unknown_step',
        `langkah "${s.withdrawUntil}" tidak ada`,
        `step "${s.withdrawUntil}" does not exist`,
      ),
    )
  }
  for (const key of ['role'] as const) {
    if (!roleIds.has(s.applicant[key])) {
      out.push(
        issue(
          ['applicant', key],
          'unknown_role',
          `peran "${s.applicant[key]}" tidak ada`,
          `role "${s.applicant[key]}" does not exist`,
        ),
      )
    }
  }
  for (const [ch, rules] of Object.entries(s.channels)) {
    rules?.submittedBy.forEach((r, j) => {
      if (!roleIds.has(r))
        out.push(
          issue(
            ['channels', ch, 'submittedBy', j],
            'unknown_role',
            `peran "${r}" tidak ada`,
            `role "${r}" does not exist`,
          ),
        )
    })
  }
  if (s.validUntil !== undefined && s.validUntil < s.validFrom) {
    out.push(
      issue(['validUntil'], 'date_order', 'validUntil sebelum validFrom', 'validUntil is before validFrom'),
    )
  }
  return out
}
