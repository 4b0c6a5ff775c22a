import type { Json } from '@ak1/core/ports'
import type { Body } from './encryption'

/**
 * A case body split in two (schema 5). The hot part is written by every commit and stays under a
 * page (about 2.8 KB for a complete case), so no commit writes an overflow page. The cold part holds
 * what a case gathers once and rarely changes: the personal data, who verified which requirement
 * (the engine's `data.verified` and the procedure's `snapshot.context.verified`) and the checklist
 * of the snapshot. It is its own row, rewritten only by a commit that changes it.
 * @internal
 */
export interface SplitBody {
  hot: Body
  cold: ColdPart
}

/** The cold part of a case body: each key present only when the body had it. @internal */
export interface ColdPart {
  personal?: Json
  verified?: Json
  contextVerified?: Json
  contextChecklist?: Json
}

type JsonObject = { [key: string]: Json }

const isObject = (v: unknown): v is JsonObject => v !== null && typeof v === 'object' && !Array.isArray(v)

/** Splits a case body into its hot and cold parts, without changing `body`. @internal */
export function splitCaseBody(body: Body): SplitBody {
  const cold: ColdPart = { personal: body.personal }
  const hot: Body = { ...body }
  delete (hot as Partial<Body>).personal
  if (!isObject(body.data)) return { hot, cold }
  const data: JsonObject = { ...body.data }
  hot.data = data
  if ('verified' in data) {
    cold.verified = data.verified
    delete data.verified
  }
  const snapshot = data.snapshot
  if (isObject(snapshot) && isObject(snapshot.context)) {
    const context: JsonObject = { ...snapshot.context }
    if ('verified' in context) {
      cold.contextVerified = context.verified
      delete context.verified
    }
    if ('checklist' in context) {
      cold.contextChecklist = context.checklist
      delete context.checklist
    }
    data.snapshot = { ...snapshot, context }
  }
  return { hot, cold }
}

/**
 * Puts a case body back together from its hot part and its cold part (`null` for a row written
 * before schema 5, whose body is whole). Mutates and returns `hot`, a freshly parsed value.
 * @internal
 */
export function joinCaseBody(hot: Body, cold: ColdPart | null): Body {
  if (cold === null) return hot
  hot.personal = cold.personal ?? null
  const data = hot.data
  if (!isObject(data)) return hot
  if (cold.verified !== undefined) data.verified = cold.verified
  const context = isObject(data.snapshot) ? data.snapshot.context : undefined
  if (isObject(context)) {
    if (cold.contextVerified !== undefined) context.verified = cold.contextVerified
    if (cold.contextChecklist !== undefined) context.checklist = cold.contextChecklist
  }
  return hot
}
