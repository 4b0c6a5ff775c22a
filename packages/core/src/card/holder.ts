import type { Json } from '../ports/case-store'
import type { Application } from '../schemas/application'
import { educationLevels } from '../schemas/enums'
import { dayInZone } from './dates'
import type { CardDetails, CardEmployment, CardRecord } from './record'

/** The record kind of a card holder's record in the store. */
export const cardRecordKind = 'card'

/** The id of the card record of a case: the kind prefix and the case id (unique across aggregates). */
export function cardRecordId(caseId: string): string {
  return `card-${caseId}`
}

/** Whether an aggregate id is a card record's. */
export function isCardRecordId(id: string): boolean {
  return id.startsWith('card-')
}

/**
 * Age bands of the Disnaker statistics, in whole years at registration. Coarse on purpose: with sex
 * and the highest education level they are the record's only plain (unsealed) dimensions.
 */
export const cardAgeBands = ['15-19', '20-24', '25-29', '30-34', '35-39', '40-44', '45-54', '55+'] as const
/** One age band. */
export type CardAgeBand = (typeof cardAgeBands)[number]

/** The age band of a birth date on a day (both `YYYY-MM-DD`). */
export function ageBandOn(birthDate: string, day: string): CardAgeBand {
  const years = Number(day.slice(0, 4)) - Number(birthDate.slice(0, 4))
  const age = day.slice(5) >= birthDate.slice(5) ? years : years - 1
  if (age < 20) return '15-19'
  if (age < 25) return '20-24'
  if (age < 30) return '25-29'
  if (age < 35) return '30-34'
  if (age < 40) return '35-39'
  if (age < 45) return '40-44'
  if (age < 55) return '45-54'
  return '55+'
}

/** The highest education level of an application (`sd` .. `s3`), or `null` with none. */
export function highestLevel(application: Pick<Application, 'education'>): string | null {
  let best = -1
  for (const e of application.education) best = Math.max(best, educationLevels.indexOf(e.level))
  return best < 0 ? null : (educationLevels[best] ?? null)
}

/** The coarse facts of the holder kept in clear: sex, age band at registration, highest level. */
export interface CardHolderFacts {
  sex: string
  ageBand: CardAgeBand
  /** Highest education level at registration (`sd` .. `s3`), or `null`. */
  education: string | null
}

/** The coarse facts of an application registered on a day (`YYYY-MM-DD`). */
export function cardHolderFacts(
  application: Pick<Application, 'education' | 'applicant'>,
  registeredOn: string,
): CardHolderFacts {
  return {
    sex: application.applicant.sex,
    ageBand: ageBandOn(application.applicant.birthDate, registeredOn),
    education: highestLevel(application),
  }
}

/**
 * The plain, indexed attributes of a card record: the statistics' dimensions (sex, age band at
 * registration, highest education level, raised by a changed-details report) and days, never a
 * name, NIK, birth date or contact. This is the privacy decision of the Disnaker statistics: counts
 * come from these coarse columns by a store query, and the sealed personal part is never read.
 */
export function cardAttributes(
  record: CardRecord,
  facts: CardHolderFacts,
  timeZone: string,
): Record<string, string | number | boolean | null> {
  const levels = [facts.education, ...(record.details.education ?? []).map((e) => e.level)].filter(
    (l): l is string => l !== null,
  )
  const education = highestLevel({
    education: levels.map((level) => ({ level })) as Application['education'],
  })
  return {
    sex: facts.sex,
    ageBand: facts.ageBand,
    education,
    registeredOn: dayInZone(record.registeredAt, timeZone),
    endedOn: record.endedAt === undefined ? null : dayInZone(record.endedAt, timeZone),
    renewal: record.previousCardNumber !== undefined,
  }
}

/** The sealed part of a card record: who holds it and what they reported about themselves. */
export interface CardHolderPersonal {
  nik: string
  fullName: string
  /** Contacts for reminders: the application's, or those of a changed-details report. */
  contacts: { mobile?: string; email?: string }
  details: CardDetails
  employment?: CardEmployment
}

/** Splits a record into its plain data and its personal part (details and employment are personal). */
export function splitCardRecord(
  record: CardRecord,
  holder: Pick<CardHolderPersonal, 'nik' | 'fullName' | 'contacts'>,
): { data: Json; personal: Json } {
  const { details, employment, ...plain } = record
  const contacts = details.contacts
    ? { mobile: details.contacts.mobile, email: details.contacts.email }
    : holder.contacts
  const personal: CardHolderPersonal = {
    nik: holder.nik,
    fullName: holder.fullName,
    contacts: Object.fromEntries(Object.entries(contacts).filter(([, v]) => typeof v === 'string' && v)),
    details,
    ...(employment === undefined ? {} : { employment }),
  }
  return { data: plain as unknown as Json, personal: personal as unknown as Json }
}

/** Joins a stored record's plain data and personal part back into a {@link CardRecord}. */
export function joinCardRecord(
  data: Json,
  personal: Json,
): { record: CardRecord; holder: CardHolderPersonal } {
  const holder = personal as unknown as CardHolderPersonal
  const plain = data as unknown as Omit<CardRecord, 'details' | 'employment'>
  const record: CardRecord = {
    ...plain,
    details: holder.details ?? {},
    ...(holder.employment === undefined ? {} : { employment: holder.employment }),
  }
  return { record, holder }
}
