/** Options of {@link createAttemptLimiter}. */
export interface AttemptLimiterOptions {
  /** Wrong attempts allowed per key within the window. @default 5 */
  maxFailures?: number
  /** The window, in ms. @default 900000 (15 minutes) */
  windowMs?: number
  /** @default Date.now */
  now?: () => number
}

/**
 * Counts wrong attempts per key (a client address, a tracking code) in a sliding window. Tracking
 * codes are sequential and a birth date is a few thousand guesses, so the tracking page refuses a
 * key once it has used up its wrong attempts, whether the next pair is right or not.
 */
export interface AttemptLimiter {
  /** When the keys may try again (ms since epoch), or `null` when none of them is blocked. */
  blockedUntil(keys: readonly string[]): number | null
  /** Records a wrong attempt against every key. */
  fail(keys: readonly string[]): void
}

/** An in-memory {@link AttemptLimiter} (one process; a cluster would share it in its store). */
export function createAttemptLimiter(options: AttemptLimiterOptions = {}): AttemptLimiter {
  const max = options.maxFailures ?? 5
  const windowMs = options.windowMs ?? 15 * 60_000
  const now = options.now ?? Date.now
  const failures = new Map<string, number[]>()
  const recent = (key: string, at: number) => {
    const list = (failures.get(key) ?? []).filter((t) => t > at - windowMs)
    if (list.length) failures.set(key, list)
    else failures.delete(key)
    return list
  }
  return {
    blockedUntil(keys) {
      const at = now()
      let until: number | null = null
      for (const key of keys) {
        const list = recent(key, at)
        if (list.length >= max) {
          const free = (list[list.length - max] ?? at) + windowMs
          until = Math.max(until ?? 0, free)
        }
      }
      return until
    },
    fail(keys) {
      const at = now()
      for (const key of keys) failures.set(key, [...recent(key, at), at])
    },
  }
}
