import { describeConformance } from './conformance-suite'
import { type SiprajaHarness, siprajaChecks } from './sipraja-checks'

/** Options of {@link describeSiprajaGateway}. */
export interface DescribeSiprajaGatewayOptions {
  /** Shown in the suite title, e.g. `http`. */
  name: string
  /** Makes a fresh gateway (and far side, e.g. the simulator); called before each test. */
  create: () => Promise<SiprajaHarness>
  /** Skips the whole suite. @default false */
  skip?: boolean
  /** Timeout in milliseconds of each check and of its setup and cleanup (`create`, `cleanup`). @default 30000 */
  timeout?: number
}

/**
 * The `SiprajaGateway` conformance suite: one vitest test per contract check (accounts by NIK,
 * idempotency keys answered from the first call and never applied twice, files once per case,
 * statuses never rolled back by a replay, retryable versus refused errors, abort honoured), each
 * against a fresh gateway. An adapter's conformance test is this call.
 *
 * @example
 * ```ts
 * import { createSiprajaGateway, createSiprajaSimulator } from '@ak1/adapter-sipraja'
 * import { describeSiprajaGateway } from '@ak1/core/conformance'
 *
 * describeSiprajaGateway({
 *   name: 'http against the simulator',
 *   create: async () => {
 *     const simulator = createSiprajaSimulator({ token: 't' })
 *     const { url, close } = await simulator.start()
 *     return {
 *       gateway: createSiprajaGateway({ baseUrl: url, token: 't' }),
 *       inspect: {
 *         status: (caseRef) => simulator.cases.get(caseRef)?.status ?? null,
 *         attachmentCount: (caseRef) => simulator.cases.get(caseRef)?.attachments.size ?? 0,
 *       },
 *       cleanup: close,
 *     }
 *   },
 * })
 * ```
 */
export function describeSiprajaGateway(options: DescribeSiprajaGatewayOptions): void {
  const { name, create, skip = false, timeout = 30_000 } = options
  describeConformance({
    title: `SiprajaGateway conformance: ${name}`,
    create,
    cleanup: (h) => h.cleanup?.(),
    subject: (h) => h,
    checks: siprajaChecks(),
    skip,
    timeout,
  })
}
