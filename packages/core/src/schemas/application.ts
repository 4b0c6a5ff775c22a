import { z } from 'zod'
import type { Locale, ValidationError, ValidationIssue } from '../errors/errors'
import { systemClock } from '../ports/clock'
import {
  type EducationLevel,
  educationLabels,
  educationLevels,
  educationTypes,
  educationTypesByLevel,
  jobLocations,
  languageLevels,
  maritalStatuses,
  religions,
  sexes,
} from './enums'
import { hasInvisibleChars } from './identity'
import { addRuleIssue, ruleIssue, toApplicationIssues, validationError } from './messages'
import { compactIdNumber, isRealDate, nikAgreementHits, nikStructureHits } from './nik'
import { indonesiaProvinceCodes } from './province-codes'

/**
 * True when the text holds a control character (line breaks and tabs allowed only in paragraphs),
 * a line or paragraph separator, or a lone surrogate: never part of a name, an address or a school.
 */
function isBrokenText(value: string, allowBreaks: boolean): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i)
    if (c < 0x20) {
      if (!(allowBreaks && (c === 0x09 || c === 0x0a || c === 0x0d))) return true
    } else if ((c >= 0x7f && c <= 0x9f) || c === 0x2028 || c === 0x2029) return true
    else if (c >= 0xd800 && c <= 0xdbff) {
      const next = value.charCodeAt(i + 1)
      if (!(next >= 0xdc00 && next <= 0xdfff)) return true
      i++
    } else if (c >= 0xdc00 && c <= 0xdfff) return true
  }
  return false
}

/** One line of text, trimmed, 1 to `max` characters, nothing invisible or reordering (bidi). @internal */
export function line(max: number) {
  return z
    .string()
    .trim()
    .max(max, { abort: true })
    .min(1)
    .refine((v) => !isBrokenText(v, false), { message: 'text_chars' })
    .refine((v) => !hasInvisibleChars(v), { message: 'text_invisible' })
}

/** Free text that may span lines (duties), trimmed, 1 to `max` characters. @internal */
export function paragraph(max: number) {
  return z
    .string()
    .trim()
    .max(max, { abort: true })
    .min(1)
    .refine((v) => !isBrokenText(v, true), { message: 'text_chars' })
    .refine((v) => !hasInvisibleChars(v), { message: 'text_invisible' })
}

function idNumber(kind: 'nik' | 'kk') {
  return z
    .string()
    .max(64, { abort: true })
    .overwrite(compactIdNumber)
    .superRefine((value, ctx) => {
      if (kind === 'nik') for (const hit of nikStructureHits(value)) addRuleIssue(ctx, hit)
      else if (!/^\d*$/.test(value)) addRuleIssue(ctx, { rule: 'kk_digits' })
      else if (value.length !== 16) addRuleIssue(ctx, { rule: 'kk_length', params: { length: value.length } })
      else if (/^0+$/.test(value)) addRuleIssue(ctx, { rule: 'kk_zeros' })
    })
}

const calendarDate = z
  .string()
  .max(10, { abort: true })
  .refine(
    (v) => {
      const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v)
      return match !== null && isRealDate(Number(match[1]), Number(match[2]), Number(match[3]))
    },
    { message: 'calendar_date', abort: true },
  )
  .refine((v) => v >= '1900-01-01', { message: 'birth_date_range' })

const personName = line(100)
  .overwrite((v) => v.replace(/\s+/g, ' '))
  .regex(/^[\p{L}\p{M}][\p{L}\p{M} .,'’-]*$/u, { message: 'person_name' })

const rtRw = z
  .string()
  .trim()
  .max(8, { abort: true })
  .regex(/^\d{1,3}$/, { message: 'rt_rw_format', abort: true })
  .refine((v) => Number(v) > 0, { message: 'rt_rw_format' })
  .overwrite((v) => v.padStart(3, '0'))

/** An address as on the KTP. */
export const addressSchema = z.strictObject({
  /** Street, house number, dusun. */
  street: line(200),
  /** Rukun Tetangga, stored as three digits (`'001'`). */
  rt: rtRw,
  /** Rukun Warga, stored as three digits. */
  rw: rtRw,
  /** Desa or kelurahan. */
  desa: line(100),
  kecamatan: line(100),
  /** Kabupaten or kota. */
  kabupaten: line(100),
  postcode: z
    .string()
    .trim()
    .max(8, { abort: true })
    .regex(/^\d{5}$/, { message: 'postcode_format' }),
})

/** The applicant's identity as on the KTP and KK. The NIK must agree with the birth date and sex. */
export const applicantSchema = z
  .strictObject({
    /** Nomor Induk Kependudukan, 16 digits (spaces, dots and hyphens are dropped). */
    nik: idNumber('nik'),
    /** Nomor Kartu Keluarga, 16 digits. */
    kk: idNumber('kk'),
    /** Full name as on the KTP; runs of spaces become one. */
    fullName: personName,
    birthPlace: line(100),
    /** `YYYY-MM-DD`. */
    birthDate: calendarDate,
    sex: z.enum(sexes),
    religion: z.enum(religions),
    maritalStatus: z.enum(maritalStatuses),
    address: addressSchema,
  })
  .superRefine((applicant, ctx) => {
    if (typeof applicant.nik !== 'string' || nikStructureHits(applicant.nik).length) return
    if (typeof applicant.birthDate !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(applicant.birthDate)) return
    if (!sexes.includes(applicant.sex)) return
    for (const hit of nikAgreementHits(applicant.nik, applicant.birthDate, applicant.sex)) {
      addRuleIssue(ctx, hit, ['nik'])
    }
  })

/**
 * Normalises an Indonesian mobile number to E.164 (`+628...`), from `08...`, `+628...` or `628...`
 * with any spaces, dots, hyphens or brackets. Returns `null` when it is not one (10-13 digits
 * counting the leading 0).
 * @example
 * ```ts
 * normalizeMobile('0812-3456-7890') // '+6281234567890'
 * ```
 */
export function normalizeMobile(value: string): string | null {
  const compact = value.replace(/[\s().-]/g, '')
  let national: string | undefined
  if (compact.startsWith('+62')) national = compact.slice(3)
  else if (compact.startsWith('62')) national = compact.slice(2)
  else if (compact.startsWith('0')) national = compact.slice(1)
  if (national?.startsWith('08')) national = national.slice(1)
  return national !== undefined && /^8\d{8,11}$/.test(national) ? `+62${national}` : null
}

/** How the office reaches the applicant (SMS and e-mail notices). */
export const contactsSchema = z.strictObject({
  /** Mobile number, stored as E.164 `+628...`. */
  mobile: z
    .string()
    .max(40, { abort: true })
    .transform((value, ctx) => {
      const normalized = normalizeMobile(value)
      if (normalized === null) {
        addRuleIssue(ctx, { rule: 'mobile_format' })
        return z.NEVER
      }
      return normalized
    }),
  /** E-mail address; optional, as not every applicant at the desk has one. */
  email: z
    .string()
    .trim()
    .max(254, { abort: true })
    .pipe(z.email({ message: 'email_format' }))
    .optional(),
})

const year = z.number().int().min(1900).max(2100)

/** One completed education level. */
export const educationEntrySchema = z
  .strictObject({
    level: z.enum(educationLevels),
    /** The school type recorded under an equivalent level (`smk`, `mts`, `paket_c`...); only for `sd`, `smp`, `sma`. */
    type: z.enum(educationTypes).optional(),
    /** School or university. */
    school: line(150),
    /** Major or study programme (jurusan). */
    major: line(150).optional(),
    graduationYear: year,
    /** Final grade as written on the daftar nilai (GPA, NEM...). */
    grade: line(20).optional(),
  })
  .superRefine((entry, ctx) => {
    if (entry.type === undefined) return
    const byLevel = educationTypesByLevel as Partial<Record<EducationLevel, readonly string[]>>
    const allowed: readonly string[] = Object.hasOwn(byLevel, entry.level) ? (byLevel[entry.level] ?? []) : []
    if (!allowed.includes(entry.type)) {
      addRuleIssue(ctx, { rule: 'education_type_level', params: { type: entry.type, level: entry.level } }, [
        'type',
      ])
    }
  })

/** A course or training, with its certificate if any. */
export const courseSchema = z.strictObject({
  name: line(150),
  /** Who held it (lembaga kursus, BLK...). */
  organizer: line(150).optional(),
  year: year.optional(),
  /** The certificate's number, if one was issued. */
  certificateNumber: line(100).optional(),
})

/** One job held (SIPRAJA's `kpk_jabatan`). */
export const workExperienceSchema = z.strictObject({
  position: line(150),
  duties: paragraph(2000).optional(),
  /** How long, as the applicant words it (SIPRAJA's `lama_kerja`), e.g. "2 tahun". */
  length: line(50),
  employer: line(150),
})

/** A language the applicant speaks. */
export const languageSkillSchema = z.strictObject({
  name: line(50),
  level: z.enum(languageLevels).optional(),
})

const rupiah = z.number().int().nonnegative().max(1_000_000_000_000)

/** The job sought (jabatan yang diinginkan). */
export const desiredJobSchema = z.strictObject({
  category: line(100),
  subCategory: line(100).optional(),
  /** In Indonesia or abroad. */
  location: z.enum(jobLocations),
  /** Region or country wanted. */
  place: line(100).optional(),
  /** Monthly wage band in rupiah. */
  wage: z
    .strictObject({ min: rupiah, max: rupiah.optional() })
    .refine((w) => w.max === undefined || w.max >= w.min, { message: 'wage_range', path: ['max'] })
    .optional(),
})

/** A file held elsewhere (SIPRAJA, the portal's storage): its hash, MIME type and size, never its bytes. */
export const attachmentRefSchema = z.strictObject({
  /** Lowercase hex SHA-256 of the bytes. */
  sha256: z
    .string()
    .max(64, { abort: true })
    .regex(/^[0-9a-f]{64}$/, { message: 'sha256_format' }),
  contentType: z
    .string()
    .max(127, { abort: true })
    .regex(/^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/, { message: 'content_type_format' }),
  /** Size in bytes. */
  size: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
})

/** A 3x4 pas foto: a JPEG or PNG attachment. */
export const photoSchema = attachmentRefSchema.refine(
  (ref) => ['image/jpeg', 'image/png'].includes(ref.contentType),
  {
    message: 'photo_content_type',
    path: ['contentType'],
  },
)

/**
 * The AK-1 blanko. The application itself holds what the blanko asks; `completed: true` is the
 * declaration that it was filled in completely (the SK's "Mengisi Blanko permohonan AK 1 dengan
 * lengkap"); `attachment` is the scan of the signed paper form, when there is one.
 */
export const formSchema = z.strictObject({
  completed: z.literal(true, { message: 'form_completed' }),
  attachment: attachmentRefSchema.optional(),
})

const tertiary: readonly EducationLevel[] = educationLevels.slice(3)
// Pairs whose graduation years may not run backwards.
const yearOrder: ReadonlyArray<readonly [EducationLevel, EducationLevel]> = [
  ['sd', 'smp'],
  ['smp', 'sma'],
  ...tertiary.map((level) => ['sma', level] as const),
  ['s1', 's2'],
  ['s2', 's3'],
]
const rank = (level: EducationLevel) => educationLevels.indexOf(level)

/**
 * The education history: each level once; SD, SMP and SMA present below the highest level (the SK
 * asks the ijazah of every level from SD up); graduation years in the order of the levels.
 */
export const educationSchema = z
  .array(educationEntrySchema)
  .max(educationLevels.length, { abort: true })
  .superRefine((education, ctx) => {
    const byLevel = new Map<EducationLevel, { index: number; year: number }>()
    education.forEach((entry, index) => {
      if (byLevel.has(entry.level)) {
        addRuleIssue(
          ctx,
          { rule: 'education_level_duplicate', params: { level: educationLabels[entry.level] } },
          [index, 'level'],
        )
      } else byLevel.set(entry.level, { index, year: entry.graduationYear })
    })
    const highest = [...byLevel.keys()].sort((a, b) => rank(b) - rank(a))[0]
    if (highest !== undefined) {
      for (const needed of ['sd', 'smp', 'sma'] as const) {
        if (rank(needed) < rank(highest) && !byLevel.has(needed)) {
          const params = { level: educationLabels[needed], highest: educationLabels[highest] }
          addRuleIssue(ctx, { rule: 'education_missing_level', params })
        }
      }
    }
    for (const [before, after] of yearOrder) {
      const a = byLevel.get(before)
      const b = byLevel.get(after)
      if (a && b && b.year < a.year) {
        const params = {
          level: educationLabels[after],
          year: b.year,
          before: educationLabels[before],
          beforeYear: a.year,
        }
        addRuleIssue(ctx, { rule: 'education_year_order', params }, [b.index, 'graduationYear'])
      }
    }
  })

/**
 * An AK-1 application as the applicant gives it: identity, contacts, education from SD up to the
 * highest level completed, courses, work history, languages, skills, the job sought, the 3x4 photos
 * and the AK-1 form. Objects are strict (unknown keys, `__proto__` included, are refused) and every
 * string has a length cap. Rules across fields: the NIK agrees with the birth date and sex; each
 * level appears once; SD, SMP and SMA are present below the highest level (the SK asks the ijazah of
 * every level from SD up); graduation years follow the levels and come after the birth year.
 *
 * Checks that need a clock (no birth date or graduation year in the future) are made by
 * {@link parseApplication}.
 */
export const applicationSchema = z
  .strictObject({
    applicant: applicantSchema,
    contacts: contactsSchema,
    /** Completed levels; empty when the applicant completed none. */
    education: educationSchema,
    /** @default [] */
    courses: z.array(courseSchema).max(30, { abort: true }).default([]),
    /** @default [] */
    workHistory: z.array(workExperienceSchema).max(30, { abort: true }).default([]),
    /** @default [] */
    languages: z.array(languageSkillSchema).max(20, { abort: true }).default([]),
    /** @default [] */
    skills: z.array(line(100)).max(30, { abort: true }).default([]),
    desiredJob: desiredJobSchema,
    /**
     * References to the scanned 3x4 photos: two when scanned at the desk, one as SIPRAJA takes it,
     * none yet when the applicant hands in paper photos (the checklist's `pas_foto` item is what is
     * verified). @default []
     */
    photos: z.array(photoSchema).max(2, { abort: true }).default([]),
    form: formSchema,
    /**
     * Registering again: the number of the holder's earlier AK-1 card (expired, lapsed or closed).
     * The service checks it is this applicant's card and no longer active, links the new card to
     * it, and the checklist asks for the old card.
     */
    previousCardNumber: line(64).optional(),
  })
  .superRefine((application, ctx) => {
    const birthYear = Number(application.applicant?.birthDate?.slice(0, 4))
    if (Number.isInteger(birthYear)) {
      application.education.forEach(({ graduationYear }, index) => {
        if (graduationYear <= birthYear) {
          addRuleIssue(ctx, { rule: 'graduation_year_before_birth', params: { birthYear } }, [
            'education',
            index,
            'graduationYear',
          ])
        }
      })
    }
  })

/** A validated AK-1 application (the output of {@link applicationSchema}). */
export type Application = z.output<typeof applicationSchema>
/** What {@link parseApplication} accepts: optional lists may be left out, the mobile in any usual form. */
export type ApplicationInput = z.input<typeof applicationSchema>
/** The applicant's identity. */
export type Applicant = z.output<typeof applicantSchema>
/** An address as on the KTP. */
export type Address = z.output<typeof addressSchema>
/** Mobile (E.164) and e-mail. */
export type Contacts = z.output<typeof contactsSchema>
/** One completed education level. */
export type EducationEntry = z.output<typeof educationEntrySchema>
/** A course or training. */
export type Course = z.output<typeof courseSchema>
/** One job held. */
export type WorkExperience = z.output<typeof workExperienceSchema>
/** A language spoken. */
export type LanguageSkill = z.output<typeof languageSkillSchema>
/** The job sought. */
export type DesiredJob = z.output<typeof desiredJobSchema>
/** A reference to a file: sha256, content type, size. */
export type AttachmentRef = z.output<typeof attachmentRefSchema>
/** The AK-1 form declaration. */
export type ApplicationForm = z.output<typeof formSchema>

/** Options of {@link parseApplication}. */
export interface ParseApplicationOptions {
  /** Language of the error's main `message`; both languages are always on each issue. @default 'id' */
  locale?: Locale
  /** Today, for the checks against the clock (birth date and graduation year not in the future, age). @default systemClock.now() */
  now?: Date
  /**
   * The province codes a NIK and a No. KK may start with (their first two digits).
   * @default the keys of {@link indonesiaProvinceCodes}
   */
  provinceCodes?: readonly string[]
  /**
   * The applicant's age range in whole years on the day of the check, both ends included; a
   * standard states it as `applicantAge` (working age: 15 and over).
   * @default { min: 15 }
   */
  applicantAge?: { min: number; max?: number }
}

/** The result of {@link safeParseApplication}. */
export type SafeParseApplicationResult =
  | { success: true; data: Application }
  | { success: false; error: ValidationError }

/**
 * Validates an AK-1 application and returns it normalised (mobile in E.164, RT/RW as three digits,
 * NIK and KK without separators, text trimmed, optional lists defaulted to `[]`).
 *
 * @throws {ValidationError} listing every broken rule with its field path, in Bahasa Indonesia
 * (`error.localized('en')` or `messageEn` in English; `{ locale: 'en' }` makes English the main message).
 * @example
 * ```ts
 * const application = parseApplication(JSON.parse(body))
 * const checklist = checklistFor(balongbendo, application)
 * ```
 */
export function parseApplication(input: unknown, options: ParseApplicationOptions = {}): Application {
  const result = safeParseApplication(input, options)
  if (!result.success) throw result.error
  return result.data
}

/** Like {@link parseApplication}, but returns `{ success, data | error }` instead of throwing. */
export function safeParseApplication(
  input: unknown,
  options: ParseApplicationOptions = {},
): SafeParseApplicationResult {
  const locale = options.locale ?? 'id'
  let result: ReturnType<typeof applicationSchema.safeParse>
  try {
    // reportInput lets the messages tell a missing member ("wajib diisi") from one of the wrong type.
    result = applicationSchema.safeParse(input, { reportInput: true })
  } catch (cause) {
    // A getter that throws, a revoked proxy: input that cannot be read is bad input, not a crash.
    const error = validationError([ruleIssue([], 'unreadable_input')], locale)
    Object.defineProperty(error, 'cause', { value: cause })
    return { success: false, error }
  }
  if (!result.success) {
    return { success: false, error: validationError(toApplicationIssues(result.error.issues), locale) }
  }
  const now = options.now ?? systemClock.now()
  const issues = [...clockIssues(result.data, now), ...identityIssues(result.data, now, options)]
  if (issues.length) return { success: false, error: validationError(issues, locale) }
  return { success: true, data: result.data }
}

/** The latest date it can be anywhere in Indonesia (WIT, UTC+9), `YYYY-MM-DD`. */
function latestToday(now: Date): string {
  return new Date(now.getTime() + 9 * 3_600_000).toISOString().slice(0, 10)
}

/** Province codes of the NIK and KK, and the applicant's age, against the options. */
function identityIssues(
  application: Application,
  now: Date,
  options: ParseApplicationOptions,
): ValidationIssue[] {
  const issues: ValidationIssue[] = []
  const codes = options.provinceCodes ?? Object.keys(indonesiaProvinceCodes)
  const { nik, kk, birthDate } = application.applicant
  for (const [field, value] of [
    ['nik', nik],
    ['kk', kk],
  ] as const) {
    const code = value.slice(0, 2)
    if (!codes.includes(code)) {
      issues.push(ruleIssue(['applicant', field], `${field}_province`, { code }))
    }
  }
  const range = options.applicantAge ?? { min: 15 }
  const today = latestToday(now)
  if (birthDate <= today) {
    const age = ageOn(birthDate, today)
    if (age < range.min || (range.max !== undefined && age > range.max)) {
      const params = { age, min: range.min, max: range.max ?? '' }
      issues.push(ruleIssue(['applicant', 'birthDate'], 'applicant_age', params))
    }
  }
  return issues
}

/** Whole years from a birth date to a day, both `YYYY-MM-DD` (29 February counts from 1 March). */
function ageOn(birthDate: string, day: string): number {
  const years = Number(day.slice(0, 4)) - Number(birthDate.slice(0, 4))
  return day.slice(5) >= birthDate.slice(5) ? years : years - 1
}

function clockIssues(application: Application, now: Date): ValidationIssue[] {
  const today = latestToday(now)
  const thisYear = Number(today.slice(0, 4))
  const issues: ValidationIssue[] = []
  if (application.applicant.birthDate > today) {
    issues.push(ruleIssue(['applicant', 'birthDate'], 'birth_date_future', { today }))
  }
  application.education.forEach((entry, index) => {
    if (entry.graduationYear > thisYear) {
      issues.push(
        ruleIssue(['education', index, 'graduationYear'], 'graduation_year_future', { year: thisYear }),
      )
    }
  })
  return issues
}
