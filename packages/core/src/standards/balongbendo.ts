import { defineStandard } from '../standard/define-standard'
import type { StandardInput } from '../standard/schema'

const atDesk = { tatap_muka: 'penerimaan', online: 'penerimaan' }
/** Online applicants show their original KTP and KK when they collect the card. */
const originalsAtDesk = { tatap_muka: 'penerimaan', online: 'penyerahan' }
const returnAndReject = [
  { on: 'RETURN', template: 'dikembalikan' },
  { on: 'REJECT', template: 'ditolak' },
] as const

/**
 * The Balongbendo SK as data: the input {@link balongbendo} is built from, for another office to
 * copy and amend (change `id`, `office`, `decree`, `version`, drop `hash`).
 */
export const balongbendoInput = {
  id: 'ak1-balongbendo',
  service: 'ak1',
  name: 'Pengurusan AK 1 (Kartu Pencari Kerja) Tatap Muka',
  version: '2023.1',
  status: 'published',
  // The SK text gives no date; the year in its number is 2023.
  validFrom: '2023-01-01',
  office: {
    code: 'balongbendo',
    name: 'Kecamatan Balong Bendo',
    government: 'Pemerintah Kab. Sidoarjo',
    kabupaten: 'Sidoarjo',
    address: 'Jl. Mayjend Bambang Yuwono 2',
    postcode: '61263',
    phone: '031-8971003',
    website: 'http://www.balongbendo.sidoarjokab.go.id',
    email: 'kec.balongbendo@gmail.com',
  },
  decree: { number: '188/4/438.7.11/2023', title: 'Standar Pelayanan Pengurusan AK 1 (Kartu Pencari Kerja)' },
  // RESUBMIT and WITHDRAW: the applicant, or a petugas on the applicant's behalf (issue 2/3). The
  // operator's "membantu upload" is submitting online for the applicant: `channels.online.submittedBy`.
  applicant: { role: 'pemohon', onBehalfRoles: ['petugas'] },
  requirements: [
    {
      id: 'ktp_asli',
      label: 'KTP asli pemohon',
      labelEn: "Applicant's original KTP",
      kind: 'original',
      checkedAt: originalsAtDesk,
    },
    {
      id: 'kk_asli',
      label: 'Kartu Keluarga asli pemohon',
      labelEn: "Applicant's original Kartu Keluarga (KK)",
      kind: 'original',
      checkedAt: originalsAtDesk,
    },
    {
      id: 'fotokopi_ktp',
      label: 'Fotokopi KTP',
      labelEn: 'Photocopy of the KTP',
      kind: 'copy',
      checkedAt: atDesk,
    },
    {
      id: 'ijazah',
      label: 'Fotokopi Ijazah dari jenjang sekolah SD s.d. Perguruan Tinggi / Pendidikan Tertinggi Terakhir',
      labelEn: 'Photocopy of the ijazah of every level from SD to the highest completed',
      kind: 'copy',
      perEducationLevel: true,
      checkedAt: atDesk,
    },
    {
      id: 'daftar_nilai',
      label:
        'Fotokopi Daftar nilai dari jenjang sekolah SD s.d. Perguruan Tinggi / Pendidikan Tertinggi Terakhir',
      labelEn: 'Photocopy of the transcript of every level from SD to the highest completed',
      kind: 'copy',
      perEducationLevel: true,
      checkedAt: atDesk,
    },
    {
      id: 'sertifikat',
      label: 'Sertifikat Kursus / keahlian bila ada',
      labelEn: 'Course or skill certificates, if any',
      kind: 'certificate',
      required: false,
      onlyIf: 'has_courses',
      checkedAt: atDesk,
    },
    {
      id: 'pas_foto',
      label: 'Foto berwarna/hitam putih ukuran 3x4 sebanyak 2 buah',
      labelEn: 'Two 3x4 photos, colour or black-and-white',
      kind: 'photo',
      quantity: 2,
      variants: ['berwarna', 'hitam_putih'],
      checkedAt: atDesk,
    },
    {
      id: 'formulir_ak1',
      label: 'Mengisi Blanko permohonan AK 1 dengan lengkap',
      labelEn: 'The AK-1 application form, filled in completely',
      kind: 'form',
      checkedAt: atDesk,
    },
  ],
  procedureText: [
    'Pemohon datang menyerahkan berkas persyaratan yang telah diisi dengan benar',
    'petugas menerima dan memeriksa berkas pemohon',
    'operator pelayanan melakukan pemindaian berkas pemohon dan melakukan upload ke akun sipraja untuk mendapatkan user',
    'operator pelayanan membantu upload berkas pemohon jika ybs kesulitan',
    'operator pelayanan melakukan verifikasi dan cek berkas pemohon',
    'berkas di verifikasi ke camat',
    'Pemberitahuan berkas jadi melalui sms dan email pemohon, kartu AK 1 siap dicetak',
  ],
  steps: [
    {
      id: 'unggah',
      name: 'Pemohon upload berkas secara online di aplikasi SIPRAJA',
      nameEn: 'The applicant uploads the files in SIPRAJA',
      kind: 'intake',
      role: 'pemohon',
      target: { minutes: 30 },
      channel: 'online',
      sipraja: [{ on: 'submit', action: 'ensure_account' }],
    },
    {
      id: 'penerimaan',
      name: 'Petugas menerima dan memeriksa berkas pemohon',
      nameEn: 'The officer receives and checks the files',
      kind: 'review',
      role: 'petugas',
      target: { minutes: 15 },
      events: ['ACCEPT', 'RETURN'],
      notices: [
        { on: 'submit', template: 'diterima' },
        { on: 'RETURN', template: 'dikembalikan' },
      ],
    },
    {
      id: 'pemindaian',
      name: 'Operator pelayanan melakukan pemindaian berkas dan upload ke akun SIPRAJA pemohon',
      nameEn: "The operator scans the files and uploads them to the applicant's SIPRAJA account, creating it",
      kind: 'task',
      role: 'operator',
      target: { minutes: 30 },
      channel: 'tatap_muka',
      events: ['COMPLETE'],
      sipraja: [
        { on: 'COMPLETE', action: 'ensure_account' },
        { on: 'COMPLETE', action: 'upload_attachments' },
      ],
    },
    {
      id: 'verifikasi',
      name: 'Petugas memverifikasi berkas yang lengkap untuk diproses dan dilanjutkan ke Admin',
      nameEn: 'Verify the complete files and forward them to the Admin',
      kind: 'review',
      role: 'operator',
      target: { minutes: 15 },
      events: ['ACCEPT', 'RETURN', 'REJECT'],
      notices: [...returnAndReject],
    },
    {
      id: 'validasi',
      name: 'Petugas admin memvalidasi berkas untuk dilanjutkan TTD ke Camat',
      nameEn: "The Admin validates the files for the Camat's signature",
      kind: 'review',
      role: 'admin',
      target: { minutes: 15 },
      events: ['ACCEPT', 'RETURN', 'REJECT'],
      notices: [...returnAndReject],
    },
    {
      id: 'tanda_tangan',
      name: 'Camat memeriksa dan menandatangani berkas AK-1',
      nameEn: 'The Camat checks and signs the AK-1 file',
      kind: 'sign',
      role: 'camat',
      target: { workingDays: 1 },
      events: ['SIGN', 'RETURN', 'REJECT'],
      notices: [...returnAndReject],
    },
    {
      id: 'pemberitahuan',
      name: 'Pemberitahuan berkas jadi melalui SMS dan email pemohon, kartu AK 1 siap dicetak',
      nameEn: 'SMS and e-mail to the applicant: the file is done, the AK-1 card is ready to print',
      kind: 'notify',
      notices: [{ on: 'enter', template: 'berkas_jadi' }],
    },
    {
      id: 'pengarsipan',
      name: 'Petugas melaksanakan pengarsipan berkas',
      nameEn: 'The officer archives the files',
      kind: 'task',
      role: 'petugas',
      target: { minutes: 30 },
      events: ['COMPLETE'],
    },
    {
      id: 'registrasi',
      name: 'Operator Pelayanan Umum mencatat permohonan dalam buku register',
      nameEn: 'The public-service operator records the application in the register book',
      kind: 'task',
      role: 'operator',
      target: { minutes: 30 },
      events: ['COMPLETE'],
    },
    {
      id: 'pencetakan',
      name: 'Operator pelayanan melakukan pencetakan kartu AK-1',
      nameEn: 'The operator prints the AK-1 card',
      kind: 'task',
      role: 'operator',
      target: { workingDays: 1 },
      events: ['COMPLETE'],
      notices: [{ on: 'COMPLETE', template: 'kartu_siap' }],
    },
    {
      id: 'penyerahan',
      name: 'Pemohon menerima kartu AK-1',
      nameEn: 'The applicant receives the AK-1 card',
      kind: 'handover',
      role: 'petugas',
      target: { minutes: 10 },
      events: ['HAND_OVER'],
    },
  ],
  separationOfDuties: [{ steps: ['verifikasi', 'validasi'], forbids: ['tanda_tangan'] }],
  // Issue 3 / the SK: withdrawal "any time before signing". `withdrawUntil` names the first step
  // the case may not be withdrawn at; SIGN leaves `tanda_tangan` for `pemberitahuan`, so a case
  // waiting for the Camat's signature (or returned by the Camat) can still be withdrawn.
  withdrawUntil: 'pemberitahuan',
  completion: { workingDays: 3, clockStart: 'received', atRiskThreshold: 0.75 },
  fee: { amount: 0, currency: 'IDR', note: 'Tidak dipungut biaya' },
  products: [{ id: 'kartu_ak1', name: 'Kartu Pencari Kerja (AK/I)' }],
  complaints: {
    channels: [
      { kind: 'telepon', value: '031-8985179' },
      { kind: 'email', value: 'kec.balongbendo@gmail.com' },
      { kind: 'langsung', description: 'di meja pelayanan' },
      {
        kind: 'kotak_saran',
        description: 'dibuka setiap hari di akhir pelayanan oleh Petugas Layanan Informasi',
      },
    ],
    register: 'Buku Pengaduan',
    suggestionBoxRole: 'petugas_informasi',
    recordedBy: 'petugas_informasi',
    followUpRole: 'kepala_seksi',
    procedure: [
      'Pengaduan, saran dan masukan dapat melalui telepon 031-8985179, melalui email di alamat kec.balongbendo@gmail.com atau secara langsung di meja pelayanan akan dicatat dalam Buku Pengaduan.',
      'Kotak Saran dibuka setiap hari di akhir pelayanan oleh Petugas Layanan Informasi. Apabila ada pengaduan, selanjutnya dicatat dalam Buku Pengaduan.',
      'Dari semua pengaduan yang masuk melalui berbagai sarana pengaduan yang sudah direkam dalam Buku Pengaduan oleh Petugas Layanan Informasi, selanjutnya dilaporkan kepada Kepala Seksi terkait.',
      'Kepala Seksi menindaklanjuti pengaduan yang terjadi di lingkup Unit Kerjanya dan hasilnya dicatat dalam Buku Pengaduan pada kolom tindak lanjut.',
    ],
  },
  siprajaStatus: {
    '*': 'Menunggu',
    dikembalikan: 'Belum Dikirim',
    penyerahan: 'Bisa Diambil',
    selesai: 'Selesai',
    ditolak: 'Ditolak',
    dibatalkan: 'Dibatalkan',
  },
  calendar: { timeZone: 'Asia/Jakarta', holidays: 'indonesia' },
} satisfies StandardInput

/**
 * The Standar Pelayanan of Kecamatan Balongbendo, Kabupaten Sidoarjo (SK 188/4/438.7.11/2023), for
 * the AK-1 card: every requirement, the step table, the 3-working-day limit, no fee, the product,
 * the contacts and the complaint procedure. Published, valid from 2023-01-01.
 */
export const balongbendo = defineStandard(balongbendoInput)
