import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type AdapterError, isAk1Error } from '../errors/errors'

/** One contract check: its `describe` block (none: directly in the suite), test name and body. @internal */
export interface ConformanceCheck<S> {
  group?: string
  name: string
  run(subject: S): Promise<void>
}

/** What {@link describeConformance} registers. @internal */
export interface ConformanceSuite<H, S> {
  /** The suite title. */
  title: string
  /** Makes a fresh harness before each test. */
  create: () => Promise<H>
  /** Releases a harness after its test. */
  cleanup: (harness: H) => Promise<void> | void
  /** What each check runs against. */
  subject: (harness: H) => S
  /** The checks, one vitest test each, grouped in `describe` blocks by `group` in order of first use. */
  checks: readonly ConformanceCheck<S>[]
  /** Skips the whole suite. */
  skip: boolean
  /** Timeout in milliseconds of each check and of its setup and cleanup. */
  timeout: number
}

/**
 * The harness the conformance suites share: a fresh harness per test, cleaned up after it even when the
 * test failed, and every check registered as a vitest test with the same timeout as the hooks.
 * @internal
 */
export function describeConformance<H, S>(suite: ConformanceSuite<H, S>): void {
  const { create, cleanup, subject, checks, timeout } = suite
  describe.skipIf(suite.skip)(suite.title, () => {
    let current: H | undefined
    // Hooks get the same limit as the checks: setting up a real adapter can take a while on a busy machine.
    beforeEach(async () => {
      current = await create()
    }, timeout)
    afterEach(async () => {
      const done = current
      current = undefined
      if (done !== undefined) await cleanup(done)
    }, timeout)
    const register = (check: ConformanceCheck<S>) =>
      it(check.name, () => check.run(subject(current as H)), timeout)
    for (const group of new Set(checks.map((c) => c.group))) {
      const inGroup = checks.filter((c) => c.group === group)
      if (group === undefined) inGroup.forEach(register)
      else describe(group, () => inGroup.forEach(register))
    }
  })
}

/** Awaits `promise` and expects it to reject with an `AdapterError` of the given `retryable`. @internal */
export async function expectAdapterError(
  promise: Promise<unknown>,
  retryable: boolean,
): Promise<AdapterError> {
  let caught: unknown
  try {
    await promise
  } catch (error) {
    caught = error
  }
  expect(caught, 'the call should reject').toBeDefined()
  expect(isAk1Error(caught) && (caught as AdapterError).code, 'an AdapterError').toBe('ADAPTER')
  expect((caught as AdapterError).retryable, `retryable should be ${retryable}`).toBe(retryable)
  return caught as AdapterError
}
