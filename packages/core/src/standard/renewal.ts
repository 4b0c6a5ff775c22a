import { dayInZone } from '../card/dates'
import { ConfigError } from '../errors/errors'
import type { Standard } from './schema'

/** The part of a card a renewal reads: the last day it is valid (`YYYY-MM-DD`), as in a case's `card`. */
export interface PreviousCard {
  validUntil: string
  /** The card record's state (`aktif`, `ditutup`...), when read from it; a card not `aktif` is not renewed. */
  state?: string
}

/** What the renewal's check step does with a previous card. */
export type RenewalDecision =
  | { valid: true; stepId: string }
  | {
      valid: false
      stepId: string
      /** The event to send at the check step: the case ends `ditolak` with this reason. */
      event: { type: 'REJECT'; reason: string }
      reasonEn: string
      /** The layanan the applicant is sent to for a new registration. */
      redirectService: string
    }

/**
 * The branch of a renewal (perpanjangan) on its previous card: still valid on the office's day of
 * `at`, the case goes on at the check step; expired (or no card given), the check step sends it back
 * for a new registration, as a REJECT whose reason names the layanan to apply to. The reason holds
 * a date only (no card number, no personal data: it is kept in the audit trail).
 * @throws {ConfigError} when the standard is not a renewal.
 * @example
 * ```ts
 * const d = renewalDecision(tarakan, registered.card, clock.now())
 * if (!d.valid) await service.act(caseId, d.event, { actor: petugas })
 * ```
 */
export function renewalDecision(standard: Standard, card: PreviousCard | null, at: Date): RenewalDecision {
  if (standard.serviceKind !== 'renewal' || standard.renewal === undefined) {
    throw new ConfigError(`Standar ${standard.id} bukan layanan perpanjangan (serviceKind "renewal")`, {
      messageEn: `Standard ${standard.id} is not a renewal service (serviceKind "renewal")`,
      keys: ['serviceKind'],
    })
  }
  const { checkStep: stepId, expiredService, expiredReason } = standard.renewal
  const today = dayInZone(at, standard.calendar.timeZone)
  const ended = card?.state !== undefined && card.state !== 'aktif' && card.state !== 'kedaluwarsa'
  if (card !== null && card.validUntil >= today && !ended) return { valid: true, stepId }
  const [reason, reasonEn] =
    card === null
      ? [
          `Kartu AK/I lama tidak ada; silakan mendaftar baru (layanan ${expiredService})`,
          `No previous AK/I card; please apply for a new registration (service ${expiredService})`,
        ]
      : ended
        ? [
            `Kartu AK/I lama tidak aktif lagi (status ${card.state}); silakan mendaftar baru (layanan ${expiredService})`,
            `The previous AK/I card is no longer active (state ${card.state}); please apply for a new registration (service ${expiredService})`,
          ]
        : [
            expiredReason === undefined
              ? `Masa berlaku kartu AK/I lama berakhir ${card.validUntil}; silakan mendaftar baru (layanan ${expiredService})`
              : expiredReason
                  .replaceAll('{validUntil}', card.validUntil)
                  .replaceAll('{service}', expiredService),
            `The previous AK/I card was valid until ${card.validUntil}; please apply for a new registration (service ${expiredService})`,
          ]
  return {
    valid: false,
    stepId,
    event: { type: 'REJECT', reason },
    reasonEn,
    redirectService: expiredService,
  }
}
