import type { CardHolderPersonal } from '../card/holder'
import type { CardRecord } from '../card/record'
import { ValidationError } from '../errors/errors'
import type { Application } from '../schemas/application'

/**
 * Checks a registration that renews an earlier card (`previousCardNumber`): the card must exist in
 * this office, be this applicant's (same NIK), and no longer be active.
 * @throws {ValidationError} naming `previousCardNumber`.
 * @internal
 */
export async function checkRenewal(
  application: Application,
  find: (cardNumber: string) => Promise<{ record: CardRecord; holder: CardHolderPersonal } | null>,
): Promise<void> {
  const number = application.previousCardNumber!
  const found = await find(number)
  const fail = (rule: string, message: string, messageEn: string): never => {
    throw new ValidationError([{ path: ['previousCardNumber'], rule, message, messageEn }])
  }
  if (!found || found.holder.nik !== application.applicant.nik) {
    fail(
      'previous_card_unknown',
      `kartu AK-1 lama nomor ${number} tidak ditemukan untuk NIK pemohon ini`,
      `no earlier AK-1 card number ${number} is found for this applicant's NIK`,
    )
  }
  if (found!.record.state === 'aktif') {
    fail(
      'previous_card_active',
      `kartu AK-1 nomor ${number} masih aktif sampai ${found!.record.validUntil}; pendaftaran ulang setelah kartu berakhir`,
      `AK-1 card number ${number} is still active until ${found!.record.validUntil}; register again once it ended`,
    )
  }
}
