import { describeConformance } from './conformance-suite'
import { type NotifierHarness, notifierChecks } from './notifier-checks'

/** Options of {@link describeNotifier}. */
export interface DescribeNotifierOptions {
  /** Shown in the suite title, e.g. `smtp`. */
  name: string
  /**
   * Makes a fresh notifier and a view of its far side (an in-process SMTP server, an SMS gateway
   * stub); called before each test. `cleanup` runs after each test.
   */
  create: () => Promise<NotifierHarness>
  /** Skips the whole suite, e.g. when a server cannot start. @default false */
  skip?: boolean
  /** Timeout in milliseconds of each check and of its setup and cleanup (`create`, `cleanup`). @default 30000 */
  timeout?: number
}

/**
 * The `Notifier` conformance suite: one vitest test per contract check (receipt, message id
 * carried to the far side, resends recognisable, unserved channel and bad address refused without
 * retry, abort honoured), each against a fresh notifier. An adapter's conformance test is this call.
 *
 * @example
 * ```ts
 * import { describeNotifier } from '@ak1/core/conformance'
 *
 * describeNotifier({
 *   name: 'smtp',
 *   create: async () => {
 *     const server = await startSmtpServer()
 *     const notifier = createEmailNotifier({ host: '127.0.0.1', port: server.port, from: 'kec@example.go.id' })
 *     return { notifier, received: () => server.messages(), cleanup: () => server.close() }
 *   },
 * })
 * ```
 */
export function describeNotifier(options: DescribeNotifierOptions): void {
  const { name, create, skip = false, timeout = 30_000 } = options
  describeConformance({
    title: `Notifier conformance: ${name}`,
    create,
    cleanup: (h) => h.cleanup?.(),
    subject: (h) => h,
    checks: notifierChecks(),
    skip,
    timeout,
  })
}
