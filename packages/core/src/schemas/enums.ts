/**
 * Enumerations of the AK-1 application (DOMAIN.md section 4), with their Indonesian and English
 * labels for forms and documents.
 */

/** Education levels as on SIPRAJA's AK-1 form, lowest first. */
export const educationLevels = [
  'sd',
  'smp',
  'sma',
  'd1',
  'd2',
  'd3',
  'd4',
  'akta2',
  'akta3',
  's1',
  's2',
  's3',
] as const
/** One education level: `sd`, `smp`, `sma` (SLTA), the diplomas, the teaching certificates (Akta) or a degree. */
export type EducationLevel = (typeof educationLevels)[number]

/**
 * School types recorded under the equivalent level: MI and Paket A as `sd`, MTs and Paket B as `smp`,
 * MA, SMK, MAK and Paket C as `sma`; special schools (SDLB, SMPLB, SMALB) likewise. Higher levels
 * have no type.
 */
export const educationTypesByLevel = {
  sd: ['sd', 'mi', 'sdlb', 'paket_a'],
  smp: ['smp', 'mts', 'smplb', 'paket_b'],
  sma: ['sma', 'smk', 'ma', 'mak', 'smalb', 'paket_c'],
} as const satisfies Partial<Record<EducationLevel, readonly string[]>>
/** Every school type id. */
export const educationTypes = [
  ...educationTypesByLevel.sd,
  ...educationTypesByLevel.smp,
  ...educationTypesByLevel.sma,
] as const
/** A school type, such as `smk` or `paket_c`. */
export type EducationType = (typeof educationTypes)[number]

/** Names of the education levels and school types as printed on documents. */
export const educationLabels: Record<EducationLevel | EducationType, string> = {
  sd: 'SD',
  smp: 'SMP',
  sma: 'SMA',
  d1: 'D1',
  d2: 'D2',
  d3: 'D3',
  d4: 'D4',
  akta2: 'Akta II',
  akta3: 'Akta III',
  s1: 'S1',
  s2: 'S2',
  s3: 'S3',
  mi: 'MI',
  sdlb: 'SDLB',
  paket_a: 'Paket A',
  mts: 'MTs',
  smplb: 'SMPLB',
  paket_b: 'Paket B',
  smk: 'SMK',
  ma: 'MA',
  mak: 'MAK',
  smalb: 'SMALB',
  paket_c: 'Paket C',
}

/** Sex as on the KTP: `L` (laki-laki), `P` (perempuan). */
export const sexes = ['L', 'P'] as const
/** Sex as on the KTP. */
export type Sex = (typeof sexes)[number]
/** Labels of {@link sexes} as printed on documents, in Indonesian and English. */
export const sexLabels: Record<Sex, { id: string; en: string }> = {
  L: { id: 'Laki-laki', en: 'Male' },
  P: { id: 'Perempuan', en: 'Female' },
}

/** Religions as recorded on the KTP. */
export const religions = [
  'islam',
  'kristen',
  'katolik',
  'hindu',
  'buddha',
  'konghucu',
  'kepercayaan',
] as const
/** A religion id. */
export type Religion = (typeof religions)[number]
/** Labels of {@link religions} in Indonesian and English. */
export const religionLabels: Record<Religion, { id: string; en: string }> = {
  islam: { id: 'Islam', en: 'Islam' },
  kristen: { id: 'Kristen', en: 'Protestant Christianity' },
  katolik: { id: 'Katolik', en: 'Catholicism' },
  hindu: { id: 'Hindu', en: 'Hinduism' },
  buddha: { id: 'Buddha', en: 'Buddhism' },
  konghucu: { id: 'Konghucu', en: 'Confucianism' },
  kepercayaan: { id: 'Kepercayaan terhadap Tuhan YME', en: 'Indigenous belief (Kepercayaan)' },
}

/** Marital status as on the KTP; `kawin` is what older KTPs say. */
export const maritalStatuses = [
  'belum_kawin',
  'kawin_tercatat',
  'kawin_belum_tercatat',
  'cerai_hidup',
  'cerai_mati',
  'kawin',
] as const
/** A marital status id. */
export type MaritalStatus = (typeof maritalStatuses)[number]
/** Labels of {@link maritalStatuses} in Indonesian and English. */
export const maritalStatusLabels: Record<MaritalStatus, { id: string; en: string }> = {
  belum_kawin: { id: 'Belum Kawin', en: 'Not married' },
  kawin_tercatat: { id: 'Kawin Tercatat', en: 'Married (registered)' },
  kawin_belum_tercatat: { id: 'Kawin Belum Tercatat', en: 'Married (not registered)' },
  cerai_hidup: { id: 'Cerai Hidup', en: 'Divorced' },
  cerai_mati: { id: 'Cerai Mati', en: 'Widowed' },
  kawin: { id: 'Kawin', en: 'Married' },
}

/** Where the applicant wants to work: in Indonesia or abroad (SIPRAJA's `lokasi_pyd`). */
export const jobLocations = ['dalam_negeri', 'luar_negeri'] as const
/** A desired work location. */
export type JobLocation = (typeof jobLocations)[number]

/** How well the applicant speaks a language. */
export const languageLevels = ['basic', 'intermediate', 'fluent'] as const
/** A language proficiency. */
export type LanguageLevel = (typeof languageLevels)[number]
