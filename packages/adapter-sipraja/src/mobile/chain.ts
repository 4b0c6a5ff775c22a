import type { SiprajaStatusResult } from '@ak1/core/ports'
import type { Located, MobileCalls } from './calls'
import type { MobileClient } from './client'
import { encodeForm } from './form'
import { labelOfValStatus, type SiprajaUser } from './protocol'

/** A decision the embedder makes directly, while the officer is present. */
export interface SiprajaDecisionInput {
  nik: string
  caseRef: string
  /** The officer key (see `officers`). */
  officer: string
  note?: string
  signal?: AbortSignal
}

/** The note of a withdrawal recorded as a rejection (SIPRAJA has no withdrawal status). */
export const withdrawalNote = (reason?: string) =>
  reason ? `Permohonan dibatalkan: ${reason}` : 'Permohonan dibatalkan'

/** SIPRAJA's approval chain of AK-1, driven as its approvers' app would (`ustatus`, `delete_layanan`). */
export interface ApprovalChain {
  /** The applicant's application and the label the applicant sees, from the lists. */
  currentLabel(nik: string, signal?: AbortSignal): Promise<(Located & { label: string }) | null>
  /** Approves as every approver up to `officer` still pending, in order; the last signs with `passphrase`. */
  approveUpTo(input: SiprajaDecisionInput, passphrase: string | undefined): Promise<SiprajaStatusResult>
  /** Rejects the running application as the approver whose turn it is, with the note. */
  reject(now: Located & { label: string }, note: string, signal?: AbortSignal): Promise<SiprajaStatusResult>
  /**
   * Withdraws the running application: the applicant deletes it (`delete_layanan`, as the app's
   * "Hapus Data" does) while no approver has decided; after a decision the app offers no deletion,
   * so the approver whose turn it is rejects it with the withdrawal's note.
   */
  withdraw(
    nik: string,
    applicant: SiprajaUser,
    reason?: string,
    signal?: AbortSignal,
  ): Promise<SiprajaStatusResult>
}

/** The approval chain over `calls`: `chain` lists the officer keys in SIPRAJA's order. */
export function createApprovalChain(settings: {
  http: MobileClient
  calls: MobileCalls
  officers: Record<string, SiprajaUser>
  chain: string[]
  finalApproval: 'esign' | 'plain'
}): ApprovalChain {
  const { http, calls, officers, chain, finalApproval } = settings

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
    const record = await calls.find(appId, as, signal)
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
      ...as,
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
    const found = await calls.locate(nik, ['berjalan', 'disetujui', 'ditolak'], signal)
    return found ? { ...found, label: labelOfValStatus(found.row.val_status) } : null
  }

  /** The approver whose turn it is on a running application, or `null`. */
  async function turnOf(appId: string, signal?: AbortSignal) {
    for (const key of chain) {
      const record = await calls.find(appId, officers[key] as SiprajaUser, signal)
      if (record?.approve) return key
    }
    return null
  }

  async function reject(now: Located & { label: string }, note: string, signal?: AbortSignal) {
    if (now.list !== 'berjalan') return { status: now.label, changed: false }
    const turn = await turnOf(now.row.id, signal)
    if (!turn) return { status: now.label, changed: false }
    const changed = await decideAs(now.row.id, turn, '3', note, undefined, signal)
    return { status: 'Ditolak', changed }
  }

  return {
    currentLabel,
    reject,
    async approveUpTo(input, passphrase) {
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
        const note = (key === officer && input.note) || 'Disetujui'
        changed =
          (await decideAs(found.row.id, key, '2', note, final ? passphrase : undefined, signal)) || changed
      }
      return { status: last ? 'Bisa Diambil' : 'Menunggu', changed }
    },
    async withdraw(nik, applicant, reason, signal) {
      const now = await currentLabel(nik, signal)
      if (now?.list !== 'berjalan') return { status: now?.label ?? 'Dibatalkan', changed: false }
      const record = await calls.find(now.row.id, applicant, signal)
      if (record && record.chron.length === 0) {
        // kartupencarikerja.js `#deletelayanan`: the applicant's `[iamthedoor]`; `false` is "not found".
        const answer = await http.post(
          'withdraw',
          `/mobile/kartu_pencari_kerja/delete_layanan/${now.row.id}`,
          encodeForm([{ ...applicant }]),
          signal,
        )
        return { status: 'Dibatalkan', changed: answer !== false && answer !== null }
      }
      return reject(now, withdrawalNote(reason), signal)
    },
  }
}
