import { z } from 'zod'
import type { MobileClient } from './client'
import { encodeForm } from './form'
import { type SiprajaList, type SiprajaUser, siprajaLists } from './protocol'

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

/** An application located by NIK: its list row and the list it is on. */
export interface Located {
  row: SiprajaListRow
  list: SiprajaList
}

/** The read calls of the mobile protocol (and the file upload), each as the app makes it. */
export interface MobileCalls {
  /** Parses an answer, or fails `operation` with "SIPRAJA's answer is not understood". */
  parse<S extends z.ZodType>(operation: string, schema: S, value: unknown): z.output<S>
  /** The applicant's SIPRAJA user by NIK (`user_support/profile`), or `null` when none exists. */
  profileOf(nik: string, signal?: AbortSignal): Promise<{ user: SiprajaUser } | null>
  /** The applicant's SIPRAJA user; fails (retryable) when the account does not exist yet. */
  applicantOf(operation: string, nik: string, signal?: AbortSignal): Promise<SiprajaUser>
  /** Every row of a list, as `as` sees it, filtered by `search` (a NIK, a code or an id). */
  listAll(list: SiprajaList, as: SiprajaUser, search: string, signal?: AbortSignal): Promise<SiprajaListRow[]>
  /** The applicant's latest application on the first of `lists` holding one. */
  locate(nik: string, lists: SiprajaList[], signal?: AbortSignal): Promise<Located | null>
  /** `find_layanan` as `as`; `null` when SIPRAJA has no such application for that user. */
  find(appId: string, as: SiprajaUser, signal?: AbortSignal): Promise<SiprajaRecord | null>
  /** `file/upload` of one file as `as`: SIPRAJA's id and code of the stored file. */
  uploadFile(
    operation: string,
    as: SiprajaUser,
    file: { bytes: Uint8Array; contentType: string; name: string },
    signal?: AbortSignal,
  ): Promise<{ id: string; code: string }>
}

/** The read calls over `http`; lists are read as `lister` (the chain's first approver). */
export function createMobileCalls(http: MobileClient, lister: SiprajaUser): MobileCalls {
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

  async function profileOf(nik: string, signal?: AbortSignal) {
    const answer = await http.post('profile', '/mobile/user_support/profile/', encodeForm([nik]), signal)
    if (!answer) return null
    const p = parse('profile', profileSchema, answer)
    return {
      user: {
        user_id: p.user_id,
        kecamatan_id: p.kecamatan ?? '',
        kelurahan_id: p.kode_desa ?? '',
        role_id: '4',
      },
    }
  }

  async function listAll(list: SiprajaList, as: SiprajaUser, search: string, signal?: AbortSignal) {
    const rows: SiprajaListRow[] = []
    const length = 50
    for (let start = 0; ; start += length) {
      const query = encodeForm({
        draw: '1',
        start: String(start),
        length: String(length),
        'search[value]': search,
        ...as,
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

  return {
    parse,
    profileOf,
    async applicantOf(operation, nik, signal) {
      const found = await profileOf(nik, signal)
      if (!found)
        throw http.fail(
          operation,
          'akun SIPRAJA untuk NIK ini belum ada',
          'no SIPRAJA account exists for this NIK yet',
          true,
        )
      return found.user
    },
    listAll,
    async locate(nik, lists, signal) {
      for (const list of lists) {
        const rows = (await listAll(list, lister, nik, signal)).filter((r) => r.nik === nik)
        const latest = rows.sort((a, b) => Number(b.id) - Number(a.id))[0]
        if (latest) return { row: latest, list }
      }
      return null
    },
    async find(appId, as, signal) {
      const answer = await http.post(
        'findApplication',
        `/mobile/kartu_pencari_kerja/find_layanan/${appId}/${as.user_id}`,
        encodeForm([{ ...as }]),
        signal,
      )
      return answer ? (parse('findApplication', recordSchema, answer) as SiprajaRecord) : null
    },
    async uploadFile(operation, as, file, signal) {
      const form = new FormData()
      form.append('subdir', 'kartu_pencari_kerja')
      for (const [k, v] of Object.entries(as)) form.append(k, v)
      form.append(file.name, new Blob([file.bytes], { type: file.contentType }), file.name)
      return parse(operation, uploadSchema, await http.post(operation, '/file/upload', form, signal))[0] as {
        id: string
        code: string
      }
    },
  }
}
