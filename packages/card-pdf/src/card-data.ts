import {
  type Application,
  applicationSchema,
  type CaseView,
  type CardPhoto as CorePhoto,
  type CardRenderInput as CoreRenderInput,
  cardPhotoOf,
  educationLabels,
  maritalStatusLabels,
  religionLabels,
  type Standard,
  sexLabels,
  ValidationError,
} from '@ak1/core'

/** The photo's bytes, as the service reads them from its attachment store. */
export type CardPhoto = CorePhoto
/** What the renderer prints: a case, its pinned standard, the holder's photo. */
export type CardRenderInput = CoreRenderInput

/** One row of the formal education table. */
export interface EducationRow {
  level: string
  school: string
  major: string
  year: string
  grade: string
}

/** Everything printed, as text: built once, drawn by the card and the AK/II. @internal */
export interface PrintableCard {
  layout: Standard['card']['layout']
  letterhead: { government: string; office: string; address: string; contact: string }
  jobSeekerNumber: string
  registerNumber: string
  nik: string
  name: string
  birth: string
  sex: string
  maritalStatus: string
  religion: string
  address: string
  formalEducation: string[]
  educationRows: EducationRow[]
  nonFormalEducation: string[]
  contacts: string[]
  workHistory: string[]
  languages: string[]
  skills: string[]
  desiredJob: string
  /** What the interview step recorded beyond the application's fields; absent without an interview. */
  interview?: { at: string; physical?: string; notes?: string }
  issuedBy: string
  issuedAt: string
  validUntil: string
  /** Issue instant, for the PDF's dates. */
  issuedInstant: Date
  reporting: Array<{ index: number; date: string }>
  signer: { title: string; name?: string; nip?: string }
  photo: CardPhoto
}

const months = [
  'Januari',
  'Februari',
  'Maret',
  'April',
  'Mei',
  'Juni',
  'Juli',
  'Agustus',
  'September',
  'Oktober',
  'November',
  'Desember',
]

/** `2026-09-10` as `10 September 2026`. @internal */
export function longDate(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number]
  return `${d} ${months[m - 1]} ${y}`
}

/** The calendar day of an instant in an IANA zone. @internal */
export function dayIn(at: string | Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(at))
}

function fail(path: (string | number)[], rule: string, message: string, messageEn: string): never {
  throw new ValidationError([{ path, rule, message, messageEn }])
}

const jpeg = (b: Uint8Array) => b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff
const png = (b: Uint8Array) =>
  b.length > 8 && b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47 && b[4] === 0x0d

function missingPhoto(): never {
  return fail(
    ['photo'],
    'photo_required',
    'pas foto 3x4 pemohon wajib ada untuk mencetak kartu AK-1; unggah foto (JPEG atau PNG) ke berkas kasus',
    "the applicant's 3x4 photo is required to print the AK-1 card; attach a photo (JPEG or PNG) to the case",
  )
}

/** Refuses a missing photo, or bytes that are not the JPEG or PNG they claim. @internal */
export function checkPhoto(photo: CardPhoto | null | undefined): CardPhoto {
  if (!photo || !(photo.bytes instanceof Uint8Array) || photo.bytes.byteLength === 0) return missingPhoto()
  const ok =
    (photo.contentType === 'image/jpeg' && jpeg(photo.bytes)) ||
    (photo.contentType === 'image/png' && png(photo.bytes))
  if (!ok) {
    fail(
      ['photo', 'contentType'],
      'photo_content_type',
      `pas foto harus berkas JPEG atau PNG yang sah (tercatat ${photo.contentType})`,
      `the photo must be a valid JPEG or PNG file (recorded as ${photo.contentType})`,
    )
  }
  return photo
}

function parseCaseApplication(view: CaseView): Application {
  const result = applicationSchema.safeParse(view.application)
  if (!result.success) {
    fail(
      ['case', 'application'],
      'application_invalid',
      'data permohonan pada kasus tidak lengkap untuk dicetak',
      "the case's application is incomplete for printing",
    )
  }
  return result.data
}

function signerOf(standard: Standard): PrintableCard['signer'] {
  const { layout } = standard.card
  const signRole = standard.steps.find((s) => s.kind === 'sign')?.role
  const roleName = standard.roles.find((r) => r.id === signRole)?.name ?? 'Camat'
  const place = standard.office.name.replace(/^Kecamatan\s+/i, '')
  return {
    title: layout.signerTitle ?? `${roleName} ${place}`,
    ...(layout.signerName === undefined ? {} : { name: layout.signerName }),
    ...(layout.signerNip === undefined ? {} : { nip: layout.signerNip }),
  }
}

/** The AK/II fields that are also the application's. */
const interviewed = ['education', 'courses', 'workHistory', 'languages', 'skills', 'desiredJob'] as const

/** The application with the fields the interview recorded in their place. */
function withInterview(app: Application, ak2: CaseView['ak2']): Application {
  if (ak2 === undefined) return app
  const out: Record<string, unknown> = { ...app }
  for (const field of interviewed) if (ak2[field] !== undefined) out[field] = ak2[field]
  return out as Application
}

/** The interview's own rows: when, height and weight, the interviewer's notes. */
function interviewRows(
  ak2: NonNullable<CaseView['ak2']>,
  zone: string,
): NonNullable<PrintableCard['interview']> {
  const p = ak2.physical
  const physical = [
    p?.heightCm === undefined ? undefined : `${p.heightCm} cm`,
    p?.weightKg === undefined ? undefined : `${p.weightKg} kg`,
  ].filter(Boolean)
  return {
    at: longDate(dayIn(ak2.recordedAt, zone)),
    ...(physical.length ? { physical: physical.join(' / ') } : {}),
    ...(ak2.notes === undefined ? {} : { notes: ak2.notes }),
  }
}

/**
 * Builds the printable text of a case's card and AK/II: every value from the case and the standard.
 *
 * @throws {ValidationError} `photo` when there is no photo (or not a JPEG/PNG), `case.card` when the
 *   card was not issued yet.
 * @internal
 */
export function printableCard(input: CardRenderInput): PrintableCard {
  const { case: view, standard } = input
  const card = view.card
  if (!card) {
    fail(
      ['case', 'card'],
      'card_not_issued',
      `kartu AK-1 kasus ${view.trackingCode} belum diterbitkan (langkah pencetakan belum selesai)`,
      `the AK-1 card of case ${view.trackingCode} was not issued yet (the printing step is not done)`,
    )
  }
  const photo = checkPhoto(input.photo)
  // The interview's AK/II fields replace the application's (the interview is the later record).
  const ak2 = view.ak2
  const app = withInterview(parseCaseApplication(view), ak2)
  const zone = standard.calendar.timeZone
  const { applicant: a } = app
  const addr = a.address
  const office = standard.office
  const reportingDays = input.reportingDates ?? card.reportingDueDates.map((at) => dayIn(at, zone))
  const educationRows = app.education.map((e) => ({
    level:
      e.type && e.type !== e.level
        ? `${educationLabels[e.level]} (${educationLabels[e.type]})`
        : educationLabels[e.level],
    school: e.school,
    major: e.major ?? '-',
    year: String(e.graduationYear),
    grade: e.grade ?? '-',
  }))
  const wage = app.desiredJob.wage
  return {
    layout: standard.card.layout,
    letterhead: {
      government: (office.government ?? `Pemerintah Kabupaten ${office.kabupaten}`).toUpperCase(),
      office: office.name.toUpperCase(),
      address: `${office.address}, ${office.kabupaten} ${office.postcode}`,
      contact: [`Telp. ${office.phone}`, office.website, office.email].filter(Boolean).join(' · '),
    },
    jobSeekerNumber: card.number,
    registerNumber: view.registerNumber ?? '-',
    nik: a.nik,
    name: a.fullName,
    birth: `${a.birthPlace}, ${longDate(a.birthDate)}`,
    sex: sexLabels[a.sex].id,
    maritalStatus: maritalStatusLabels[a.maritalStatus].id,
    religion: religionLabels[a.religion].id,
    address: `${addr.street}, RT ${addr.rt}/RW ${addr.rw}, ${addr.desa}, Kec. ${addr.kecamatan}, ${addr.kabupaten} ${addr.postcode}`,
    formalEducation: educationRows.map((r) =>
      [r.level, r.school, r.major === '-' ? undefined : r.major, r.year].filter(Boolean).join(', '),
    ),
    educationRows,
    nonFormalEducation: app.courses.map((c) =>
      [c.name, c.organizer, c.year === undefined ? undefined : String(c.year)].filter(Boolean).join(', '),
    ),
    contacts: [app.contacts.mobile, app.contacts.email].filter((v): v is string => v !== undefined),
    workHistory: app.workHistory.map((w) => `${w.position}, ${w.employer} (${w.length})`),
    languages: app.languages.map((l) => l.name),
    skills: app.skills,
    desiredJob: [
      app.desiredJob.category,
      app.desiredJob.subCategory,
      app.desiredJob.location === 'luar_negeri' ? 'luar negeri' : 'dalam negeri',
      app.desiredJob.place,
      wage
        ? `Rp${wage.min.toLocaleString('id-ID')}${wage.max === undefined ? '' : `-${wage.max.toLocaleString('id-ID')}`}`
        : undefined,
    ]
      .filter(Boolean)
      .join(', '),
    ...(ak2 === undefined ? {} : { interview: interviewRows(ak2, zone) }),
    issuedBy: `${office.name}, ${office.government ?? `Kabupaten ${office.kabupaten}`}`,
    issuedAt: longDate(dayIn(card.issuedAt, zone)),
    validUntil: longDate(dayIn(card.validUntil, zone)),
    issuedInstant: new Date(card.issuedAt),
    reporting: reportingDays.map((d, i) => ({ index: i + 1, date: longDate(d) })),
    signer: signerOf(standard),
    photo,
  }
}

/**
 * The reference of the photo to print: the newest JPEG or PNG attached for a checklist item of kind
 * `photo` (Balongbendo's `pas_foto`), else the application's first photo. The service reads its bytes
 * from the attachment store by `sha256`.
 *
 * @throws {ValidationError} `photo` when the case holds no JPEG or PNG photo.
 */
export function cardPhotoRef(view: CaseView): { sha256: string; contentType: string } {
  return cardPhotoOf(view) ?? missingPhoto()
}
