import { smsSegments } from '@ak1/core'
import type { AdapterError, NoticeMessage, NoticeReceipt, NoticeSendOptions } from '@ak1/core/ports'
import { ConfigError } from '@ak1/core/ports'
import smpp from 'smpp'
import type { ResolvedSmppOptions } from './options'
import { abortedError, checkMessage, sendError } from './send-errors'
import { smppStatus } from './smpp-status'
import type { SmsNotifier } from './sms-notifier'

const TON_UNKNOWN = 0
const TON_INTERNATIONAL = 1
const TON_ALPHANUMERIC = 5
const NPI_UNKNOWN = 0
const NPI_ISDN = 1
const DATA_CODING_DEFAULT = 0
const DATA_CODING_UCS2 = 8

interface Bound {
  session: smpp.Session
  /** Rejecters of the submits waiting for a response on this session. */
  inflight: Set<(error: AdapterError) => void>
  keepAlive: ReturnType<typeof setInterval> | undefined
  alive: boolean
  /** Ends the session, rejects what waits on it, and lets the next send open a new one. */
  fail(error: AdapterError): void
}

/** Registers (once) the vendor TLV that carries the message id and returns its name in `smpp`. */
function referenceTlvName(tag: number): string {
  const existing = smpp.tlvsById[tag]
  const textTypes = [smpp.types.tlv.cstring, smpp.types.tlv.string, smpp.types.tlv.buffer]
  if (existing?.tag) {
    if (textTypes.includes(existing.type)) return existing.tag
    throw new ConfigError(
      `smpp.referenceTlv: tag 0x${tag.toString(16)} sudah dipakai untuk nilai bukan teks`,
      {
        messageEn: `smpp.referenceTlv: tag 0x${tag.toString(16)} is already registered for a non-text value`,
        keys: ['smpp.referenceTlv'],
      },
    )
  }
  const name = `ak1_message_reference_${tag.toString(16)}`
  smpp.addTLV(name, { id: tag, type: smpp.types.tlv.cstring })
  return name
}

/** A 16-bit value derived from the message id (FNV-1a), the same on every resend. @internal */
function userMessageReference(messageId: string): number {
  let hash = 0x811c9dc5
  for (const byte of Buffer.from(messageId, 'utf8')) hash = Math.imul(hash ^ byte, 0x01000193) >>> 0
  return (hash ^ (hash >>> 16)) & 0xffff
}

function sourceAddress(addr: string): {
  source_addr: string
  source_addr_ton: number
  source_addr_npi: number
} {
  if (addr.startsWith('+')) {
    return { source_addr: addr.slice(1), source_addr_ton: TON_INTERNATIONAL, source_addr_npi: NPI_ISDN }
  }
  if (/^\d+$/.test(addr))
    return { source_addr: addr, source_addr_ton: TON_UNKNOWN, source_addr_npi: NPI_ISDN }
  return { source_addr: addr, source_addr_ton: TON_ALPHANUMERIC, source_addr_npi: NPI_UNKNOWN }
}

/**
 * The text as SMPP bytes: GSM 03.38 septets, one per octet (`data_coding` 0), when every character
 * is in the GSM-7 alphabet, else UCS-2 big-endian (`data_coding` 8). One SMS worth goes in
 * `short_message`; a longer text in the `message_payload` TLV, which the SMSC splits. @internal
 */
function encodeText(text: string): {
  data_coding: number
  short_message: Buffer
  message_payload?: Buffer
} {
  const { encoding, segments } = smsSegments(text)
  const bytes = encoding === 'gsm7' ? smpp.gsmCoder.encode(text, 0) : Buffer.from(text, 'utf16le').swap16()
  const data_coding = encoding === 'gsm7' ? DATA_CODING_DEFAULT : DATA_CODING_UCS2
  if (segments === 1) return { data_coding, short_message: bytes }
  return { data_coding, short_message: Buffer.alloc(0), message_payload: bytes }
}

/**
 * The SMPP mode of {@link createSmsNotifier}: one `bind_transceiver` session opened on the first
 * send, shared by concurrent sends, reopened on the next send after it drops. @internal
 */
export function createSmppSmsNotifier(id: string, o: ResolvedSmppOptions): SmsNotifier {
  const tlvName = o.referenceTlv === false ? undefined : referenceTlvName(o.referenceTlv)
  const source = sourceAddress(o.sourceAddr)
  let current: Promise<Bound> | undefined
  let closed = false
  const dropped = () => sendError(id, true, 'sesi SMPP terputus', 'the SMPP session dropped')

  function open(): Promise<Bound> {
    const pending = new Promise<Bound>((resolve, reject) => {
      const session = smpp.connect({ url: o.url })
      let ready = false
      const fail = (error: AdapterError) => {
        if (current === pending) current = undefined
        if (bound.alive) {
          bound.alive = false
          if (bound.keepAlive) clearInterval(bound.keepAlive)
          for (const rejectSubmit of bound.inflight) rejectSubmit(error)
          bound.inflight.clear()
          session.destroy()
        }
        if (!ready) {
          ready = true
          clearTimeout(timer)
          reject(error)
        }
      }
      const bound: Bound = { session, inflight: new Set(), keepAlive: undefined, alive: true, fail }
      const timer = setTimeout(
        () =>
          fail(
            sendError(
              id,
              true,
              `SMSC tidak menjawab bind dalam ${o.timeoutMs} ms`,
              `the SMSC did not answer the bind within ${o.timeoutMs} ms`,
            ),
          ),
        o.timeoutMs,
      )
      session.on('error', (error: Error) =>
        fail(
          sendError(
            id,
            true,
            `koneksi SMPP gagal: ${error.message}`,
            `SMPP connection failed: ${error.message}`,
            error,
          ),
        ),
      )
      session.on('close', () => fail(dropped()))
      // The SMSC's own requests must be answered, or it drops the session or redelivers receipts.
      session.on('enquire_link', (pdu: smpp.PDU) => session.send(pdu.response()))
      session.on('deliver_sm', (pdu: smpp.PDU) => session.send(pdu.response()))
      session.on('unbind', (pdu: smpp.PDU) => {
        session.send(pdu.response())
        fail(sendError(id, true, 'SMSC menutup sesi (unbind)', 'the SMSC unbound the session'))
      })
      session.on('connect', () => {
        session.bind_transceiver(
          { system_id: o.systemId, password: o.password, system_type: o.systemType },
          (resp: smpp.PDU) => {
            if (ready) return
            if (resp.command_status !== 0) {
              const s = smppStatus(resp.command_status)
              return fail(sendError(id, s.retryable, `bind ditolak: ${s.id}`, `bind refused: ${s.en}`))
            }
            ready = true
            clearTimeout(timer)
            if (o.enquireLinkMs > 0) {
              bound.keepAlive = setInterval(() => session.enquire_link(), o.enquireLinkMs)
              bound.keepAlive.unref()
            }
            resolve(bound)
          },
        )
      })
    })
    return pending
  }

  function session(): Promise<Bound> {
    if (!current) current = open()
    return current
  }

  function submit(
    bound: Bound,
    pdu: Record<string, unknown>,
    signal: AbortSignal | undefined,
  ): Promise<NoticeReceipt> {
    return new Promise<NoticeReceipt>((resolve, reject) => {
      let settled = false
      const settle = (run: () => void) => {
        if (settled) return
        settled = true
        clearTimeout(timer)
        signal?.removeEventListener('abort', onAbort)
        bound.inflight.delete(failed)
        run()
      }
      const failed = (error: AdapterError) => settle(() => reject(error))
      const onAbort = () => failed(abortedError(id, signal?.reason))
      const timer = setTimeout(() => {
        const error = sendError(
          id,
          true,
          `SMSC tidak menjawab submit_sm dalam ${o.timeoutMs} ms`,
          `the SMSC did not answer submit_sm within ${o.timeoutMs} ms`,
        )
        failed(error)
        // A session that stops answering is reopened on the next send.
        bound.fail(error)
      }, o.timeoutMs)
      signal?.addEventListener('abort', onAbort, { once: true })
      bound.inflight.add(failed)
      const written = bound.session.submit_sm(pdu, (resp: smpp.PDU) => {
        if (resp.command_status === 0 && typeof resp.message_id === 'string' && resp.message_id) {
          const providerId = resp.message_id
          return settle(() => resolve({ providerId, status: 'sent' }))
        }
        if (resp.command_status === 0) {
          return failed(
            sendError(id, false, 'submit_sm_resp tanpa message_id', 'submit_sm_resp without a message_id'),
          )
        }
        const s = smppStatus(resp.command_status)
        failed(
          sendError(id, s.retryable, `SMSC menolak pesan: ${s.id}`, `the SMSC refused the message: ${s.en}`),
        )
        // Not bound any more: only a new session helps.
        if (resp.command_status === 0x04) bound.fail(sendError(id, true, s.id, s.en))
      })
      if (!written) {
        failed(sendError(id, true, 'sesi SMPP tidak dapat ditulisi', 'the SMPP session is not writable'))
      }
    })
  }

  async function send(message: NoticeMessage, options: NoticeSendOptions = {}): Promise<NoticeReceipt> {
    const { signal } = options
    checkMessage(id, message, signal)
    if (closed) throw sendError(id, true, 'notifier sudah ditutup', 'the notifier is closed')
    const pdu: Record<string, unknown> = {
      ...source,
      dest_addr_ton: TON_INTERNATIONAL,
      dest_addr_npi: NPI_ISDN,
      destination_addr: message.to.slice(1),
      registered_delivery: o.registeredDelivery ? 1 : 0,
      ...encodeText(message.text),
      user_message_reference: userMessageReference(message.messageId),
    }
    if (tlvName) pdu[tlvName] = Buffer.from(message.messageId, 'utf8')

    // A session found dead before anything was written is replaced once, transparently.
    for (let attempt = 1; ; attempt++) {
      const bound = await withAbort(session(), signal, id)
      if (!bound.alive || !bound.session.socket.writable) {
        bound.fail(dropped())
        if (attempt < 2) continue
        throw dropped()
      }
      return submit(bound, pdu, signal)
    }
  }

  async function close(): Promise<void> {
    closed = true
    const pending = current
    current = undefined
    const bound = await pending?.catch(() => undefined)
    if (!bound?.alive) return
    if (bound.keepAlive) clearInterval(bound.keepAlive)
    await new Promise<void>((resolve) => {
      const finish = () => {
        clearTimeout(timer)
        bound.alive = false
        bound.session.destroy()
        resolve()
      }
      const timer = setTimeout(finish, o.timeoutMs)
      bound.session.socket.once('close', finish)
      const written = bound.session.unbind({}, () => bound.session.close())
      if (!written) finish()
    })
    for (const reject of bound.inflight)
      reject(sendError(id, true, 'notifier ditutup', 'the notifier was closed'))
    bound.inflight.clear()
  }

  return { id, channels: ['sms'], capabilities: { deduplicates: false, deliveryReports: false }, send, close }
}

/** Waits for a promise unless the caller aborts first (a retryable abort error). */
function withAbort<T>(promise: Promise<T>, signal: AbortSignal | undefined, id: string): Promise<T> {
  if (!signal) return promise
  if (signal.aborted) return Promise.reject(abortedError(id, signal.reason))
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortedError(id, signal.reason))
    signal.addEventListener('abort', onAbort, { once: true })
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort)
        resolve(value)
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort)
        reject(error)
      },
    )
  })
}
