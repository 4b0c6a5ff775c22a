import { describe, expect, it } from 'vitest'
import { AdapterError, ConfigError, ConflictError, ValidationError } from '../src/errors/errors'
import type { Ak1Store as CaseStore } from '../src/ports/store'
import {
  buildAuditEntry,
  buildCreate,
  buildDueRow,
  buildOutboxRow,
  buildStoredCase,
  buildUpdate,
  createMemoryStore,
  fixtureInstant,
} from '../src/testing/index'

// The contract itself is checked by describeCaseStore in case-store-kit.test.ts; these are the
// memory store's own promises.

async function withCase(store: CaseStore) {
  const c = buildStoredCase({ id: 'case-1' })
  await store.commit(buildCreate(c, { outbox: [buildOutboxRow('out-1', c.id)] }))
  return c
}

describe('createMemoryStore', () => {
  it('is the memory store, not durable, under the id it is given', () => {
    const store = createMemoryStore()
    expect(store.id).toBe('memory')
    expect(store.capabilities).toEqual({ durable: false, inCommit: true, calendarIndex: true })
    expect(createMemoryStore({ id: 'demo' }).id).toBe('demo')
  })

  it('rejects unknown or bad options with a ConfigError naming the keys', () => {
    const bad = () => createMemoryStore({ id: '', durable: true } as never)
    expect(bad).toThrow(ConfigError)
    expect(bad).toThrow(/id, durable/)
  })

  it('explains a stale version in Indonesian and English, with both versions', async () => {
    const store = createMemoryStore()
    const c = await withCase(store)
    await store.commit(buildUpdate(c))
    const error = await store.commit(buildUpdate(c)).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ConflictError)
    expect(error).toMatchObject({
      message: 'Kasus case-1 sudah berubah: versi yang diharapkan 1, versi tersimpan 2',
      messageEn: 'Case case-1 has changed: expected version 1, stored version 2',
      expected: 1,
      actual: 2,
    })
  })

  it('refuses a case version that is not the expected version plus one, writing nothing', async () => {
    const store = createMemoryStore()
    const c = await withCase(store)
    const skip = buildUpdate(c)
    skip.case.version = 3
    const error = await store.commit(skip).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ValidationError)
    expect((error as ValidationError).issues).toEqual([
      expect.objectContaining({ path: ['case', 'version'], rule: 'case_version' }),
    ])
    expect(await store.load(c.id)).toEqual(c)
  })

  it("refuses an audit entry of another case, and an outbox change that is not the case's open incident", async () => {
    const store = createMemoryStore()
    const c = await withCase(store)
    const foreign = buildUpdate(c, {}, { audit: [buildAuditEntry('case-2', 2)] })
    await expect(store.commit(foreign)).rejects.toMatchObject({
      issues: [expect.objectContaining({ path: ['audit', 0, 'caseId'] })],
    })
    // out-1 is pending, not failed: there is nothing to retry.
    const retry = buildUpdate(
      c,
      {},
      { outboxChanges: [{ id: 'out-1', action: 'retry', at: fixtureInstant(5) }] },
    )
    await expect(store.commit(retry)).rejects.toBeInstanceOf(ConflictError)
    expect(await store.timeline(c.id)).toHaveLength(1)
  })

  it('refuses a due row whose id another row keeps, but lets a replaced pending row keep its id', async () => {
    const store = createMemoryStore()
    const c = buildStoredCase({ id: 'case-1' })
    await store.commit(buildCreate(c, { due: [buildDueRow('due-1', c.id), buildDueRow('due-2', c.id)] }))
    const v2 = buildUpdate(
      c,
      {},
      { dueDone: ['due-1'], due: [buildDueRow('due-2', c.id, { kind: 'at_risk' })] },
    )
    await store.commit(v2)
    const reuse = buildUpdate(v2.case, {}, { due: [buildDueRow('due-1', c.id)] })
    await expect(store.commit(reuse)).rejects.toBeInstanceOf(ConflictError)
    const claimed = await store.claimDue({ now: fixtureInstant(0), limit: 5, owner: 'w', leaseMs: 1000 })
    expect(claimed.map((r) => [r.id, r.kind])).toEqual([['due-2', 'at_risk']])
  })

  it('caps a page at 500 and refuses a limit below 1 or a foreign cursor', async () => {
    const store = createMemoryStore()
    for (let i = 0; i < 501; i++) {
      await store.commit(buildCreate(buildStoredCase({ id: `case-${String(i).padStart(3, '0')}` })))
    }
    const page = await store.list({ limit: 1000 })
    expect(page.items).toHaveLength(500)
    expect((await store.list({ cursor: page.nextCursor!, limit: 1000 })).items.map((c) => c.id)).toEqual([
      'case-500',
    ])
    await expect(store.list({ limit: 0 })).rejects.toMatchObject({
      issues: [expect.objectContaining({ path: ['limit'] })],
    })
    await expect(store.list({ cursor: 'not-a-cursor' })).rejects.toBeInstanceOf(ValidationError)
    // A cursor of the id order does not continue the overdue order.
    const overdue = { overdueAt: fixtureInstant(10 * 24 * 60), cursor: page.nextCursor! }
    await expect(store.list(overdue)).rejects.toMatchObject({
      issues: [expect.objectContaining({ path: ['cursor'] })],
    })
  })

  it('keeps its own copy of what it is given from the moment of the call', async () => {
    const store = createMemoryStore()
    const bytes = Uint8Array.of(1, 2, 3)
    const put = store.putAttachment({ sha256: 'ab'.repeat(32), contentType: 'image/png', size: 3, bytes })
    bytes[0] = 9
    await put
    const c = buildStoredCase({ id: 'case-1', state: 'verifikasi' })
    const commit = store.commit(buildCreate(c))
    c.state = 'selesai'
    await commit
    expect((await store.load('case-1'))?.state).toBe('verifikasi')
    const found = (await store.getAttachment('ab'.repeat(32)))!
    found.bytes[1] = 9
    expect(Array.from((await store.getAttachment('ab'.repeat(32)))!.bytes)).toEqual([1, 2, 3])
  })

  it('refuses every call after close() with a non-retryable AdapterError', async () => {
    const store = createMemoryStore()
    await withCase(store)
    await store.close()
    const error = await store.load('case-1').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AdapterError)
    expect(error).toMatchObject({ adapterId: 'memory', operation: 'load', retryable: false })
    await expect(store.commit(buildCreate(buildStoredCase({ id: 'case-2' })))).rejects.toBeInstanceOf(
      AdapterError,
    )
    await expect(store.close()).resolves.toBeUndefined()
  })
})
