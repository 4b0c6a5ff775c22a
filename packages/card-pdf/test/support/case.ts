import { balongbendo, type CaseView, createAk1Service } from '@ak1/core'
import { createMemoryStore, sampleApplication } from '@ak1/core/testing'
import { drive, handClock } from './sqlite-service'

/** A name with diacritics and an apostrophe, as Indonesian names may carry. */
export const holderName = "Ni Luh Putu Désy Nur'aini"

/**
 * A Balongbendo tatap-muka case run through the real service (memory store, a clock moved by hand)
 * to hand-over, with its photo attached for the `pas_foto` item. Submitted Tuesday 14 April 2026.
 */
export async function printedCase(photo?: { bytes: Uint8Array; contentType: string }): Promise<CaseView> {
  const clock = handClock('2026-04-14T01:00:00.000Z')
  const service = createAk1Service({ standard: balongbendo, store: createMemoryStore(), clock })
  const application = sampleApplication({
    applicant: { fullName: holderName },
    courses: [{ name: 'Pelatihan Operator Komputer', organizer: 'BLK Sidoarjo', year: 2020 }],
  })
  return drive(service, clock, { application, ...(photo ? { photo } : {}) })
}
