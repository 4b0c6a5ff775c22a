import { createHash } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { type Application, ConfigError, isAk1Error, parseOptions, type ValidationError } from '@ak1/core'
import { z } from 'zod'
import {
  accountRequestSchema,
  maxIdempotencyKeyLength,
  type SiprajaErrorCode,
  siprajaErrorCodes,
  siprajaHeaders,
  statusRequestSchema,
} from './contract'
import { createMobileSimulator, type MobileSimulator, type SimulatedApprover } from './simulator-mobile'
import { type FromSiprajaSubmissionOptions, fromSiprajaSubmission } from './submission'

/** An account the simulator holds (the applicant's SIPRAJA profile). */
export interface SimulatedAccount {
  account_id: string
  nik: string
  nama: string
  email?: string
  no_hp?: string
  created_at: string
}

/** One entry of a case's status history (SIPRAJA's `chron`). */
export interface SimulatedChronEntry {
  status: string
  /** Who set it (SIPRAJA's `author_type`). */
  role: string
  /** SIPRAJA's `keterangan`. */
  note?: string
  /** ISO time. */
  at: string
}

/** A file the simulator holds for a case. */
export interface SimulatedAttachment {
  attachment_id: string
  sha256: string
  content_type: string
  size: number
  item_id?: string
  at: string
}

/** A case (SIPRAJA's `layanan`) the simulator holds, by tracking code. */
export interface SimulatedCase {
  kode_transaksi: string
  nik: string
  /** The status shown now, `null` before the first. */
  status: string | null
  /** Every status change, oldest first. */
  chron: SimulatedChronEntry[]
  /** Files by sha256. */
  attachments: Map<string, SimulatedAttachment>
}

/** One request the simulator answered. */
export interface SimulatedRequest {
  method: string
  path: string
  idempotencyKey?: string
  /** HTTP status answered. */
  status: number
  /**
   * `applied`: took effect; `replayed`: answered from the first request with its key; `refused`:
   * an error before any effect; `fault`: an injected failure (`lost` when applied first); `read`: a GET
   * or a submission check.
   */
  outcome: 'applied' | 'replayed' | 'refused' | 'fault' | 'lost' | 'read'
}

/** An injected failure: the HTTP status, and whether it comes before or after the effect. */
export interface SimulatorFault {
  /** @default 503 */
  status?: number
  /** Seconds sent in `Retry-After` (429 and 503). @default 1 */
  retryAfterSeconds?: number
  /** `before`: nothing applied; `after`: applied, then the error answered (a lost answer). @default 'before' */
  phase?: 'before' | 'after'
}

/** Options of {@link createSiprajaSimulator}. */
export interface SiprajaSimulatorOptions {
  /** The bearer token it accepts. @default 'sipraja-test-token' */
  token?: string
  /** Faults from the start, as `failNext` would inject them. */
  faults?: { failNext?: number; fault?: SimulatorFault; delayNext?: number; delayMs?: number }
  /** Largest request body in bytes. @default 10485760 */
  maxBodyBytes?: number
  /** Region and major names for `POST /v1/submissions` (see `fromSiprajaSubmission`). */
  submission?: Omit<FromSiprajaSubmissionOptions, 'locale' | 'now'>
  /** The simulator's clock (history times, the submission checks). @default () => new Date() */
  now?: () => Date
  /**
   * The mobile protocol's AK-1 approval chain, in order (SIPRAJA users with their history names);
   * the last decides finally and, with a `passphrase`, must e-sign. @default []
   */
  approvers?: SimulatedApprover[]
}

/** A running simulator. */
export interface SiprajaSimulatorServer {
  /** `http://127.0.0.1:<port>`: pass it as the gateway's `baseUrl`. */
  url: string
  /** Stops the server, ending open connections and pending slow answers. */
  close(): Promise<void>
}

/** The SIPRAJA simulator: its state, its fault switches, and `start()`. */
export interface SiprajaSimulator {
  /** Starts listening on 127.0.0.1, on a free port unless one is given. */
  start(options?: { port?: number; host?: string }): Promise<SiprajaSimulatorServer>
  /** Stops the server if it runs. */
  close(): Promise<void>
  /** The bearer token it accepts. */
  readonly token: string
  /** Accounts by NIK. */
  readonly accounts: Map<string, SimulatedAccount>
  /** Cases by tracking code. */
  readonly cases: Map<string, SimulatedCase>
  /** Every request answered, in order. */
  readonly requests: SimulatedRequest[]
  /** How many times each idempotency key took effect (never more than 1). */
  readonly applied: Map<string, number>
  /** The next `count` write requests fail with `fault` (503 before the effect unless told). */
  failNext(count: number, fault?: SimulatorFault): void
  /** The next `count` write requests wait `ms` before they are handled. */
  delayNext(count: number, ms: number): void
  /** Ends every injected failure and delay. */
  heal(): void
  /** The mobile protocol (the Android app's endpoints): its users, applications, files and random faults. */
  readonly mobile: MobileSimulator
}

const faultSchema = z.strictObject({
  status: z.number().int().min(400).max(599).optional(),
  retryAfterSeconds: z.number().int().nonnegative().max(3600).optional(),
  phase: z.enum(['before', 'after']).optional(),
})
const optionsSchema = z.strictObject({
  token: z.string().min(1).max(4096).optional(),
  faults: z
    .strictObject({
      failNext: z.number().int().nonnegative().optional(),
      fault: faultSchema.optional(),
      delayNext: z.number().int().nonnegative().optional(),
      delayMs: z.number().int().nonnegative().max(600_000).optional(),
    })
    .optional(),
  maxBodyBytes: z.number().int().positive().optional(),
  submission: z.record(z.string(), z.unknown()).optional(),
  now: z.custom<() => Date>((v) => typeof v === 'function').optional(),
  approvers: z
    .array(
      z.strictObject({
        user: z.strictObject({
          user_id: z.string().min(1),
          kecamatan_id: z.string(),
          kelurahan_id: z.string(),
          role_id: z.string(),
        }),
        name: z.string().min(1),
        authorType: z.string().min(1),
        passphrase: z.string().min(1).optional(),
      }),
    )
    .optional(),
})

class HttpError extends Error {
  constructor(
    readonly code: SiprajaErrorCode,
    message: string,
    readonly messageEn: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message)
  }
}

interface Answer {
  status: number
  body: unknown
}

const nikPattern = /^\d{16}$/
const sha256Pattern = /^[0-9a-f]{64}$/
const caseRefPattern = /^[A-Za-z0-9._-]{1,64}$/

/** Canonical JSON (sorted keys), so a replay that orders its members differently is still the same request. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
    return `{${entries.join(',')}}`
  }
  return JSON.stringify(value)
}

/**
 * A SIPRAJA server in-process, implementing the HTTP contract (CONTRACT.md) faithfully, for tests
 * and for integrators: accounts by NIK, cases with their status history (`chron`) and files by
 * sha256, an idempotency-key store (the same key with the same request answers the first answer
 * again; with a different request, 409 `IDEMPOTENCY_KEY_REUSED`), the bearer token check, and
 * `POST /v1/submissions`, which maps a SIPRAJA-shaped submission to an application (or answers 422
 * with the issues). Faults on demand: fail the next N writes (503 by default, 429, before or after
 * the effect), delay the next N. It listens on 127.0.0.1 only unless told otherwise.
 *
 * @throws {ConfigError} naming the bad option keys.
 * @example
 * ```ts
 * const simulator = createSiprajaSimulator({ token: 't' })
 * const { url } = await simulator.start()
 * const sipraja = createSiprajaGateway({ baseUrl: url, token: 't' })
 * simulator.failNext(1) // the next write answers 503
 * await simulator.close()
 * ```
 */
export function createSiprajaSimulator(options: SiprajaSimulatorOptions = {}): SiprajaSimulator {
  parseOptions(optionsSchema, options, { adapter: 'createSiprajaSimulator' })
  const token = options.token ?? 'sipraja-test-token'
  const now = options.now ?? (() => new Date())
  const maxBodyBytes = options.maxBodyBytes ?? 10 * 1024 * 1024
  const accounts = new Map<string, SimulatedAccount>()
  const cases = new Map<string, SimulatedCase>()
  const requests: SimulatedRequest[] = []
  const applied = new Map<string, number>()
  /** First successful answers by idempotency key, with the request's fingerprint. */
  const answers = new Map<string, { fingerprint: string; answer: Answer }>()
  let failCount = options.faults?.failNext ?? 0
  let fault: SimulatorFault = options.faults?.fault ?? {}
  let delayCount = options.faults?.delayNext ?? 0
  let delayMs = options.faults?.delayMs ?? 0
  let counter = 0
  let server: ReturnType<typeof createServer> | null = null
  let closed = false
  const timers = new Set<{ timer: NodeJS.Timeout; done: () => void }>()
  const mobile = createMobileSimulator({ approvers: options.approvers ?? [], now })

  const nextId = (prefix: string) => {
    counter += 1
    return `${prefix}-${counter}`
  }

  function caseFor(caseRef: string, nik: string): SimulatedCase {
    const existing = cases.get(caseRef)
    if (existing) {
      if (existing.nik !== nik) {
        throw new HttpError(
          'INVALID_REQUEST',
          'kode layanan ini milik NIK lain',
          'this case belongs to another NIK',
        )
      }
      return existing
    }
    const created: SimulatedCase = {
      kode_transaksi: caseRef,
      nik,
      status: null,
      chron: [],
      attachments: new Map(),
    }
    cases.set(caseRef, created)
    return created
  }

  function requireAccount(nik: string): void {
    if (!accounts.has(nik)) {
      throw new HttpError(
        'ACCOUNT_NOT_FOUND',
        'akun SIPRAJA untuk NIK ini belum ada',
        'no SIPRAJA account exists for this NIK yet',
      )
    }
  }

  function invalid(message: string, messageEn: string): HttpError {
    return new HttpError('INVALID_REQUEST', message, messageEn)
  }

  /** The request body as JSON, or an `INVALID_REQUEST` when it is not JSON. */
  function jsonOf(body: Buffer): unknown {
    try {
      return JSON.parse(body.toString('utf8'))
    } catch {
      throw invalid('badan permintaan bukan JSON', 'the request body is not JSON')
    }
  }

  function parseJson<S extends z.ZodType>(body: Buffer, schema: S): z.output<S> {
    const json = jsonOf(body)
    const result = schema.safeParse(json)
    if (!result.success) {
      const detail = result.error.issues
        .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
        .join('; ')
      throw invalid(`permintaan tidak valid: ${detail}`, `invalid request: ${detail}`)
    }
    return result.data
  }

  /** A write endpoint's effect: validates, applies, answers. Throws HttpError before any effect. */
  type Write = { fingerprint: string; apply: () => Answer }

  function accountWrite(nik: string, body: Buffer): Write {
    if (!nikPattern.test(nik)) throw invalid('nik harus 16 angka', 'nik must be 16 digits')
    const input = parseJson(body, accountRequestSchema)
    return {
      fingerprint: canonical({ op: 'account', nik, input }),
      apply: () => {
        const existing = accounts.get(nik)
        if (existing) {
          return { status: 200, body: { account_id: existing.account_id, nik, created: false } }
        }
        const account: SimulatedAccount = {
          account_id: nextId('akun'),
          nik,
          nama: input.nama,
          created_at: now().toISOString(),
        }
        if (input.email) account.email = input.email
        if (input.no_hp) account.no_hp = input.no_hp
        accounts.set(nik, account)
        return { status: 201, body: { account_id: account.account_id, nik, created: true } }
      },
    }
  }

  function attachmentWrite(caseRef: string, sha256: string, req: IncomingMessage, body: Buffer): Write {
    const nik = String(req.headers[siprajaHeaders.nik] ?? '')
    const itemId = req.headers[siprajaHeaders.itemId]
    const contentType = String(req.headers['content-type'] ?? '').trim()
    if (!nikPattern.test(nik)) {
      throw invalid(
        `header ${siprajaHeaders.nik} harus NIK 16 angka`,
        `header ${siprajaHeaders.nik} must be a 16-digit NIK`,
      )
    }
    if (!caseRefPattern.test(caseRef)) throw invalid('kode layanan tidak valid', 'invalid case reference')
    if (!sha256Pattern.test(sha256)) {
      throw invalid(
        'sha256 harus 64 digit heksadesimal huruf kecil',
        'sha256 must be 64 lowercase hex digits',
      )
    }
    if (!contentType) throw invalid('Content-Type wajib diisi', 'Content-Type is required')
    const actual = createHash('sha256').update(body).digest('hex')
    if (actual !== sha256) {
      throw invalid('sha256 tidak sesuai dengan isi berkas', 'sha256 does not match the file content')
    }
    return {
      fingerprint: canonical({ op: 'attachment', caseRef, sha256, nik, contentType, itemId: itemId ?? null }),
      apply: () => {
        requireAccount(nik)
        const c = caseFor(caseRef, nik)
        const existing = c.attachments.get(sha256)
        if (existing) {
          return { status: 200, body: { attachment_id: existing.attachment_id, sha256, duplicate: true } }
        }
        const stored: SimulatedAttachment = {
          attachment_id: nextId('berkas'),
          sha256,
          content_type: contentType,
          size: body.byteLength,
          at: now().toISOString(),
        }
        if (typeof itemId === 'string' && itemId) stored.item_id = itemId
        c.attachments.set(sha256, stored)
        return { status: 201, body: { attachment_id: stored.attachment_id, sha256, duplicate: false } }
      },
    }
  }

  function statusWrite(caseRef: string, body: Buffer): Write {
    if (!caseRefPattern.test(caseRef)) throw invalid('kode layanan tidak valid', 'invalid case reference')
    const input = parseJson(body, statusRequestSchema)
    return {
      fingerprint: canonical({ op: 'status', caseRef, input }),
      apply: () => {
        requireAccount(input.nik)
        const c = caseFor(caseRef, input.nik)
        if (c.status === input.status) return { status: 200, body: { status: c.status, changed: false } }
        c.status = input.status
        const entry: SimulatedChronEntry = {
          status: input.status,
          role: input.role ?? 'kecamatan',
          at: now().toISOString(),
        }
        if (input.note) entry.note = input.note
        c.chron.push(entry)
        return { status: 200, body: { status: input.status, changed: true } }
      },
    }
  }

  function submission(body: Buffer): Answer {
    const json = jsonOf(body)
    try {
      const application: Application = fromSiprajaSubmission(json, { ...options.submission, now: now() })
      return { status: 200, body: { application } }
    } catch (error) {
      if (!isAk1Error(error) || error.code !== 'VALIDATION') throw error
      const v = error as ValidationError
      throw new HttpError('VALIDATION', v.message, v.messageEn, { issues: v.issues })
    }
  }

  function caseView(c: SimulatedCase) {
    return {
      kode_transaksi: c.kode_transaksi,
      nik: c.nik,
      status: c.status,
      chron: c.chron,
      attachments: [...c.attachments.values()],
    }
  }

  function send(res: ServerResponse, answer: Answer, headers: Record<string, string> = {}): void {
    if (res.headersSent || res.destroyed) return
    const text = JSON.stringify(answer.body)
    res.writeHead(answer.status, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(text),
      ...headers,
    })
    res.end(text)
  }

  function errorAnswer(error: HttpError): Answer {
    return {
      status: siprajaErrorCodes[error.code].status,
      body: {
        error: { code: error.code, message: error.message, messageEn: error.messageEn, ...error.extra },
      },
    }
  }

  function readBody(req: IncomingMessage): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = []
      let size = 0
      req.on('data', (chunk: Buffer) => {
        size += chunk.byteLength
        if (size > maxBodyBytes) {
          reject(new HttpError('PAYLOAD_TOO_LARGE', 'berkas terlalu besar', 'the body is too large'))
          req.resume()
          return
        }
        chunks.push(chunk)
      })
      req.on('end', () => resolve(Buffer.concat(chunks)))
      req.on('error', reject)
    })
  }

  function wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const entry = {
        timer: setTimeout(() => {
          timers.delete(entry)
          resolve()
        }, ms),
        done: resolve,
      }
      timers.add(entry)
    })
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET'
    const url = new URL(req.url ?? '/', 'http://sipraja.invalid')
    const segments = url.pathname.split('/').slice(1).map(decodeURIComponent)
    const log: SimulatedRequest = { method, path: url.pathname, status: 0, outcome: 'refused' }
    requests.push(log)
    const keyHeader = req.headers[siprajaHeaders.idempotencyKey]
    const key = typeof keyHeader === 'string' ? keyHeader : undefined
    if (key !== undefined) log.idempotencyKey = key
    const answer = (a: Answer, headers?: Record<string, string>) => {
      log.status = a.status
      send(res, a, headers)
    }
    if (mobile.owns(url.pathname)) {
      await handleMobile(req, res, log)
      return
    }
    try {
      const isWrite = method === 'PUT'
      let injected: SimulatorFault | null = null
      let delay = 0
      if (isWrite && failCount > 0) {
        failCount -= 1
        injected = fault
      }
      if (isWrite && delayCount > 0) {
        delayCount -= 1
        delay = delayMs
      }
      const auth = req.headers.authorization ?? ''
      if (auth !== `Bearer ${token}`) {
        req.resume()
        throw new HttpError('UNAUTHORIZED', 'token tidak dikenal', 'unknown token')
      }
      const body = await readBody(req)
      if (delay > 0) await wait(delay)
      if (closed) return
      const injectedAnswer = (): Answer => {
        const status = injected?.status ?? 503
        const code: SiprajaErrorCode =
          status === 429 ? 'RATE_LIMITED' : status >= 500 ? 'UNAVAILABLE' : 'INVALID_REQUEST'
        return {
          status,
          body: {
            error: { code, message: `gangguan buatan (${status})`, messageEn: `injected fault (${status})` },
          },
        }
      }
      const retryAfter = { 'retry-after': String(injected?.retryAfterSeconds ?? 1) }
      if (injected && (injected.phase ?? 'before') === 'before') {
        log.outcome = 'fault'
        answer(injectedAnswer(), retryAfter)
        return
      }

      let write: Write | null = null
      const [v1, resource, id, sub, subId] = segments
      if (v1 !== 'v1') throw new HttpError('NOT_FOUND', 'alamat tidak dikenal', 'unknown endpoint')
      if (resource === 'accounts' && id !== undefined && sub === undefined) {
        if (method === 'GET') {
          const account = accounts.get(id)
          if (!account) throw new HttpError('NOT_FOUND', 'akun tidak ada', 'no such account')
          log.outcome = 'read'
          answer({ status: 200, body: account })
          return
        }
        if (method === 'PUT') write = accountWrite(id, body)
      } else if (resource === 'layanan' && id !== undefined) {
        if (method === 'GET' && sub === undefined) {
          const c = cases.get(id)
          if (!c) throw new HttpError('NOT_FOUND', 'layanan tidak ada', 'no such case')
          log.outcome = 'read'
          answer({ status: 200, body: caseView(c) })
          return
        }
        if (method === 'PUT' && sub === 'attachments' && subId !== undefined && segments.length === 5) {
          write = attachmentWrite(id, subId, req, body)
        } else if (method === 'PUT' && sub === 'status' && segments.length === 4) {
          write = statusWrite(id, body)
        }
      } else if (resource === 'submissions' && id === undefined && method === 'POST') {
        log.outcome = 'read'
        answer(submission(body))
        return
      }
      if (!write) throw new HttpError('NOT_FOUND', 'alamat tidak dikenal', 'unknown endpoint')
      if (!key || key.length > maxIdempotencyKeyLength) {
        throw invalid(
          `header Idempotency-Key wajib diisi (1-${maxIdempotencyKeyLength} karakter)`,
          `the Idempotency-Key header is required (1-${maxIdempotencyKeyLength} characters)`,
        )
      }
      const first = answers.get(key)
      if (first && first.fingerprint !== write.fingerprint) {
        throw new HttpError(
          'IDEMPOTENCY_KEY_REUSED',
          'Idempotency-Key ini sudah dipakai untuk permintaan lain',
          'this Idempotency-Key was used for another request',
        )
      }
      let result: Answer
      if (first) {
        result = first.answer
        log.outcome = 'replayed'
      } else {
        result = write.apply()
        answers.set(key, { fingerprint: write.fingerprint, answer: result })
        applied.set(key, (applied.get(key) ?? 0) + 1)
        log.outcome = 'applied'
      }
      if (injected) {
        log.outcome = 'lost'
        answer(injectedAnswer(), retryAfter)
        return
      }
      answer(result, first ? { [siprajaHeaders.replayed]: 'true' } : {})
    } catch (error) {
      if (error instanceof HttpError) {
        answer(
          errorAnswer(error),
          error.code === 'UNAUTHORIZED' ? { 'www-authenticate': 'Bearer realm="sipraja"' } : {},
        )
        return
      }
      const detail = error instanceof Error ? error.message : String(error)
      answer(errorAnswer(new HttpError('INTERNAL', `kesalahan server: ${detail}`, `server error: ${detail}`)))
    }
  }

  /** A mobile request: no token, no idempotency key; random faults when set; JSON or a document. */
  async function handleMobile(
    req: IncomingMessage,
    res: ServerResponse,
    log: SimulatedRequest,
  ): Promise<void> {
    const reply = (status: number, payload: Buffer | string, type: string) => {
      log.status = status
      if (res.headersSent || res.destroyed) return
      res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(payload) })
      res.end(payload)
    }
    try {
      const body = await readBody(req)
      const fault = mobile.drawFault(req.url ?? '/')
      if (fault === 'slow') await wait(mobile.faults?.slowMs ?? 300)
      if (closed) return
      if (fault === '500') {
        log.outcome = 'fault'
        reply(500, 'Internal Server Error', 'text/html; charset=utf-8')
        return
      }
      const { answer, applied } = mobile.handle(req, req.url ?? '/', body)
      log.outcome = applied ? (fault === 'lost' ? 'lost' : 'applied') : fault === 'lost' ? 'fault' : 'read'
      if (fault === 'lost') {
        reply(500, 'Internal Server Error', 'text/html; charset=utf-8')
        return
      }
      if (answer.bytes) reply(answer.status, answer.bytes, answer.contentType ?? 'application/octet-stream')
      else reply(answer.status, JSON.stringify(answer.json), 'application/json; charset=utf-8')
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error)
      reply(500, JSON.stringify({ desc: `kesalahan server: ${detail}` }), 'application/json; charset=utf-8')
    }
  }

  async function close(): Promise<void> {
    const running = server
    if (!running) return
    closed = true
    server = null
    for (const entry of timers) {
      clearTimeout(entry.timer)
      entry.done()
    }
    timers.clear()
    running.closeAllConnections()
    await new Promise<void>((resolve) => running.close(() => resolve()))
  }

  return {
    token,
    accounts,
    cases,
    requests,
    applied,
    mobile,
    failNext(count, f = {}) {
      failCount = count
      fault = faultSchema.parse(f)
    },
    delayNext(count, ms) {
      delayCount = count
      delayMs = ms
    },
    heal() {
      failCount = 0
      delayCount = 0
      mobile.faults = null
    },
    close,
    async start(listen = {}) {
      if (server)
        throw new ConfigError('Simulator SIPRAJA sudah berjalan', {
          messageEn: 'The SIPRAJA simulator is already running',
        })
      closed = false
      const created = createServer((req, res) => {
        void handle(req, res)
      })
      await new Promise<void>((resolve, reject) => {
        created.once('error', reject)
        created.listen(listen.port ?? 0, listen.host ?? '127.0.0.1', () => resolve())
      })
      server = created
      const address = created.address() as AddressInfo
      const host = address.family === 'IPv6' ? `[${address.address}]` : address.address
      return { url: `http://${host}:${address.port}`, close }
    },
  }
}
