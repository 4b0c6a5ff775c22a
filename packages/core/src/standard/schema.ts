import { z } from 'zod'
import { cardSchema } from '../card/settings'
import { ak2Fields } from '../schemas/ak2'

export { cardSchema }

/** Ids of the case events a step can accept: `ACCEPT`, `RETURN`, `REJECT`, `SIGN`, `COMPLETE`, `HAND_OVER`. */
export const stepEventTypes = ['ACCEPT', 'RETURN', 'REJECT', 'SIGN', 'COMPLETE', 'HAND_OVER'] as const
/** Every case event a portal can send. */
export const caseEventTypes = [
  ...stepEventTypes,
  'RESUBMIT',
  'WITHDRAW',
  'RETRY_INCIDENT',
  'RESOLVE_INCIDENT',
] as const
/** An event a step of the table can accept, e.g. `ACCEPT` at a review step. */
export type StepEventType = (typeof stepEventTypes)[number]
/** An event a portal can send to a case: a step's events, the applicant's, and the incident events. */
export type CaseEventType = (typeof caseEventTypes)[number]

/** How an application reaches the office. */
export const channels = ['tatap_muka', 'online'] as const
/** `tatap_muka` (in person at the office) or `online` (through SIPRAJA). */
export type Channel = (typeof channels)[number]

/**
 * Step kinds. Beside the Balongbendo six: `external` (a hand-off to another agency, such as Disnaker's
 * Pengantar Kerja, with its own role and target, confirmed by COMPLETE), `applicant_check` (the
 * applicant checks a draft, e.g. of the AK/I, and confirms by COMPLETE) and `interview` (an interview
 * recorded on the AK/II, closed by COMPLETE).
 */
export const stepKinds = [
  'intake',
  'review',
  'sign',
  'task',
  'notify',
  'handover',
  'external',
  'applicant_check',
  'interview',
] as const
/** What a step is: `intake`, `review`, `sign`, `task`, `notify` (automatic), `handover`, `external`, `applicant_check` or `interview`. */
export type StepKind = (typeof stepKinds)[number]

/** Delivery channels of notices. */
export const noticeChannels = ['sms', 'email'] as const
/** How a notice reaches the applicant: `sms` or `email`. */
export type NoticeChannel = (typeof noticeChannels)[number]

/** The roles the Balongbendo SK names, from `pemohon` to `kepala_seksi`; a standard may add its own. */
export const defaultRoles = [
  { id: 'pemohon', name: 'Pemohon', nameEn: 'Applicant' },
  { id: 'petugas', name: 'Petugas Pelayanan', nameEn: 'Front-desk officer' },
  { id: 'operator', name: 'Operator Pelayanan', nameEn: 'Service operator' },
  { id: 'admin', name: 'Admin', nameEn: 'Administrator' },
  { id: 'camat', name: 'Camat', nameEn: 'Head of the kecamatan (Camat)' },
  { id: 'petugas_informasi', name: 'Petugas Layanan Informasi', nameEn: 'Information officer' },
  { id: 'kepala_seksi', name: 'Kepala Seksi', nameEn: 'Section head' },
]

const id = z.string().regex(/^[a-z][a-z0-9_]*$/, { message: 'id_format' })
const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'iso_day' })
const text = z.string().min(1).max(2000)

/** A role: an open id (`petugas`, or an office's own such as `sekretaris`) with its Indonesian name. */
export const roleSchema = z.object({ id, name: text, nameEn: text.optional() })

/**
 * A duration target: `{ minutes }` counts working minutes (office hours only, breaks excluded);
 * `{ workingDays }` counts working days as the calendar's `addWorkingDays` does: from an instant, the
 * same office time on the Nth following working day (at its closing time if it closes earlier). The
 * SK's "1 hari" is `{ workingDays: 1 }`: a step entered Wednesday 11.00 before a cuti bersama, a
 * holiday and a weekend is due the next working day (Monday) at 11.00, not 24 hours later.
 */
export const targetSchema = z.union([
  z.object({ minutes: z.number().int().positive() }).strict(),
  z.object({ workingDays: z.number().int().positive() }).strict(),
])

/** Requirement kinds: what the applicant shows or hands in. */
export const requirementKinds = [
  'original',
  'copy',
  'certified_copy',
  'photo',
  'form',
  'certificate',
  'previous_card',
] as const

/**
 * Conditions under which a requirement applies: `has_courses` (courses declared), `has_work_history`
 * (work history declared), `available` (the SK's "jika ada" / "bila ada" on any item: listed, never
 * blocking).
 */
export const requirementConditions = ['has_courses', 'has_work_history', 'available'] as const

/**
 * Attributes of a document the SK states, from which the checklist wording is derived, e.g. a photo's
 * size `3x4`, background `merah`, `berwarna`, `baru`.
 */
export const requirementAttributesSchema = z
  .object({
    /** Size as the SK words it, e.g. `3x4`. */
    size: z.string().min(1).max(20).optional(),
    /** Background colour, e.g. `merah`. */
    background: z.string().min(1).max(40).optional(),
    /** `berwarna` (colour) or `hitam_putih` (black and white). */
    colour: z.enum(['berwarna', 'hitam_putih']).optional(),
    /** Recent (the SK's "terbaru" / "baru"). */
    recent: z.boolean().optional(),
    /** Still valid (the SK's "yang masih berlaku"). */
    valid: z.boolean().optional(),
    /** Anything else the SK says about the item. */
    note: z.string().min(1).max(200).optional(),
  })
  .strict()

/**
 * One member of an either/or group: the applicant brings one of the group, e.g. "KTP asli" or
 * "fotokopi KTP dilegalisir" (kind `certified_copy`).
 */
export const requirementAlternativeSchema = z
  .object({
    id,
    label: z.string().min(1).max(2000),
    labelEn: z.string().min(1).max(2000).optional(),
    kind: z.enum(requirementKinds),
  })
  .strict()

/** One requirement of the SK (component 1): what the applicant brings, and where it is checked. */
export const requirementSchema = z.object({
  /** Stable id, e.g. `ktp_asli`; per-level items get `:<level>` appended in a checklist. */
  id,
  /** Indonesian label as the SK words it. */
  label: text,
  labelEn: text.optional(),
  /** original shown, copy handed in, certified copy (dilegalisir), photo, form, certificate, the previous card. */
  kind: z.enum(requirementKinds),
  /** @default 1 */
  quantity: z.number().int().positive().default(1),
  /** @default true */
  required: z.boolean().default(true),
  /** One item per completed education level (ijazah, daftar nilai). @default false */
  perEducationLevel: z.boolean().default(false),
  /** When the item applies (the SK's "bila ada" / "jika ada"); see {@link requirementConditions}. */
  onlyIf: z.enum(requirementConditions).optional(),
  /** Accepted variants, e.g. colour or black-and-white photos (a label only). @default [] */
  variants: z.array(text).default([]),
  /** Either/or: the applicant brings one of these (at least two). Verifying the item means one was shown. */
  alternatives: z.array(requirementAlternativeSchema).optional(),
  /** Size, background, colour...: the checklist wording is derived from them. */
  attributes: requirementAttributesSchema.optional(),
  /** The step at which the item is checked, per channel. */
  checkedAt: z.object({ tatap_muka: id.optional(), online: id.optional() }).strict(),
})

/** A notice a step emits: on entering the step, on one of its events, or at submission. */
export const stepNoticeSchema = z.object({
  on: z.union([z.enum(['submit', 'enter']), z.enum(stepEventTypes)]),
  template: id,
  /** @default ['sms', 'email'] */
  channels: z.array(z.enum(noticeChannels)).min(1).default(['sms', 'email']),
})

/** A SIPRAJA write a step triggers. */
export const stepSiprajaSchema = z.object({
  on: z.union([z.enum(['submit', 'enter']), z.enum(stepEventTypes)]),
  action: z.enum(['ensure_account', 'upload_attachments']),
})

/**
 * A system outside this library where a step is done: its id (`karirhub`, `siapkerja`, `ipk_online`),
 * its name and address. No adapter exists for them: the step's role confirms it by hand (COMPLETE).
 */
export const externalSystemSchema = z
  .object({ id, name: text, url: z.string().min(1).max(300).optional() })
  .strict()

/** One row of the step table: who does what, how long it may take, and what it accepts and emits. */
export const stepSchema = z.object({
  id,
  /** Indonesian name as the SK words it. */
  name: text,
  nameEn: text.optional(),
  kind: z.enum(stepKinds),
  /** The role that performs it; absent for automatic (notify) and applicant intake steps with no officer. */
  role: id.optional(),
  /** Target duration. Absent for automatic steps. */
  target: targetSchema.optional(),
  /** @default 'both' */
  channel: z.enum(['tatap_muka', 'online', 'both']).default('both'),
  /** Events the step accepts (none for intake and notify steps). @default [] */
  events: z.array(z.enum(stepEventTypes)).default([]),
  /** Notices the step emits. @default [] */
  notices: z.array(stepNoticeSchema).default([]),
  /** SIPRAJA writes the step triggers. @default [] */
  sipraja: z.array(stepSiprajaSchema).default([]),
  /** The system the step is done in, when not this library (Karirhub, SIAPkerja, IPK Online). */
  system: externalSystemSchema.optional(),
  /** For an `external` step: the agency that does it, e.g. "Dinas Tenaga Kerja Kabupaten Jembrana". */
  agency: text.optional(),
  /** What the step records, e.g. "Kartu AK/II" for an interview. */
  records: text.optional(),
  /**
   * For an `interview` step: the AK/II fields its COMPLETE records (`fields`) and those it must
   * record (`required`, a subset). @default every field; education, work experience, skills and
   * the job wanted required
   */
  ak2: z
    .object({
      fields: z.array(z.enum(ak2Fields)).min(1),
      /** @default [] */
      required: z.array(z.enum(ak2Fields)).default([]),
    })
    .strict()
    .optional(),
})

/** A separation-of-duties rule: whoever acted at `steps` may not act at `forbids`. */
export const separationOfDutiesSchema = z.object({
  /** Whoever accepted (or otherwise acted) at one of these steps... */
  steps: z.array(id).min(1),
  /** ...may not act at these later steps. */
  forbids: z.array(id).min(1),
})

/** What a layanan (service) of an office is: a new registration, or a renewal of an existing card. */
export const serviceKinds = ['registration', 'renewal'] as const

/** The office's identity as the SK gives it: name, kabupaten, address and contacts. */
export const officeSchema = z.object({
  /** Short code used in numbers, e.g. `balongbendo`. */
  code: z.string().regex(/^[A-Za-z0-9_-]+$/, { message: 'office_code_format' }),
  name: text,
  government: text.optional(),
  kabupaten: text,
  address: text,
  postcode: z.string().regex(/^\d{5}$/, { message: 'postcode_format' }),
  phone: text,
  website: text.optional(),
  email: z.email().optional(),
  /** Opening hours as told to applicants, e.g. "Senin-Kamis 07.30-16.00, Jumat 07.30-16.30". */
  openingHoursText: text.optional(),
})

/** A day the office is closed: a national holiday, a cuti bersama day, or an office closure. */
export const holidayEntrySchema = z.object({
  date: isoDay,
  name: text,
  kind: z.enum(['libur_nasional', 'cuti_bersama', 'closure']),
  /** `provisional` for an estimated date, before its year's decree. @default 'official' */
  status: z.enum(['official', 'provisional']).optional(),
})

const clockTime = z.string().regex(/^([01]\d|2[0-3])[.:][0-5]\d$/, { message: 'clock_time' })
const dayHoursSchema = z.object({
  open: clockTime,
  close: clockTime,
  breaks: z.array(z.object({ start: clockTime, end: clockTime })).default([]),
})
const weekHoursSchema = z
  .object({
    mon: dayHoursSchema.nullable(),
    tue: dayHoursSchema.nullable(),
    wed: dayHoursSchema.nullable(),
    thu: dayHoursSchema.nullable(),
    fri: dayHoursSchema.nullable(),
    sat: dayHoursSchema.nullable(),
    sun: dayHoursSchema.nullable(),
  })
  .partial()

/** The working calendar a standard uses: time zone, office hours, holidays, and its version. */
export const calendarRefSchema = z.object({
  /** IANA zone. @default 'Asia/Jakarta' (WIB) */
  timeZone: z
    .enum(['Asia/Jakarta', 'Asia/Pontianak', 'Asia/Makassar', 'Asia/Jayapura'])
    .default('Asia/Jakarta'),
  /** Office hours per weekday; absent days are closed. @default the ASN hours (DOMAIN.md section 5) */
  hours: weekHoursSchema.optional(),
  /** A named holiday set (such as `indonesia`) or an explicit list. @default 'indonesia' */
  holidays: z.union([id, z.array(holidayEntrySchema)]).default('indonesia'),
  /** Office closures beyond the holiday set. @default [] */
  closures: z.array(holidayEntrySchema).default([]),
  /** Days worked although they would not be (swapped days). @default [] */
  extraWorkingDays: z.array(isoDay).default([]),
  /** Ramadan periods with their own hours. */
  ramadan: z
    .array(
      z.object({
        from: isoDay,
        to: isoDay,
        hours: weekHoursSchema.optional(),
        provisional: z.boolean().optional(),
      }),
    )
    .optional(),
  /** Daily cut-off: a submission after it counts from the next opening. */
  cutoff: clockTime.optional(),
  /** Version id of this calendar configuration. */
  version: z.string().optional(),
})

/** Number formats: tracking code, register-book number and job-seeker card number. */
export const numberingSchema = z.object({
  /** Tokens: `{office}`, `{yyyy}`, `{yy}`, `{mm}`, `{dd}`, `{seq}`, `{seq:N}` (zero-padded). @default 'AK1-{yy}{mm}{dd}-{seq:5}' */
  trackingCode: z.string().min(1).default('AK1-{yy}{mm}{dd}-{seq:5}'),
  /** Register-book number, gap-free per office per year. @default '{seq:4}/AK1/{office}/{yyyy}' */
  registerNumber: z.string().min(1).default('{seq:4}/AK1/{office}/{yyyy}'),
  /** Job-seeker card number; `{seq}` is the register sequence. No national format is published. @default '{office}-{yyyy}-{seq:6}' */
  cardNumber: z.string().min(1).default('{office}-{yyyy}-{seq:6}'),
  /**
   * Whose sequences the numbers count in: `office` (one per office and year, shared by all its layanan)
   * or `service` (one per office, layanan and year). @default 'office'
   */
  sequenceScope: z.enum(['office', 'service']).default('office'),
})

/** Component 3, completion time: the limit, when its clock starts, at-risk share and extensions. */
export const completionSchema = z.object({
  /** The SK's "3 Hari", read as working days. Exactly one of `workingDays`, `hours`, `minutes`. */
  workingDays: z.number().int().positive().optional(),
  /** Working hours (office hours only), e.g. "1 jam". */
  hours: z.number().int().positive().max(2000).optional(),
  /** Working minutes (office hours only), e.g. "± 15 menit". */
  minutes: z.number().int().positive().max(100_000).optional(),
  /** A condition stated with the time, shown to the applicant, e.g. "jaringan internet stabil". */
  condition: text.optional(),
  conditionEn: text.optional(),
  /** When the clock starts. @default 'received' */
  clockStart: z.enum(['received', 'accepted']).default('received'),
  /** Share of the limit after which a case is at risk. @default 0.75 */
  atRiskThreshold: z.number().gt(0).lt(1).default(0.75),
  /** @default { allowed: false } */
  extension: z
    .object({
      allowed: z.boolean().default(false),
      maxWorkingDays: z.number().int().nonnegative().default(0),
      maxTimes: z.number().int().nonnegative().default(0),
    })
    .default({ allowed: false, maxWorkingDays: 0, maxTimes: 0 }),
})

/** A complaint deadline: working days, working minutes, or clock hours (around the clock). */
export const complaintTargetSchema = z.union([
  targetSchema,
  z
    .object({
      hours: z
        .number()
        .int()
        .positive()
        .max(24 * 366),
    })
    .strict(),
])

/** Component 6: complaint channels, the register, who handles them, and an optional response deadline. */
export const complaintsSchema = z.object({
  channels: z.array(
    z.object({
      kind: z.enum(['telepon', 'email', 'langsung', 'kotak_saran', 'lapor', 'other']),
      value: text.optional(),
      description: text.optional(),
    }),
  ),
  /** Where complaints are recorded. @default 'Buku Pengaduan' */
  register: text.default('Buku Pengaduan'),
  /** Who opens the suggestion box at the end of each service day. */
  suggestionBoxRole: id.optional(),
  /** Who records complaints in the register. */
  recordedBy: id.optional(),
  /** Who follows up and writes the tindak lanjut column. */
  followUpRole: id.optional(),
  /** Response deadline; the Balongbendo SK sets none. @deprecated Use `deadlines.firstResponse`. */
  responseDeadline: targetSchema.optional(),
  /**
   * Deadlines of a `pengaduan` (not of a saran or masukan), as SP4N-LAPOR! separates them: a first
   * response and a resolution, each in working days, working minutes or clock hours
   * (`{ hours: 24 }` is the "1x24 jam" some offices promise). Off unless the office sets them; the
   * Balongbendo SK sets none.
   */
  deadlines: z
    .object({
      firstResponse: complaintTargetSchema.optional(),
      resolution: complaintTargetSchema.optional(),
    })
    .strict()
    .optional(),
  /** The seksi (sections) of the office a complaint can concern, by id; free text when empty. @default [] */
  sections: z.array(z.object({ id, name: text }).strict()).default([]),
  /** Procedure as the SK words it. @default [] */
  procedure: z.array(text).default([]),
})

/** A notice template's texts in one language. */
export const templateTextsSchema = z.object({
  sms: z.string().min(1).optional(),
  subject: z.string().min(1).optional(),
  text: z.string().min(1).optional(),
  html: z.string().min(1).optional(),
})

const managementSchema = z
  .object({
    legalBasis: z.array(text),
    facilities: z.array(text),
    staffCompetence: z.array(text),
    internalSupervision: z.array(text),
    staffCount: text,
    serviceGuarantee: text,
    securityGuarantee: text,
    performanceEvaluation: text,
  })
  .partial()

/** Who may submit, per channel. */
const channelRulesSchema = z.object({
  tatap_muka: z.object({ submittedBy: z.array(id).min(1) }).optional(),
  online: z.object({ submittedBy: z.array(id).min(1) }).optional(),
})

/**
 * The whole Standar Pelayanan as `defineStandard` accepts it: the 14 components of PermenPAN-RB
 * 15/2014 (those an SK does not give are optional), the step table, and versioning.
 */
export const standardInputSchema = z.object({
  /** Stable id of this standard, e.g. `ak1-balongbendo`. */
  id: z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, { message: 'standard_id_format' }),
  /** The service it standardises; a catalog groups versions by it. @default 'ak1' */
  service: id.default('ak1'),
  /**
   * What the layanan is: `registration` (a new card) or `renewal` (perpanjangan / daftar ulang: it
   * needs a `previous_card` requirement, and an expired card is sent to `renewal.expiredService`).
   * @default 'registration'
   */
  serviceKind: z.enum(serviceKinds).default('registration'),
  /** For a renewal: where an expired card goes, and the check step that branches on validity. */
  renewal: z
    .object({
      /** The step at which the previous card's validity is checked (its REJECT is the "expired" branch). */
      checkStep: id,
      /** The layanan an applicant with an expired card is sent to. @default 'ak1' */
      expiredService: id.default('ak1'),
      /**
       * The reason an expired (or no longer active) card is refused with, as the SK words it;
       * `{validUntil}` and `{service}` are filled in. Absent: "Masa berlaku kartu AK/I lama berakhir
       * {validUntil}; silakan mendaftar baru (layanan {service})".
       */
      expiredReason: text.optional(),
    })
    .strict()
    .optional(),
  name: text,
  version: z.string().min(1).max(64),
  /** @default 'draft' */
  status: z.enum(['draft', 'published', 'retired']).default('draft'),
  validFrom: isoDay,
  validUntil: isoDay.optional(),
  /** The content hash; given back on a round trip it is recomputed and checked. */
  hash: z.string().optional(),
  office: officeSchema,
  /** The SK: number, and date only if known. */
  decree: z.object({ number: text, date: isoDay.optional(), title: text.optional() }),
  /** @default {@link defaultRoles} */
  roles: z.array(roleSchema).min(1).default(defaultRoles),
  /** The applicant role and the roles that may act on the applicant's behalf. */
  applicant: z
    .object({ role: id.default('pemohon'), onBehalfRoles: z.array(id).default(['petugas', 'operator']) })
    .default({ role: 'pemohon', onBehalfRoles: ['petugas', 'operator'] }),
  /**
   * The applicant's age range in whole years on the day of submission, both ends included. The SK
   * names none; working age (15 and over) is the default. `max` absent: no upper bound.
   * @default { min: 15 }
   */
  applicantAge: z
    .object({ min: z.number().int().min(0).max(120), max: z.number().int().min(0).max(120).optional() })
    .strict()
    .refine((r) => r.max === undefined || r.max >= r.min, { message: 'age_range', path: ['max'] })
    .default({ min: 15 }),
  /**
   * Files one case may hold (scans, photos), counted over the case's life: at most `maxCount` files and
   * `maxTotalBytes` together. The SK names no limit; the defaults hold every requirement of the SK
   * (KTP, KK, an ijazah and daftar nilai per level, certificates, photos, the form) many times over.
   * @default { maxCount: 50, maxTotalBytes: 104857600 } (100 MiB)
   */
  attachments: z
    .object({
      maxCount: z.number().int().min(1).max(100_000).default(50),
      maxTotalBytes: z.number().int().min(1).default(104_857_600),
    })
    .strict()
    .default({ maxCount: 50, maxTotalBytes: 104_857_600 }),
  channels: channelRulesSchema.default({
    tatap_muka: { submittedBy: ['petugas'] },
    online: { submittedBy: ['pemohon', 'operator'] },
  }),
  /** Component 1: requirements. */
  requirements: z.array(requirementSchema).min(1),
  /** Component 2: system, mechanism and procedure, as the SK lists it. @default [] */
  procedureText: z.array(text).default([]),
  /** The step table, in the SK's order. */
  steps: z.array(stepSchema).min(1),
  /** @default [] */
  separationOfDuties: z.array(separationOfDutiesSchema).default([]),
  /**
   * The first step at which the applicant can no longer withdraw (exclusive bound): WITHDRAW is
   * possible while the case waits at any step before this one in the step table, and while it is
   * returned (`dikembalikan`) by a step before or at this one; once the case has entered this step it
   * cannot be withdrawn. To allow withdrawal up to and including a step X (until X's event is sent),
   * name the step after X (Balongbendo: `pemberitahuan`, which SIGN enters, so withdrawal is possible
   * until the Camat signs). Absent: no withdrawal at all.
   */
  withdrawUntil: id.optional(),
  /** Component 3: completion time. */
  completion: completionSchema,
  /** Component 4: cost. */
  fee: z.object({
    amount: z.number().nonnegative(),
    currency: z.literal('IDR').default('IDR'),
    note: text.optional(),
  }),
  /** Component 5: products. */
  products: z.array(z.object({ id, name: text })).min(1),
  /** Component 6: complaints, suggestions and input. */
  complaints: complaintsSchema,
  /**
   * Where the standard's facts come from, and which values are assumptions the sources do not give
   * (by path, e.g. `office.postcode`). Documentation only: no rule reads it.
   */
  provenance: z
    .object({
      sources: z.array(z.object({ title: text, url: z.string().min(1).max(500).optional() }).strict()).min(1),
      assumptions: z.array(z.object({ path: z.string().min(1).max(200), note: text }).strict()).default([]),
    })
    .strict()
    .optional(),
  /** Components 7-14 (management); the Balongbendo SK gives none. @default {} */
  management: managementSchema.default({}),
  numbering: numberingSchema.default({
    trackingCode: 'AK1-{yy}{mm}{dd}-{seq:5}',
    registerNumber: '{seq:4}/AK1/{office}/{yyyy}',
    cardNumber: '{office}-{yyyy}-{seq:6}',
    sequenceScope: 'office',
  }),
  /** @default see {@link cardSchema}: 24 months, reporting every 6, counted from registration */
  card: cardSchema.default(() => cardSchema.parse({})),
  /**
   * Which `task` steps' COMPLETE issue the register-book number and print the card (the card step
   * also stops the SLA clock). A step named here that the standard does not have, or `null`, falls
   * back: the card at the last task step before hand-over, the register number with the card.
   * @default { registerStep: 'registrasi', cardStep: 'pencetakan' }
   */
  issuance: z
    .object({
      registerStep: id.nullable().default('registrasi'),
      cardStep: id.nullable().default('pencetakan'),
    })
    .default({ registerStep: 'registrasi', cardStep: 'pencetakan' }),
  /** Status labels applicants see in SIPRAJA, by state id (or final state). @default {} */
  siprajaStatus: z.record(z.string(), text).default({}),
  /** Overrides of the default notice texts, per template id and locale. @default {} */
  noticeTemplates: z
    .record(id, z.object({ id: templateTextsSchema.optional(), en: templateTextsSchema.optional() }))
    .default({}),
  /** @default { timeZone: 'Asia/Jakarta', holidays: 'indonesia' } */
  calendar: calendarRefSchema.default({
    timeZone: 'Asia/Jakarta',
    holidays: 'indonesia',
    closures: [],
    extraWorkingDays: [],
  }),
})

/** What `defineStandard` accepts: every defaulted field may be left out. */
export type StandardInput = z.input<typeof standardInputSchema>
/** A standard after validation, with every default filled in (before freezing and hashing). */
export type StandardOutput = z.output<typeof standardInputSchema>
/** A role of a defined standard. */
export type Role = z.output<typeof roleSchema>
/** A requirement of a defined standard, defaults filled in. */
export type Requirement = z.output<typeof requirementSchema>
/** A step of a defined standard, defaults filled in. */
export type Step = z.output<typeof stepSchema>
/** A notice a step emits. */
export type StepNotice = z.output<typeof stepNoticeSchema>
/** A step's target: `{ minutes }` (working minutes) or `{ workingDays }` ("1 hari" = `{ workingDays: 1 }`); see {@link targetSchema}. */
export type StepTarget = z.output<typeof targetSchema>
/** The working calendar of a defined standard. */
export type CalendarRef = z.output<typeof calendarRefSchema>
/** One closed day of a holiday list. */
export type HolidayEntry = z.output<typeof holidayEntrySchema>
/** A notice template's texts in one language. */
export type TemplateTexts = z.output<typeof templateTextsSchema>
/** The office's identity. */
export type Office = z.output<typeof officeSchema>
/** The completion limit of a defined standard (component 3). */
export type Completion = z.output<typeof completionSchema>
/** A requirement's attributes (size, background...). */
export type RequirementAttributes = z.output<typeof requirementAttributesSchema>

/** A validated, frozen Standar Pelayanan: what `defineStandard` returns. */
export type Standard = DeepReadonly<Omit<StandardOutput, 'hash'> & { hash: string }>

/** @internal */
export type DeepReadonly<T> = T extends (infer U)[]
  ? readonly DeepReadonly<U>[]
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T
