/**
 * A sequence value a commit takes. Without `value` the store allocates the next value inside the
 * commit's transaction (gap-free and unique under concurrency, no retry); with `value` the value
 * must be exactly the next one, or the commit fails with `ConflictError`.
 */
export interface SequenceClaim {
  /** e.g. `register`, `tracking`. */
  name: string
  /** e.g. `balongbendo:2026`: one office, and one year where the number shows the year. */
  scope: string
  /** The value to take; absent: allocate the next one. */
  value?: number
}

/** Optional behaviour a sequence allocator declares instead of being probed. */
export interface SequenceAllocatorCapabilities {
  /** Allocation happens inside `CaseStore.commit` (always true for the ports of @ak1). */
  inCommit?: boolean
}

/**
 * Gap-free numbers per office and year (tracking codes, register and card numbers, complaint
 * numbers). Numbers are taken only inside a commit of the store that implements this port
 * (`CommitInput.sequences`): the store reads the stored value, adds one, and hands the values to
 * `CommitInput.complete` before the audit entry is sealed, all in the commit's transaction, so a
 * commit that fails after taking a number leaves no gap. `describeSequenceAllocator` checks this.
 */
export interface SequenceAllocator {
  readonly id: string
  readonly capabilities: SequenceAllocatorCapabilities
  /** The stored value of a sequence (0 when never taken). */
  currentSequence(name: string, scope: string): Promise<number>
}
