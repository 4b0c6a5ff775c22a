/** The one source of time in core: synchronous, so SLA functions stay pure. */
export interface Clock {
  now(): Date
}

/** The system clock. */
export const systemClock: Clock = { now: () => new Date() }
