import { type Application, ConfigError } from '@ak1/core'
import type { FormValue } from './form'

/**
 * A SIPRAJA user as the app sends it with every call (`iamthedoor`, `www/js/app.js` `sess_store`):
 * `{ user_id, kecamatan_id, kelurahan_id, role_id }`. Officers map to such users by configuration.
 */
export interface SiprajaUser {
  user_id: string
  kecamatan_id: string
  kelurahan_id: string
  role_id: string
}

/** The three lists of `kartu_pencari_kerja/layanan/{n}` (`www/pages/tipe-c/kartupencarikerja.html`). */
export const siprajaLists = { berjalan: '1', disetujui: '2', ditolak: '3' } as const
/** A list name: `berjalan`, `disetujui`, `ditolak`. */
export type SiprajaList = keyof typeof siprajaLists

/** What the mobile gateway does in SIPRAJA for a status label the engine sets. */
export type MobileStatusAction = 'file' | 'approve' | 'reject' | 'withdraw' | 'none'

/**
 * The one status table (CONTRACT.md "Status mapping"): each label of the standard's
 * `siprajaStatus`, the SIPRAJA action the mobile gateway takes for it, and what the applicant's
 * screen shows (`val_status`; an empty one shows as "Bisa Diambil", `www/js/tipe-c/kartupencarikerja.js`).
 * `approve` never signs: the last approval needs the signer's passphrase and is the embedder's
 * direct call at SIGN; from the outbox it only confirms SIPRAJA shows it. `withdraw` deletes the
 * application the way the applicant's app does while no approver has decided, else rejects it with
 * the withdrawal's note (the app offers no deletion after a decision). `Selesai` and `Belum Dikirim`
 * (after a RETURN) send nothing: SIPRAJA decisions cannot be undone and SIPRAJA has no such status.
 */
export const mobileStatusTable: Readonly<
  Record<string, { action: MobileStatusAction; valStatus: string | null }>
> = {
  'Belum Dikirim': { action: 'none', valStatus: 'Belum Dikirim' },
  Menunggu: { action: 'file', valStatus: 'Menunggu' },
  Ditolak: { action: 'reject', valStatus: 'Ditolak' },
  'Bisa Diambil': { action: 'approve', valStatus: null },
  Selesai: { action: 'none', valStatus: null },
  // Deleted while undecided (the applicant's list no longer holds it), else rejected with the note.
  Dibatalkan: { action: 'withdraw', valStatus: 'Ditolak' },
}

/**
 * A standard's `siprajaStatus` as SIPRAJA's chain shows it: once the last approver signs (our step
 * `signedAt`, the Camat's SIGN), SIPRAJA shows "Bisa Diambil", so every later step of ours is
 * labelled so too (final states keep their labels). For Balongbendo:
 * `defineStandard({ ...balongbendoInput, siprajaStatus: mobileStatusLabels(balongbendo, 'tanda_tangan') })`.
 * @throws {ConfigError} naming `signedAt` when it is not a step of the standard.
 */
export function mobileStatusLabels(
  standard: { steps: ReadonlyArray<{ id: string }>; siprajaStatus: Readonly<Record<string, string>> },
  signedAt: string,
): Record<string, string> {
  const ids = standard.steps.map((s) => s.id)
  const at = ids.indexOf(signedAt)
  if (at < 0)
    throw new ConfigError(`signedAt: langkah ${signedAt} tidak ada pada standar`, {
      messageEn: `signedAt: step ${signedAt} is not in the standard`,
      keys: ['signedAt'],
    })
  const labels: Record<string, string> = { ...standard.siprajaStatus }
  for (const id of ids.slice(at + 1)) labels[id] = 'Bisa Diambil'
  return labels
}

/** The label the applicant sees for a `val_status` (empty or null: "Bisa Diambil"). */
export function labelOfValStatus(valStatus: string | null | undefined): string {
  return valStatus ? valStatus : 'Bisa Diambil'
}

/** The four wage bands of the app's `upah_pyd` select (`www/pages/tipe-c/kartupencarikerja_new.html`). */
export const siprajaWageBands = [
  '< 1.000.000',
  '1.000.000 - 2.000.000',
  '2.500.000 - 5.000.000',
  '> 5.000.000',
] as const

/** The foreign languages of the app's `bahasa_asing[]` checkboxes. */
export const siprajaLanguages = [
  'arab',
  'belanda',
  'inggris',
  'jepang',
  'jerman',
  'mandarin',
  'perancis',
  'lainnya',
] as const

/** The band of `upah_pyd` holding a wage's minimum. */
export function wageBandOf(wage: { min: number; max?: number } | undefined): string {
  const min = wage?.min ?? 0
  if (min < 1_000_000) return siprajaWageBands[0]
  if (min <= 2_000_000) return siprajaWageBands[1]
  if (min <= 5_000_000) return siprajaWageBands[2]
  return siprajaWageBands[3]
}

const sexLabel = { L: 'Laki-laki', P: 'Perempuan' } as const
const religionLabel: Record<string, string> = {
  islam: 'Islam',
  kristen: 'Kristen',
  katolik: 'Katolik',
  hindu: 'Hindu',
  buddha: 'Buddha',
  konghucu: 'Konghucu',
  kepercayaan: 'Kepercayaan terhadap Tuhan YME',
}
const maritalLabel: Record<string, string> = {
  belum_kawin: 'Belum Kawin',
  kawin: 'Kawin',
  kawin_tercatat: 'Kawin Tercatat',
  kawin_belum_tercatat: 'Kawin Belum Tercatat',
  cerai_hidup: 'Cerai Hidup',
  cerai_mati: 'Cerai Mati',
}
const levelName: Record<string, string> = { sma: 'slta', s3: 'doktor' }

/** `YYYY-MM-DD` as the app's calendar types it, `dd-MM-yyyy`. */
export function appDate(iso: string): string {
  const [y, m, d] = iso.split('-')
  return `${d}-${m}-${y}`
}

/** The applicant's identity in SIPRAJA's names and labels (the profile's; the form adds `_pemohon`). */
function identity(application: Application): Record<string, string> {
  const a = application.applicant
  return {
    nik: a.nik,
    nama: a.fullName,
    tempat_lahir: a.birthPlace,
    tanggal_lahir: appDate(a.birthDate),
    jenis_kelamin: sexLabel[a.sex],
    agama: religionLabel[a.religion] ?? a.religion,
    status_kawin: maritalLabel[a.maritalStatus] ?? a.maritalStatus,
    alamat: a.address.street,
    email: application.contacts.email ?? '',
  }
}

/** The applicant's SIPRAJA profile fields (`www/pages/register.html`), from an application. */
export function registerForm(application: Application): Record<string, string> {
  const a = application.applicant
  return {
    ...identity(application),
    no_kk: a.kk,
    rt: a.address.rt.padStart(3, '0'),
    rw: a.address.rw.padStart(3, '0'),
    kecamatan: a.address.kecamatan,
    kode_desa: a.address.desa,
    no_telp_pendaftar: application.contacts.mobile,
  }
}

/**
 * The body of `save_kartu_pencari_kerja` (and `…/update/{id}`) as `kartupencarikerja.js` builds it:
 * `[form, iamthedoor, keteranganid[], filecode[], pengalaman_kerja[], bahasa]`, the form in the
 * app's own names (`telp_pemohon`, `upah_pyd`, `subCategory`, `pas_foto`...).
 */
export function applicationBody(
  application: Application,
  user: SiprajaUser,
  files: { photo: { code: string; name: string }; keterangan: string[]; codes: string[] },
): FormValue[] {
  const a = application.applicant
  const form: Record<string, string> = {
    ...Object.fromEntries(Object.entries(identity(application)).map(([k, v]) => [`${k}_pemohon`, v])),
    rt_pemohon: a.address.rt,
    rw_pemohon: a.address.rw,
    kecamatan_pemohon: a.address.kecamatan,
    kelurahan_pemohon: a.address.desa,
    kode_pos_pemohon: a.address.postcode,
    telp_pemohon: application.contacts.mobile,
    category: application.desiredJob.category,
    subCategory: application.desiredJob.subCategory ?? '',
    lokasi_pyd: application.desiredJob.location === 'luar_negeri' ? 'Luar Negeri' : 'Dalam Negeri',
    upah_pyd: wageBandOf(application.desiredJob.wage),
    jarak_pyd: application.desiredJob.place ?? '',
    wilayah_lain: application.desiredJob.place ?? '',
    data_kursus: application.courses.map((c) => c.name).join('\n'),
    pengalaman: '',
    pas_foto: files.photo.code,
    pas_foto_path: files.photo.name,
  }
  for (const e of application.education) {
    const l = levelName[e.level] ?? e.level
    form[`sekolah_${l}`] = e.school
    form[`jurusan_${l}`] = e.major ?? ''
    form[`lulus_${l}`] = String(e.graduationYear)
    form[`ipk_${l}`] = e.grade ?? ''
  }
  const jobs = application.workHistory.map((w) => ({
    jabatan: w.position,
    uraian_tugas: w.duties ?? '',
    lama_kerja: w.length,
    pemberi_kerja: w.employer,
    status: 'tersimpan',
  }))
  const known = new Set<string>(siprajaLanguages)
  const languages = [
    ...new Set(
      application.languages.map((l) => (known.has(l.name.toLowerCase()) ? l.name.toLowerCase() : 'lainnya')),
    ),
  ].map((value) => ({ name: 'bahasa_asing[]', value }))
  return [form, { ...user }, files.keterangan, files.codes, jobs, languages]
}
