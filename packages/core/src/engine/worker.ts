/** One kind of background work (outbox, due rows): claims and handles a batch, says how many it claimed. */
export type WorkerPass = (options: { signal: AbortSignal }) => Promise<{ claimed: number }>

/** Options of {@link runWorker}. */
export interface WorkerOptions {
  /** Stops the loop: passes in flight finish their deliveries and release rows not started; then it resolves. */
  signal: AbortSignal
  /** Delivers outbox rows. */
  runOutbox: WorkerPass
  /** Raises SLA events of due rows. */
  runDue?: WorkerPass
  /** Pause between passes while there is work (rows were claimed). @default 0 */
  intervalMs?: number
  /** Pause after a pass that found nothing to do. @default 1000 */
  idleMs?: number
  /** Pause after a pass that threw (e.g. the store was unreachable). @default 5000 */
  errorBackoffMs?: number
  /** Called with what a pass threw; the loop goes on. */
  onError?: (error: unknown, pass: 'outbox' | 'due') => void
  /** Waits `ms`, or less when `signal` aborts (for tests). @default a timer */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>
}

/** What a worker did until it stopped. */
export interface WorkerSummary {
  /** Loop iterations (each runs the outbox pass, then the due pass). */
  passes: number
  /** Rows claimed by the outbox passes. */
  outboxClaimed: number
  /** Rows claimed by the due passes. */
  dueClaimed: number
  /** Passes that threw. */
  errors: number
}

/** Waits `ms` milliseconds, resolving early when the signal aborts. */
export function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted || ms <= 0) return Promise.resolve()
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer)
      signal.removeEventListener('abort', done)
      resolve()
    }
    const timer = setTimeout(done, ms)
    signal.addEventListener('abort', done, { once: true })
  })
}

/**
 * The background loop: runs the outbox pass and the due pass, again at once (after `intervalMs`)
 * while they find work, after `idleMs` when they find none, after `errorBackoffMs` when one throws.
 * Resolves after `signal` aborts, once the pass in flight has finished: deliveries under way
 * complete and are recorded, rows claimed but not started are released (the runner sees the same
 * signal), so nothing stays leased longer than its lease.
 *
 * @example
 * ```ts
 * const stop = new AbortController()
 * const done = runWorker({ signal: stop.signal, runOutbox: (o) => runner.runOutbox(o), runDue })
 * process.on('SIGTERM', () => stop.abort())
 * await done
 * ```
 */
export async function runWorker(options: WorkerOptions): Promise<WorkerSummary> {
  const { signal, runOutbox, runDue, intervalMs = 0, idleMs = 1000, errorBackoffMs = 5000 } = options
  const sleep = options.sleep ?? abortableSleep
  const summary: WorkerSummary = { passes: 0, outboxClaimed: 0, dueClaimed: 0, errors: 0 }
  while (!signal.aborted) {
    summary.passes += 1
    let claimed = 0
    let failed = false
    const passes: Array<['outbox' | 'due', WorkerPass | undefined]> = [
      ['outbox', runOutbox],
      ['due', runDue],
    ]
    for (const [name, pass] of passes) {
      if (!pass || signal.aborted) continue
      try {
        const result = await pass({ signal })
        const n = Number(result?.claimed) || 0
        claimed += n
        if (name === 'outbox') summary.outboxClaimed += n
        else summary.dueClaimed += n
      } catch (error) {
        failed = true
        summary.errors += 1
        try {
          options.onError?.(error, name)
        } catch {
          // A failing error hook must not stop the worker.
        }
      }
    }
    if (signal.aborted) break
    await sleep(failed ? errorBackoffMs : claimed > 0 ? intervalMs : idleMs, signal)
  }
  return summary
}
