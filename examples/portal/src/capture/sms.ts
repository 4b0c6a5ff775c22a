import { randomUUID } from 'node:crypto'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { MessageLog } from './messages'

/** A running SMS capture gateway. */
export interface SmsCapture {
  /** The send endpoint, for `createSmsNotifier({ http: { url } })`. */
  url: string
  /** The bearer token it accepts. */
  token: string
  close(): Promise<void>
}

const maxBody = 64 * 1024

/**
 * An HTTP server on loopback speaking the `@ak1/notify-sms` gateway contract (`POST` with a bearer
 * token, `{ to, text, reference }`, answered `202 { id, status }`), recording each SMS in `log`: the
 * demo's stand-in for the office's SMS provider. A repeated `Idempotency-Key` is answered with the
 * first id and recorded once.
 */
export async function startSmsCapture(log: MessageLog, options: { port?: number } = {}): Promise<SmsCapture> {
  const token = randomUUID()
  const seen = new Map<string, string>()
  const server = createServer((request, response) => {
    const answer = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' })
      response.end(JSON.stringify(body))
    }
    if (request.method !== 'POST' || request.url !== '/v1/messages')
      return answer(404, { error: 'not found' })
    if (request.headers.authorization !== `Bearer ${token}`) return answer(401, { error: 'bad token' })
    const chunks: Buffer[] = []
    let size = 0
    request.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size <= maxBody) chunks.push(chunk)
    })
    request.on('end', () => {
      if (size > maxBody) return answer(413, { error: 'too large' })
      let body: { to?: unknown; text?: unknown; reference?: unknown }
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'))
      } catch {
        return answer(400, { error: 'bad json' })
      }
      if (typeof body.to !== 'string' || typeof body.text !== 'string')
        return answer(400, { error: 'to, text' })
      const key = String(request.headers['idempotency-key'] ?? randomUUID())
      const known = seen.get(key)
      if (known) return answer(202, { id: known, status: 'accepted' })
      const id = randomUUID()
      seen.set(key, id)
      log.add({
        channel: 'sms',
        at: new Date().toISOString(),
        to: body.to,
        text: body.text,
        ...(typeof body.reference === 'string' ? { reference: body.reference } : {}),
      })
      answer(202, { id, status: 'accepted' })
    })
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/v1/messages`,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
