import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Clock } from '@ak1/core'
import { serve } from '@hono/node-server'
import { createPortalApp } from './app'
import { type Backend, startBackend } from './backend'
import { bundleClient } from './bundle'
import { seedDemoCases } from './seed'
import type { AttemptLimiter } from './web/attempt-limiter'
import { demoActor, staffRoles } from './web/session'

/** Options of {@link startPortal}. */
export interface StartPortalOptions {
  /** TCP port; 0 picks a free one. @default 3000 */
  port?: number
  /** Address to listen on. @default '127.0.0.1' (see the README's deployment note) */
  host?: string
  /** Folder of the SQLite file and the key file. @default '<portal>/data' */
  dataDir?: string
  /** The sealing key (else `AK1_ENCRYPTION_KEY`, else the key file). */
  encryptionKey?: string
  /** Seed the demo cases into an empty store. @default true */
  seed?: boolean
  trackingLimiter?: AttemptLimiter
  /** The service's clock (a test moves it to a holder's reporting dates). @default the system clock */
  clock?: Clock
}

/** A running portal. */
export interface RunningPortal {
  /** `http://127.0.0.1:<port>` */
  url: string
  backend: Backend
  /** One demo login per role: the role id and its demo user id. */
  logins: Array<{ role: string; name: string; user: string }>
  /** Stops the HTTP server, then the worker, the loopback servers and the store. */
  close(): Promise<void>
}

/** The folder of the portal example (src/ and dist/ both sit one level below it). */
const root = fileURLToPath(new URL('..', import.meta.url))

/**
 * Starts the portal: the backend (library, store, SIPRAJA simulator, capture servers), the demo
 * cases, the worker, and the HTTP server.
 */
export async function startPortal(options: StartPortalOptions = {}): Promise<RunningPortal> {
  const clientScript = await bundleClient(join(root, 'src', 'client', 'app.ts'))
  const backend = await startBackend({
    dataDir: options.dataDir ?? join(root, 'data'),
    ...(options.encryptionKey ? { encryptionKey: options.encryptionKey } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
  })
  try {
    if (options.seed !== false) await seedDemoCases(backend.service, backend.sipraja)
    backend.startWorker()
    const app = createPortalApp({
      service: backend.service,
      standard: backend.standard,
      messages: backend.messages,
      assetsDir: join(root, 'public'),
      clientScript,
      ...(options.trackingLimiter ? { trackingLimiter: options.trackingLimiter } : {}),
    })
    const host = options.host ?? '127.0.0.1'
    const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
      const s = serve({ fetch: app.fetch, port: options.port ?? 3000, hostname: host }, () => resolve(s))
      s.once('error', reject)
    })
    const { port } = server.address() as AddressInfo
    const shownHost = host.includes(':') ? `[${host}]` : host
    return {
      url: `http://${shownHost}:${port}`,
      backend,
      logins: staffRoles(backend.standard).map((r) => ({
        role: r.id,
        name: r.name,
        user: demoActor(r.id).id,
      })),
      async close() {
        await new Promise<void>((resolve) => {
          if ('closeAllConnections' in server) server.closeAllConnections()
          server.close(() => resolve())
        })
        await backend.close()
      },
    }
  } catch (error) {
    await backend.close()
    throw error
  }
}
