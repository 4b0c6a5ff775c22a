// Issue 15 item 6: every public call of the service answers an Ak1Error for any entry argument:
// undefined, symbols, objects and numbers as case ids, option, event and actor objects whose getters
// throw, revoked proxies, wrong types. Never a raw TypeError, and a refused call changes nothing.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createAk1Service } from '../src/engine/service'
import { isAk1Error } from '../src/errors/errors'
import { balongbendo } from '../src/standards/balongbendo'
import { createMemoryStore, sampleApplication, sampleSkmScores } from '../src/testing/index'
import { fakeClock, officers } from './service-helpers'

const petugas = officers.petugas

const seed = 15_006

/** An object whose every property read throws. */
function throwing(): object {
  return new Proxy(
    {},
    {
      get() {
        throw new Error('boom: getter')
      },
      has() {
        throw new Error('boom: has')
      },
      ownKeys() {
        throw new Error('boom: ownKeys')
      },
      getOwnPropertyDescriptor() {
        throw new Error('boom: descriptor')
      },
    },
  )
}

function revoked(): object {
  const { proxy, revoke } = Proxy.revocable({}, {})
  revoke()
  return proxy
}

/** A value with one getter that throws, beside ordinary members. */
function withThrowingMember(base: Record<string, unknown>, key: string): object {
  const copy = { ...base }
  Object.defineProperty(copy, key, {
    enumerable: true,
    get() {
      throw new TypeError(`boom: ${key}`)
    },
  })
  return copy
}

/**
 * Anything a caller might pass where a value is expected, made fresh per run (proxies are made on
 * demand, so fast-check never has to print one).
 */
/** Real file bytes: attaching them is a valid call. */
const realBytes = () => new Uint8Array(3)
const makers: Array<() => unknown> = [
  () => undefined,
  () => null,
  () => 0,
  () => -1,
  () => Number.NaN,
  () => '',
  () => ' ',
  () => true,
  () => Symbol('x'),
  () => [],
  () => ({}),
  () => () => 'x',
  () => new Date(0),
  realBytes,
  () => '__proto__',
  () => 'constructor',
  () => 'x'.repeat(10_000),
  () => 10n,
  () => throwing(),
  () => revoked(),
  () => ({ toString: () => 'case-1', valueOf: () => 1 }),
  () => withThrowingMember({ type: 'ACCEPT', actor: { id: 'u', role: 'petugas' } }, 'id'),
  () => ({ actor: throwing() }),
  () => ({ actor: revoked() }),
  () => ({ actor: { id: Symbol('id'), role: 'petugas' } }),
  () => ({ actor: petugas, commandId: Symbol('c') }),
  () => ({ actor: petugas, expectedVersion: throwing() }),
  () => Object.create(null),
]
const hostile = fc.nat({ max: makers.length - 1 })

const goodOptions = { actor: petugas }
const informasiOptions = { actor: { id: 'pli-1', role: 'petugas_informasi' } }
const goodEntry = () => ({ type: 'saran', channel: 'langsung', section: 'umum', content: 'Antrean lama' })

async function setup() {
  const store = createMemoryStore()
  const service = createAk1Service({ standard: balongbendo, store, clock: fakeClock() })
  const a = await service.submit(sampleApplication(), { actor: petugas, channel: 'tatap_muka' })
  return { store, service, a }
}

type Service = Awaited<ReturnType<typeof setup>>['service']
type Call = (service: Service, caseId: string, x: unknown) => Promise<unknown>

/** Each public call, with the hostile value in one argument position and good values elsewhere. */
const calls: Record<string, Call> = {
  'act(caseId)': (s, _id, x) => s.act(x as never, { type: 'SIGN' }, goodOptions),
  'act(event)': (s, id, x) => s.act(id, x as never, goodOptions),
  'act(options)': (s, id, x) => s.act(id, { type: 'ACCEPT', verified: [] }, x as never),
  'act(options.actor)': (s, id, x) => s.act(id, { type: 'ACCEPT', verified: [] }, { actor: x as never }),
  'attach(caseId)': (s, _id, x) =>
    s.attach(
      x as never,
      new Uint8Array([1, 2]),
      { item: 'ktp_asli', contentType: 'image/png' } as never,
      goodOptions,
    ),
  'attach(bytes)': (s, id, x) =>
    s.attach(id, x as never, { item: 'ktp_asli', contentType: 'image/png' } as never, goodOptions),
  'attach(meta)': (s, id, x) => s.attach(id, new Uint8Array([1, 2]), x as never, goodOptions),
  'attach(options)': (s, id, x) =>
    s.attach(id, new Uint8Array([1, 2]), { item: 'ktp_asli', contentType: 'image/png' } as never, x as never),
  'extend(caseId)': (s, _id, x) => s.extend(x as never, { workingDays: 1, reason: 'Alasan' }, goodOptions),
  'extend(extension)': (s, id, x) => s.extend(id, x as never, goodOptions),
  'extend(options)': (s, id, x) => s.extend(id, { workingDays: 1, reason: 'Alasan' }, x as never),
  'recomputeDue(caseId)': (s, _id, x) => s.recomputeDue(x as never, goodOptions),
  'recomputeDue(options)': (s, id, x) => s.recomputeDue(id, x as never),
  'availableActions(caseId)': (s, _id, x) => s.availableActions(x as never, petugas),
  'availableActions(actor)': (s, id, x) => s.availableActions(id, x as never),
  'get(caseId)': (s, _id, x) => s.get(x as never),
  'timeline(caseId)': (s, _id, x) => s.timeline(x as never),
  'verifyAudit(caseId)': (s, _id, x) => s.verifyAudit(x as never),
  'list(query)': (s, _id, x) => s.list(x as never),
  'submit(application)': (s, _id, x) => s.submit(x, { actor: petugas, channel: 'tatap_muka' }),
  'submit(options)': (s, _id, x) => s.submit(sampleApplication(), x as never),
  'submit(options.actor)': (s, _id, x) =>
    s.submit(sampleApplication(), { actor: x as never, channel: 'tatap_muka' }),
  'runOutbox(options)': (s, _id, x) => s.runOutbox(x as never),
  'runDue(options)': (s, _id, x) => s.runDue(x as never),
  'complaints.record(entry)': (s, _id, x) => s.complaints.record(x, informasiOptions),
  'complaints.record(options)': (s, _id, x) => s.complaints.record(goodEntry(), x as never),
  'complaints.report(id)': (s, _id, x) => s.complaints.report(x as never, { to: 'kasi-1' }, informasiOptions),
  'complaints.report(input)': (s, _id, x) => s.complaints.report('rec-1', x as never, informasiOptions),
  'complaints.report(options)': (s, _id, x) => s.complaints.report('rec-1', { to: 'kasi-1' }, x as never),
  'complaints.followUp(id)': (s, _id, x) =>
    s.complaints.followUp(x as never, { result: 'Selesai' }, informasiOptions),
  'complaints.followUp(input)': (s, _id, x) => s.complaints.followUp('rec-1', x as never, informasiOptions),
  'complaints.close(id)': (s, _id, x) => s.complaints.close(x as never, informasiOptions),
  'complaints.close(options)': (s, _id, x) => s.complaints.close('rec-1', x as never),
  'complaints.get(id)': (s, _id, x) => s.complaints.get(x as never),
  'complaints.list(query)': (s, _id, x) => s.complaints.list(x as never),
  'complaints.openBox(input)': (s, _id, x) => s.complaints.openBox(x as never, informasiOptions),
  'complaints.openBox(options)': (s, _id, x) => s.complaints.openBox({ notes: [] }, x as never),
  'complaints.missedOpenings(period)': (s, _id, x) => s.complaints.missedOpenings(x as never),
  'complaints.book(period)': (s, _id, x) => s.complaints.book(x as never),
  'complaints.book(options)': (s, _id, x) =>
    s.complaints.book({ from: '2026-04-01', to: '2026-04-30' }, x as never),
  'survey.record(response)': (s, _id, x) => s.survey.record(x),
  'survey.record(options)': (s, _id, x) => s.survey.record({ scores: sampleSkmScores() }, x as never),
  'survey.result(period)': (s, _id, x) => s.survey.result(x as never),
}

/** What went wrong, if anything: a value that is not an Ak1Error, thrown or rejected. */
async function rawError(run: () => Promise<unknown>): Promise<unknown> {
  try {
    await run()
    return undefined
  } catch (error) {
    return isAk1Error(error) ? undefined : error
  }
}

describe('the public API answers an Ak1Error for any entry argument', () => {
  it('never a raw error, over every call and argument position; a refused call changes nothing', async () => {
    const { store, service, a } = await setup()
    const raw: string[] = []
    const moved: string[] = []
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...Object.keys(calls)), hostile, async (name, which) => {
        const x = (makers[which] as () => unknown)()
        const before = (await store.load(a.id))?.version
        const error = await rawError(() => (calls[name] as Call)(service, a.id, x))
        if (error !== undefined) raw.push(`${name} with ${shown(x)}: ${String(error)}`)
        // Hostile input never moves the case.
        // Submitting and running the queues may succeed; so may attaching real bytes.
        const valid =
          name.startsWith('submit') ||
          name.startsWith('run') ||
          name.startsWith('complaints.') ||
          name.startsWith('survey.') ||
          makers[which] === realBytes
        if (!valid) {
          if ((await store.load(a.id))?.version !== before) moved.push(`${name} with maker ${which}`)
        }
      }),
      { numRuns: 2000, seed },
    )
    expect([...new Set(raw)]).toEqual([])
    expect([...new Set(moved)]).toEqual([])
  })

  it('a throwing getter in options, event or actor is a ValidationError naming the field', async () => {
    const { service, a } = await setup()
    const cases: Array<[string, () => Promise<unknown>]> = [
      ['actor', () => service.act(a.id, { type: 'SIGN' }, withThrowingMember({}, 'actor') as never)],
      [
        'event',
        () => service.act(a.id, withThrowingMember({ type: 'ACCEPT' }, 'verified') as never, goodOptions),
      ],
      [
        'actor.id',
        () =>
          service.act(
            a.id,
            { type: 'SIGN' },
            { actor: withThrowingMember({ role: 'camat' }, 'id') as never },
          ),
      ],
    ]
    for (const [field, run] of cases) {
      const error = await run().catch((e: unknown) => e)
      expect(isAk1Error(error), `${field}: ${String(error)}`).toBe(true)
      expect((error as { code: string }).code, field).toBe('VALIDATION')
    }
  })

  it('complaints and the survey read their input once: a throwing getter or proxy is a ValidationError naming it', async () => {
    const { store, service } = await setup()
    const cases: Array<[string, () => Promise<unknown>]> = [
      [
        'content',
        () => service.complaints.record(withThrowingMember(goodEntry(), 'content'), informasiOptions),
      ],
      ['actor', () => service.complaints.record(goodEntry(), { actor: throwing() } as never)],
      ['id', () => service.complaints.get(Symbol('x') as never)],
      ['query', () => service.complaints.list(revoked() as never)],
      ['period.to', () => service.complaints.book(withThrowingMember({ from: '2026-04-01' }, 'to') as never)],
      ['response.scores', () => service.survey.record(withThrowingMember({}, 'scores'))],
      ['period', () => service.survey.result(throwing() as never)],
    ]
    for (const [field, run] of cases) {
      const error = await run().catch((e: unknown) => e)
      expect(isAk1Error(error), `${field}: ${String(error)}`).toBe(true)
      expect((error as { code: string }).code, field).toBe('VALIDATION')
      expect(JSON.stringify((error as { issues: unknown }).issues), field).toContain(
        JSON.stringify(field.split('.')).slice(1, -1),
      )
    }
    // Nothing was recorded.
    expect((await store.listRecords({ officeCode: 'balongbendo', kind: 'complaint' })).items).toEqual([])
  })
})

function shown(x: unknown): string {
  if (typeof x === 'symbol') return 'a symbol'
  if (typeof x === 'function') return 'a function'
  try {
    return JSON.stringify(x) ?? String(x)
  } catch {
    return 'an unreadable object'
  }
}
