// Port answers are parsed: a store that answers a malformed record, claim, command or outbox row
// gets an AdapterError naming the store and the aggregate, never a TypeError deeper in the engine.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createEngineContext } from '../src/engine/context'
import { createRecordPipeline } from '../src/engine/record-pipeline'
import { createAk1Service } from '../src/engine/service'
import {
  isReadableOutboxRow,
  isReadableRecord,
  outboxSchema,
  recordSchema,
} from '../src/engine/store-answers'
import { AdapterError } from '../src/errors/errors'
import type { Ak1Store } from '../src/ports/store'
import { balongbendo } from '../src/standards/balongbendo'
import {
  buildRecordCreate,
  buildStoredRecord,
  createMemoryStore,
  createRecordingNotifier,
  sampleApplication,
} from '../src/testing/index'
import { fakeClock, officers } from './service-helpers'

async function adapterError(promise: Promise<unknown>): Promise<AdapterError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(AdapterError)
  return error as AdapterError
}

/** A memory store whose answers `patch` overrides, with its own id. */
function brokenStore(patch: (inner: Ak1Store) => Partial<Ak1Store>): { inner: Ak1Store; store: Ak1Store } {
  const inner = createMemoryStore()
  return { inner, store: { ...inner, id: 'broken-store', ...patch(inner) } as Ak1Store }
}

describe('port answers are parsed', () => {
  it('a malformed record names the store and the record', async () => {
    const { inner, store } = brokenStore((s) => ({
      loadRecord: async (kind, id) => ({ ...(await s.loadRecord(kind, id))!, version: 'zwei' as never }),
    }))
    await inner.commit(buildRecordCreate(buildStoredRecord({ id: 'complaint-1' })))
    const records = createRecordPipeline(
      createEngineContext({ standard: balongbendo, store, sipraja: false }),
    )
    const error = await adapterError(records.load('complaint', 'complaint-1'))
    expect(error.adapterId).toBe('broken-store')
    expect(error.message).toContain('complaint-1')
    expect(error.message).toContain('version')
  })

  it('a malformed due claim names the store, the row and its case', async () => {
    const { store } = brokenStore(() => ({
      claimDue: async () => [{ id: 'due-9', caseId: 'case-9', kind: 7 }] as never,
    }))
    const service = createAk1Service({ standard: balongbendo, store, sipraja: false })
    const error = await adapterError(service.runDue())
    expect(error.adapterId).toBe('broken-store')
    expect(error.message).toContain('due-9')
    expect(error.message).toContain('case-9')
  })

  it('a malformed outbox claim names the store, the row and its case', async () => {
    const { store } = brokenStore(() => ({
      claimOutbox: async () => [{ id: 'out-9', caseId: 'case-9', kind: 'notice' }] as never,
    }))
    const service = createAk1Service({
      standard: balongbendo,
      store,
      sipraja: false,
      notifiers: [createRecordingNotifier()],
    })
    const error = await adapterError(service.runOutbox())
    expect(error.message).toContain('out-9')
    expect(error.message).toContain('case-9')
  })

  it("a malformed command record or case's outbox row fails the command with an AdapterError", async () => {
    let mode: 'command' | 'outbox' = 'command'
    const { store } = brokenStore((s) => ({
      getCommand: async (id, scope) => (mode === 'command' ? ({ id: 42 } as never) : s.getCommand(id, scope)),
      listOutbox: async (id) => (mode === 'outbox' ? ([null] as never) : s.listOutbox(id)),
    }))
    const clock = fakeClock()
    const service = createAk1Service({ standard: balongbendo, store, clock, sipraja: false })
    const opts = { actor: officers.petugas, channel: 'tatap_muka' as const }
    const command = await adapterError(service.submit(sampleApplication(), { ...opts, commandId: 'cmd-1' }))
    expect(command.message).toContain('cmd-1')
    mode = 'outbox'
    const c = await service.submit(sampleApplication(), opts)
    const [action] = await service.availableActions(c.id, officers.petugas)
    const error = await adapterError(
      service.act(c.id, { type: action!.type, verified: action!.needs ?? [] } as never, {
        actor: officers.petugas,
      }),
    )
    expect(error.adapterId).toBe('broken-store')
    expect((await store.load(c.id))?.version).toBe(1)
  })

  it('reads a readable outbox row without the schema, and never accepts a row the schema refuses', async () => {
    const store = createMemoryStore()
    const service = createAk1Service({ standard: balongbendo, store, clock: fakeClock(), sipraja: false })
    const c = await service.submit(sampleApplication(), { actor: officers.petugas, channel: 'tatap_muka' })
    const rows = await store.listOutbox(c.id)
    expect(rows.length).toBeGreaterThan(0)
    for (const row of rows) {
      expect(isReadableOutboxRow(row)).toBe(true)
      expect(outboxSchema.safeParse(row).success).toBe(true)
    }
    const row = rows[0]! as unknown as Record<string, unknown>
    const keys = [...Object.keys(outboxSchema.shape), 'result']
    const value = fc.oneof(
      fc.anything({
        withBoxedValues: true,
        withMap: true,
        withSet: true,
        withNullPrototype: true,
        withDate: true,
      }),
      fc.constantFrom(
        '',
        'x',
        '2026-04-14T01:00:00.000Z',
        'pending',
        'done',
        -1,
        0,
        1.5,
        2 ** 53,
        Number.NaN,
        Infinity,
        null,
      ),
      fc.constant(undefined),
    )
    const mutation = fc.array(fc.tuple(fc.constantFrom(...keys), value), { minLength: 1, maxLength: 3 })
    const payload = fc.anything({ withNullPrototype: true, withObjectString: true, withSparseArray: true })
    fc.assert(
      fc.property(mutation, payload, fc.boolean(), (changes, p, changePayload) => {
        const copy: Record<string, unknown> = { ...row, ...(changePayload ? { payload: p } : {}) }
        for (const [key, v] of changes) copy[key] = v
        if (isReadableOutboxRow(copy)) expect(outboxSchema.safeParse(copy).success).toBe(true)
      }),
      { numRuns: 3000 },
    )
    const symbolKeyed = { ...row, payload: { [Symbol('x')]: 1 } }
    expect(isReadableOutboxRow(symbolKeyed)).toBe(outboxSchema.safeParse(symbolKeyed).success)
    expect(isReadableOutboxRow({ ...row, payload: { n: Infinity } })).toBe(false)
    expect(isReadableOutboxRow({ ...row, availableAt: 'kemarin' })).toBe(false)
  })

  it('reads a readable record without the schema, and never accepts a record the schema refuses', async () => {
    const store = createMemoryStore()
    await store.commit(buildRecordCreate(buildStoredRecord({ id: 'complaint-1', caseId: null, key: 'BP-1' })))
    const record = (await store.loadRecord('complaint', 'complaint-1'))! as unknown as Record<string, unknown>
    expect(isReadableRecord(record)).toBe(true)
    expect(recordSchema.safeParse(record).success).toBe(true)
    const keys = [...Object.keys(recordSchema.shape)]
    const value = fc.oneof(
      fc.anything({
        withBoxedValues: true,
        withMap: true,
        withNullPrototype: true,
        withDate: true,
        withSparseArray: true,
      }),
      fc.constantFrom('', 'x', '2026-04-14T01:00:00.000Z', 0, 1, 1.5, -1, Number.NaN, Infinity, null, true),
      fc.dictionary(
        fc.string(),
        fc.oneof(fc.string(), fc.double(), fc.boolean(), fc.constant(null), fc.object()),
      ),
      fc.constant(undefined),
    )
    const mutation = fc.array(fc.tuple(fc.constantFrom(...keys), value), { minLength: 1, maxLength: 3 })
    fc.assert(
      fc.property(mutation, (changes) => {
        const copy: Record<string, unknown> = { ...record }
        for (const [key, v] of changes) copy[key] = v
        if (isReadableRecord(copy)) expect(recordSchema.safeParse(copy).success).toBe(true)
      }),
      { numRuns: 3000 },
    )
    expect(isReadableRecord({ ...record, attributes: { n: Infinity } })).toBe(false)
    expect(isReadableRecord({ ...record, data: { holes: new Array(3) } })).toBe(false)
  })
})
