import { z } from 'zod'
import { ruleMessages } from '../i18n/zod-issues'

/**
 * Characters that show nothing or reorder what is shown: Unicode format characters (zero-width
 * space and joiners, bidi marks, embeddings, overrides and isolates, the BOM, soft hyphen, tags)
 * and the Hangul fillers that render blank. Two strings that differ only by these look the same.
 */
const invisible = /[\p{Cf}\u115F\u1160\u3164\uFFA0]/u
/** Control characters, separators, lone surrogates, private-use and unassigned code points. */
const unprintable = /[\p{Cc}\p{Zl}\p{Zp}\p{Cs}\p{Co}\p{Cn}]/u
/** Combining grapheme joiner and variation selectors: invisible, and no part of an id. */
const selectors = /[\u034F\u180B-\u180F\uFE00-\uFE0F\u{E0100}-\u{E01EF}]/u

/** True when a text holds a character that shows nothing or reorders the text around it. @internal */
export function hasInvisibleChars(value: string): boolean {
  return invisible.test(value)
}

/**
 * Why an actor id is not in canonical form, or `null` when it is: surrounding white space
 * (`actor_id_space`), a control, zero-width, bidi or other invisible character (`actor_id_chars`),
 * or a form that Unicode NFKC changes, such as a fullwidth letter or hyphen or a non-breaking space
 * (`actor_id_nfkc`). Such ids are refused, never folded: folding would let two officers' ids
 * become one, or one officer pass as two (separation of duties compares ids).
 * @example
 * ```ts
 * actorIdProblem('petugas-1') // null
 * actorIdProblem('petugas\u20111') // 'actor_id_nfkc'
 * ```
 */
export function actorIdProblem(id: string): 'actor_id_space' | 'actor_id_chars' | 'actor_id_nfkc' | null {
  if (id.trim() !== id) return 'actor_id_space'
  if (invisible.test(id) || unprintable.test(id) || selectors.test(id)) return 'actor_id_chars'
  if (id.normalize('NFKC') !== id) return 'actor_id_nfkc'
  return null
}

ruleMessages.actor_id_space = {
  id: 'id pengguna (actor.id) tidak boleh diawali atau diakhiri spasi; kirim id persis seperti yang tercatat',
  en: 'the user id (actor.id) may not start or end with white space; send the id exactly as recorded',
}
ruleMessages.actor_id_chars = {
  id: 'id pengguna (actor.id) berisi karakter kendali, karakter tak terlihat (mis. zero-width space) atau pengatur arah teks (bidi)',
  en: 'the user id (actor.id) holds a control character, an invisible character (such as a zero-width space) or a bidi control',
}
ruleMessages.actor_id_nfkc = {
  id: 'id pengguna (actor.id) tidak dalam bentuk kanonik Unicode NFKC (mis. huruf atau tanda hubung lebar penuh); id tidak diubah otomatis, kirim bentuk kanoniknya',
  en: 'the user id (actor.id) is not in Unicode NFKC canonical form (such as a fullwidth letter or hyphen); ids are never folded, send the canonical form',
}

/**
 * An actor id: 1 to 200 characters in canonical form (see {@link actorIdProblem}); the issue's
 * rule is the problem found.
 */
export const actorIdSchema = z
  .string()
  .min(1)
  .max(200, { abort: true })
  .superRefine((id, ctx) => {
    const problem = actorIdProblem(id)
    if (problem) ctx.addIssue({ code: 'custom', message: problem })
  })

/**
 * Whether two canonical actor ids may name the same person: equal, or equal but for letter case.
 * Separation of duties refuses both, so `Operator-1` cannot sign after `operator-1` verified; it is
 * never used to merge two ids into one.
 * @internal
 */
export function mayBeSameActor(a: string, b: string): boolean {
  return a === b || a.toLowerCase() === b.toLowerCase()
}
