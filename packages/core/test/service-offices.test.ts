// One office per service: on a store shared by two offices, each service sees only its own cases;
// tracking codes and command ids are counted per office. A stored case the engine cannot read is an
// AdapterError naming the case.
import { describe, expect, it } from 'vitest'
import { checkStoredCase, isReadableCase, storedCaseSchema } from '../src/engine/case-data'
import { createAk1Service } from '../src/engine/service'
import { AdapterError, NotFoundError } from '../src/errors/errors'
import type { StoredCase } from '../src/ports/case-store'
import { defineStandard } from '../src/standard/define-standard'
import { balongbendo, balongbendoInput } from '../src/standards/balongbendo'
import { createMemoryStore, sampleApplication } from '../src/testing/index'
import { driveToEnd, eventFor, fakeClock, officers } from './service-helpers'

const krian = defineStandard({
  ...balongbendoInput,
  id: 'ak1-krian',
  office: { ...balongbendoInput.office, code: 'krian', name: 'Kecamatan Krian' },
})

describe('two offices on one store', () => {
  it('each service gets, lists, acts on and reads the timeline of its own cases only', async () => {
    const store = createMemoryStore()
    const clock = fakeClock()
    const a = createAk1Service({ standard: balongbendo, store, clock })
    const b = createAk1Service({ standard: krian, store, clock })
    const opts = { actor: officers.petugas, channel: 'tatap_muka' as const, commandId: 'cmd-1' }
    const caseA = await a.submit(sampleApplication(), opts)
    // The same command id at the other office is another command; the tracking code restarts there.
    const caseB = await b.submit(sampleApplication(), opts)
    expect(caseB.id).not.toBe(caseA.id)
    expect(caseB.trackingCode).toBe(caseA.trackingCode)
    for (const [service, own, other] of [
      [a, caseA, caseB],
      [b, caseB, caseA],
    ] as const) {
      expect((await service.get(own.id)).id).toBe(own.id)
      await expect(service.get(other.id)).rejects.toBeInstanceOf(NotFoundError)
      await expect(service.timeline(other.id)).rejects.toBeInstanceOf(NotFoundError)
      await expect(service.verifyAudit(other.id)).rejects.toBeInstanceOf(NotFoundError)
      await expect(service.availableActions(other.id, officers.petugas)).rejects.toBeInstanceOf(NotFoundError)
      const [action] = await service.availableActions(own.id, officers.petugas)
      await expect(
        service.act(other.id, eventFor(action!), { actor: officers.petugas }),
      ).rejects.toBeInstanceOf(NotFoundError)
      expect((await service.list({})).items.map((c) => c.id)).toEqual([own.id])
      expect((await service.list({ trackingCode: own.trackingCode })).items.map((c) => c.id)).toEqual([
        own.id,
      ])
    }
    expect((await store.load(caseA.id))?.version).toBe(1)
    expect((await store.load(caseB.id))?.version).toBe(1)
  })
})

describe('stored data is checked when read', () => {
  it('a corrupt case row is an AdapterError naming the case, for get, list and act', async () => {
    const inner = createMemoryStore()
    const service0 = createAk1Service({ standard: balongbendo, store: inner, clock: fakeClock() })
    const c = await service0.submit(sampleApplication(), { actor: officers.petugas, channel: 'tatap_muka' })
    const corrupt = (stored: StoredCase | null) =>
      stored &&
      ({ ...stored, data: { ...(stored.data as object), steps: 'garbage' } } as unknown as StoredCase)
    const store = {
      ...inner,
      load: async (id: string) => corrupt(await inner.load(id)),
      list: async (q: Parameters<typeof inner.list>[0]) => {
        const page = await inner.list(q)
        return { ...page, items: page.items.map((s) => corrupt(s)!) }
      },
    }
    const service = createAk1Service({ standard: balongbendo, store, clock: fakeClock() })
    for (const call of [
      () => service.get(c.id),
      () => service.list({}),
      () => service.act(c.id, { type: 'WITHDRAW' }, { actor: officers.petugas }),
    ]) {
      const error = await call().catch((e: unknown) => e)
      expect(error).toBeInstanceOf(AdapterError)
      expect((error as AdapterError).message).toContain(c.id)
      expect((error as AdapterError).message).toContain('steps')
    }
    expect((await inner.load(c.id))?.version).toBe(1)
  })
})

describe('checkStoredCase', () => {
  // biome-ignore lint/suspicious/noExplicitAny: each damage writes a wrong type on purpose
  type Damageable = Record<string, any>
  const damages: Array<[string, (c: Damageable) => void]> = [
    ['version', (c) => (c.version = 0)],
    ['version', (c) => (c.version = 2 ** 60)],
    ['awaiting', (c) => (c.awaiting = 7)],
    ['channel', (c) => (c.channel = 'pos')],
    ['final', (c) => (c.final = 'no')],
    ['personal', (c) => (c.personal = ['list'])],
    ['data.format', (c) => (c.data.format = 2)],
    ['data.snapshot.standardHash', (c) => delete c.data.snapshot.standardHash],
    ['data.audit.seq', (c) => (c.data.audit.seq = -1)],
    ['data.clock.dueRowIds', (c) => (c.data.clock.dueRowIds = [1])],
    ['data.steps.0.enteredAt', (c) => (c.data.steps[0].enteredAt = null)],
    ['data.attachments', (c) => (c.data.attachments = {})],
    ['data.incidents', (c) => (c.data.incidents = null)],
    ['data.files.count', (c) => (c.data.files = { count: -1, bytes: 0 })],
    ['data.files', (c) => (c.data.files = 'none')],
  ]
  it('accepts a readable case as it is, and names the field of every damage', async () => {
    const store = createMemoryStore()
    const service = createAk1Service({ standard: balongbendo, store, clock: fakeClock() })
    const c = await service.submit(sampleApplication(), { actor: officers.petugas, channel: 'tatap_muka' })
    const stored = (await store.load(c.id))!
    expect(checkStoredCase('memory', c.id, stored)).toBe(stored)
    for (const [path, damage] of damages) {
      const copy = structuredClone(stored) as unknown as Damageable
      damage(copy)
      const error = (() => {
        try {
          return checkStoredCase('memory', c.id, copy)
        } catch (e) {
          return e
        }
      })()
      expect(error, path).toBeInstanceOf(AdapterError)
      expect((error as AdapterError).message, path).toContain(`(${path}`)
    }
    expect(() => checkStoredCase('memory', 'another-id', stored)).toThrow(AdapterError)
  })

  it('reads a readable case without the schema at every version of a case, with and without files', async () => {
    const store = createMemoryStore()
    const service = createAk1Service({ standard: balongbendo, store, clock: fakeClock() })
    const start = await service.submit(sampleApplication(), {
      actor: officers.petugas,
      channel: 'tatap_muka',
    })
    const seen: StoredCase[] = []
    const steps = await driveToEnd(service, start, undefined, async (view) => {
      seen.push((await store.load(view.id))!)
    })
    seen.push((await store.load(start.id))!)
    expect(steps.at(-1)?.view.final).toBe(true)
    expect(seen.length).toBeGreaterThan(5)
    for (const stored of seen) {
      expect(stored.data).not.toHaveProperty('attachments')
      expect(isReadableCase(stored), `version ${stored.version}`).toBe(true)
      const withFiles = structuredClone(stored) as unknown as Damageable
      withFiles.data.files = { count: 2, bytes: 300 }
      withFiles.data.attachments = [{ sha256: 'a'.repeat(64) }]
      expect(isReadableCase(withFiles)).toBe(true)
    }
    // The plain check never accepts what the schema refuses.
    for (const [path, damage] of damages) {
      const copy = structuredClone(seen[0]!) as unknown as Damageable
      damage(copy)
      expect(storedCaseSchema.safeParse(copy).success, path).toBe(false)
      expect(isReadableCase(copy), path).toBe(false)
    }
  })
})
