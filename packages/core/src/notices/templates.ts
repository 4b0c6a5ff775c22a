import type { Locale } from '../errors/errors'

/**
 * The notice templates core ships texts for: five to the applicant, two SLA alerts to the office,
 * two deadline alerts of a Buku Pengaduan entry to the office, two to a complainant who left a contact (the Buku Pengaduan's acknowledgement and follow-up
 * result; `{trackingCode}` is then the entry's number in the book), and the card holder's two
 * reminders (before a reporting date, before expiry).
 */
export const noticeTemplateIds = [
  'diterima',
  'dikembalikan',
  'ditolak',
  'berkas_jadi',
  'kartu_siap',
  'sla_at_risk',
  'sla_breached',
  'pengaduan_diterima',
  'pengaduan_ditindaklanjuti',
  'pengaduan_berisiko',
  'pengaduan_terlambat',
  'pengingat_lapor',
  'pengingat_kedaluwarsa',
] as const
/** The id of a notice template core ships a default text for. */
export type NoticeTemplateId = (typeof noticeTemplateIds)[number]

/** Templates sent to the office (`standard.office.email`), not to the applicant or complainant. */
export const officeAlertTemplates: readonly string[] = [
  'sla_at_risk',
  'sla_breached',
  'pengaduan_berisiko',
  'pengaduan_terlambat',
]

/** Placeholders every template may use: the case's tracking code and the office's public details. */
export const commonPlaceholders = [
  'trackingCode',
  'officeName',
  'officeAddress',
  'officePhone',
  'officeEmail',
  'officeWebsite',
  'openingHours',
  'serviceName',
  'fee',
  'complaintChannels',
  'complaintPhone',
] as const

/** The placeholders of the office's SLA alerts: they name the case, never the applicant. */
const slaAlertPlaceholders = [
  ...commonPlaceholders,
  'caseId',
  'dueDate',
  'dueTime',
  'stepName',
  'completionDays',
  'completionTime',
]

/**
 * The placeholders each template may use (`{name}` in its texts), fixed per template. A template a
 * standard adds of its own gets the common ones plus `applicantName`.
 */
export const templatePlaceholders: Readonly<Record<NoticeTemplateId, readonly string[]>> = {
  diterima: [
    ...commonPlaceholders,
    'applicantName',
    'dueDate',
    'dueTime',
    'completionDays',
    'completionTime',
  ],
  dikembalikan: [
    ...commonPlaceholders,
    'applicantName',
    'missingItems',
    'missingCount',
    'reason',
    'resubmitHow',
    'resubmitWhere',
  ],
  ditolak: [...commonPlaceholders, 'applicantName', 'reason'],
  berkas_jadi: [...commonPlaceholders, 'applicantName'],
  kartu_siap: [...commonPlaceholders, 'applicantName', 'whatToBring', 'cardNumber', 'registerNumber'],
  // Office alerts name the case, never the applicant.
  sla_at_risk: slaAlertPlaceholders,
  sla_breached: slaAlertPlaceholders,
  // The content and the follow-up text are not placeholders: a notice never repeats them.
  pengaduan_diterima: [...commonPlaceholders, 'applicantName'],
  pengaduan_ditindaklanjuti: [...commonPlaceholders, 'applicantName'],
  // The office's alerts of a Buku Pengaduan deadline name the entry's number, never the complainant.
  pengaduan_berisiko: commonPlaceholders,
  pengaduan_terlambat: commonPlaceholders,
  // Card reminders: the card's number and the date they are about (a reporting date, the last valid day).
  pengingat_lapor: [...commonPlaceholders, 'applicantName', 'cardNumber', 'cardDate', 'reportIndex'],
  pengingat_kedaluwarsa: [...commonPlaceholders, 'applicantName', 'cardNumber', 'cardDate'],
}

/** The placeholders a template id may use. */
export function placeholdersOf(template: string): readonly string[] {
  return Object.hasOwn(templatePlaceholders, template)
    ? templatePlaceholders[template as NoticeTemplateId]
    : [...commonPlaceholders, 'applicantName']
}

/** The texts of one template in one language: SMS body, e-mail subject, text and (optional) HTML. */
export interface NoticeTexts {
  sms?: string
  subject?: string
  text?: string
  html?: string
}

const signatureId = '\n\nHormat kami,\n{officeName}\n{officeAddress}\nTelp. {officePhone}'
const signatureEn = '\n\nKind regards,\n{officeName}\n{officeAddress}\nPhone {officePhone}'

/**
 * The default texts, Bahasa Indonesia first. SMS texts fit one GSM-7 part with the Balongbendo
 * office's values and a typical tracking code; e-mail HTML is made from the text when a template
 * gives none. A standard overrides any of them in `noticeTemplates`.
 */
export const defaultNoticeTemplates: Readonly<Record<NoticeTemplateId, Record<Locale, NoticeTexts>>> = {
  diterima: {
    id: {
      sms: 'Permohonan AK-1 Anda diterima {officeName}. Kode: {trackingCode}. Perkiraan selesai {dueDate}. Info: {officePhone}',
      subject: 'Permohonan AK-1 diterima: {trackingCode}',
      text: `Yth. {applicantName},

Permohonan {serviceName} Anda telah diterima oleh {officeName}.

Kode pelacakan: {trackingCode}
Perkiraan selesai: {dueDate} pukul {dueTime} ({completionTime})
Biaya: {fee}

Simpan kode pelacakan ini untuk menanyakan status permohonan Anda.${signatureId}`,
    },
    en: {
      sms: 'Your AK-1 application was received by {officeName}. Code: {trackingCode}. Expected ready {dueDate}. Info: {officePhone}',
      subject: 'AK-1 application received: {trackingCode}',
      text: `Dear {applicantName},

Your application for the {serviceName} was received by {officeName}.

Tracking code: {trackingCode}
Expected to be ready: {dueDate} at {dueTime} ({completionTime})
Fee: {fee}

Keep this tracking code to ask about your application.${signatureEn}`,
    },
  },
  dikembalikan: {
    id: {
      sms: 'Berkas AK-1 {trackingCode} dikembalikan: {missingCount} persyaratan kurang. Lengkapi lalu ajukan kembali di {resubmitWhere}. Info {officePhone}',
      subject: 'Berkas AK-1 dikembalikan: {trackingCode}',
      text: `Yth. {applicantName},

Berkas permohonan AK-1 Anda ({trackingCode}) dikembalikan untuk dilengkapi.

Persyaratan yang perlu dilengkapi:
{missingItems}

Alasan: {reason}

Cara mengajukan kembali: {resubmitHow}
Waktu penyelesaian berhenti sementara selama berkas dikembalikan dan berlanjut setelah Anda mengajukan kembali.${signatureId}`,
    },
    en: {
      sms: 'AK-1 file {trackingCode} returned: {missingCount} requirement(s) missing. Complete them and resubmit at {resubmitWhere}. Info {officePhone}',
      subject: 'AK-1 file returned: {trackingCode}',
      text: `Dear {applicantName},

Your AK-1 application ({trackingCode}) was returned to you to be completed.

Requirements to complete:
{missingItems}

Reason: {reason}

How to resubmit: {resubmitHow}
The completion time is paused while the file is with you and resumes when you resubmit.${signatureEn}`,
    },
  },
  ditolak: {
    id: {
      sms: 'Permohonan AK-1 {trackingCode} ditolak. Alasan: {reason}. Pengaduan: telp {complaintPhone}',
      subject: 'Permohonan AK-1 ditolak: {trackingCode}',
      text: `Yth. {applicantName},

Dengan menyesal kami sampaikan bahwa permohonan AK-1 Anda ({trackingCode}) ditolak.

Alasan: {reason}

Bila Anda keberatan, sampaikan pengaduan melalui: {complaintChannels}.${signatureId}`,
    },
    en: {
      sms: 'AK-1 application {trackingCode} was rejected. Reason: {reason}. Complaints: phone {complaintPhone}',
      subject: 'AK-1 application rejected: {trackingCode}',
      text: `Dear {applicantName},

We regret to tell you that your AK-1 application ({trackingCode}) was rejected.

Reason: {reason}

If you disagree, you can complain through: {complaintChannels}.${signatureEn}`,
    },
  },
  berkas_jadi: {
    id: {
      sms: 'Berkas AK-1 {trackingCode} jadi, kartu AK-1 siap dicetak. {officeName} akan mengabari saat kartu bisa diambil.',
      subject: 'Berkas jadi, kartu AK-1 siap dicetak: {trackingCode}',
      text: `Yth. {applicantName},

Berkas permohonan AK-1 Anda ({trackingCode}) telah jadi: kartu AK-1 siap dicetak.
Kami akan mengabari Anda lagi saat kartu bisa diambil.${signatureId}`,
    },
    en: {
      sms: 'AK-1 file {trackingCode} is done, the AK-1 card is ready to print. {officeName} will tell you when to collect it.',
      subject: 'File done, AK-1 card ready to print: {trackingCode}',
      text: `Dear {applicantName},

Your AK-1 file ({trackingCode}) is done: the AK-1 card is ready to print.
We will tell you again when the card can be collected.${signatureEn}`,
    },
  },
  kartu_siap: {
    id: {
      sms: 'Kartu AK-1 {trackingCode} siap diambil di {officeName}, {officeAddress}. Bawa: {whatToBring}.',
      subject: 'Kartu AK-1 siap diambil: {trackingCode}',
      text: `Yth. {applicantName},

Kartu Pencari Kerja (AK-1) Anda ({trackingCode}) siap diambil.

Tempat: {officeName}, {officeAddress}
Jam pelayanan: {openingHours}
Yang perlu dibawa:
{whatToBring}

Nomor kartu: {cardNumber}${signatureId}`,
    },
    en: {
      sms: 'AK-1 card {trackingCode} ready to collect at {officeAddress}. Bring: {whatToBring}.',
      subject: 'AK-1 card ready to collect: {trackingCode}',
      text: `Dear {applicantName},

Your job-seeker card (AK-1) ({trackingCode}) is ready to collect.

Where: {officeName}, {officeAddress}
Opening hours: {openingHours}
Please bring:
{whatToBring}

Card number: {cardNumber}${signatureEn}`,
    },
  },
  sla_at_risk: {
    id: {
      sms: 'AK-1 {trackingCode} berisiko terlambat. Langkah: {stepName}. Batas {dueDate} {dueTime}.',
      subject: '[AK-1] Berisiko terlambat: {trackingCode}',
      text: `Permohonan {trackingCode} (kasus {caseId}) berisiko melewati waktu penyelesaian {completionTime}.

Langkah saat ini: {stepName}
Batas waktu: {dueDate} pukul {dueTime}`,
    },
    en: {
      sms: 'AK-1 {trackingCode} at risk of being late. Step: {stepName}. Due {dueDate} {dueTime}.',
      subject: '[AK-1] At risk of being late: {trackingCode}',
      text: `Application {trackingCode} (case {caseId}) is at risk of exceeding the completion time of {completionTime}.

Current step: {stepName}
Due: {dueDate} at {dueTime}`,
    },
  },
  sla_breached: {
    id: {
      sms: 'AK-1 {trackingCode} melewati batas waktu {dueDate} {dueTime}. Langkah: {stepName}.',
      subject: '[AK-1] Melewati batas waktu: {trackingCode}',
      text: `Permohonan {trackingCode} (kasus {caseId}) telah melewati waktu penyelesaian {completionTime}.

Langkah saat ini: {stepName}
Batas waktu: {dueDate} pukul {dueTime}`,
    },
    en: {
      sms: 'AK-1 {trackingCode} is past its due time {dueDate} {dueTime}. Step: {stepName}.',
      subject: '[AK-1] Past due: {trackingCode}',
      text: `Application {trackingCode} (case {caseId}) has exceeded the completion time of {completionTime}.

Current step: {stepName}
Due: {dueDate} at {dueTime}`,
    },
  },
  pengaduan_diterima: {
    id: {
      sms: 'Pengaduan/saran Anda dicatat {officeName} dalam Buku Pengaduan no. {trackingCode}. Info: {officePhone}',
      subject: 'Pengaduan dicatat: nomor {trackingCode}',
      text: `Yth. {applicantName},

Pengaduan, saran atau masukan Anda telah dicatat dalam Buku Pengaduan {officeName} dengan nomor {trackingCode} dan diteruskan kepada Kepala Seksi terkait.${signatureId}`,
    },
    en: {
      sms: 'Your complaint/suggestion was recorded by {officeName} in the complaints book as no. {trackingCode}. Info: {officePhone}',
      subject: 'Complaint recorded: number {trackingCode}',
      text: `Dear {applicantName},

Your complaint, suggestion or input was recorded in the complaints book of {officeName} as number {trackingCode} and passed to the section head concerned.${signatureEn}`,
    },
  },
  pengaduan_ditindaklanjuti: {
    id: {
      sms: 'Pengaduan no. {trackingCode} telah ditindaklanjuti {officeName}. Hasilnya dapat ditanyakan ke {officePhone}',
      subject: 'Pengaduan ditindaklanjuti: nomor {trackingCode}',
      text: `Yth. {applicantName},

Pengaduan nomor {trackingCode} telah ditindaklanjuti oleh Kepala Seksi terkait dan hasilnya dicatat pada kolom tindak lanjut Buku Pengaduan {officeName}. Hasilnya dapat ditanyakan di meja pelayanan atau melalui telepon {officePhone}.${signatureId}`,
    },
    en: {
      sms: 'Complaint no. {trackingCode} was followed up by {officeName}. Ask for the result at {officePhone}',
      subject: 'Complaint followed up: number {trackingCode}',
      text: `Dear {applicantName},

Complaint number {trackingCode} was followed up by the section head concerned and the result written in the follow-up column of the complaints book of {officeName}. Ask for the result at the service desk or by telephone {officePhone}.${signatureEn}`,
    },
  },
  pengaduan_berisiko: {
    id: {
      sms: 'Pengaduan no. {trackingCode} berisiko melewati batas waktu tanggapan. Mohon segera ditindaklanjuti.',
      subject: '[Pengaduan] Berisiko terlambat: nomor {trackingCode}',
      text: `Pengaduan nomor {trackingCode} di Buku Pengaduan {officeName} berisiko melewati batas waktu tanggapan yang ditetapkan standar pelayanan.

Mohon Kepala Seksi terkait segera menindaklanjutinya.`,
    },
    en: {
      sms: 'Complaint no. {trackingCode} is at risk of missing its response deadline. Please follow it up.',
      subject: '[Complaint] At risk of being late: number {trackingCode}',
      text: `Complaint number {trackingCode} in the complaints book of {officeName} is at risk of missing the response deadline the service standard sets.

The section head concerned should follow it up now.`,
    },
  },
  pengaduan_terlambat: {
    id: {
      sms: 'Pengaduan no. {trackingCode} telah melewati batas waktu tanggapan.',
      subject: '[Pengaduan] Melewati batas waktu: nomor {trackingCode}',
      text: `Pengaduan nomor {trackingCode} di Buku Pengaduan {officeName} telah melewati batas waktu tanggapan yang ditetapkan standar pelayanan.

Mohon Kepala Seksi terkait segera menindaklanjutinya.`,
    },
    en: {
      sms: 'Complaint no. {trackingCode} is past its response deadline.',
      subject: '[Complaint] Past due: number {trackingCode}',
      text: `Complaint number {trackingCode} in the complaints book of {officeName} has missed the response deadline the service standard sets.

The section head concerned should follow it up now.`,
    },
  },
  pengingat_lapor: {
    id: {
      sms: 'Kartu AK-1 {cardNumber}: wajib lapor ke-{reportIndex} pada {cardDate} di {officeName}.',
      subject: 'Pengingat wajib lapor kartu AK-1 {cardNumber}',
      text: `Yth. {applicantName},

Kartu Pencari Kerja (AK-1) Anda nomor {cardNumber} wajib dilaporkan (laporan ke-{reportIndex}) pada {cardDate}.
Laporkan di {officeName}, {officeAddress}, bila Anda masih mencari kerja; bila sudah bekerja, laporkan nama perusahaan, jabatan dan tanggal mulai bekerja.
Jam pelayanan: {openingHours}${signatureId}`,
    },
    en: {
      sms: 'AK-1 card {cardNumber}: report {reportIndex} due on {cardDate} at {officeName}.',
      subject: 'Reporting reminder, AK-1 card {cardNumber}',
      text: `Dear {applicantName},

Your job-seeker card (AK-1) number {cardNumber} is due for report {reportIndex} on {cardDate}.
Report at {officeName}, {officeAddress}, if you are still looking for work; if you are employed, report the employer, position and start date.
Opening hours: {openingHours}${signatureEn}`,
    },
  },
  pengingat_kedaluwarsa: {
    id: {
      sms: 'Kartu AK-1 {cardNumber} berlaku s.d. {cardDate}. Daftar ulang di {officeName}.',
      subject: 'Kartu AK-1 {cardNumber} segera berakhir',
      text: `Yth. {applicantName},

Kartu Pencari Kerja (AK-1) Anda nomor {cardNumber} berlaku sampai {cardDate}.
Setelah itu, daftar ulang di {officeName}, {officeAddress}, dengan membawa kartu lama.
Jam pelayanan: {openingHours}${signatureId}`,
    },
    en: {
      sms: 'AK-1 card {cardNumber} is valid until {cardDate}. Register again at {officeName}.',
      subject: 'AK-1 card {cardNumber} expires soon',
      text: `Dear {applicantName},

Your job-seeker card (AK-1) number {cardNumber} is valid until {cardDate}.
After that, register again at {officeName}, {officeAddress}, bringing the old card.
Opening hours: {openingHours}${signatureEn}`,
    },
  },
}

/** The `{name}` placeholders a text uses, in order of first use. */
export function placeholdersIn(text: string): string[] {
  const out: string[] = []
  for (const m of text.matchAll(placeholderPattern)) if (m[1] && !out.includes(m[1])) out.push(m[1])
  return out
}

/** `{name}`: a letter, then letters, digits or underscores. @internal */
export const placeholderPattern = /\{([A-Za-z][A-Za-z0-9_]*)\}/g
