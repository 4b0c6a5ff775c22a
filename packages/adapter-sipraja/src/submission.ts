import {
  type Application,
  type ApplicationInput,
  type EducationLevel,
  isAk1Error,
  type Locale,
  parseApplication,
  ValidationError,
  type ValidationIssue,
} from '@ak1/core'
import { z } from 'zod'

/**
 * SIPRAJA's names of the education levels, in the order of its AK-1 form, with ours: `slta` is our
 * `sma`, `doktor` our `s3`.
 */
export const siprajaLevels = {
  sd: 'sd',
  smp: 'smp',
  slta: 'sma',
  d1: 'd1',
  d2: 'd2',
  d3: 'd3',
  akta2: 'akta2',
  akta3: 'akta3',
  d4: 'd4',
  s1: 's1',
  s2: 's2',
  doktor: 's3',
} as const satisfies Record<string, EducationLevel>

/** A SIPRAJA education level name: `sd`, `smp`, `slta`, `d1` ... `s2`, `doktor`. */
export type SiprajaLevel = keyof typeof siprajaLevels

const levelNames = Object.keys(siprajaLevels) as SiprajaLevel[]
const siprajaLevelOf = Object.fromEntries(levelNames.map((l) => [siprajaLevels[l], l])) as Record<
  EducationLevel,
  SiprajaLevel
>

// Android forms send empty strings for untouched fields and numbers or strings for numeric ones.
const emptyToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v)
const text = (max: number) => z.preprocess(emptyToUndefined, z.string().trim().max(max).optional())
const numberish = (max: number) =>
  z.preprocess(
    emptyToUndefined,
    z
      .union([z.number(), z.string()])
      .transform((v) => String(v).trim())
      .pipe(z.string().max(max))
      .optional(),
  )

const educationShape = Object.fromEntries(
  levelNames.flatMap((l) => [
    [`sekolah_${l}`, text(150)],
    [`jurusan_${l}`, numberish(150)],
    [`lulus_${l}`, numberish(10)],
    [`ipk_${l}`, numberish(20)],
  ]),
) as Record<`${'sekolah' | 'jurusan' | 'lulus' | 'ipk'}_${SiprajaLevel}`, ReturnType<typeof text>>

/** One work history row (SIPRAJA's `kpk_jabatan`). */
export const siprajaJobRowSchema = z.object({
  jabatan: text(150),
  uraian_tugas: z.preprocess(emptyToUndefined, z.string().trim().max(2000).optional()),
  lama_kerja: numberish(50),
  pemberi_kerja: text(150),
})

/** The applicant's SIPRAJA profile (`pemohon`), plus `no_kk`, `nama_kecamatan` and `nama_desa`. */
export const siprajaPemohonSchema = z.object({
  nik: numberish(64),
  /** Not in SIPRAJA's AK-1 record; the AK-1 application needs it, so the contract asks it here. */
  no_kk: numberish(64),
  nama: text(100),
  tempat_lahir: text(100),
  /** `dd-MM-yyyy`, as SIPRAJA's form types it, or `yyyy-MM-dd` as its registration stores it. */
  tanggal_lahir: text(10),
  jenis_kelamin: text(20),
  agama: text(60),
  status_kawin: text(40),
  alamat: text(200),
  email: text(254),
  /** Kecamatan code (or its name). */
  kecamatan: numberish(100),
  /** The kecamatan's name, when `kecamatan` is a code the mapping cannot resolve. */
  nama_kecamatan: text(100),
  kode_desa: numberish(100),
  /** The desa's name, when `kode_desa` is a code the mapping cannot resolve. */
  nama_desa: text(100),
})

/** SIPRAJA's AK-1 record (`layanan`): address details, contacts, education, the job sought, history. */
export const siprajaLayananSchema = z.object({
  rt: numberish(8),
  rw: numberish(8),
  kode_pos: numberish(8),
  no_hp: numberish(40),
  umur: numberish(4),
  berat_badan: numberish(8),
  facebook: text(200),
  twitter: text(200),
  instagram: text(200),
  linkedin: text(200),
  ...educationShape,
  category: text(100),
  sub_category: text(100),
  /** In Indonesia (`Dalam Negeri`) or abroad (`Luar Negeri`). */
  lokasi_pyd: text(40),
  jarak_pyd: numberish(100),
  wilayah_lain: text(100),
  /** Monthly wage band in rupiah, e.g. `4.500.000 - 5.500.000`, or one amount. */
  besar_upah_pyd: numberish(100),
  /** Foreign languages, comma-separated. */
  bahasa_asing: text(500),
  /** Courses, one a line (or separated by `;`). */
  data_kursus: z.preprocess(emptyToUndefined, z.string().trim().max(4000).optional()),
  /** Free-text experience; kept out of the application, whose work history is `kpk_jabatan`. */
  pengalaman: z.preprocess(emptyToUndefined, z.string().trim().max(4000).optional()),
  file_code: numberish(200),
  /** Work history rows. */
  kpk_jabatan: z.array(siprajaJobRowSchema).max(30).default([]),
})

/**
 * An online AK-1 submission in SIPRAJA's own field names (DOMAIN.md section 3): the applicant's
 * profile `pemohon` and the AK-1 record `layanan` with its `kpk_jabatan` rows. Unknown members are
 * ignored, so a kabupaten can forward what SIPRAJA holds; empty strings count as absent; numeric
 * fields may be numbers or strings. Values are only shaped here: the rules are core's, applied by
 * {@link fromSiprajaSubmission}.
 */
export const siprajaSubmissionSchema = z.object({
  pemohon: siprajaPemohonSchema,
  layanan: siprajaLayananSchema,
})

/** A SIPRAJA-shaped online submission, as sent (the input of {@link siprajaSubmissionSchema}). */
export type SiprajaSubmission = z.input<typeof siprajaSubmissionSchema>

/** Options of {@link fromSiprajaSubmission}. */
export interface FromSiprajaSubmissionOptions {
  /** Kecamatan names by SIPRAJA code, for a `kecamatan` sent as a code. @default {} */
  kecamatanNames?: Readonly<Record<string, string>>
  /** Desa names by SIPRAJA `kode_desa`. @default {} */
  desaNames?: Readonly<Record<string, string>>
  /** Major names by SIPRAJA id, for a `jurusan_L` sent as an id. @default {} */
  majorNames?: Readonly<Record<string, string>>
  /**
   * Job category names by SIPRAJA id: the app's `category` select posts the id of
   * `kartu_pencari_kerja/getCategory`. @default {}
   */
  categoryNames?: Readonly<Record<string, string>>
  /** Sub-category names by SIPRAJA id (`getSubCategory/{category}`). @default {} */
  subCategoryNames?: Readonly<Record<string, string>>
  /** The kabupaten of every SIPRAJA applicant. @default 'Sidoarjo' */
  kabupaten?: string
  /** Passed to `parseApplication`. @default 'id' */
  locale?: Locale
  /** Today, for the checks against the clock. @default new Date() */
  now?: Date
}

type Rule = { id: string; en: string }
const mappingRules = {
  required: { id: 'wajib diisi', en: 'is required' },
  sipraja_date: {
    id: 'harus berupa tanggal dd-MM-yyyy yang ada (mis. 14-05-2001) atau yyyy-MM-dd',
    en: 'must be a real date dd-MM-yyyy (e.g. 14-05-2001) or yyyy-MM-dd',
  },
  sipraja_sex: {
    id: 'harus Laki-laki (L) atau Perempuan (P)',
    en: 'must be Laki-laki (L) or Perempuan (P)',
  },
  sipraja_religion: {
    id: 'harus salah satu dari: Islam, Kristen, Katolik, Hindu, Buddha, Konghucu, Kepercayaan terhadap Tuhan YME',
    en: 'must be one of: Islam, Kristen, Katolik, Hindu, Buddha, Konghucu, Kepercayaan terhadap Tuhan YME',
  },
  sipraja_marital: {
    id: 'harus salah satu dari: Belum Kawin, Kawin, Kawin Tercatat, Kawin Belum Tercatat, Cerai Hidup, Cerai Mati',
    en: 'must be one of: Belum Kawin, Kawin, Kawin Tercatat, Kawin Belum Tercatat, Cerai Hidup, Cerai Mati',
  },
  sipraja_year: { id: 'harus tahun empat angka (mis. 2019)', en: 'must be a four-digit year (e.g. 2019)' },
  sipraja_school_missing: {
    id: 'wajib diisi bila tahun lulus, jurusan atau nilai jenjang ini diisi',
    en: 'is required when the graduation year, major or grade of this level is given',
  },
  sipraja_location: {
    id: 'harus Dalam Negeri atau Luar Negeri',
    en: 'must be Dalam Negeri or Luar Negeri',
  },
  sipraja_wage: {
    id: 'harus berupa nominal rupiah, rentang (mis. 4.500.000 - 5.500.000) atau batas (< 1.000.000, > 5.000.000)',
    en: 'must be a rupiah amount, a range (e.g. 4.500.000 - 5.500.000) or a bound (< 1.000.000, > 5.000.000)',
  },
  sipraja_region: {
    id: 'kode tidak dikenal: kirim juga namanya (nama_kecamatan / nama_desa) atau atur daftar nama wilayah',
    en: 'unknown code: send its name too (nama_kecamatan / nama_desa) or configure the region names',
  },
  sipraja_job_row: {
    id: 'wajib diisi pada setiap baris riwayat kerja',
    en: 'is required on every work history row',
  },
} satisfies Record<string, Rule>

function issue(path: (string | number)[], rule: keyof typeof mappingRules): ValidationIssue {
  const texts: Rule = mappingRules[rule]
  return { path, rule, message: texts.id, messageEn: texts.en }
}

function fromZodIssue(i: z.core.$ZodIssue): ValidationIssue {
  const path = i.path.map((p) => (typeof p === 'symbol' ? String(p) : p))
  if (i.code === 'invalid_type') {
    return i.input === undefined
      ? { path, rule: 'required', message: 'wajib diisi', messageEn: 'is required' }
      : {
          path,
          rule: 'invalid_type',
          message: `jenis data salah (seharusnya ${i.expected})`,
          messageEn: `has the wrong type (expected ${i.expected})`,
        }
  }
  if (i.code === 'too_big') {
    const unit = i.origin === 'array' ? ['butir', 'items'] : ['karakter', 'characters']
    return {
      path,
      rule: 'too_big',
      message: `maksimal ${i.maximum} ${unit[0]}`,
      messageEn: `must be at most ${i.maximum} ${unit[1]}`,
    }
  }
  return { path, rule: i.code, message: `tidak valid: ${i.message}`, messageEn: `is invalid: ${i.message}` }
}

/**
 * `dd-MM-yyyy` (also `dd/MM/yyyy`), or `yyyy-MM-dd` as the registration form's date input stores it
 * (`www/pages/register.html`), to `YYYY-MM-DD`; `null` when it is no real date.
 */
function isoDate(value: string): string | null {
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(value)
  const m = iso ? [value, iso[3], iso[2], iso[1]] : /^(\d{1,2})[-/](\d{1,2})[-/](\d{4})$/.exec(value)
  if (!m) return null
  const [day, month, year] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const d = new Date(Date.UTC(year, month - 1, day))
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null
  return `${m[3]}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}

const key = (v: string) =>
  v
    .toLowerCase()
    .replace(/[\s_.-]+/g, ' ')
    .trim()

const sexByLabel: Record<string, 'L' | 'P'> = {
  l: 'L',
  'laki laki': 'L',
  lakilaki: 'L',
  pria: 'L',
  p: 'P',
  perempuan: 'P',
  wanita: 'P',
}
const religionByLabel: Record<string, ApplicationInput['applicant']['religion']> = {
  islam: 'islam',
  kristen: 'kristen',
  'kristen protestan': 'kristen',
  protestan: 'kristen',
  katolik: 'katolik',
  katholik: 'katolik',
  'kristen katolik': 'katolik',
  hindu: 'hindu',
  buddha: 'buddha',
  budha: 'buddha',
  konghucu: 'konghucu',
  khonghucu: 'konghucu',
  kepercayaan: 'kepercayaan',
  'kepercayaan terhadap tuhan yme': 'kepercayaan',
  'kepercayaan terhadap tuhan yang maha esa': 'kepercayaan',
}
const maritalByLabel: Record<string, ApplicationInput['applicant']['maritalStatus']> = {
  'belum kawin': 'belum_kawin',
  kawin: 'kawin',
  'kawin tercatat': 'kawin_tercatat',
  'kawin belum tercatat': 'kawin_belum_tercatat',
  'cerai hidup': 'cerai_hidup',
  'cerai mati': 'cerai_mati',
}
const locationByLabel: Record<string, 'dalam_negeri' | 'luar_negeri'> = {
  'dalam negeri': 'dalam_negeri',
  dn: 'dalam_negeri',
  indonesia: 'dalam_negeri',
  'luar negeri': 'luar_negeri',
  ln: 'luar_negeri',
}

/**
 * A wage band: one amount or two (`4.500.000 - 5.500.000`, `Rp 4500000`), or an open band as the
 * app's `upah_pyd` select offers it (`< 1.000.000`: `{ min: 0, max: 999999 }`; `> 5.000.000`:
 * `{ min: 5000001 }`; `www/pages/tipe-c/kartupencarikerja_new.html`).
 */
function wageBand(value: string): { min: number; max?: number } | null {
  const open = /^\s*(<|>|kurang dari|lebih dari)\s*(.+)$/i.exec(value)
  if (open) {
    const bound = wageBand(open[2] ?? '')
    if (!bound || bound.max !== undefined) return null
    const below = open[1] === '<' || /kurang/i.test(open[1] ?? '')
    if (below) return bound.min === 0 ? null : { min: 0, max: bound.min - 1 }
    return { min: bound.min + 1 }
  }
  const amounts = value
    .replace(/rp\.?/gi, '')
    .split(/\s*(?:-|–|s\.?d\.?|sampai)\s*/i)
    .map((part) => part.trim().replace(/[.,\s]/g, ''))
  if (amounts.length > 2 || amounts.some((a) => !/^\d{1,13}$/.test(a))) return null
  const [min, max] = amounts.map(Number)
  if (min === undefined) return null
  return max === undefined ? { min } : { min, max }
}

const named = (value: string, names: Readonly<Record<string, string>> | undefined) => names?.[value] ?? value

const splitList = (v: string | undefined, separator: RegExp) =>
  (v ?? '')
    .split(separator)
    .map((s) => s.trim())
    .filter((s) => s.length > 0)

// Where each field of our application comes from in the SIPRAJA payload, to name SIPRAJA's field
// when core's rules refuse the mapped value.
const applicantPaths: Record<string, (string | number)[]> = {
  nik: ['pemohon', 'nik'],
  kk: ['pemohon', 'no_kk'],
  fullName: ['pemohon', 'nama'],
  birthPlace: ['pemohon', 'tempat_lahir'],
  birthDate: ['pemohon', 'tanggal_lahir'],
  sex: ['pemohon', 'jenis_kelamin'],
  religion: ['pemohon', 'agama'],
  maritalStatus: ['pemohon', 'status_kawin'],
}
const addressPaths: Record<string, (string | number)[]> = {
  street: ['pemohon', 'alamat'],
  rt: ['layanan', 'rt'],
  rw: ['layanan', 'rw'],
  desa: ['pemohon', 'kode_desa'],
  kecamatan: ['pemohon', 'kecamatan'],
  kabupaten: ['pemohon', 'kecamatan'],
  postcode: ['layanan', 'kode_pos'],
}
const educationFields: Record<string, string> = {
  level: 'sekolah',
  type: 'sekolah',
  school: 'sekolah',
  major: 'jurusan',
  graduationYear: 'lulus',
  grade: 'ipk',
}
const jobFields: Record<string, string> = {
  position: 'jabatan',
  duties: 'uraian_tugas',
  length: 'lama_kerja',
  employer: 'pemberi_kerja',
}
const desiredJobFields: Record<string, string> = {
  category: 'category',
  subCategory: 'sub_category',
  location: 'lokasi_pyd',
  place: 'wilayah_lain',
  wage: 'besar_upah_pyd',
}

/** The SIPRAJA field an application path came from (the path itself when none matches). */
function siprajaPath(path: (string | number)[], education: readonly EducationLevel[]): (string | number)[] {
  const [head, a, b] = path
  if (head === 'applicant') {
    if (a === 'address') return (typeof b === 'string' && addressPaths[b]) || ['pemohon', 'alamat']
    return (typeof a === 'string' && applicantPaths[a]) || ['pemohon']
  }
  if (head === 'contacts') return a === 'email' ? ['pemohon', 'email'] : ['layanan', 'no_hp']
  if (head === 'education') {
    const level = typeof a === 'number' ? education[a] : undefined
    if (level === undefined) return ['layanan']
    const field = (typeof b === 'string' && educationFields[b]) || 'sekolah'
    return ['layanan', `${field}_${siprajaLevelOf[level]}`]
  }
  if (head === 'workHistory') {
    if (typeof a !== 'number') return ['layanan', 'kpk_jabatan']
    const field = typeof b === 'string' ? jobFields[b] : undefined
    return field ? ['layanan', 'kpk_jabatan', a, field] : ['layanan', 'kpk_jabatan', a]
  }
  if (head === 'desiredJob') {
    return ['layanan', (typeof a === 'string' && desiredJobFields[a]) || 'category']
  }
  if (head === 'courses') return ['layanan', 'data_kursus']
  if (head === 'languages') return ['layanan', 'bahasa_asing']
  return path
}

/**
 * Maps an online submission in SIPRAJA's field names to the `@ak1/core` application input, without
 * core's rules (see {@link fromSiprajaSubmission}). `slta` becomes `sma` and `doktor` `s3`;
 * `tanggal_lahir` dd-MM-yyyy becomes YYYY-MM-DD; religion, marital status, sex and job location
 * labels become our ids; the wage band becomes `{ min, max }`.
 *
 * @returns the input and the mapping's issues (SIPRAJA paths); the input is only usable when there are none.
 */
export function mapSiprajaSubmission(
  payload: unknown,
  options: FromSiprajaSubmissionOptions = {},
): { input: ApplicationInput | null; issues: ValidationIssue[] } {
  const parsed = siprajaSubmissionSchema.safeParse(payload, { reportInput: true })
  if (!parsed.success) return { input: null, issues: parsed.error.issues.map(fromZodIssue) }
  const { pemohon: p, layanan: l } = parsed.data
  const issues: ValidationIssue[] = []
  const need = (value: string | undefined, path: (string | number)[]): string => {
    if (value === undefined) issues.push(issue(path, 'required'))
    return value ?? ''
  }
  const lookup = <T>(
    value: string | undefined,
    table: Record<string, T>,
    path: (string | number)[],
    rule: keyof typeof mappingRules,
  ): T | undefined => {
    if (value === undefined) {
      issues.push(issue(path, 'required'))
      return undefined
    }
    const found = table[key(value)] ?? table[key(value).replace(/\s/g, '')]
    if (found === undefined) issues.push(issue(path, rule))
    return found
  }
  const region = (
    code: string | undefined,
    name: string | undefined,
    names: Readonly<Record<string, string>>,
    path: (string | number)[],
  ): string => {
    if (name !== undefined) return name
    if (code === undefined) {
      issues.push(issue(path, 'required'))
      return ''
    }
    const known = names[code]
    if (known !== undefined) return known
    if (/\d/.test(code)) {
      issues.push(issue(path, 'sipraja_region'))
      return ''
    }
    return code
  }

  const birth = need(p.tanggal_lahir, ['pemohon', 'tanggal_lahir'])
  const birthDate = birth ? isoDate(birth) : null
  if (birth && birthDate === null) issues.push(issue(['pemohon', 'tanggal_lahir'], 'sipraja_date'))

  const education: NonNullable<ApplicationInput['education']> = []
  for (const level of levelNames) {
    const school = l[`sekolah_${level}`]
    const major = l[`jurusan_${level}`]
    const year = l[`lulus_${level}`]
    const grade = l[`ipk_${level}`]
    if (school === undefined) {
      if (year !== undefined || major !== undefined || grade !== undefined) {
        issues.push(issue(['layanan', `sekolah_${level}`], 'sipraja_school_missing'))
      }
      continue
    }
    if (year === undefined) {
      issues.push(issue(['layanan', `lulus_${level}`], 'required'))
      continue
    }
    if (!/^\d{4}$/.test(year)) {
      issues.push(issue(['layanan', `lulus_${level}`], 'sipraja_year'))
      continue
    }
    const entry: (typeof education)[number] = {
      level: siprajaLevels[level],
      school,
      graduationYear: Number(year),
    }
    if (major !== undefined) entry.major = options.majorNames?.[major] ?? major
    if (grade !== undefined) entry.grade = grade
    education.push(entry)
  }

  const workHistory = l.kpk_jabatan.map((row, i) => {
    const at = (field: string) => ['layanan', 'kpk_jabatan', i, field]
    const required = (value: string | undefined, field: string) => {
      if (value === undefined) issues.push(issue(at(field), 'sipraja_job_row'))
      return value ?? ''
    }
    const job: NonNullable<ApplicationInput['workHistory']>[number] = {
      position: required(row.jabatan, 'jabatan'),
      length: required(row.lama_kerja, 'lama_kerja'),
      employer: required(row.pemberi_kerja, 'pemberi_kerja'),
    }
    if (row.uraian_tugas !== undefined) job.duties = row.uraian_tugas
    return job
  })

  const desiredJob: ApplicationInput['desiredJob'] = {
    category: named(need(l.category, ['layanan', 'category']), options.categoryNames),
    location:
      lookup(l.lokasi_pyd, locationByLabel, ['layanan', 'lokasi_pyd'], 'sipraja_location') ?? 'dalam_negeri',
  }
  if (l.sub_category !== undefined) desiredJob.subCategory = named(l.sub_category, options.subCategoryNames)
  if (l.wilayah_lain !== undefined) desiredJob.place = l.wilayah_lain
  if (l.besar_upah_pyd !== undefined) {
    const wage = wageBand(l.besar_upah_pyd)
    if (wage) desiredJob.wage = wage
    else issues.push(issue(['layanan', 'besar_upah_pyd'], 'sipraja_wage'))
  }

  const input: ApplicationInput = {
    applicant: {
      nik: need(p.nik, ['pemohon', 'nik']),
      kk: need(p.no_kk, ['pemohon', 'no_kk']),
      fullName: need(p.nama, ['pemohon', 'nama']),
      birthPlace: need(p.tempat_lahir, ['pemohon', 'tempat_lahir']),
      birthDate: birthDate ?? '',
      sex: lookup(p.jenis_kelamin, sexByLabel, ['pemohon', 'jenis_kelamin'], 'sipraja_sex') ?? 'L',
      religion: lookup(p.agama, religionByLabel, ['pemohon', 'agama'], 'sipraja_religion') ?? 'islam',
      maritalStatus:
        lookup(p.status_kawin, maritalByLabel, ['pemohon', 'status_kawin'], 'sipraja_marital') ?? 'kawin',
      address: {
        street: need(p.alamat, ['pemohon', 'alamat']),
        rt: need(l.rt, ['layanan', 'rt']),
        rw: need(l.rw, ['layanan', 'rw']),
        desa: region(p.kode_desa, p.nama_desa, options.desaNames ?? {}, ['pemohon', 'kode_desa']),
        kecamatan: region(p.kecamatan, p.nama_kecamatan, options.kecamatanNames ?? {}, [
          'pemohon',
          'kecamatan',
        ]),
        kabupaten: options.kabupaten ?? 'Sidoarjo',
        postcode: need(l.kode_pos, ['layanan', 'kode_pos']),
      },
    },
    contacts: { mobile: need(l.no_hp, ['layanan', 'no_hp']) },
    education,
    courses: splitList(l.data_kursus, /\r?\n|;/).map((name) => ({ name })),
    workHistory,
    languages: splitList(l.bahasa_asing, /[,;/]|\r?\n/).map((name) => ({ name })),
    skills: [],
    desiredJob,
    photos: [],
    form: { completed: true },
  }
  if (p.email !== undefined) input.contacts.email = p.email
  return { input: issues.length ? null : input, issues }
}

/**
 * Maps an online submission in SIPRAJA's own field names ({@link siprajaSubmissionSchema}) to an
 * `@ak1/core` application and validates it with core's `parseApplication`. Every problem, of the
 * mapping (a `tanggal_lahir` that is no dd-MM-yyyy date, an unknown `agama`) or of core's rules (a
 * NIK that disagrees with the birth date), is reported under SIPRAJA's field name, such as
 * `pemohon.tanggal_lahir` or `layanan.kpk_jabatan.1.jabatan`.
 *
 * Not carried over, as the application has no place for them: `umur`, `berat_badan`, the social
 * media accounts, `jarak_pyd`, `pengalaman` (free text; the work history is `kpk_jabatan`) and
 * `file_code` (SIPRAJA's photo; the photos are uploaded as attachments).
 *
 * @throws {ValidationError} naming SIPRAJA's fields, in Bahasa Indonesia (English in `messageEn`).
 * @example
 * ```ts
 * const application = fromSiprajaSubmission(JSON.parse(body), { desaNames: { '3515122001': 'Balongbendo' } })
 * await service.submit(application, { actor: pemohon, channel: 'online' })
 * ```
 */
export function fromSiprajaSubmission(
  payload: unknown,
  options: FromSiprajaSubmissionOptions = {},
): Application {
  const { input, issues } = mapSiprajaSubmission(payload, options)
  if (!input) throw new ValidationError(issues)
  try {
    const parseOptions: { locale?: Locale; now?: Date } = {}
    if (options.locale) parseOptions.locale = options.locale
    if (options.now) parseOptions.now = options.now
    return parseApplication(input, parseOptions)
  } catch (error) {
    if (!isAk1Error(error) || error.code !== 'VALIDATION') throw error
    const levels = input.education.map((e) => e.level)
    throw new ValidationError(
      (error as ValidationError).issues.map((i) => ({ ...i, path: siprajaPath(i.path, levels) })),
      { cause: error },
    )
  }
}
