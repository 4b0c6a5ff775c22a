import type { z } from 'zod'
import { type Locale, ValidationError, type ValidationIssue } from '../errors/errors'
import { ruleMessages, toValidationIssues } from '../i18n/zod-issues'

type Params = Record<string, unknown>

/** A broken rule before it gets a path and texts. @internal */
export interface RuleHit {
  rule: string
  params?: Params
}
type Text = (p: Params) => string

const s = (p: Params, key: string, fallback = '?'): string => {
  const value = p[key]
  return typeof value === 'string' || typeof value === 'number' ? String(value) : fallback
}

/**
 * Indonesian and English texts of the application's rule ids. A rule may use the `params` of its
 * issue (such as the date the NIK holds) to say exactly what is wrong.
 * @internal
 */
export const applicationRules: Record<string, { id: Text; en: Text }> = {
  nik_length: {
    id: (p) => `NIK harus 16 digit (diisi ${s(p, 'length', 'bukan 16')} digit)`,
    en: (p) => `the NIK must have 16 digits (got ${s(p, 'length', 'not 16')})`,
  },
  nik_digits: {
    id: () => 'NIK hanya boleh berisi angka',
    en: () => 'the NIK may hold digits only',
  },
  nik_birth_date: {
    id: (p) => `tanggal lahir dalam NIK (digit 7-12: ${s(p, 'datePart')}) bukan tanggal yang mungkin`,
    en: (p) => `the birth date in the NIK (digits 7-12: ${s(p, 'datePart')}) is not a possible date`,
  },
  nik_serial: {
    id: () => 'nomor urut NIK (digit 13-16) tidak boleh 0000',
    en: () => 'the NIK serial (digits 13-16) may not be 0000',
  },
  nik_birth_date_mismatch: {
    id: (p) =>
      `tanggal lahir dalam NIK (${s(p, 'nikDate')}) tidak sesuai dengan tanggal lahir yang diisi (${s(p, 'birthDate')})`,
    en: (p) =>
      `the birth date in the NIK (${s(p, 'nikDate')}) does not match the stated birth date (${s(p, 'birthDate')})`,
  },
  nik_sex_mismatch: {
    id: (p) =>
      `NIK menunjukkan jenis kelamin ${s(p, 'nikSex')} (tanggal ditambah 40 untuk perempuan), tetapi yang diisi ${s(p, 'sex')}`,
    en: (p) =>
      `the NIK shows sex ${s(p, 'nikSex')} (40 is added to the day for women), but ${s(p, 'sex')} was stated`,
  },
  kk_length: {
    id: (p) => `No. KK harus 16 digit (diisi ${s(p, 'length', 'bukan 16')} digit)`,
    en: (p) => `the KK number must have 16 digits (got ${s(p, 'length', 'not 16')})`,
  },
  kk_digits: {
    id: () => 'No. KK hanya boleh berisi angka',
    en: () => 'the KK number may hold digits only',
  },
  kk_zeros: {
    id: () => 'No. KK tidak boleh semuanya angka nol',
    en: () => 'the KK number may not be all zeros',
  },
  nik_province: {
    id: (p) =>
      `NIK diawali kode provinsi ${s(p, 'code')} yang tidak ada (dua digit pertama NIK adalah kode provinsi Kemendagri, mis. 35 Jawa Timur)`,
    en: (p) =>
      `the NIK starts with province code ${s(p, 'code')}, which does not exist (the first two digits are a Kemendagri province code, e.g. 35 Jawa Timur)`,
  },
  kk_province: {
    id: (p) =>
      `No. KK diawali kode provinsi ${s(p, 'code')} yang tidak ada (dua digit pertama No. KK adalah kode provinsi Kemendagri, mis. 35 Jawa Timur)`,
    en: (p) =>
      `the KK number starts with province code ${s(p, 'code')}, which does not exist (the first two digits are a Kemendagri province code, e.g. 35 Jawa Timur)`,
  },
  applicant_age: {
    id: (p) =>
      `umur pemohon ${s(p, 'age')} tahun; standar layanan ini menerima pemohon berumur ${s(p, 'min')} tahun${s(p, 'max', '') ? ` sampai ${s(p, 'max')} tahun` : ' ke atas'}`,
    en: (p) =>
      `the applicant is ${s(p, 'age')} years old; this service standard takes applicants aged ${s(p, 'min')}${s(p, 'max', '') ? ` to ${s(p, 'max')}` : ' and over'}`,
  },
  person_name: {
    id: () => 'nama hanya boleh berisi huruf, spasi, titik, koma, apostrof atau tanda hubung',
    en: () => 'a name may hold only letters, spaces, full stops, commas, apostrophes or hyphens',
  },
  text_chars: {
    id: () => 'berisi karakter kendali atau karakter Unicode yang rusak',
    en: () => 'holds control characters or broken Unicode',
  },
  text_invisible: {
    id: () =>
      'berisi karakter tak terlihat (mis. zero-width space) atau pengatur arah teks (bidi override); tulis ulang tanpa karakter itu',
    en: () =>
      'holds an invisible character (such as a zero-width space) or a bidi control (such as an override); type it again without it',
  },
  calendar_date: {
    id: () => 'harus berupa tanggal yang ada, dengan format YYYY-MM-DD',
    en: () => 'must be a real date written YYYY-MM-DD',
  },
  birth_date_range: {
    id: () => 'tahun lahir harus 1900 atau sesudahnya',
    en: () => 'the birth year must be 1900 or later',
  },
  birth_date_future: {
    id: (p) => `tanggal lahir tidak boleh sesudah hari ini (${s(p, 'today')})`,
    en: (p) => `the birth date may not be after today (${s(p, 'today')})`,
  },
  rt_rw_format: {
    id: () => 'RT/RW harus berupa angka 1-3 digit, bukan 000',
    en: () => 'RT/RW must be 1-3 digits, not 000',
  },
  postcode_format: {
    id: () => 'kode pos harus 5 digit',
    en: () => 'the postcode must have 5 digits',
  },
  mobile_format: {
    id: () =>
      'nomor HP harus nomor seluler Indonesia: 08..., +628... atau 628..., 10-13 digit termasuk angka 0 di depan',
    en: () =>
      'the mobile number must be an Indonesian mobile number: 08..., +628... or 628..., 10-13 digits counting the leading 0',
  },
  email_format: {
    id: () => 'alamat e-mail tidak valid',
    en: () => 'is not a valid e-mail address',
  },
  education_type_level: {
    id: (p) => `jenis sekolah ${s(p, 'type')} tidak termasuk jenjang ${s(p, 'level')}`,
    en: (p) => `school type ${s(p, 'type')} does not belong to level ${s(p, 'level')}`,
  },
  education_level_duplicate: {
    id: (p) => `jenjang ${s(p, 'level')} diisi lebih dari sekali`,
    en: (p) => `level ${s(p, 'level')} is given more than once`,
  },
  education_missing_level: {
    id: (p) =>
      `jenjang ${s(p, 'level')} harus diisi: ijazah dan daftar nilai diminta dari SD sampai pendidikan tertinggi (${s(p, 'highest')})`,
    en: (p) =>
      `level ${s(p, 'level')} is missing: the ijazah and transcript of every level from SD up to the highest (${s(p, 'highest')}) are required`,
  },
  education_year_order: {
    id: (p) =>
      `tahun lulus ${s(p, 'level')} (${s(p, 'year')}) tidak boleh sebelum tahun lulus ${s(p, 'before')} (${s(p, 'beforeYear')})`,
    en: (p) =>
      `the graduation year of ${s(p, 'level')} (${s(p, 'year')}) may not be before that of ${s(p, 'before')} (${s(p, 'beforeYear')})`,
  },
  graduation_year_before_birth: {
    id: (p) => `tahun lulus harus sesudah tahun lahir (${s(p, 'birthYear')})`,
    en: (p) => `the graduation year must be after the birth year (${s(p, 'birthYear')})`,
  },
  graduation_year_future: {
    id: (p) => `tahun lulus tidak boleh sesudah tahun ini (${s(p, 'year')})`,
    en: (p) => `the graduation year may not be after this year (${s(p, 'year')})`,
  },
  wage_range: {
    id: () => 'upah tertinggi tidak boleh lebih kecil dari upah terendah',
    en: () => 'the highest wage may not be below the lowest',
  },
  photo_content_type: {
    id: () => 'pas foto harus berkas JPEG atau PNG',
    en: () => 'a photo must be a JPEG or PNG file',
  },
  sha256_format: {
    id: () => 'harus berupa SHA-256 heksadesimal (64 karakter 0-9, a-f)',
    en: () => 'must be a hexadecimal SHA-256 (64 characters 0-9, a-f)',
  },
  content_type_format: {
    id: () => 'jenis berkas harus berupa tipe MIME, misalnya application/pdf',
    en: () => 'must be a MIME type such as application/pdf',
  },
  form_completed: {
    id: () => 'blanko permohonan AK-1 harus diisi dengan lengkap (completed: true)',
    en: () => 'the AK-1 application form must be filled in completely (completed: true)',
  },
  unreadable_input: {
    id: () => 'data tidak dapat dibaca',
    en: () => 'the input cannot be read',
  },
}

// The generic texts (without params) also serve anyone converting issues with `toValidationIssues`.
for (const [rule, texts] of Object.entries(applicationRules)) {
  ruleMessages[rule] ??= { id: texts.id({}), en: texts.en({}) }
}

/** Reports a {@link RuleHit} as a zod custom issue (message = rule id, texts built later from params). @internal */
export function addRuleIssue(ctx: z.RefinementCtx, hit: RuleHit, path: (string | number)[] = []): void {
  ctx.addIssue({ code: 'custom', message: hit.rule, path, params: hit.params ?? {} })
}

/** Builds one issue of a rule of {@link applicationRules}. @internal */
export function ruleIssue(path: (string | number)[], rule: string, params: Params = {}): ValidationIssue {
  const texts = applicationRules[rule]
  if (!texts) return { path, rule, message: rule, messageEn: rule }
  return { path, rule, message: texts.id(params), messageEn: texts.en(params) }
}

/**
 * Converts zod issues, using the params of this module's rules for exact messages.
 * @internal
 */
export function toApplicationIssues(issues: readonly z.core.$ZodIssue[]): ValidationIssue[] {
  return issues.map((issue) => {
    if (issue.code === 'custom' && Object.hasOwn(applicationRules, issue.message)) {
      const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))
      return ruleIssue(path, issue.message, (issue.params ?? {}) as Params)
    }
    // A flood of unknown keys is named by its first ten, so the message stays readable.
    const shown =
      issue.code === 'unrecognized_keys' && issue.keys.length > 10
        ? { ...issue, keys: [...issue.keys.slice(0, 10), `… (+${issue.keys.length - 10})`] }
        : issue
    // Non-custom issues carrying a rule id as message (regex checks) get the generic text.
    const [converted] = toValidationIssues([shown])
    return converted as ValidationIssue
  })
}

/**
 * A {@link ValidationError} whose main `message` is in the requested locale. With `'id'` (the
 * default) it is an ordinary ValidationError.
 * @internal
 */
export function validationError(issues: ValidationIssue[], locale: Locale = 'id'): ValidationError {
  return locale === 'en' ? new EnglishValidationError(issues) : new ValidationError(issues)
}

class EnglishValidationError extends ValidationError {
  readonly #messageId: string
  constructor(issues: ValidationIssue[]) {
    super(issues)
    this.#messageId = this.message
    this.message = this.messageEn
    this.name = 'ValidationError'
  }
  override localized(locale: Locale = 'id'): string {
    return locale === 'en' ? this.messageEn : this.#messageId
  }
}
