import { describe, expect, it } from 'vitest'
import type { Ak1ServiceEvent } from '../src/engine/options'
import { createAk1Service } from '../src/engine/service'
import { AdapterError, ConfigError, ValidationError } from '../src/errors/errors'
import type { Ak1Store as CaseStore } from '../src/ports/store'
import { createStandardCatalog } from '../src/standard/catalog'
import { defineStandard } from '../src/standard/define-standard'
import { balongbendo, balongbendoInput } from '../src/standards/balongbendo'
import { createMemoryStore, sampleApplication } from '../src/testing/index'
import { eventFor, fakeClock, officers } from './service-helpers'

const nikOf = (n: number) => `35151254050100${String(n).padStart(2, '0')}`

describe('outbox rows and events', () => {
  it('writes no e-mail row for an applicant without an e-mail address', async () => {
    const store = createMemoryStore()
    const service = createAk1Service({ standard: balongbendo, store, clock: fakeClock() })
    const app = sampleApplication()
    delete (app.contacts as { email?: string }).email
    const c = await service.submit(app, { actor: officers.petugas, channel: 'tatap_muka' })
    const rows = await store.listOutbox(c.id)
    expect(rows.filter((r) => r.kind === 'notice').map((r) => r.payload)).toEqual([
      { template: 'diterima', channel: 'sms' },
    ])
    expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length)
  })

  it('reports each commit to onEvent with case ids and no personal data', async () => {
    const events: Ak1ServiceEvent[] = []
    const service = createAk1Service({
      standard: balongbendo,
      store: createMemoryStore(),
      clock: fakeClock(),
      onEvent: (e) => events.push(e),
    })
    const c = await service.submit(sampleApplication(), { actor: officers.petugas, channel: 'tatap_muka' })
    expect(events).toEqual([
      expect.objectContaining({ type: 'case.committed', caseId: c.id, event: 'SUBMIT', version: 1 }),
    ])
    expect(JSON.stringify(events)).not.toContain('3515125405010001')
  })
})

describe('port failures', () => {
  it('turns a foreign store error into an AdapterError naming the store and operation', async () => {
    const inner = createMemoryStore({ id: 'flaky' })
    const store: CaseStore = Object.create(inner)
    store.commit = async () => {
      throw new Error('disk I/O error')
    }
    const service = createAk1Service({ standard: balongbendo, store, clock: fakeClock() })
    const error = await service
      .submit(sampleApplication(), { actor: officers.petugas, channel: 'tatap_muka' })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AdapterError)
    expect(error).toMatchObject({ adapterId: 'flaky', operation: 'commit', retryable: true })
    expect((error as AdapterError).cause).toBeInstanceOf(Error)
  })

  it('refuses bad options with a ConfigError naming the keys', () => {
    expect(() =>
      createAk1Service({ standard: balongbendo, store: {} as CaseStore, attachmentMaxBytes: -1 }),
    ).toThrow(ConfigError)
    const error = (() => {
      try {
        createAk1Service({ standard: balongbendo, store: createMemoryStore(), attachmentMaxBytes: -1 })
        return null
      } catch (e) {
        return e
      }
    })()
    expect(error).toBeInstanceOf(ConfigError)
    expect((error as ConfigError).keys).toEqual(['attachmentMaxBytes'])
    expect(() =>
      createAk1Service({ standard: balongbendo, store: createMemoryStore(), issuance: { cardStep: 'nope' } }),
    ).toThrow(/issuance.cardStep/)
  })
})

describe('list', () => {
  it('filters by state, awaiting role and applicant NIK, and pages without repeats', async () => {
    const service = createAk1Service({
      standard: balongbendo,
      store: createMemoryStore(),
      clock: fakeClock(),
    })
    const views = []
    for (let i = 1; i <= 5; i++) {
      views.push(
        await service.submit(sampleApplication({ applicant: { nik: nikOf(i) } }), {
          actor: officers.petugas,
          channel: 'tatap_muka',
        }),
      )
    }
    const [accept] = await service.availableActions(views[0]!.id, officers.petugas)
    await service.act(views[0]!.id, eventFor(accept!), { actor: officers.petugas })

    expect((await service.list({ state: 'pemindaian' })).items.map((v) => v.id)).toEqual([views[0]!.id])
    expect((await service.list({ awaiting: 'petugas' })).items).toHaveLength(4)
    const mine = await service.list({ applicantNik: nikOf(3) })
    expect(mine.items.map((v) => v.id)).toEqual([views[2]!.id])
    expect(mine.items[0]!.application).toMatchObject({ applicant: { nik: nikOf(3) } })

    const seen: string[] = []
    let cursor: string | undefined
    do {
      const page = await service.list({ limit: 2, ...(cursor ? { cursor } : {}) })
      seen.push(...page.items.map((v) => v.id))
      cursor = page.nextCursor ?? undefined
    } while (cursor)
    expect(seen).toEqual(views.map((v) => v.id))
    await expect(service.list({ limit: 0 })).rejects.toBeInstanceOf(ValidationError)
  })
})

describe('standard versions', () => {
  it('pins the version valid at submission; a case keeps it after a new version applies', async () => {
    const clock = fakeClock('2026-12-30T01:00:00.000Z')
    const old = defineStandard({ ...balongbendoInput, version: '2023.1', validUntil: '2026-12-31' })
    const next = defineStandard({
      ...balongbendoInput,
      version: '2027.1',
      validFrom: '2027-01-01',
      completion: { ...balongbendoInput.completion, workingDays: 2 },
    })
    const store = createMemoryStore()
    const service = createAk1Service({ standard: createStandardCatalog([old, next]), store, clock })
    const before = await service.submit(sampleApplication(), {
      actor: officers.petugas,
      channel: 'tatap_muka',
    })
    clock.set('2027-01-04T01:00:00.000Z')
    const after = await service.submit(sampleApplication({ applicant: { nik: nikOf(9) } }), {
      actor: officers.petugas,
      channel: 'tatap_muka',
    })
    expect(before.standard.version).toBe('2023.1')
    expect(after.standard.version).toBe('2027.1')
    const [accept] = await service.availableActions(before.id, officers.petugas)
    const moved = await service.act(before.id, eventFor(accept!), { actor: officers.petugas })
    expect(moved.standard).toEqual({ id: old.id, version: '2023.1', hash: old.hash })
    expect(after.trackingCode).toBe('AK1-270104-00001')
  })
})
