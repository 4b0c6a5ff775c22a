import { once } from 'node:events'
import { type AddressInfo, createServer, type Server, type Socket } from 'node:net'
import type { ReceivedNotice } from '@ak1/core/conformance'
import { SMTPServer, type SMTPServerAddress } from 'smtp-server'
import { decodeMessageId } from '../../src/index'

/** One message as the SMTP server got it: the envelope, the raw source and its parsed parts. */
export interface SunkMail {
  envelope: { from: string; to: string[] }
  /** The authenticated user of the session, if any. */
  user: string | undefined
  raw: string
  parsed: ParsedMail
}

/** An SMTP reply for the sink to answer with instead of accepting. */
export interface SinkReply {
  code: number
  text: string
}

/** Options of {@link startSmtpSink}. */
export interface SmtpSinkOptions {
  /** Require SMTP AUTH with exactly these credentials. */
  auth?: { user: string; pass: string }
  /** Answer RCPT TO for an address with this reply instead of accepting it. */
  rcpt?: (address: string) => SinkReply | undefined
  /** Answer the end of DATA with this reply instead of accepting the message. */
  data?: () => SinkReply | undefined
  /** The text after `250 ` for an accepted message; `n` counts accepted messages from 1. */
  accepted?: (n: number) => string
}

/** A real `smtp-server` on 127.0.0.1 (port 0), plain text (no STARTTLS, no certificate). */
export interface SmtpSink {
  port: number
  messages(): SunkMail[]
  /** What arrived, in the shape `describeNotifier` compares. */
  received(): ReceivedNotice[]
  close(): Promise<void>
}

function replyError(reply: SinkReply): Error {
  return Object.assign(new Error(reply.text), { responseCode: reply.code })
}

export async function startSmtpSink(options: SmtpSinkOptions = {}): Promise<SmtpSink> {
  const sunk: SunkMail[] = []
  const server = new SMTPServer({
    secure: false,
    disabledCommands: options.auth ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
    authOptional: !options.auth,
    allowInsecureAuth: true,
    logger: false,
    closeTimeout: 100,
    disableReverseLookup: true,
    onAuth(auth, _session, callback) {
      const ok = auth.username === options.auth?.user && auth.password === options.auth?.pass
      if (!ok) callback(Object.assign(new Error('Authentication credentials invalid'), { responseCode: 535 }))
      else callback(null, { user: auth.username })
    },
    onRcptTo(address: SMTPServerAddress, _session, callback) {
      const reply = options.rcpt?.(address.address)
      callback(reply ? replyError(reply) : null)
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = []
      stream.on('data', (chunk: Buffer) => chunks.push(chunk))
      stream.on('end', () => {
        const reply = options.data?.()
        if (reply) return callback(replyError(reply))
        const raw = Buffer.concat(chunks).toString('utf8')
        const mailFrom = session.envelope.mailFrom
        sunk.push({
          envelope: {
            from: mailFrom ? mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
          },
          user: typeof session.user === 'string' ? session.user : undefined,
          raw,
          parsed: parseMail(raw),
        })
        callback(
          null,
          options.accepted?.(sunk.length) ?? `2.0.0 Ok: queued as Q${sunk.length}X${process.pid}`,
        )
      })
    },
  })
  server.listen(0, '127.0.0.1')
  await once(server.server, 'listening')
  const port = (server.server.address() as AddressInfo).port
  return {
    port,
    messages: () => [...sunk],
    received: () =>
      sunk.map((m) => {
        const header = m.parsed.header('message-id') ?? ''
        return {
          channel: 'email' as const,
          to: m.envelope.to[0] ?? '',
          messageId: decodeMessageId(header) ?? header,
          subject: m.parsed.subject,
          text: m.parsed.text,
          html: m.parsed.html,
        }
      }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

/** A TCP server that misbehaves: closes every connection at once, or accepts and never speaks. */
export interface RawServer {
  port: number
  /** Connections accepted so far. */
  connections(): number
  close(): Promise<void>
}

export async function startRawServer(mode: 'hang-up' | 'silent'): Promise<RawServer> {
  const sockets = new Set<Socket>()
  let count = 0
  const server: Server = createServer((socket) => {
    count += 1
    if (mode === 'hang-up') {
      socket.destroy()
      return
    }
    sockets.add(socket)
    socket.on('error', () => undefined)
    socket.on('close', () => sockets.delete(socket))
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  return {
    port: (server.address() as AddressInfo).port,
    connections: () => count,
    close: () => {
      for (const s of sockets) s.destroy()
      return new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

/** A port on 127.0.0.1 where nothing listens (a server was there a moment ago). */
export async function closedPort(): Promise<number> {
  const server = createServer()
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address() as AddressInfo
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

/** The parts of a message the tests look at. */
export interface ParsedMail {
  /** The first value of a header (unfolded, undecoded), by case-insensitive name. */
  header(name: string): string | undefined
  subject: string | undefined
  /** `Content-Type` of the top-level entity, without parameters, lower case. */
  contentType: string
  /** The decoded `text/plain` part. */
  text: string | undefined
  /** The decoded `text/html` part. */
  html: string | undefined
}

interface Entity {
  headers: [string, string][]
  body: string
}

function splitEntity(source: string): Entity {
  const cut = source.indexOf('\r\n\r\n')
  const head = cut === -1 ? source : source.slice(0, cut)
  const body = cut === -1 ? '' : source.slice(cut + 4)
  const headers: [string, string][] = []
  for (const line of head.split('\r\n')) {
    const last = headers[headers.length - 1]
    if (/^[ \t]/.test(line) && last) last[1] += line
    else {
      const colon = line.indexOf(':')
      if (colon > 0) headers.push([line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim()])
    }
  }
  return { headers, body }
}

function headerOf(entity: Entity, name: string): string | undefined {
  return entity.headers.find(([n]) => n === name.toLowerCase())?.[1]
}

function param(value: string, name: string): string | undefined {
  const match = new RegExp(`;\\s*${name}="?([^";]+)"?`, 'i').exec(value)
  return match?.[1]
}

function decodeBody(entity: Entity): string {
  const encoding = (headerOf(entity, 'content-transfer-encoding') ?? '7bit').toLowerCase()
  if (encoding === 'base64') return Buffer.from(entity.body.replace(/\s+/g, ''), 'base64').toString('utf8')
  if (encoding === 'quoted-printable') {
    const joined = entity.body.replace(/=\r\n/g, '')
    const bytes: number[] = []
    for (let i = 0; i < joined.length; i += 1) {
      const hex = joined.slice(i + 1, i + 3)
      if (joined[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
        bytes.push(Number.parseInt(hex, 16))
        i += 2
      } else bytes.push(...Buffer.from(joined[i]!, 'utf8'))
    }
    return Buffer.from(bytes).toString('utf8')
  }
  return entity.body
}

/** Decodes RFC 2047 encoded words (`=?UTF-8?Q?...?=`, `=?UTF-8?B?...?=`) in a header value. */
function decodeWords(value: string): string {
  return value
    .replace(/(\?=)\s+(=\?)/g, '$1$2')
    .replace(/=\?[^?]+\?([BbQq])\?([^?]*)\?=/g, (_, kind: string, text: string) => {
      if (kind.toUpperCase() === 'B') return Buffer.from(text, 'base64').toString('utf8')
      const bytes: number[] = []
      for (let i = 0; i < text.length; i += 1) {
        const hex = text.slice(i + 1, i + 3)
        if (text[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
          bytes.push(Number.parseInt(hex, 16))
          i += 2
        } else bytes.push(text[i] === '_' ? 0x20 : text.charCodeAt(i))
      }
      return Buffer.from(bytes).toString('utf8')
    })
}

function leaves(entity: Entity, out: Entity[]): void {
  const type = headerOf(entity, 'content-type') ?? 'text/plain'
  const boundary = param(type, 'boundary')
  if (!type.toLowerCase().startsWith('multipart/') || !boundary) {
    out.push(entity)
    return
  }
  const parts = entity.body.split(`--${boundary}`)
  // parts[0] is the preamble; the part starting with `--` is the epilogue after the closing line.
  for (const part of parts.slice(1)) {
    if (part.startsWith('--')) break
    leaves(splitEntity(part.replace(/^\r\n/, '').replace(/\r\n$/, '')), out)
  }
}

/** A small MIME reader: headers, subject, and the text and HTML parts (no attachments, no nesting quirks). */
export function parseMail(raw: string): ParsedMail {
  const top = splitEntity(raw)
  const found: Entity[] = []
  leaves(top, found)
  const partOf = (type: string) =>
    found.find((e) => (headerOf(e, 'content-type') ?? 'text/plain').toLowerCase().startsWith(type))
  const text = partOf('text/plain')
  const html = partOf('text/html')
  const subject = headerOf(top, 'subject')
  return {
    header: (name) => headerOf(top, name),
    subject: subject === undefined ? undefined : decodeWords(subject),
    contentType: (headerOf(top, 'content-type') ?? 'text/plain').split(';')[0]!.trim().toLowerCase(),
    text: text && decodeBody(text),
    html: html && decodeBody(html),
  }
}
