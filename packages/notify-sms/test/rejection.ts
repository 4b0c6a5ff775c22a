import { type AdapterError, isAk1Error } from '@ak1/core/ports'
import { expect } from 'vitest'

/** Awaits a promise that must reject with an @ak1 `ADAPTER` error and returns that error. */
export async function rejection(promise: Promise<unknown>): Promise<AdapterError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(isAk1Error(error) && error.code).toBe('ADAPTER')
  return error as AdapterError
}
