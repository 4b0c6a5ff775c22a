import type { AddressInfo } from 'node:net'
import type { ReceivedNotice } from '@ak1/core/conformance'
import smpp from 'smpp'

/** A `submit_sm` as the SMSC decoded it. */
export type Submit = smpp.PDU

/** The message id carried in the vendor TLV `tag`, however `smpp` decoded it (named or by number). */
export function tlvText(pdu: smpp.PDU, tag: number): string | undefined {
  const name = smpp.tlvsById[tag]?.tag
  const value = name ? pdu[name] : pdu[tag]
  if (value === undefined) return undefined
  return Buffer.isBuffer(value) ? value.toString('utf8').replace(/\0$/, '') : String(value)
}

/** The text of a submit, from `short_message` or `message_payload` (decoded by `smpp` per data_coding). */
export function submitText(pdu: smpp.PDU): string {
  const part = (v: unknown) => (v && typeof v === 'object' && 'message' in v ? String(v.message) : '')
  return part(pdu.short_message) || part(pdu.message_payload)
}

/**
 * An in-process SMSC on the `smpp` package's own server: accepts `bind_transceiver` for one account,
 * answers `submit_sm` with a message id (or a scripted error status), records everything.
 */
export async function startSmsc(account = { systemId: 'kecblb', password: 'rahasia' }) {
  const submits: Submit[] = []
  const binds: smpp.PDU[] = []
  const unbinds: smpp.PDU[] = []
  const script: number[] = []
  let counter = 0

  const server = smpp.createServer((session: smpp.Session) => {
    session.on('error', () => {})
    session.on('bind_transceiver', (pdu: smpp.PDU) => {
      binds.push(pdu)
      const ok = pdu.system_id === account.systemId && pdu.password === account.password
      session.send(pdu.response({ command_status: ok ? 0 : 0x0e, system_id: 'SIM-SMSC' }))
    })
    session.on('submit_sm', (pdu: smpp.PDU) => {
      const status = script.shift() ?? 0
      if (status !== 0) return session.send(pdu.response({ command_status: status }))
      submits.push(pdu)
      counter += 1
      session.send(pdu.response({ message_id: `smsc-${counter}` }))
    })
    session.on('enquire_link', (pdu: smpp.PDU) => session.send(pdu.response()))
    session.on('unbind', (pdu: smpp.PDU) => {
      unbinds.push(pdu)
      session.send(pdu.response())
      session.close()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo

  /** Destroys every open session and resolves once the server saw them close. */
  const dropSessions = () =>
    Promise.all(
      [...server.sessions].map(
        (session) =>
          new Promise<void>((resolve) => {
            if (session.socket.destroyed) return resolve()
            session.socket.once('close', () => resolve())
            session.socket.destroy()
          }),
      ),
    ).then(() => undefined)

  return {
    url: `smpp://127.0.0.1:${port}`,
    submits,
    binds,
    unbinds,
    /** Open sessions right now. */
    sessionCount: () => server.sessions.length,
    /** Answers the next submits with these `command_status` values, in order. */
    script(...statuses: number[]) {
      script.push(...statuses)
    },
    received: (): ReceivedNotice[] =>
      submits.map((pdu) => ({
        channel: 'sms',
        to: pdu.dest_addr_ton === 1 ? `+${String(pdu.destination_addr)}` : String(pdu.destination_addr),
        messageId: tlvText(pdu, 0x1400) ?? '',
        text: submitText(pdu),
      })),
    dropSessions,
    close: async () => {
      await dropSessions()
      await new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      )
    },
  }
}
