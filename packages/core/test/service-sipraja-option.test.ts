// The `sipraja` option: `false` for an office that does not use SIPRAJA (no write queued, no
// incident), unset for a gateway expected but not connected (each write an incident, and a warning).
import { describe, expect, it } from 'vitest'
import type { Ak1ServiceOptions } from '../src/engine/options'
import { createAk1Service } from '../src/engine/service'
import { ConfigError } from '../src/errors/errors'
import type { Ak1Store as CaseStore } from '../src/ports/store'
import { defineStandard } from '../src/standard/define-standard'
import { balongbendo, balongbendoInput } from '../src/standards/balongbendo'
import {
  createFakeSipraja,
  createMemoryStore,
  createRecordingNotifier,
  sampleApplication,
} from '../src/testing/index'
import { driveToEnd, fakeClock, officers } from './service-helpers'

interface Warning {
  object: Record<string, unknown>
  message: string | undefined
}

/** Runs one tatap-muka case to its end and delivers its outbox; returns what the office would see. */
async function runCase(extra: Partial<Ak1ServiceOptions>) {
  const store: CaseStore = createMemoryStore()
  const notifier = createRecordingNotifier()
  const warnings: Warning[] = []
  const logger = {
    info: () => {},
    warn: (object: Record<string, unknown>, message?: string) => warnings.push({ object, message }),
    error: () => {},
  }
  const service = createAk1Service({
    standard: balongbendo,
    store,
    notifiers: [notifier],
    clock: fakeClock(),
    logger,
    ...extra,
  })
  const start = await service.submit(sampleApplication(), { actor: officers.petugas, channel: 'tatap_muka' })
  await driveToEnd(service, start)
  await service.runOutbox()
  const view = await service.get(start.id)
  const rows = await store.listOutbox(start.id)
  return {
    view,
    kinds: rows.map((r) => r.kind),
    notices: notifier.sent.length,
    warnings: warnings.filter((w) => w.object.type === 'sipraja_unset'),
  }
}

describe('the sipraja option', () => {
  it('sipraja: false queues no SIPRAJA write and opens no incident, and notices still go out', async () => {
    const { view, kinds, notices, warnings } = await runCase({ sipraja: false })
    expect(view?.state).toBe('selesai')
    expect(view?.incidents).toEqual([])
    expect(kinds).not.toContain('sipraja')
    expect(kinds).toContain('notice')
    expect(notices).toBeGreaterThan(0)
    expect(warnings).toEqual([])
  })

  it('unset: each SIPRAJA write the standard names is an incident on the case, and the service warns once', async () => {
    const { view, kinds, warnings } = await runCase({})
    const sipraja = kinds.filter((k) => k === 'sipraja').length
    expect(sipraja).toBeGreaterThan(0)
    expect(view?.incidents).toHaveLength(sipraja)
    for (const incident of view?.incidents ?? []) {
      expect(incident).toMatchObject({
        kind: 'sipraja',
        error: expect.stringContaining('SIPRAJA tidak dikonfigurasi'),
      })
    }
    expect(warnings).toEqual([
      {
        object: { type: 'sipraja_unset', standards: [`${balongbendo.id}@${balongbendo.version}`] },
        message: expect.stringContaining('sipraja: false'),
      },
    ])
  })

  it('with a gateway: the writes reach SIPRAJA, no incident, no warning', async () => {
    const fake = createFakeSipraja()
    const { view, kinds, warnings } = await runCase({ sipraja: fake })
    expect(kinds).toContain('sipraja')
    expect(view?.incidents).toEqual([])
    expect(fake.calls.length).toBeGreaterThan(0)
    expect(warnings).toEqual([])
  })

  it('unset with a standard that writes nothing to SIPRAJA: no warning and no incident', async () => {
    const quiet = defineStandard({
      ...balongbendoInput,
      version: '2026.quiet',
      steps: balongbendoInput.steps.map((step) => ({ ...step, sipraja: [] })),
      siprajaStatus: {},
    })
    const { view, kinds, warnings } = await runCase({ standard: quiet })
    expect(kinds).not.toContain('sipraja')
    expect(view?.incidents).toEqual([])
    expect(warnings).toEqual([])
  })

  it('refuses sipraja: true, naming the key in Indonesian and English', () => {
    const create = () =>
      createAk1Service({
        standard: balongbendo,
        store: createMemoryStore(),
        sipraja: true as unknown as false,
      })
    expect(create).toThrow(ConfigError)
    try {
      create()
    } catch (error) {
      expect((error as ConfigError).message).toContain(
        'sipraja: harus berupa gateway SIPRAJA (objek) atau false',
      )
      expect((error as ConfigError).messageEn).toContain(
        'sipraja: must be a SIPRAJA gateway (an object) or false',
      )
    }
  })
})
