import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { createSiprajaGateway, createSiprajaSimulator, type SiprajaSimulator } from '@ak1/adapter-sipraja'
import { createSqliteStore } from '@ak1/adapter-sqlite'
import { createCardRenderer } from '@ak1/card-pdf'
import { type Ak1Service, balongbendo, type Clock, createAk1Service, type Standard } from '@ak1/core'
import { createEmailNotifier } from '@ak1/notify-email'
import { createSmsNotifier } from '@ak1/notify-sms'
import { createMessageLog, type MessageLog } from './capture/messages'
import { startSmsCapture } from './capture/sms'
import { startSmtpCapture } from './capture/smtp'
import { loadEncryptionKey } from './key'

/** Options of {@link startBackend}. */
export interface BackendOptions {
  /** Folder of the SQLite file and the key file. @default './data' */
  dataDir?: string
  /** The sealing key; @default `AK1_ENCRYPTION_KEY`, else `<dataDir>/ak1.key` (created when missing) */
  encryptionKey?: string
  clock?: Clock
  /** Pause of the worker after a pass that found nothing to do, in ms. @default 500 */
  workerIdleMs?: number
}

/** The library and the loopback servers around it, as `npm start` runs them. */
export interface Backend {
  service: Ak1Service
  standard: Standard
  /** What the SMTP and SMS capture servers received. */
  messages: MessageLog
  /** The SIPRAJA simulator (its fault switches make incidents for the demo). */
  sipraja: SiprajaSimulator
  /** Where the database lives. */
  databaseFile: string
  /** Starts the worker in this process (once): outbox deliveries and SLA deadlines. */
  startWorker(): void
  /** Stops the worker (deliveries in flight finish), then the servers, then closes the store. */
  close(): Promise<void>
}

/**
 * Starts what the portal embeds: `@ak1/core` on `@ak1/adapter-sqlite` (personal data sealed), the
 * SIPRAJA simulator with `@ak1/adapter-sipraja`, `@ak1/notify-email` to an SMTP capture server,
 * `@ak1/notify-sms` to a capture gateway (each a real server on 127.0.0.1). The worker starts with
 * `startWorker()`, so that a seed can run its own outbox passes first.
 */
export async function startBackend(options: BackendOptions = {}): Promise<Backend> {
  const dataDir = options.dataDir ?? './data'
  mkdirSync(dataDir, { recursive: true })
  const databaseFile = join(dataDir, 'ak1.sqlite')
  const encryptionKey = options.encryptionKey ?? loadEncryptionKey(join(dataDir, 'ak1.key'))
  const messages = createMessageLog()
  const store = createSqliteStore({ filename: databaseFile, encryptionKey })
  const closers: Array<() => Promise<void>> = [async () => store.close()]
  try {
    const simulator = createSiprajaSimulator()
    const siprajaServer = await simulator.start({ port: 0 })
    closers.unshift(() => siprajaServer.close())
    const smtp = await startSmtpCapture(messages)
    closers.unshift(() => smtp.close())
    const sms = await startSmsCapture(messages)
    closers.unshift(() => sms.close())

    const service = createAk1Service({
      standard: balongbendo,
      store,
      ...(options.clock ? { clock: options.clock } : {}),
      sipraja: createSiprajaGateway({ baseUrl: siprajaServer.url, token: simulator.token }),
      // The print step renders the AK-1 card to PDF (it needs the holder's pas foto on the case).
      card: createCardRenderer(),
      notifiers: [
        createEmailNotifier({
          from: { name: 'Kecamatan Balongbendo (DEMO)', address: 'ak1-demo@balongbendo.example' },
          smtp: { host: smtp.host, port: smtp.port, secure: false },
        }),
        createSmsNotifier({ http: { url: sms.url, token: sms.token, sender: 'AK1DEMO' } }),
      ],
      // A short backoff so that a failed delivery in the demo becomes visible in seconds, not hours.
      outbox: { maxAttempts: 3, backoff: { baseMs: 500, maxMs: 2000, jitter: 0 }, callTimeoutMs: 5000 },
    })

    const stop = new AbortController()
    let worker: Promise<unknown> | undefined
    closers.unshift(async () => {
      stop.abort()
      await worker
    })
    return {
      service,
      standard: balongbendo,
      messages,
      sipraja: simulator,
      databaseFile,
      startWorker() {
        worker ??= service.startWorker({
          signal: stop.signal,
          idleMs: options.workerIdleMs ?? 500,
          errorBackoffMs: 1000,
          onError: (error, pass) =>
            console.error(`worker (${pass}):`, error instanceof Error ? error.message : error),
        })
      },
      async close() {
        for (const close of closers.splice(0)) await close()
      },
    }
  } catch (error) {
    for (const close of closers.splice(0)) await close().catch(() => undefined)
    throw error
  }
}
