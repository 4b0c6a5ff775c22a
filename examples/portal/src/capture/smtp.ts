import type { AddressInfo } from 'node:net'
import { simpleParser } from 'mailparser'
import { SMTPServer } from 'smtp-server'
import type { MessageLog } from './messages'

/** A running SMTP capture server. */
export interface SmtpCapture {
  host: string
  port: number
  close(): Promise<void>
}

/**
 * An SMTP server on loopback that accepts every message and records it in `log` instead of
 * delivering it: the demo's stand-in for the office's mail relay.
 */
export async function startSmtpCapture(
  log: MessageLog,
  options: { port?: number } = {},
): Promise<SmtpCapture> {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    banner: 'AK-1 demo SMTP capture',
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          const to = session.envelope.rcptTo.map((r) => r.address).join(', ')
          log.add({
            channel: 'email',
            at: new Date().toISOString(),
            to,
            subject: mail.subject ?? '',
            text: (mail.text ?? '').trim(),
            ...(mail.messageId ? { reference: mail.messageId.replace(/^<|>$/g, '') } : {}),
          })
          callback()
        })
        .catch((error: Error) => callback(error))
    },
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve())
  })
  const address = server.server.address() as AddressInfo
  return {
    host: '127.0.0.1',
    port: address.port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
