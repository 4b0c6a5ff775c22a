import { createServer, type IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { ReceivedNotice } from '@ak1/core/conformance'

/** One request as the simulated gateway received it. */
export interface GatewayRequest {
  method: string
  path: string
  headers: IncomingHttpHeaders
  body: unknown
}

/** A scripted answer: status and JSON body, or `hang` to never answer. */
export type GatewayAnswer = { status: number; body?: unknown } | 'hang'

/**
 * An in-process HTTP SMS gateway following the README contract: `POST` JSON, bearer token,
 * `Idempotency-Key` honoured (a repeated key gets the first answer and is not delivered again).
 */
export async function startGateway(options: { token?: string } = {}) {
  const requests: GatewayRequest[] = []
  const delivered: ReceivedNotice[] = []
  const byKey = new Map<string, { id: string; status: string }>()
  const script: GatewayAnswer[] = []
  let counter = 0

  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      let body: unknown
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'))
      } catch {
        body = undefined
      }
      requests.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body })
      const reply = (status: number, payload?: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' })
        res.end(payload === undefined ? '' : JSON.stringify(payload))
      }
      const next = script.shift()
      if (next === 'hang') return
      if (next) return reply(next.status, next.body)
      if (options.token && req.headers.authorization !== `Bearer ${options.token}`) {
        return reply(401, { error: { message: 'token salah' } })
      }
      const b = body as { to?: unknown; text?: unknown; reference?: unknown } | undefined
      if (typeof b?.to !== 'string' || typeof b.text !== 'string' || typeof b.reference !== 'string') {
        return reply(400, { error: { message: 'to, text, reference wajib' } })
      }
      const key = req.headers['idempotency-key']
      const seen = typeof key === 'string' ? byKey.get(key) : undefined
      if (seen) return reply(200, seen)
      counter += 1
      const answer = { id: `gw-${counter}`, status: 'queued' }
      if (typeof key === 'string') byKey.set(key, answer)
      delivered.push({ channel: 'sms', to: b.to, messageId: b.reference, text: b.text })
      reply(202, answer)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo

  return {
    url: `http://127.0.0.1:${port}/v1/messages`,
    requests,
    /** Queues answers for the next requests, in order. */
    script(...answers: GatewayAnswer[]) {
      script.push(...answers)
    },
    received: (): ReceivedNotice[] => [...delivered],
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections()
        server.close((error) => (error ? reject(error) : resolve()))
      }),
  }
}
