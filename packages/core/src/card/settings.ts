import { z } from 'zod'

/**
 * The card section of a standard: validity, reporting, reminders and the printed layout. Every
 * member beyond `validityMonths` and `reportingIntervalMonths` is optional with a default, and
 * defaults are left out of the content hash, so a standard written before these settings existed
 * keeps its hash. Values not in the SK or Permenaker 39/2016 (window lengths, reminder lead times,
 * the card's size) are configuration with a sensible default, not facts.
 */

const clockTime = z.string().regex(/^([01]\d|2[0-3])[.:][0-5]\d$/, { message: 'clock_time' })
const label = z.string().min(1).max(200)
const days = z.number().int().nonnegative().max(366)

/** When a "still seeking" report is accepted, and what happens to a late one. */
export const cardReportingSchema = z.object({
  /** Days before a reporting date from which the report is accepted (early reports allowed). @default 30 */
  earlyDays: days.default(30),
  /** Days after a reporting date during which the report is still on time. @default 0 */
  graceDays: days.default(0),
  /** A report after the window: `refuse` it with an error, or `record_late` (kept, marked late). @default 'refuse' */
  late: z.enum(['refuse', 'record_late']).default('refuse'),
  /**
   * A reporting date whose window closed without a report: `keep` the card active, or `lapse` it
   * (state `tidak_lapor`). @default 'keep'
   */
  missed: z.enum(['keep', 'lapse']).default('keep'),
})

/** When reminders go out (SMS and e-mail), in days before the date, at `at` office time. */
export const cardRemindersSchema = z.object({
  /** Lead times before each reporting date. @default [7, 1] */
  beforeReportingDays: z.array(days).max(10).default([7, 1]),
  /** Lead times before the card expires. @default [30] */
  beforeExpiryDays: z.array(days).max(10).default([30]),
  /** Office time of day at which reminders are sent. @default '08.00' */
  at: clockTime.default('08.00'),
})

/** Labels printed on the card and the AK/II record; an office changes them here, not in code. */
export const cardLabelsSchema = z.object({
  /** @default 'KARTU TANDA BUKTI PENDAFTARAN PENCARI KERJA' */
  title: label.default('KARTU TANDA BUKTI PENDAFTARAN PENCARI KERJA'),
  /** @default 'AK/I' */
  formCode: label.default('AK/I'),
  /** @default 'No. Pendaftaran Pencari Kerja' */
  jobSeekerNumber: label.default('No. Pendaftaran Pencari Kerja'),
  /** @default 'NIK' */
  nik: label.default('NIK'),
  /** @default 'Pas foto 3x4' */
  photo: label.default('Pas foto 3x4'),
  /** @default 'Tanda tangan pencari kerja' */
  holderSignature: label.default('Tanda tangan pencari kerja'),
  /** Heading of the reporting boxes. @default 'LAPORAN' */
  reporting: label.default('LAPORAN'),
  /** One reporting box; `{n}` is its number. @default 'Laporan ke-{n}' */
  reportingBox: label.default('Laporan ke-{n}'),
  /** @default 'Tgl. wajib lapor' */
  reportingDue: label.default('Tgl. wajib lapor'),
  /** @default 'Nama Lengkap' */
  name: label.default('Nama Lengkap'),
  /** @default 'Tempat/Tgl. Lahir' */
  birth: label.default('Tempat/Tgl. Lahir'),
  /** @default 'Jenis Kelamin' */
  sex: label.default('Jenis Kelamin'),
  /** @default 'Status Perkawinan' */
  maritalStatus: label.default('Status Perkawinan'),
  /** @default 'Agama' */
  religion: label.default('Agama'),
  /** @default 'Alamat' */
  address: label.default('Alamat'),
  /** @default 'Pendidikan Formal' */
  formalEducation: label.default('Pendidikan Formal'),
  /** @default 'Pendidikan Non Formal' */
  nonFormalEducation: label.default('Pendidikan Non Formal'),
  /** @default 'Diterbitkan oleh' */
  issuedBy: label.default('Diterbitkan oleh'),
  /** @default 'Tgl. terbit' */
  issuedAt: label.default('Tgl. terbit'),
  /** @default 'Berlaku s.d.' */
  validUntil: label.default('Berlaku s.d.'),
  /** Title of the AK/II biodata record. @default 'KARTU PENDAFTARAN PENCARI KERJA (AK/II)' */
  ak2Title: label.default('KARTU PENDAFTARAN PENCARI KERJA (AK/II)'),
  /** @default 'Kontak' */
  contacts: label.default('Kontak'),
  /** @default 'Pengalaman Kerja' */
  workHistory: label.default('Pengalaman Kerja'),
  /** @default 'Bahasa' */
  languages: label.default('Bahasa'),
  /** @default 'Keterampilan' */
  skills: label.default('Keterampilan'),
  /** @default 'Jabatan yang Diinginkan' */
  desiredJob: label.default('Jabatan yang Diinginkan'),
  /** Column heads of the education table on the AK/II. @default 'Jenjang' */
  educationLevel: label.default('Jenjang'),
  /** @default 'Sekolah / Perguruan Tinggi' */
  educationSchool: label.default('Sekolah / Perguruan Tinggi'),
  /** @default 'Jurusan' */
  educationMajor: label.default('Jurusan'),
  /** @default 'Tahun Lulus' */
  educationYear: label.default('Tahun Lulus'),
  /** @default 'Nilai' */
  educationGrade: label.default('Nilai'),
  /** The officer who recorded the AK/II. @default 'Petugas pendaftar' */
  officer: label.default('Petugas pendaftar'),
  /** The interview section of the AK/II (what the interview step recorded). @default 'Hasil Wawancara' */
  interview: label.default('Hasil Wawancara'),
  /** @default 'Tanggal Wawancara' */
  interviewedAt: label.default('Tanggal Wawancara'),
  /** @default 'Tinggi / Berat Badan' */
  physical: label.default('Tinggi / Berat Badan'),
  /** @default 'Catatan Pewawancara' */
  interviewNotes: label.default('Catatan Pewawancara'),
})

/** The fields of the card's second page, in print order. */
export const cardPage2Fields = [
  'name',
  'birth',
  'sex',
  'maritalStatus',
  'religion',
  'address',
  'formalEducation',
  'nonFormalEducation',
] as const

/** The printed card: its size, crop marks, the order of page 2, and the signer. */
export const cardLayoutSchema = z.object({
  /** Card width in millimetres (no national size is published). @default 148 */
  widthMm: z.number().min(50).max(200).default(148),
  /** Card height in millimetres. @default 105 */
  heightMm: z.number().min(30).max(280).default(105),
  /** Crop marks around each card on the A4 sheet. @default true */
  cropMarks: z.boolean().default(true),
  /** Font size of values, in points. @default 7.5 */
  fontSizePt: z.number().min(4).max(14).default(7.5),
  /** Page 2's fields, in print order; leave one out to not print it. @default every field */
  page2: z
    .array(z.enum(cardPage2Fields))
    .min(1)
    .default([...cardPage2Fields]),
  /**
   * The signer's title as printed above the signature, e.g. "Camat Balong Bendo". Absent: the
   * name of the role of the standard's sign step, and the office name.
   */
  signerTitle: label.optional(),
  /** The signer's name and NIP, when the office prints them. */
  signerName: label.optional(),
  signerNip: label.optional(),
  /** @default the Indonesian labels of {@link cardLabelsSchema} */
  labels: cardLabelsSchema.default(() => cardLabelsSchema.parse({})),
})

/** The AK-1 card's validity, the holder's reporting, reminders and the printed layout. */
export const cardSchema = z.object({
  /** @default 24 */
  validityMonths: z.number().int().positive().default(24),
  /** @default 6 */
  reportingIntervalMonths: z.number().int().positive().default(6),
  /**
   * What reporting dates and validity are counted from: `registration` (the register-book entry, as
   * Permenaker 39/2016 says, DOMAIN.md section 2) or `issue` (printing). @default 'registration'
   */
  countFrom: z.enum(['registration', 'issue']).default('registration'),
  /** @default { earlyDays: 30, graceDays: 0, late: 'refuse', missed: 'keep' } */
  reporting: cardReportingSchema.default(() => cardReportingSchema.parse({})),
  /** @default { beforeReportingDays: [7, 1], beforeExpiryDays: [30], at: '08.00' } */
  reminders: cardRemindersSchema.default(() => cardRemindersSchema.parse({})),
  /** @default A6 landscape (148 x 105 mm) with crop marks and the Indonesian labels */
  layout: cardLayoutSchema.default(() => cardLayoutSchema.parse({})),
})

/** The card section of a defined standard, defaults filled in. */
export type CardSettings = z.output<typeof cardSchema>
/** The printed card's layout and labels. */
export type CardLayout = z.output<typeof cardLayoutSchema>
/** The printed labels. */
export type CardLabels = z.output<typeof cardLabelsSchema>
/** One field of the card's second page. */
export type CardPage2Field = (typeof cardPage2Fields)[number]
