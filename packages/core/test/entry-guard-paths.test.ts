// The entry guard copies option, event and query objects once; a member that throws when read is a
// ValidationError (`unreadable_input`) naming where it is, at any depth, and nothing is written.
import { describe, expect, it } from 'vitest'
import { createAk1Service } from '../src/engine/service'
import { ValidationError } from '../src/errors/errors'
import { balongbendo } from '../src/standards/balongbendo'
import { createMemoryStore, sampleApplication } from '../src/testing/index'
import { fakeClock, officers } from './service-helpers'

const throwingAt = (base: Record<string, unknown>, key: string) =>
  Object.defineProperty({ ...base }, key, {
    enumerable: true,
    get() {
      throw new TypeError(`boom: ${key}`)
    },
  })

async function issuesOf(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(ValidationError)
  return (error as ValidationError).issues.map((i) => [i.rule, i.path])
}

describe('the entry guard names where an argument cannot be read', () => {
  it('at the member, inside arrays and nested objects, and leaves the case as it was', async () => {
    const store = createMemoryStore()
    const service = createAk1Service({ standard: balongbendo, store, clock: fakeClock(), sipraja: false })
    const c = await service.submit(sampleApplication(), { actor: officers.petugas, channel: 'tatap_muka' })
    const act = (event: unknown, options: unknown) => service.act(c.id, event as never, options as never)
    const opts = { actor: officers.petugas }
    expect(await issuesOf(act(throwingAt({ type: 'ACCEPT' }, 'verified'), opts))).toEqual([
      ['unreadable_input', ['event', 'verified']],
    ])
    const deep = { type: 'ACCEPT', verified: ['ktp', throwingAt({ a: 1 }, 'item')] }
    expect(await issuesOf(act(deep, opts))).toEqual([['unreadable_input', ['event', 'verified', 1, 'item']]])
    const list = ['ktp']
    Object.defineProperty(list, 1, {
      enumerable: true,
      get() {
        throw new TypeError('boom: index')
      },
    })
    expect(await issuesOf(act({ type: 'ACCEPT', verified: list }, opts))).toEqual([
      ['unreadable_input', ['event', 'verified']],
    ])
    expect(await issuesOf(act({ type: 'ACCEPT' }, { actor: throwingAt({ role: 'petugas' }, 'id') }))).toEqual(
      [['unreadable_input', ['actor', 'id']]],
    )
    // The same call twice names the same place (the path is not left over from the first).
    expect(await issuesOf(act(deep, opts))).toEqual([['unreadable_input', ['event', 'verified', 1, 'item']]])
    expect((await store.load(c.id))?.version).toBe(1)
  })

  it('copies a member named __proto__ as a member, never as the prototype', async () => {
    const store = createMemoryStore()
    const service = createAk1Service({ standard: balongbendo, store, clock: fakeClock(), sipraja: false })
    const c = await service.submit(sampleApplication(), { actor: officers.petugas, channel: 'tatap_muka' })
    const event = JSON.parse('{"type":"ACCEPT","verified":[],"__proto__":{"type":"REJECT"}}')
    const error = await service.act(c.id, event, { actor: officers.petugas }).then(
      () => undefined,
      (e: unknown) => e,
    )
    // Refused as an unknown member of the event, not read as an event of another type.
    expect(error).toBeInstanceOf(ValidationError)
    expect(JSON.stringify((error as ValidationError).issues)).toContain('__proto__')
    expect((await store.load(c.id))?.version).toBe(1)
  })
})
