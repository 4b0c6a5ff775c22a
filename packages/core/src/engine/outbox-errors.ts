import { type AdapterError, isAk1Error } from '../errors/errors'
import type { Json } from '../ports/case-store'

/** A delivery that cannot succeed by trying again (bad row, missing port or address). @internal */
export class PermanentDeliveryError extends Error {}
/** A delivery that waits on an earlier row of the same case. @internal */
export class DeferDelivery extends Error {
  constructor(
    message: string,
    readonly until: string | null,
  ) {
    super(message)
  }
}

/**
 * The applicant's own values an error text might echo (name and its words, birth place, street, NIK,
 * No. KK, contacts), longest first, so a provider's error never carries them into a stored row, a log
 * line or an event.
 * @internal
 */
export function personalStrings(application: Json): string[] {
  const out = new Set<string>()
  const app = (application ?? {}) as Record<string, Record<string, unknown> | undefined>
  const applicant = app.applicant ?? {}
  const address = (applicant.address ?? {}) as Record<string, unknown>
  const contacts = app.contacts ?? {}
  for (const value of [
    applicant.fullName,
    applicant.birthPlace,
    applicant.nik,
    applicant.kk,
    address.street,
    contacts.mobile,
    contacts.email,
  ]) {
    if (typeof value !== 'string' || value.trim().length < 3) continue
    out.add(value.trim())
    for (const word of value.split(/\s+/)) if (word.length >= 3 && /\p{L}/u.test(word)) out.add(word)
  }
  return [...out].sort((a, b) => b.length - a.length)
}

/** {@link redactPersonal}, and the case's own values replaced by `[pemohon]`. @internal */
export function redactKnown(text: string, known: readonly string[]): string {
  let out = text
  for (const value of known) {
    const escaped = value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    out = out.replace(new RegExp(escaped, 'giu'), '[pemohon]')
  }
  return redactPersonal(out)
}

/**
 * Removes personal data from an error text before it is stored or logged: e-mail addresses and long
 * digit runs (phone numbers, NIK, KK).
 */
export function redactPersonal(text: string): string {
  return text
    .replace(/[^\s@<>"'(),;:]+@[^\s@<>"'(),;:]+\.[A-Za-z]{2,}/g, '[email]')
    .replace(/(?<![A-Za-z0-9-])\+?\d[\d\s-]{6,}\d/g, (m) =>
      m.replace(/\D/g, '').length >= 8 ? '[number]' : m,
    )
}

/** What an error may say in a stored row, a log line or an event, and whether trying again can help. @internal */
export function describeError(error: unknown): { message: string; retryable: boolean } {
  if (error instanceof PermanentDeliveryError)
    return { message: redactPersonal(error.message), retryable: false }
  if (isAk1Error(error)) {
    // By code, not instanceof: the adapter may use another installed copy of @ak1/core.
    const retryable = error.code === 'ADAPTER' && (error as AdapterError).retryable === true
    return { message: redactPersonal(error.message), retryable }
  }
  // Our own code failed (a bug): retrying will not help, and an incident makes it visible.
  return { message: redactPersonal(error instanceof Error ? error.message : String(error)), retryable: false }
}
