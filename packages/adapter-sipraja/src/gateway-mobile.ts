import type { SiprajaAccountInput, SiprajaGateway, SiprajaStatusResult } from '@ak1/core/ports'
import { parseOptions } from '@ak1/core/ports'
import { z } from 'zod'
import { createMobileCalls, type SiprajaListRow, type SiprajaRecord } from './mobile/calls'
import { createApprovalChain, type SiprajaDecisionInput } from './mobile/chain'
import { createMobileClient } from './mobile/client'
import { createMobileFiling, type FilingOf } from './mobile/filing'
import { encodeForm } from './mobile/form'
import { mobileStatusTable, type SiprajaList, type SiprajaUser } from './mobile/protocol'

export type { SiprajaListRow, SiprajaRecord } from './mobile/calls'
export type { SiprajaDecisionInput } from './mobile/chain'
export type { MobileCaseFiling } from './mobile/filing'

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
  /**
   * Our states mapped to SIPRAJA's approval chain: in state `S`, SIPRAJA holds the approvals up to
   * and including `approvedAt[S]` (an approver key, not the last one when it e-signs). Balongbendo:
   * `{ validasi: 'operator', tanda_tangan: 'admin' }` (the operator approves on leaving
   * `verifikasi`, the admin on leaving `validasi`). With it the engine writes the status at every
   * step, so each approval is sent at its own step. See CONTRACT.md "Status mapping".
   * @default {} (approvals are made at the final approval)
   */
  approvedAt?: Record<string, string>
  /** The case's application and photo by tracking code, to file it (tatap muka). @default none: filing waits */
  applicationOf?: FilingOf
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
const fn = z.custom<() => unknown>((v) => typeof v === 'function')
const optionsSchema = z
  .strictObject({
    protocol: z.literal('mobile'),
    baseUrl: z.url({ protocol: /^https?$/ }),
    officers: z.record(z.string().min(1), user),
    approvers: z.array(z.string().min(1)).min(1),
    approvedAt: z.record(z.string().min(1), z.string().min(1)).optional(),
    applicationOf: fn.optional(),
    enrol: fn.optional(),
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
  .refine(
    (o) =>
      Object.values(o.approvedAt ?? {}).every(
        (k) => o.approvers.includes(k) && (o.finalApproval === 'plain' || k !== o.approvers.at(-1)),
      ),
    { message: 'approved_at_not_an_approver_before_the_signer', path: ['approvedAt'] },
  )

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
  const approvedAt = parsed.approvedAt ?? {}
  const segment = parsed.documentSegment ?? 'doc'
  const calls = createMobileCalls(http, lister)
  const filing = createMobileFiling({
    http,
    calls,
    applicationOf: options.applicationOf,
    enrol: options.enrol,
  })
  const approvals = createApprovalChain({ http, calls, officers, chain, finalApproval })
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

  const setStatus: SiprajaGateway['setStatus'] = (input, call) =>
    once(call.idempotencyKey, () =>
      serial(input.nik, async (): Promise<SiprajaStatusResult> => {
        const op = 'setStatus'
        const { nik, caseRef } = input
        const signal = call.signal
        if (!input.status.trim()) throw http.fail(op, 'status wajib diisi', 'status is required', false)
        const applicant = await calls.applicantOf(op, nik, signal)
        const approver = input.step === undefined ? undefined : approvedAt[input.step]
        const action = mobileStatusTable[input.status]?.action ?? 'none'
        if (action === 'withdraw') return approvals.withdraw(nik, applicant, input.note, signal)
        if (action === 'file' || (approver && action !== 'reject')) {
          const filed = await filing.ensureFiled(op, nik, caseRef, applicant, signal)
          if (approver) {
            const approved = await approvals.approveUpTo(
              { nik, caseRef, officer: approver, signal },
              undefined,
            )
            return { status: approved.status, changed: filed.created || approved.changed }
          }
          const now = await approvals.currentLabel(nik, signal)
          return { status: now?.label ?? input.status, changed: filed.created }
        }
        const now = await approvals.currentLabel(nik, signal)
        if (action === 'none' || !now) return { status: now?.label ?? input.status, changed: false }
        if (action === 'reject') return approvals.reject(now, input.note ?? 'Ditolak', signal)
        if (now.list === 'disetujui') return { status: now.label, changed: false }
        if (now.list === 'ditolak')
          throw http.fail(
            op,
            'permohonan sudah ditolak di SIPRAJA',
            'the application was rejected in SIPRAJA',
            false,
          )
        if (finalApproval === 'esign') {
          if (chain.length > 1)
            await approvals.approveUpTo({ nik, caseRef, officer: chain.at(-2) as string, signal }, undefined)
          throw http.fail(
            op,
            'menunggu tanda tangan elektronik penyetuju terakhir',
            'waiting for the final approver\u2019s e-signature',
            true,
          )
        }
        return approvals.approveUpTo({ nik, caseRef, officer: chain.at(-1) as string, signal }, undefined)
      }),
    )

  return {
    id,
    statusAtEveryStep: Object.keys(approvedAt).length > 0,
    ensureAccount: (account, call) =>
      once(call.idempotencyKey, () => serial(account.nik, () => filing.ensureAccount(account, call.signal))),
    uploadAttachment: (attachment, call) =>
      once(call.idempotencyKey, () =>
        serial(attachment.nik, () => filing.uploadAttachment(attachment, call.signal)),
      ),
    setStatus,
    listApplications: (list, o = {}) => calls.listAll(list, lister, '', o.signal),
    findApplication: (appId, o = {}) => calls.find(appId, lister, o.signal),
    approve: (input) => serial(input.nik, () => approvals.approveUpTo(input, undefined)),
    sign: (input) => serial(input.nik, () => approvals.approveUpTo(input, input.passphrase)),
    async document({ nik, kind, signal }) {
      const found = await calls.locate(nik, ['disetujui'], signal)
      if (!found) return null
      const op = kind === 'ak1' ? 'print_doc' : 'print_doc_ak2'
      const path = await http.post(
        'document',
        `/mobile/kartu_pencari_kerja/${op}/${found.row.id}`,
        encodeForm({ ...lister }),
        signal,
      )
      if (typeof path !== 'string' || !path) return null
      return http.bytes('document', `/esign/acquire_doc/${segment}/${encodeURIComponent(path)}`, signal)
    },
  }
}
