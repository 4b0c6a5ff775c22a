/**
 * Exact nearest-rank percentiles over whole numbers (working minutes, say) in memory bounded by the
 * number of DISTINCT values, not the number of observations: a report over 100,000 cases keeps a
 * few thousand counters.
 *
 * Nearest rank: the p-th percentile of n sorted values is the value at rank ceil(p / 100 * n)
 * (1-based); the median is the 50th percentile by that rule (the lower middle for an even n).
 */
export interface PercentileCounter {
  add(value: number): void
  readonly count: number
  /** `null` when empty. @throws {RangeError} for p outside (0, 100] */
  percentile(p: number): number | null
}

/** Creates a {@link PercentileCounter}. Values are rounded to whole numbers. */
export function createPercentileCounter(): PercentileCounter {
  const counts = new Map<number, number>()
  let count = 0
  return {
    add(value) {
      const key = Math.round(value)
      counts.set(key, (counts.get(key) ?? 0) + 1)
      count++
    },
    get count() {
      return count
    },
    percentile(p) {
      if (!(p > 0 && p <= 100)) throw new RangeError(`a percentile lies in (0, 100] (got ${p})`)
      if (!count) return null
      const rank = Math.ceil((p / 100) * count)
      let seen = 0
      for (const key of [...counts.keys()].sort((a, b) => a - b)) {
        seen += counts.get(key)!
        if (seen >= rank) return key
      }
      return null
    },
  }
}
