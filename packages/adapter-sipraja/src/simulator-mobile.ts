import type { IncomingMessage } from 'node:http'
import { type DecodedForm, decodeForm, fieldsOf, listOf } from './mobile/form'
import { parseMultipart } from './mobile/multipart'
import type { SiprajaUser } from './mobile/protocol'

/** One approver of SIPRAJA's AK-1 chain, in order; the last one decides finally. */
export interface SimulatedApprover {
  user: SiprajaUser
  /** Shown in the history (`name`). */
  name: string
  /** Shown in the history (`author_type`), e.g. `kecamatan`. */
  authorType: string
  /** The last approver's approval needs this e-signature passphrase (the app's `esign`); absent: none. */
  passphrase?: string
}

/** A registered SIPRAJA user (the applicant's profile). */
export interface SimulatedUser {
  user_id: string
  role_id: string
  profile: Record<string, string>
}

/** One approval of an application. */
export interface SimulatedApproval {
  id: string
  user_id: string
  name: string
  author_type: string
  /** `null` pending, `'2'` approved, `'3'` rejected. */
  status: '2' | '3' | null
  keterangan: string
  tglinsert: string | null
  /** Whether the approval was e-signed (the passphrase itself is never kept). */
  esigned: boolean
}

/** An AK-1 application (`kartu_pencari_kerja`) as the simulator stores it, in SIPRAJA's stored names. */
export interface SimulatedApplication {
  id: number
  kode_transaksi: string
  user_id: string
  pemohon: Record<string, string>
  layanan: Record<string, string>
  kpk_jabatan: Array<Record<string, string>>
  kpk_bahasa: string[]
  attachments: Array<{ code: string; desc: string }>
  approvals: SimulatedApproval[]
  /** Documents printed after the final approval, by kind. */
  documents: Partial<Record<'ak1' | 'ak2', string>>
}

/** A stored upload of `file/upload`. */
export interface SimulatedFile {
  id: number
  code: string
  file_name: string
  content_type: string
  bytes: Buffer
  user_id: string
}

/** Random faults on the mobile endpoints: each request fails with probability `rate`. */
export interface MobileFaults {
  /** 0..1. */
  rate: number
  /** `slow`: answered after `slowMs`; `500`: refused before any effect; `lost`: applied, then a 500. @default all three */
  kinds?: Array<'slow' | '500' | 'lost'>
  /** @default 300 */
  slowMs?: number
  /** Seed of the fault sequence, for a reproducible run. @default 1 */
  seed?: number
  /** `writes`: only requests that may change something (save, update, ustatus, delete, upload, registration, print). @default 'all' */
  scope?: 'all' | 'writes'
}

/** An answer of a mobile endpoint: JSON, or bytes (a document). */
export type MobileAnswer = { status: number; json?: unknown; bytes?: Buffer; contentType?: string }

/** The mobile part of the simulator: its state and its request handler. */
export interface MobileSimulator {
  readonly users: Map<string, SimulatedUser>
  readonly applications: Map<number, SimulatedApplication>
  readonly files: Map<string, SimulatedFile>
  /** Verification codes sent (as by e-mail / WhatsApp) by NIK. */
  readonly codes: Map<string, string>
  readonly approvers: SimulatedApprover[]
  faults: MobileFaults | null
  /** Whether the path belongs to the mobile protocol. */
  owns(path: string): boolean
  /** Answers one request; `apply` tells the caller whether an effect took place. */
  handle(req: IncomingMessage, path: string, body: Buffer): { answer: MobileAnswer; applied: boolean }
  /** A fault to inject on a request to `path`, drawn from {@link faults}. */
  drawFault(path: string): 'slow' | '500' | 'lost' | null
}

const pad = (n: number) => String(n).padStart(2, '0')

/** Creates the mobile protocol's state and handler (see CONTRACT.md "Mobile protocol"). */
export function createMobileSimulator(options: {
  approvers: SimulatedApprover[]
  now: () => Date
}): MobileSimulator {
  const users = new Map<string, SimulatedUser>()
  const applications = new Map<number, SimulatedApplication>()
  const files = new Map<string, SimulatedFile>()
  const codes = new Map<string, string>()
  const approvers = options.approvers
  let seq = 0
  let random = 1
  const state: { faults: MobileFaults | null } = { faults: null }

  const next = () => {
    seq += 1
    return seq
  }
  const stamp = () => {
    const d = options.now()
    return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`
  }
  const json = (value: unknown, status = 200): MobileAnswer => ({ status, json: value })
  const userById = (id: string) => [...users.values()].find((u) => u.user_id === id)
  const approverIndex = (userId: string) => approvers.findIndex((a) => a.user.user_id === userId)

  function valStatus(app: SimulatedApplication): string | null {
    if (app.approvals.some((a) => a.status === '3')) return 'Ditolak'
    if (app.approvals.every((a) => a.status === '2')) return null
    return 'Menunggu'
  }
  function listOfApp(app: SimulatedApplication): '1' | '2' | '3' {
    const v = valStatus(app)
    return v === 'Ditolak' ? '3' : v === null ? '2' : '1'
  }
  function pending(app: SimulatedApplication): SimulatedApproval | undefined {
    if (valStatus(app) === 'Ditolak') return undefined
    return app.approvals.find((a) => a.status === null)
  }

  function profile(body: DecodedForm): MobileAnswer {
    const nik = typeof body['0'] === 'string' ? body['0'] : ''
    const user = users.get(nik)
    return json(user ? { user_id: user.user_id, role_id: user.role_id, ...user.profile } : false)
  }

  function registration(body: DecodedForm, final: boolean): { answer: MobileAnswer; applied: boolean } {
    const form = fieldsOf(body['0'])
    const nik = form.nik ?? ''
    if (!/^\d{16}$/.test(nik))
      return {
        answer: json({ status: 'fail', message: 'NIK Harus Memiliki Panjang 16 Digit' }),
        applied: false,
      }
    if (!form.nama)
      return { answer: json({ status: 'fail', message: 'Mohon lengkapi Form Isian.' }), applied: false }
    if (users.has(nik))
      return { answer: json({ status: 'fail', message: 'NIK sudah terdaftar' }), applied: false }
    if (!final) {
      const code = String(100000 + ((next() * 7919) % 900000))
      codes.set(nik, code)
      return {
        answer: json({ status: 'success', message: 'Kode verifikasi telah dikirim ke Email/WA Anda' }),
        applied: true,
      }
    }
    if (!form.kode || codes.get(nik) !== form.kode) {
      return { answer: json({ status: 'fail', message: 'Kode verifikasi salah' }), applied: false }
    }
    const { kode: _kode, sandi: _sandi, re_sandi: _re, ...kept } = form
    users.set(nik, { user_id: `u${next()}`, role_id: '4', profile: kept })
    codes.delete(nik)
    return { answer: json({ status: 'success', message: 'Pendaftaran berhasil' }), applied: true }
  }

  function upload(req: IncomingMessage, body: Buffer): { answer: MobileAnswer; applied: boolean } {
    const parts = parseMultipart(body, String(req.headers['content-type'] ?? ''))
    const fields = Object.fromEntries(
      parts.filter((p) => p.filename === undefined).map((p) => [p.name, p.data.toString('utf8')]),
    )
    const file = parts.find((p) => p.filename !== undefined)
    if (!file || !fields.user_id || (!userById(fields.user_id) && approverIndex(fields.user_id) < 0)) {
      return {
        answer: json({ status: 'fail', message: 'Berkas atau pengguna tidak ada' }, 400),
        applied: false,
      }
    }
    const id = next()
    const stored: SimulatedFile = {
      id,
      code: `F${id}${Math.floor(options.now().getTime() / 1000).toString(36)}`,
      file_name: file.filename ?? file.name,
      content_type: file.contentType ?? 'application/octet-stream',
      bytes: file.data,
      user_id: fields.user_id,
    }
    files.set(stored.code, stored)
    return { answer: json([{ id, code: stored.code, file_name: stored.file_name }]), applied: true }
  }

  /** Stored record fields from the app's form names (`kartupencarikerja.js` edit page reads them back). */
  function storedFrom(body: DecodedForm, owner: SimulatedUser) {
    const form = fieldsOf(body['0'])
    const pemohon: Record<string, string> = {
      nik: form.nik_pemohon || owner.profile.nik || '',
      no_kk: owner.profile.no_kk ?? '',
      nama: form.nama_pemohon || owner.profile.nama || '',
      tempat_lahir: form.tempat_lahir_pemohon || owner.profile.tempat_lahir || '',
      tanggal_lahir: form.tanggal_lahir_pemohon || owner.profile.tanggal_lahir || '',
      jenis_kelamin: form.jenis_kelamin_pemohon || owner.profile.jenis_kelamin || '',
      agama: form.agama_pemohon || owner.profile.agama || '',
      status_kawin: form.status_kawin_pemohon || owner.profile.status_kawin || '',
      alamat: form.alamat_pemohon || owner.profile.alamat || '',
      email: form.email_pemohon || owner.profile.email || '',
      kecamatan: owner.profile.kecamatan ?? '',
      kode_desa: owner.profile.kode_desa ?? '',
    }
    const rename: Record<string, string> = {
      telp_pemohon: 'no_hp',
      kode_pos_pemohon: 'kode_pos',
      rt_pemohon: 'rt',
      rw_pemohon: 'rw',
      subCategory: 'sub_category',
      upah_pyd: 'besar_upah_pyd',
      pas_foto: 'file_code',
    }
    const layanan: Record<string, string> = {}
    for (const [k, v] of Object.entries(form)) {
      if (k.endsWith('_pemohon') && !rename[k]) continue
      if (k === 'pas_foto_path') continue
      layanan[rename[k] ?? k] = v
    }
    const jobs = listOf(body['4'])
      .map((row) => fieldsOf(row))
      .filter((row) => row.status !== 'terhapus')
      .map(({ status: _s, ...row }) => row)
    const languages = listOf(body['5'])
      .map((row) => fieldsOf(row).value ?? '')
      .filter(Boolean)
    const desc = listOf(body['2']).map(String)
    const attachments = listOf(body['3']).map((code, i) => ({ code: String(code), desc: desc[i] ?? '' }))
    return { pemohon, layanan, jobs, languages, attachments }
  }

  function save(body: DecodedForm, updateId: number | null): { answer: MobileAnswer; applied: boolean } {
    const door = fieldsOf(body['1'])
    const owner = door.user_id ? userById(door.user_id) : undefined
    if (!owner) return { answer: json({ desc: 'Gagal Simpan! Pengguna tidak dikenal' }), applied: false }
    const stored = storedFrom(body, owner)
    if (!stored.layanan.file_code || !files.has(stored.layanan.file_code)) {
      return { answer: json({ desc: 'Gagal Simpan! Mohon mengisi Foto!' }), applied: false }
    }
    if (updateId !== null) {
      const app = applications.get(updateId)
      if (!app || app.user_id !== owner.user_id || listOfApp(app) !== '1')
        return { answer: json({ status: 'fail' }), applied: false }
      Object.assign(app, {
        pemohon: stored.pemohon,
        layanan: stored.layanan,
        kpk_jabatan: stored.jobs,
        kpk_bahasa: stored.languages,
        attachments: stored.attachments,
      })
      return { answer: json(app.id), applied: true }
    }
    const id = next()
    const d = options.now()
    const app: SimulatedApplication = {
      id,
      kode_transaksi: `KPK-${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}-${String(id).padStart(5, '0')}`,
      user_id: owner.user_id,
      pemohon: stored.pemohon,
      layanan: stored.layanan,
      kpk_jabatan: stored.jobs,
      kpk_bahasa: stored.languages,
      attachments: stored.attachments,
      approvals: approvers.map((a, i) => ({
        id: `${id}.${i + 1}`,
        user_id: a.user.user_id,
        name: a.name,
        author_type: a.authorType,
        status: null,
        keterangan: '',
        tglinsert: null,
        esigned: false,
      })),
      documents: {},
    }
    applications.set(id, app)
    return { answer: json(id), applied: true }
  }

  /**
   * `delete_layanan/{id}` with the applicant's `[iamthedoor]` (`kartupencarikerja.js` "Hapus Data",
   * offered to the applicant only while the history is empty): `true`, else `false`.
   */
  function remove(id: number, body: DecodedForm): { answer: MobileAnswer; applied: boolean } {
    const app = applications.get(id)
    const door = fieldsOf(body['0'])
    const undecided = app?.approvals.every((a) => a.status === null)
    if (!app || app.user_id !== door.user_id || !undecided) return { answer: json(false), applied: false }
    applications.delete(id)
    return { answer: json(true), applied: true }
  }

  function row(app: SimulatedApplication) {
    const done = app.approvals.filter((a) => a.status !== null).at(-1)
    return {
      id: String(app.id),
      kode_transaksi: app.kode_transaksi,
      nomor: listOfApp(app) === '2' ? `AK1/${app.id}` : null,
      nik: app.pemohon.nik,
      nama_pendaftar: app.pemohon.nama,
      display_name: done?.name ?? null,
      val_status: valStatus(app),
    }
  }

  function list(which: string, query: URLSearchParams): MobileAnswer {
    const door = query.get('user_id') ?? ''
    const owner = userById(door)
    const officer = approverIndex(door) >= 0
    if (!owner && !officer)
      return json({ draw: Number(query.get('draw') ?? 0), recordsTotal: 0, recordsFiltered: 0, data: [] })
    const search = (query.get('search[value]') ?? '').trim()
    const all = [...applications.values()].filter(
      (a) => listOfApp(a) === which && (officer || a.user_id === door),
    )
    const filtered = all.filter(
      (a) => !search || a.pemohon.nik === search || a.kode_transaksi === search || String(a.id) === search,
    )
    const start = Number(query.get('start') ?? 0)
    const length = Number(query.get('length') ?? 10)
    return json({
      draw: Number(query.get('draw') ?? 0),
      recordsTotal: all.length,
      recordsFiltered: filtered.length,
      data: filtered.slice(start, length < 0 ? undefined : start + length).map(row),
    })
  }

  function find(id: number, userId: string): MobileAnswer {
    const app = applications.get(id)
    const isApprover = approverIndex(userId) >= 0
    if (!app || (app.user_id !== userId && !isApprover)) return json(false)
    const mine = pending(app)
    const turn = mine && mine.user_id === userId ? mine : null
    const last = app.approvals.filter((a) => a.status !== null).at(-1)
    const photo = files.get(app.layanan.file_code ?? '')
    return json({
      layanan: { ...app.layanan, id: String(app.id), kode_transaksi: app.kode_transaksi },
      pemohon: app.pemohon,
      kpk_jabatan: app.kpk_jabatan,
      kpk_bahasa: app.kpk_bahasa,
      file: photo ? { id: photo.id, file_actual: photo.file_name } : null,
      approve: turn ? { id: turn.id, author_type: turn.author_type, ttd: null } : null,
      latest_status: { status_approval: last?.status ?? '1', display_name: last?.name ?? null },
      this_user_is_the_last_index: approverIndex(userId) === approvers.length - 1,
      check_approved: listOfApp(app) === '2',
      chron: app.approvals
        .filter((a) => a.status !== null)
        .map((a) => ({
          val_status: a.status === '2' ? 'Disetujui' : 'Ditolak',
          author_type: a.author_type,
          name: a.name,
          keterangan: a.keterangan,
          tglinsert: a.tglinsert,
        })),
    })
  }

  function decide(id: number, userId: string, body: DecodedForm): { answer: MobileAnswer; applied: boolean } {
    const app = applications.get(id)
    const form = fieldsOf(body)
    const index = approverIndex(userId)
    const turn = app ? pending(app) : undefined
    const wrong = (message: string) => ({ answer: json({ status: 'wrong', message }), applied: false })
    if (!app || index < 0) return wrong('Data tidak ditemukan')
    if (!turn || turn.user_id !== userId || form.approve_items_id !== turn.id)
      return wrong('Bukan giliran Anda menyetujui dokumen ini')
    if (form.status !== '2' && form.status !== '3') return wrong('Status tidak dikenal')
    const approver = approvers[index]
    const signing =
      form.status === '2' && index === approvers.length - 1 && approver?.passphrase !== undefined
    if (signing) {
      const given = Buffer.from(form.esign ?? '', 'base64').toString('utf8')
      if (!given) return wrong('Passphrase Tidak Boleh Kosong')
      if (given !== approver?.passphrase) return wrong('Passphrase salah')
    }
    turn.status = form.status
    turn.keterangan = form.deskripsi ?? ''
    turn.tglinsert = stamp()
    turn.esigned = signing
    return { answer: json({ status: 'success' }), applied: true }
  }

  function print(
    id: number,
    kind: 'ak1' | 'ak2',
    body: DecodedForm,
  ): { answer: MobileAnswer; applied: boolean } {
    const app = applications.get(id)
    const door = fieldsOf(body)
    if (
      !app ||
      listOfApp(app) !== '2' ||
      (app.user_id !== door.user_id && approverIndex(door.user_id ?? '') < 0)
    ) {
      return { answer: json(false), applied: false }
    }
    const path = app.documents[kind] ?? `${kind}_${app.kode_transaksi}.pdf`
    const fresh = !app.documents[kind]
    app.documents[kind] = path
    return { answer: json(path), applied: fresh }
  }

  function documentBytes(path: string): MobileAnswer {
    const app = [...applications.values()].find((a) => Object.values(a.documents).includes(path))
    if (!app) return { status: 404, json: false }
    const kind = app.documents.ak1 === path ? 'AK/I' : 'AK/II'
    const text = `%PDF-1.4\n% SIPRAJA ${kind} ${app.kode_transaksi} ${app.pemohon.nama}\n%%EOF\n`
    return { status: 200, bytes: Buffer.from(text, 'utf8'), contentType: 'application/pdf' }
  }

  function route(
    req: IncomingMessage,
    path: string,
    body: Buffer,
  ): { answer: MobileAnswer; applied: boolean } {
    const url = new URL(path, 'http://sipraja.invalid')
    const s = url.pathname.split('/').filter(Boolean).map(decodeURIComponent)
    const method = req.method ?? 'GET'
    const form = () => decodeForm(body.toString('utf8'))
    const read = (answer: MobileAnswer) => ({ answer, applied: false })
    const notFound = read({ status: 404, json: { desc: 'Alamat tidak dikenal' } })
    if (s[0] === 'file' && s[1] === 'upload' && method === 'POST') return upload(req, body)
    if (s[0] === 'esign' && s[1] === 'acquire_doc' && s.length === 4) return read(documentBytes(s[3] ?? ''))
    if (s[0] === 'siurban_mobile' && s[1] === 'get_attachments' && method === 'POST') {
      const app = applications.get(Number(s[2]))
      const stored = (app?.attachments ?? []).map((a) => ({ ...a, file: files.get(a.code) }))
      return read(
        json(
          stored.map((a) => ({
            id: a.file?.id ?? null,
            code: a.code,
            file_name: a.file?.file_name ?? null,
            desc: a.desc,
          })),
        ),
      )
    }
    if (s[0] !== 'mobile') return notFound
    if (s[1] === 'user_support' && method === 'POST') {
      if (s[2] === 'profile') return read(profile(form()))
      if (s[2] === 'check_pendaftar') return registration(form(), false)
      if (s[2] === 'register') return registration(form(), true)
      return notFound
    }
    if (s[1] !== 'kartu_pencari_kerja') return notFound
    const [, , op, a, b, c] = s
    if (op === 'layanan' && method === 'GET' && (a === '1' || a === '2' || a === '3'))
      return read(list(a, url.searchParams))
    if (op === 'find_layanan' && method === 'POST') return read(find(Number(a), b ?? ''))
    if (op === 'jabatanKerja' && method === 'GET')
      return read(json(applications.get(Number(a))?.kpk_jabatan ?? []))
    if (op === 'delete_layanan' && method === 'POST') return remove(Number(a), form())
    if (op === 'print_doc' && method === 'POST') return print(Number(a), 'ak1', form())
    if (op === 'print_doc_ak2' && method === 'POST') return print(Number(a), 'ak2', form())
    if (op === 'save_kartu_pencari_kerja' && method === 'POST') {
      if (a === undefined) return save(form(), null)
      if (a === 'update') return save(form(), Number(b))
      if (a === 'ustatus') return decide(Number(b), c ?? '', form())
    }
    return notFound
  }

  return {
    users,
    applications,
    files,
    codes,
    approvers,
    get faults() {
      return state.faults
    },
    set faults(value) {
      state.faults = value
      random = value?.seed ?? 1
    },
    owns: (path) => /^\/(mobile|file|esign|siurban_mobile)\//.test(path),
    handle: route,
    drawFault(path) {
      const f = state.faults
      if (!f || f.rate <= 0) return null
      if (
        f.scope === 'writes' &&
        !/save_kartu_pencari_kerja|delete_layanan|\/file\/upload|check_pendaftar|register|print_doc/.test(
          path,
        )
      )
        return null
      // xorshift32: a reproducible fault sequence for a given seed.
      random ^= random << 13
      random ^= random >>> 17
      random ^= random << 5
      const u = (random >>> 0) / 0x1_0000_0000
      if (u >= f.rate) return null
      const kinds = f.kinds ?? ['slow', '500', 'lost']
      return kinds[Math.floor((u / f.rate) * kinds.length)] ?? null
    },
  }
}
