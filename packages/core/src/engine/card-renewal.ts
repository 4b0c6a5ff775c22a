import type { CardHolderPersonal } from '../card/holder'
import type { CardRecord } from '../card/record'
import { ValidationError } from '../errors/errors'
import type { Application } from '../schemas/application'
import type { Standard } from '../standard/schema'

type FindCard = (cardNumber: string) => Promise<{ record: CardRecord; holder: CardHolderPersonal } | null>

function fail(rule: string, message: string, messageEn: string): never {
  throw new ValidationError([{ path: ['previousCardNumber'], rule, message, messageEn }])
}

/**
 * Checks the previous card a submission names (`previousCardNumber`): it must exist in this office
 * and be this applicant's (same NIK). A renewal layanan (`serviceKind: 'renewal'`) must name one;
 * whether it is still valid is its check step's branch. A registration that names one registers
 * again, so the card must no longer be active.
 * @throws {ValidationError} naming `previousCardNumber`.
 * @internal
 */
export async function checkRenewal(
  standard: Standard,
  application: Application,
  find: FindCard,
): Promise<void> {
  const number = application.previousCardNumber
  const renewal = standard.serviceKind === 'renewal'
  if (number === undefined) {
    if (!renewal) return
    fail(
      'previous_card_required',
      'nomor kartu AK/I lama wajib diisi untuk perpanjangan',
      'the number of the previous AK/I card is required for a renewal',
    )
  }
  const found = await find(number)
  if (!found || found.holder.nik !== application.applicant.nik) {
    fail(
      'previous_card_unknown',
      `kartu AK-1 lama nomor ${number} tidak ditemukan untuk NIK pemohon ini`,
      `no earlier AK-1 card number ${number} is found for this applicant's NIK`,
    )
  }
  if (!renewal && found.record.state === 'aktif') {
    fail(
      'previous_card_active',
      `kartu AK-1 nomor ${number} masih aktif sampai ${found.record.validUntil}; pendaftaran ulang setelah kartu berakhir`,
      `AK-1 card number ${number} is still active until ${found.record.validUntil}; register again once it ended`,
    )
  }
}
