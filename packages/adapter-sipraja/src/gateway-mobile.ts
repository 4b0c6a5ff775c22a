import { createHash } from 'node:crypto'
import type { Application } from '@ak1/core'
import type {
  SiprajaAccountInput,
  SiprajaAccountResult,
  SiprajaAttachmentResult,
  SiprajaCallOptions,
  SiprajaGateway,
  SiprajaStatusResult,
} from '@ak1/core/ports'
import { parseOptions } from '@ak1/core/ports'
import { z } from 'zod'
import { createMobileClient } from './mobile/client'
import { encodeForm } from './mobile/form'
import {
  applicationBody,
  labelOfValStatus,
  mobileStatusTable,
  registerForm,
  type SiprajaList,
  type SiprajaUser,
  siprajaLists,
} from './mobile/protocol'

/** What the mobile gateway needs to file an application in SIPRAJA: the application and its photo. */
export interface MobileCaseFiling {
  application: Application
  /** The 3x4 photo; SIPRAJA refuses an application without one ("Gagal Simpan! Mohon mengisi Foto!"). */
  photo: { bytes: Uint8Array; contentType: string; name?: string }
}

/** Options of `createSiprajaGateway({ protocol: 'mobile', ... })`. */
export interface MobileSiprajaGatewayOptions {
  protocol: 'mobile'
  /** SIPRAJA's site, the app's `base_url` (the mobile endpoints follow under `/mobile`). */
  baseUrl: string
  /**
   * SIPRAJA users by officer key (an @ak1 actor id, or a role): the `iamthedoor` each call of that
   * officer sends. See CONTRACT.md "Officers and SIPRAJA users".
   */
  officers: Record<string, SiprajaUser>
  /** Officer keys in the order of SIPRAJA's AK-1 approval chain; the last one signs (e-signature). */
  approvers: string[]
  /** The case's application and photo by tracking code, to file it (tatap muka). @default none: filing waits */
  applicationOf?: (ref: { nik: string; caseRef: string }) => Promise<MobileCaseFiling | null>
  /**
   * The verification code SIPRAJA sent the applicant (e-mail / WhatsApp) on registration, asked of
   * the applicant at the desk. Without it, an applicant with no SIPRAJA account cannot be created.
   */
  enrol?: (account: SiprajaAccountInput) => Promise<{ kode: string }>
  /** Whether the last approval is e-signed (`esign`, SIPRAJA's default) or plain. @default 'esign' */
  finalApproval?: 'esign' | 'plain'
  /** Path segment of `esign/acquire_doc/{segment}/{doc}` this SIPRAJA expects. @default 'doc' */
  documentSegment?: string
  fetch?: typeof globalThis.fetch
  /** @default 10000 */
  timeoutMs?: number
  /** @default 'sipraja-mobile' */
  id?: string
}

/** One row of a list (`kartu_pencari_kerja/layanan/{n}`). */
export interface SiprajaListRow {
  id: string
  kode_transaksi: string
  nomor: string | null
  nik: string
  nama_pendaftar: string
  display_name: string | null
  val_status: string | null
}

/** An application as `find_layanan` answers it, in SIPRAJA's stored names. */
export interface SiprajaRecord {
  layanan: Record<string, unknown>
  pemohon: Record<string, unknown>
  kpk_jabatan: Array<Record<string, unknown>>
  kpk_bahasa: string[]
  chron: Array<{
    val_status: string
    author_type: string
    name: string
    keterangan: string
    tglinsert: string
  }>
  approve: { id: string; author_type: string } | null
  this_user_is_the_last_index: boolean
  check_approved: boolean
}

/** A decision the embedder makes directly, while the officer is present. */
export interface SiprajaDecisionInput {
  nik: string
  caseRef: string
  /** The officer key (see `officers`). */
  officer: string
  note?: string
  signal?: AbortSignal
}

/**
 * The {@link SiprajaGateway} over SIPRAJA's mobile protocol, plus what intake and signing need.
 * Its writes carry no idempotency key (SIPRAJA takes none): before writing, it reads whether its
 * write is already there (`find_layanan`, the lists, the attachments), and it answers a repeated key
 * from memory while the process lives.
 */
export interface MobileSiprajaGateway extends SiprajaGateway {
  /** Every row of a list, as the first approver sees it. */
  listApplications(list: SiprajaList, options?: { signal?: AbortSignal }): Promise<SiprajaListRow[]>
  /** `find_layanan`, as the first approver; `null` when SIPRAJA has no such application. */
  findApplication(id: string, options?: { signal?: AbortSignal }): Promise<SiprajaRecord | null>
  /**
   * Approves as `officer` (not the last approver), with a note; approvals still pending before it
   * are made first, in the chain's order, each as its own officer (decisions @ak1 already took).
   */
  approve(input: SiprajaDecisionInput): Promise<SiprajaStatusResult>
  /**
   * The final approval, e-signed: the signer's passphrase is used for this one request and not
   * kept. Approvals still pending before it are made first, in order, as their officers.
   */
  sign(input: SiprajaDecisionInput & { passphrase: string }): Promise<SiprajaStatusResult>
  /** The AK1 (`print_doc`) or AK2 (`print_doc_ak2`) document; `null` before the final approval. */
  document(input: {
    nik: string
    caseRef: string
    kind: 'ak1' | 'ak2'
    signal?: AbortSignal
  }): Promise<Uint8Array | null>
}

const user = z.strictObject({
  user_id: z.string().min(1),
  kecamatan_id: z.string(),
  kelurahan_id: z.string(),
  role_id: z.string(),
})
const optionsSchema = z
  .strictObject({
    protocol: z.literal('mobile'),
    baseUrl: z.url({ protocol: /^https?$/ }),
    officers: z.record(z.string().min(1), user),
    approvers: z.array(z.string().min(1)).min(1),
    applicationOf: z.custom<() => unknown>((v) => typeof v === 'function').optional(),
    enrol: z.custom<() => unknown>((v) => typeof v === 'function').optional(),
    finalApproval: z.enum(['esign', 'plain']).optional(),
    documentSegment: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,200}$/)
      .optional(),
    fetch: z.custom<typeof globalThis.fetch>((v) => typeof v === 'function').optional(),
    timeoutMs: z.number().int().positive().max(600_000).optional(),
    id: z.string().min(1).optional(),
  })
  .refine((o) => o.approvers.every((k) => k in o.officers), {
    message: 'approver_unknown',
    path: ['approvers'],
  })

const rowSchema = z.looseObject({
  id: z.coerce.string(),
  kode_transaksi: z.coerce.string(),
  nomor: z.string().nullable().optional(),
  nik: z.coerce.string(),
  nama_pendaftar: z.coerce.string(),
  display_name: z.string().nullable().optional(),
  val_status: z.string().nullable().optional(),
})
const listSchema = z.looseObject({ data: z.array(rowSchema), recordsFiltered: z.coerce.number().optional() })
const recordSchema = z.looseObject({
  layanan: z.record(z.string(), z.unknown()),
  pemohon: z.record(z.string(), z.unknown()),
  kpk_jabatan: z.array(z.record(z.string(), z.unknown())).default([]),
  kpk_bahasa: z.array(z.coerce.string()).default([]),
  chron: z.array(z.any()).default([]),
  approve: z.looseObject({ id: z.coerce.string(), author_type: z.coerce.string() }).nullable().default(null),
  this_user_is_the_last_index: z.boolean().default(false),
  check_approved: z.boolean().default(false),
})
const profileSchema = z.looseObject({
  user_id: z.coerce.string(),
  kecamatan: z.coerce.string().optional(),
  kode_desa: z.coerce.string().optional(),
})
const uploadSchema = z.array(z.looseObject({ id: z.coerce.string(), code: z.coerce.string() })).min(1)
const attachmentsSchema = z.array(
  z.looseObject({
    id: z.coerce.string().nullable(),
    code: z.coerce.string(),
    desc: z.coerce.string().default(''),
  }),
)

/** The marker an uploaded file's description (`keteranganid`) carries: its checklist item and hash prefix. */
const markerOf = (sha256: string) => `#${sha256.slice(0, 16)}`

/** Creates the mobile gateway; `createSiprajaGateway({ protocol: 'mobile' })` calls it. */
export function createMobileSiprajaGateway(options: MobileSiprajaGatewayOptions): MobileSiprajaGateway {
  const parsed = parseOptions(optionsSchema, options, { adapter: 'createSiprajaGateway' })
  const id = parsed.id ?? 'sipraja-mobile'
  const http = createMobileClient({
    base: parsed.baseUrl.replace(/\/+$/, ''),
    id,
    timeoutMs: parsed.timeoutMs ?? 10_000,
    fetch: parsed.fetch ?? globalThis.fetch,
  })
  const officers = parsed.officers as Record<string, SiprajaUser>
  const chain = parsed.approvers
  const lister = officers[chain[0] as string] as SiprajaUser
  const finalApproval = parsed.finalApproval ?? 'esign'
  const applicationOf = options.applicationOf
  const enrol = options.enrol
  const segment = parsed.documentSegment ?? 'doc'
  const answers = new Map<string, unknown>()
  const inflight = new Map<string, Promise<unknown>>()
  const locks = new Map<string, Promise<unknown>>()

  /** A repeated key answers the first answer (while the process lives); concurrent ones share one call. */
  function once<T>(key: string, run: () => Promise<T>): Promise<T> {
    if (answers.has(key)) return Promise.resolve(answers.get(key) as T)
    const running = inflight.get(key)
    if (running) return running as Promise<T>
    const started = run()
      .then((value) => {
        answers.set(key, value)
        if (answers.size > 10_000) answers.delete(answers.keys().next().value as string)
        return value
      })
      .finally(() => inflight.delete(key))
    inflight.set(key, started)
    return started
  }
  /** One write at a time per applicant, so two calls in this process never file twice. */
  function serial<T>(nik: string, run: () => Promise<T>): Promise<T> {
    const before = locks.get(nik) ?? Promise.resolve()
    const mine = before.catch(() => undefined).then(run)
    locks.set(nik, mine)
    void mine
      .finally(() => {
        if (locks.get(nik) === mine) locks.delete(nik)
      })
      .catch(() => undefined)
    return mine
  }
  function parse<S extends z.ZodType>(operation: string, schema: S, value: unknown): z.output<S> {
    const result = schema.safeParse(value)
    if (!result.success)
      throw http.fail(
        operation,
        'jawaban SIPRAJA tidak dikenal',
        "SIPRAJA's answer is not understood",
        false,
        result.error,
      )
    return result.data
  }
  const door = (u: SiprajaUser) => ({ ...u })

  async function profileOf(nik: string, signal?: AbortSignal) {
    const answer = await http.post('profile', '/mobile/user_support/profile/', encodeForm([nik]), signal)
    if (!answer) return null
    const p = parse('profile', profileSchema, answer)
    return {
      p,
      user: {
        user_id: p.user_id,
        kecamatan_id: p.kecamatan ?? '',
        kelurahan_id: p.kode_desa ?? '',
        role_id: '4',
      },
    }
  }
  async function applicantOf(operation: string, nik: string, signal?: AbortSignal): Promise<SiprajaUser> {
    const found = await profileOf(nik, signal)
    if (!found)
      throw http.fail(
        operation,
        'akun SIPRAJA untuk NIK ini belum ada',
        'no SIPRAJA account exists for this NIK yet',
        true,
      )
    return found.user
  }

  async function listAll(
    list: SiprajaList,
    as: SiprajaUser,
    search: string,
    signal?: AbortSignal,
  ): Promise<SiprajaListRow[]> {
    const rows: SiprajaListRow[] = []
    const length = 50
    for (let start = 0; ; start += length) {
      const query = encodeForm({
        draw: '1',
        start: String(start),
        length: String(length),
        'search[value]': search,
        ...door(as),
      }).replace('search%5Bvalue%5D', 'search[value]')
      const answer = parse(
        'listApplications',
        listSchema,
        await http.get(
          'listApplications',
          `/mobile/kartu_pencari_kerja/layanan/${siprajaLists[list]}?${query}`,
          signal,
        ),
      )
      rows.push(
        ...answer.data.map((r) => ({
          ...r,
          nomor: r.nomor ?? null,
          display_name: r.display_name ?? null,
          val_status: r.val_status ?? null,
        })),
      )
      if (answer.data.length < length) return rows
    }
  }
  /** The applicant's application: the running one, else the latest decided one. */
  async function locate(nik: string, lists: SiprajaList[], signal?: AbortSignal) {
    for (const list of lists) {
      const rows = (await listAll(list, lister, nik, signal)).filter((r) => r.nik === nik)
      const latest = rows.sort((a, b) => Number(b.id) - Number(a.id))[0]
      if (latest) return { row: latest, list }
    }
    return null
  }
  async function find(appId: string, as: SiprajaUser, signal?: AbortSignal): Promise<SiprajaRecord | null> {
    const answer = await http.post(
      'findApplication',
      `/mobile/kartu_pencari_kerja/find_layanan/${appId}/${as.user_id}`,
      encodeForm([door(as)]),
      signal,
    )
    return answer ? (parse('findApplication', recordSchema, answer) as SiprajaRecord) : null
  }
  async function uploadFile(
    operation: string,
    as: SiprajaUser,
    file: { bytes: Uint8Array; contentType: string; name: string },
    signal?: AbortSignal,
  ) {
    const form = new FormData()
    form.append('subdir', 'kartu_pencari_kerja')
    for (const [k, v] of Object.entries(as)) form.append(k, v)
    form.append(file.name, new Blob([file.bytes], { type: file.contentType }), file.name)
    return parse(operation, uploadSchema, await http.post(operation, '/file/upload', form, signal))[0] as {
      id: string
      code: string
    }
  }

  /** Files the case's application unless SIPRAJA already runs one for the NIK (a lost reply included). */
  async function ensureFiled(
    operation: string,
    nik: string,
    caseRef: string,
    applicant: SiprajaUser,
    signal?: AbortSignal,
  ) {
    const running = await locate(nik, ['berjalan'], signal)
    if (running) return { id: running.row.id, created: false }
    const filing = await applicationOf?.({ nik, caseRef })
    if (!filing)
      throw http.fail(
        operation,
        'data permohonan kasus ini belum tersedia untuk SIPRAJA',
        "the case's application is not available for SIPRAJA yet",
        true,
      )
    const f = filing
    const name = f.photo.name ?? `pas_foto_${caseRef}.jpg`
    const photo = await uploadFile(operation, applicant, { ...f.photo, name }, signal)
    const body = applicationBody(f.application, applicant, {
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

  /** One officer's decision; `false` when that officer had decided already (a lost reply). */
  async function decideAs(
    appId: string,
    key: string,
    status: '2' | '3',
    note: string,
    passphrase?: string,
    signal?: AbortSignal,
  ) {
    const as = officers[key]
    if (!as)
      throw http.fail(
        'decide',
        `petugas ${key} tidak dipetakan ke pengguna SIPRAJA`,
        `officer ${key} is not mapped to a SIPRAJA user`,
        false,
      )
    const record = await find(appId, as, signal)
    if (!record)
      throw http.fail(
        'decide',
        'permohonan tidak ditemukan di SIPRAJA',
        'application not found in SIPRAJA',
        false,
      )
    if (!record.approve) {
      if (chain.indexOf(key) < record.chron.length) return false
      throw http.fail('decide', `belum giliran ${key} di SIPRAJA`, `not ${key}'s turn in SIPRAJA yet`, true)
    }
    const body = {
      approve_items_id: record.approve.id,
      type_ttd: record.approve.author_type,
      base64_ttd: '',
      status,
      deskripsi: note,
      ...door(as),
      esign: passphrase ? Buffer.from(passphrase, 'utf8').toString('base64').replace(/=/g, '') : '',
    }
    const path = `/mobile/kartu_pencari_kerja/save_kartu_pencari_kerja/ustatus/${appId}/${as.user_id}/${as.kecamatan_id}/${as.kelurahan_id}/`
    const answer = (await http.post('decide', path, encodeForm(body), signal)) as
      | { status?: string; message?: string }
      | number
    if (typeof answer === 'object' && answer?.status === 'success') return true
    const message =
      typeof answer === 'object' && answer?.message ? answer.message : 'Terjadi Kesalahan Dalam Sistem.'
    throw http.fail(
      'decide',
      `SIPRAJA menolak keputusan: ${message}`,
      `SIPRAJA refused the decision: ${message}`,
      false,
    )
  }

  async function currentLabel(nik: string, signal?: AbortSignal) {
    const found = await locate(nik, ['berjalan', 'disetujui', 'ditolak'], signal)
    return found ? { ...found, label: labelOfValStatus(found.row.val_status) } : null
  }

  async function signOrApprove(input: SiprajaDecisionInput, passphrase: string | undefined) {
    const { nik, officer, signal } = input
    const found = await currentLabel(nik, signal)
    if (!found)
      throw http.fail(
        'decide',
        'permohonan tidak ditemukan di SIPRAJA',
        'application not found in SIPRAJA',
        true,
      )
    if (found.list === 'ditolak')
      throw http.fail(
        'decide',
        'permohonan sudah ditolak di SIPRAJA',
        'the application was rejected in SIPRAJA',
        false,
      )
    if (found.list === 'disetujui') return { status: 'Bisa Diambil', changed: false }
    const upTo = chain.indexOf(officer)
    if (upTo < 0)
      throw http.fail(
        'decide',
        `${officer} bukan penyetuju SIPRAJA`,
        `${officer} is not a SIPRAJA approver`,
        false,
      )
    const last = upTo === chain.length - 1
    if (last && finalApproval === 'esign' && !passphrase) {
      throw http.fail(
        'decide',
        'persetujuan terakhir perlu passphrase tanda tangan elektronik',
        'the final approval needs the e-signature passphrase',
        false,
      )
    }
    let changed = false
    for (const key of chain.slice(0, upTo + 1)) {
      const final = key === officer && last
      changed =
        (await decideAs(
          found.row.id,
          key,
          '2',
          (key === officer && input.note) || 'Disetujui',
          final ? passphrase : undefined,
          signal,
        )) || changed
    }
    return { status: last ? 'Bisa Diambil' : 'Menunggu', changed }
  }

  const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')

  return {
    id,
    ensureAccount(account, call: SiprajaCallOptions): Promise<SiprajaAccountResult> {
      return once(call.idempotencyKey, () =>
        serial(account.nik, async () => {
          const existing = await profileOf(account.nik, call.signal)
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
              call.signal,
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
            if (!(await profileOf(account.nik, call.signal).catch(() => null))) throw error
          }
          return {
            accountId: (await applicantOf('ensureAccount', account.nik, call.signal)).user_id,
            created: true,
          }
        }),
      )
    },
    uploadAttachment(attachment, call): Promise<SiprajaAttachmentResult> {
      return once(call.idempotencyKey, () =>
        serial(attachment.nik, async () => {
          const op = 'uploadAttachment'
          if (!/^[0-9a-f]{64}$/.test(attachment.sha256) || sha(attachment.bytes) !== attachment.sha256) {
            throw http.fail(
              op,
              'sha256 tidak sesuai dengan isi berkas',
              'sha256 does not match the file content',
              false,
            )
          }
          const applicant = await applicantOf(op, attachment.nik, call.signal)
          const filed = await ensureFiled(op, attachment.nik, attachment.caseRef, applicant, call.signal)
          const listed = parse(
            op,
            attachmentsSchema,
            await http.post(
              op,
              `/siurban_mobile/get_attachments/${filed.id}/kartu_pencari_kerja`,
              '',
              call.signal,
            ),
          )
          const marker = markerOf(attachment.sha256)
          const held = listed.find((a) => a.desc.includes(marker))
          if (held) return { attachmentId: held.id ?? held.code, duplicate: true }
          const filing = await applicationOf?.({ nik: attachment.nik, caseRef: attachment.caseRef })
          const record = await find(filed.id, applicant, call.signal)
          if (!filing || !record)
            throw http.fail(
              op,
              'data permohonan kasus ini belum tersedia untuk SIPRAJA',
              "the case's application is not available for SIPRAJA yet",
              true,
            )
          const name = `${(attachment.itemId ?? 'berkas').replace(/[^A-Za-z0-9_-]/g, '_')}_${attachment.sha256.slice(0, 8)}`
          const file = await uploadFile(
            op,
            applicant,
            { bytes: attachment.bytes, contentType: attachment.contentType, name },
            call.signal,
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
            call.signal,
          )
          if (typeof answer !== 'number')
            throw http.fail(
              op,
              'SIPRAJA menolak perubahan permohonan',
              'SIPRAJA refused to update the application',
              false,
            )
          return { attachmentId: file.id, duplicate: false }
        }),
      )
    },
    setStatus(input, call): Promise<SiprajaStatusResult> {
      return once(call.idempotencyKey, () =>
        serial(input.nik, async () => {
          const op = 'setStatus'
          if (!input.status.trim()) throw http.fail(op, 'status wajib diisi', 'status is required', false)
          const applicant = await applicantOf(op, input.nik, call.signal)
          const action = mobileStatusTable[input.status]?.action ?? 'none'
          if (action === 'file') {
            const filed = await ensureFiled(op, input.nik, input.caseRef, applicant, call.signal)
            const now = await currentLabel(input.nik, call.signal)
            return { status: now?.label ?? input.status, changed: filed.created }
          }
          const now = await currentLabel(input.nik, call.signal)
          if (action === 'none' || !now) return { status: now?.label ?? input.status, changed: false }
          if (action === 'reject') {
            if (now.list !== 'berjalan') return { status: now.label, changed: false }
            const record = await Promise.all(
              chain.map(async (key) => ({
                key,
                r: await find(now.row.id, officers[key] as SiprajaUser, call.signal),
              })),
            )
            const turn = record.find((x) => x.r?.approve)
            if (!turn) return { status: now.label, changed: false }
            const changed = await decideAs(
              now.row.id,
              turn.key,
              '3',
              input.note ?? 'Ditolak',
              undefined,
              call.signal,
            )
            return { status: 'Ditolak', changed }
          }
          if (now.list === 'disetujui') return { status: now.label, changed: false }
          if (now.list === 'ditolak')
            throw http.fail(
              op,
              'permohonan sudah ditolak di SIPRAJA',
              'the application was rejected in SIPRAJA',
              false,
            )
          if (finalApproval === 'esign') {
            for (const key of chain.slice(0, -1))
              await decideAs(now.row.id, key, '2', 'Disetujui', undefined, call.signal)
            throw http.fail(
              op,
              'menunggu tanda tangan elektronik penyetuju terakhir',
              'waiting for the final approver\u2019s e-signature',
              true,
            )
          }
          for (const key of chain)
            await decideAs(now.row.id, key, '2', input.note ?? 'Disetujui', undefined, call.signal)
          return { status: 'Bisa Diambil', changed: true }
        }),
      )
    },
    listApplications: (list, o = {}) => listAll(list, lister, '', o.signal),
    findApplication: (appId, o = {}) => find(appId, lister, o.signal),
    approve: (input) => serial(input.nik, () => signOrApprove(input, undefined)),
    sign: (input) => serial(input.nik, () => signOrApprove(input, input.passphrase)),
    async document({ nik, kind, signal }) {
      const found = await locate(nik, ['disetujui'], signal)
      if (!found) return null
      const op = kind === 'ak1' ? 'print_doc' : 'print_doc_ak2'
      const path = await http.post(
        'document',
        `/mobile/kartu_pencari_kerja/${op}/${found.row.id}`,
        encodeForm(door(lister)),
        signal,
      )
      if (typeof path !== 'string' || !path) return null
      return http.bytes('document', `/esign/acquire_doc/${segment}/${encodeURIComponent(path)}`, signal)
    },
  }
}
