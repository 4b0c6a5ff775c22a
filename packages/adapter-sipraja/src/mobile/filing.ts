import { createHash } from 'node:crypto'
import type { Application } from '@ak1/core'
import type {
  SiprajaAccountInput,
  SiprajaAccountResult,
  SiprajaAttachmentInput,
  SiprajaAttachmentResult,
} from '@ak1/core/ports'
import { z } from 'zod'
import type { MobileCalls } from './calls'
import type { MobileClient } from './client'
import { encodeForm } from './form'
import { applicationBody, registerForm, type SiprajaUser } from './protocol'

/** What the mobile gateway needs to file an application in SIPRAJA: the application and its photo. */
export interface MobileCaseFiling {
  application: Application
  /** The 3x4 photo; SIPRAJA refuses an application without one ("Gagal Simpan! Mohon mengisi Foto!"). */
  photo: { bytes: Uint8Array; contentType: string; name?: string }
}

/** The embedder's look-up of a case's filing (the gateway option `applicationOf`). */
export type FilingOf = (ref: { nik: string; caseRef: string }) => Promise<MobileCaseFiling | null>

const attachmentsSchema = z.array(
  z.looseObject({
    id: z.coerce.string().nullable(),
    code: z.coerce.string(),
    desc: z.coerce.string().default(''),
  }),
)

/** The marker an uploaded file's description (`keteranganid`) carries: its checklist item and hash prefix. */
const markerOf = (sha256: string) => `#${sha256.slice(0, 16)}`
const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')

/** Filing in SIPRAJA: the applicant's account, the application with its photo, its attachments. */
export interface MobileFiling {
  /** Files the case's application unless SIPRAJA already runs one for the NIK (a lost reply included). */
  ensureFiled(
    operation: string,
    nik: string,
    caseRef: string,
    applicant: SiprajaUser,
    signal?: AbortSignal,
  ): Promise<{ id: string; created: boolean }>
  /** The applicant's account, registered (`check_pendaftar`, then `register` with the code) when missing. */
  ensureAccount(account: SiprajaAccountInput, signal?: AbortSignal): Promise<SiprajaAccountResult>
  /** One file on the running application (`file/upload`, then `…/update/{id}`), once per sha256. */
  uploadAttachment(attachment: SiprajaAttachmentInput, signal?: AbortSignal): Promise<SiprajaAttachmentResult>
}

/** Filing over `calls`, with the embedder's `applicationOf` and `enrol`. */
export function createMobileFiling(settings: {
  http: MobileClient
  calls: MobileCalls
  applicationOf: FilingOf | undefined
  enrol: ((account: SiprajaAccountInput) => Promise<{ kode: string }>) | undefined
}): MobileFiling {
  const { http, calls, applicationOf, enrol } = settings
  const unavailable = (operation: string) =>
    http.fail(
      operation,
      'data permohonan kasus ini belum tersedia untuk SIPRAJA',
      "the case's application is not available for SIPRAJA yet",
      true,
    )

  async function ensureFiled(
    operation: string,
    nik: string,
    caseRef: string,
    applicant: SiprajaUser,
    signal?: AbortSignal,
  ) {
    const running = await calls.locate(nik, ['berjalan'], signal)
    if (running) return { id: running.row.id, created: false }
    const filing = await applicationOf?.({ nik, caseRef })
    if (!filing) throw unavailable(operation)
    const name = filing.photo.name ?? `pas_foto_${caseRef}.jpg`
    const photo = await calls.uploadFile(operation, applicant, { ...filing.photo, name }, signal)
    const body = applicationBody(filing.application, applicant, {
      photo: { code: photo.code, name },
      keterangan: [],
      codes: [],
    })
    const answer = await http.post(
      operation,
      '/mobile/kartu_pencari_kerja/save_kartu_pencari_kerja',
      encodeForm(body),
      signal,
    )
    if (typeof answer !== 'number' && !(typeof answer === 'string' && /^\d+$/.test(answer))) {
      const desc =
        answer && typeof answer === 'object' && 'desc' in answer ? String(answer.desc) : 'tanpa keterangan'
      throw http.fail(
        operation,
        `SIPRAJA menolak permohonan: ${desc}`,
        `SIPRAJA refused the application: ${desc}`,
        false,
      )
    }
    return { id: String(answer), created: true }
  }

  return {
    ensureFiled,
    async ensureAccount(account, signal) {
      const existing = await calls.profileOf(account.nik, signal)
      if (existing) return { accountId: existing.user.user_id, created: false }
      const filing = await applicationOf?.({ nik: account.nik, caseRef: '' }).catch(() => null)
      const form: Record<string, string> = filing
        ? registerForm(filing.application)
        : {
            nik: account.nik,
            nama: account.name,
            email: account.email ?? '',
            no_telp_pendaftar: account.mobile ?? '',
          }
      const step = async (path: string, extra: Record<string, string>) => {
        const answer = (await http.post(
          'ensureAccount',
          path,
          encodeForm([{ ...form, ...extra }, [], []]),
          signal,
        )) as { status?: string; message?: string }
        if (answer?.status === 'success') return
        const message = answer?.message ?? 'tanpa keterangan'
        throw http.fail(
          'ensureAccount',
          `SIPRAJA menolak pendaftaran: ${message}`,
          `SIPRAJA refused the registration: ${message}`,
          false,
        )
      }
      if (!/^\d{16}$/.test(account.nik)) await step('/mobile/user_support/check_pendaftar', {})
      if (!enrol) {
        throw http.fail(
          'ensureAccount',
          'akun SIPRAJA belum ada dan pendaftaran perlu kode verifikasi pemohon (opsi enrol)',
          'no SIPRAJA account yet; registering needs the applicant\u2019s verification code (option enrol)',
          false,
        )
      }
      await step('/mobile/user_support/check_pendaftar', {})
      const { kode } = await enrol(account)
      try {
        await step('/mobile/user_support/register', { kode })
      } catch (error) {
        if (!(await calls.profileOf(account.nik, signal).catch(() => null))) throw error
      }
      return {
        accountId: (await calls.applicantOf('ensureAccount', account.nik, signal)).user_id,
        created: true,
      }
    },
    async uploadAttachment(attachment, signal) {
      const op = 'uploadAttachment'
      if (!/^[0-9a-f]{64}$/.test(attachment.sha256) || sha(attachment.bytes) !== attachment.sha256) {
        throw http.fail(
          op,
          'sha256 tidak sesuai dengan isi berkas',
          'sha256 does not match the file content',
          false,
        )
      }
      const applicant = await calls.applicantOf(op, attachment.nik, signal)
      const filed = await ensureFiled(op, attachment.nik, attachment.caseRef, applicant, signal)
      const listed = calls.parse(
        op,
        attachmentsSchema,
        await http.post(op, `/siurban_mobile/get_attachments/${filed.id}/kartu_pencari_kerja`, '', signal),
      )
      const marker = markerOf(attachment.sha256)
      const held = listed.find((a) => a.desc.includes(marker))
      if (held) return { attachmentId: held.id ?? held.code, duplicate: true }
      const filing = await applicationOf?.({ nik: attachment.nik, caseRef: attachment.caseRef })
      const record = await calls.find(filed.id, applicant, signal)
      if (!filing || !record) throw unavailable(op)
      const name = `${(attachment.itemId ?? 'berkas').replace(/[^A-Za-z0-9_-]/g, '_')}_${attachment.sha256.slice(0, 8)}`
      const file = await calls.uploadFile(
        op,
        applicant,
        { bytes: attachment.bytes, contentType: attachment.contentType, name },
        signal,
      )
      const body = applicationBody(filing.application, applicant, {
        photo: { code: String(record.layanan.file_code ?? ''), name: 'pas_foto' },
        keterangan: [
          ...listed.map((a) => a.desc),
          `${attachment.itemId ?? 'berkas'} ${attachment.caseRef} ${marker}`,
        ],
        codes: [...listed.map((a) => a.code), file.code],
      })
      const answer = await http.post(
        op,
        `/mobile/kartu_pencari_kerja/save_kartu_pencari_kerja/update/${filed.id}`,
        encodeForm(body),
        signal,
      )
      if (typeof answer !== 'number')
        throw http.fail(
          op,
          'SIPRAJA menolak perubahan permohonan',
          'SIPRAJA refused to update the application',
          false,
        )
      return { attachmentId: file.id, duplicate: false }
    },
  }
}
