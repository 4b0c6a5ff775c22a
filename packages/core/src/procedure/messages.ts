import type { Standard } from '../standard/schema'

/** What each event does, in words, for messages (Indonesian and English). @internal */
export const eventWords: Record<string, { id: string; en: string }> = {
  SUBMIT: { id: 'mengajukan permohonan', en: 'submit the application' },
  ACCEPT: { id: 'menerima berkas', en: 'accept the files' },
  RETURN: { id: 'mengembalikan berkas kepada pemohon', en: 'return the files to the applicant' },
  RESUBMIT: { id: 'mengajukan kembali berkas', en: 'resubmit the files' },
  REJECT: { id: 'menolak permohonan', en: 'reject the application' },
  SIGN: { id: 'menandatangani', en: 'sign' },
  COMPLETE: { id: 'menyelesaikan tahap', en: 'complete the step' },
  HAND_OVER: { id: 'menyerahkan kartu', en: 'hand over the card' },
  WITHDRAW: { id: 'membatalkan permohonan', en: 'withdraw the application' },
  RETRY_INCIDENT: { id: 'mengulang pengiriman', en: 'retry a delivery' },
  RESOLVE_INCIDENT: { id: 'menyelesaikan insiden', en: 'resolve an incident' },
}

/** `ACCEPT (menerima berkas)`, or just the type for an unknown event. @internal */
export function eventText(type: string, locale: 'id' | 'en'): string {
  const words = Object.hasOwn(eventWords, type) ? eventWords[type] : undefined
  return words ? `${type} (${words[locale]})` : type
}

/** A role's name as the standard gives it. @internal */
export function roleName(standard: Standard, role: string, locale: 'id' | 'en'): string {
  const found = standard.roles.find((r) => r.id === role)
  if (!found) return role
  return locale === 'en' ? (found.nameEn ?? found.name) : found.name
}
