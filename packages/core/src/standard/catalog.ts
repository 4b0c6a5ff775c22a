import { dayInZone } from '../card/dates'
import { ConfigError, NotFoundError } from '../errors/errors'
import type { Standard } from './schema'

/** Versions of standards, by service, answering which version applies at an instant. */
export interface StandardCatalog {
  /** Every version held, in the order given. */
  readonly standards: readonly Standard[]
  /**
   * The published version of `service` valid on the instant's calendar day (in the standard's zone).
   * @throws {NotFoundError} when none applies.
   */
  resolve(at: Date, service?: string): Standard
  /** The version with this id, version and (optionally) content hash, or `null`. */
  find(id: string, version: string, hash?: string): Standard | null
}

/**
 * A catalog of standard versions, like an Open Zaak case-type catalog. Published versions of one
 * service may not overlap in validity.
 *
 * @throws {ConfigError} on overlapping published versions or a duplicate id and version.
 * @example
 * ```ts
 * const catalog = createStandardCatalog([balongbendo])
 * catalog.resolve(new Date()) // the version that applies now
 * ```
 */
export function createStandardCatalog(standards: readonly Standard[]): StandardCatalog {
  const seen = new Set<string>()
  for (const s of standards) {
    const key = `${s.id}@${s.version}`
    if (seen.has(key))
      throw new ConfigError(`Standar ${key} ganda di katalog`, {
        messageEn: `Standard ${key} appears twice in the catalog`,
        keys: [key],
      })
    seen.add(key)
  }
  const published = standards.filter((s) => s.status === 'published')
  for (let i = 0; i < published.length; i++) {
    for (let j = i + 1; j < published.length; j++) {
      const a = published[i]!
      const b = published[j]!
      if (a.service !== b.service) continue
      const aEnd = a.validUntil ?? '9999-12-31'
      const bEnd = b.validUntil ?? '9999-12-31'
      if (a.validFrom <= bEnd && b.validFrom <= aEnd) {
        throw new ConfigError(
          `Masa berlaku ${a.id}@${a.version} dan ${b.id}@${b.version} (layanan ${a.service}) bertumpang tindih`,
          {
            messageEn: `Validity of ${a.id}@${a.version} and ${b.id}@${b.version} (service ${a.service}) overlaps`,
            keys: [`${a.id}@${a.version}`, `${b.id}@${b.version}`],
          },
        )
      }
    }
  }
  checkNumberingApart(standards)
  return {
    standards,
    resolve(at, service) {
      const match = published.find((s) => {
        if (service !== undefined && s.service !== service) return false
        const day = dayInZone(at, s.calendar.timeZone)
        return s.validFrom <= day && (s.validUntil === undefined || day <= s.validUntil)
      })
      if (!match) {
        throw new NotFoundError(`Tidak ada standar pelayanan terbit yang berlaku pada ${at.toISOString()}`, {
          messageEn: `No published service standard applies at ${at.toISOString()}`,
        })
      }
      return match
    },
    find(id, version, hash) {
      return (
        standards.find(
          (s) => s.id === id && s.version === version && (hash === undefined || s.hash === hash),
        ) ?? null
      )
    },
  }
}

const numberFields = ['trackingCode', 'registerNumber', 'cardNumber'] as const

/**
 * Two layanan of one office whose numbers count in separate sequences (either with
 * `numbering.sequenceScope: 'service'`) would hand out the same number twice from one format: their
 * formats must differ.
 */
function checkNumberingApart(standards: readonly Standard[]): void {
  for (let i = 0; i < standards.length; i++) {
    for (let j = i + 1; j < standards.length; j++) {
      const a = standards[i]!
      const b = standards[j]!
      if (a.service === b.service || a.office.code !== b.office.code) continue
      if (a.numbering.sequenceScope !== 'service' && b.numbering.sequenceScope !== 'service') continue
      for (const field of numberFields) {
        if (a.numbering[field] !== b.numbering[field]) continue
        throw new ConfigError(
          `Layanan ${a.service} dan ${b.service} kantor ${a.office.code} menghitung nomor sendiri-sendiri (sequenceScope 'service') dengan format numbering.${field} yang sama "${a.numbering[field]}": nomor akan kembar; bedakan formatnya (mis. awalan per layanan) atau pakai sequenceScope 'office'`,
          {
            messageEn: `Services ${a.service} and ${b.service} of office ${a.office.code} count numbers apart (sequenceScope 'service') with the same numbering.${field} format "${a.numbering[field]}": numbers would repeat; make the formats differ (e.g. a prefix per service) or use sequenceScope 'office'`,
            keys: [`numbering.${field}`],
          },
        )
      }
    }
  }
}
