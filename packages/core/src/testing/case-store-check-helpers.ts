// Helpers shared by the Ak1Store check files; not part of the public kit.
import { expect } from 'vitest'
import { isAk1Error } from '../errors/errors'
import type { CommitInput, StoredCase } from '../ports/case-store'
import type { Ak1Store } from '../ports/store'
import type { CaseStoreCheck } from './case-store-checks'
import { buildCreate, buildOutboxRow, buildStoredCase, fixtureInstant } from './case-store-fixtures'

/** Named checks of one group, the names being the keys. */
export function group(
  name: string,
  checks: Record<string, (store: Ak1Store) => Promise<void>>,
): CaseStoreCheck[] {
  return Object.entries(checks).map(([checkName, run]) => ({ group: name, name: checkName, run }))
}

/** Two worker ids that compete for leases. */
export const W1 = 'worker-1'
export const W2 = 'worker-2'
/** Far enough ahead that every row is due and every lease has expired. */
export const FAR = fixtureInstant(365 * 24 * 60)

/** Commits the creation of a case built from `fields`, and returns that case. */
export async function create(
  store: Ak1Store,
  fields: Partial<StoredCase> & Pick<StoredCase, 'id'>,
  extra: Partial<CommitInput> = {},
): Promise<StoredCase> {
  const c = buildStoredCase(fields)
  await store.commit(buildCreate(c, extra))
  return c
}

/** Passes when `promise` rejects with an @ak1 `CONFLICT` error (any installed copy of core). */
export async function expectConflict(promise: Promise<unknown>): Promise<void> {
  await expect(promise).rejects.toMatchObject({ code: 'CONFLICT', message: expect.any(String) })
}

/** Whether `error` is an @ak1 `CONFLICT` error. */
export function isConflict(error: unknown): boolean {
  return isAk1Error(error) && error.code === 'CONFLICT'
}

/**
 * Four cases with one outbox row each: case-1 and case-3 failed (incidents), case-2 waiting for a
 * retry, case-4 delivered.
 */
export async function seedIncidents(store: Ak1Store): Promise<StoredCase[]> {
  const cases: StoredCase[] = []
  for (const n of [1, 2, 3, 4]) {
    cases.push(
      await create(store, { id: `case-${n}` }, { outbox: [buildOutboxRow(`out-${n}`, `case-${n}`)] }),
    )
  }
  const claimed = await store.claimOutbox({ now: fixtureInstant(0), limit: 10, owner: W1, leaseMs: 60_000 })
  expect(claimed.map((r) => r.id)).toEqual(['out-1', 'out-2', 'out-3', 'out-4'])
  const at = fixtureInstant(1)
  expect(await store.failOutbox('out-1', W1, { at, error: 'SMTP 550' })).toBe(true)
  expect(await store.retryOutbox('out-2', W1, { availableAt: fixtureInstant(10), error: 'timeout' })).toBe(
    true,
  )
  expect(await store.failOutbox('out-3', W1, { at, error: 'SIPRAJA 500' })).toBe(true)
  expect(await store.completeOutbox('out-4', W1, { at, result: { messageId: 'm-4' } })).toBe(true)
  return cases
}
