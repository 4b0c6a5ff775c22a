// The fast paths of a command's input accept only what the schemas accept, and give what they give.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { fastActOptions, fastCaseEvent, fastSubmitOptions } from '../src/engine/command-input'
import { actOptionsSchema, submitOptionsSchema } from '../src/engine/pipeline'
import { caseEventSchema } from '../src/procedure/input'

const text = fc.oneof(
  fc.constantFrom('petugas-1', 'operator', '', ' x', 'a\u200Bb', 'ＡＢ', 'x'.repeat(201), 'y'.repeat(65)),
  fc.string({ maxLength: 8 }),
)
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined })
const actor = fc.oneof(
  fc.record(
    { id: text, role: text, onBehalfOf: maybe(text), nik: maybe(text) },
    { requiredKeys: ['id', 'role'] },
  ),
  fc.record({ id: text, role: text, extra: text }),
  fc.anything(),
)
const options = fc.oneof(
  fc.record(
    {
      actor,
      expectedVersion: maybe(fc.oneof(fc.integer({ min: -2, max: 5 }), fc.double(), fc.constant(2 ** 60))),
      commandId: maybe(text),
    },
    { requiredKeys: ['actor'] },
  ),
  fc.anything(),
)
const submitOptions = fc.oneof(
  fc.record(
    {
      actor,
      channel: fc.oneof(fc.constantFrom('tatap_muka', 'online', 'pos', ''), fc.anything()),
      commandId: maybe(text),
      service: maybe(text),
    },
    { requiredKeys: ['actor'] },
  ),
  fc.record({ actor, channel: fc.constant('online'), other: text }),
  fc.anything(),
)
const ids = fc.oneof(
  fc.array(text, { maxLength: 4 }),
  fc.array(fc.anything(), { maxLength: 2 }),
  fc.anything(),
)
const event = fc.oneof(
  fc.record({
    type: fc.constantFrom('SIGN', 'COMPLETE', 'RESUBMIT', 'ACCEPT', 'HAND_OVER', 'WITHDRAW', 'X'),
  }),
  fc.record(
    { type: fc.constantFrom('ACCEPT', 'HAND_OVER', 'SIGN'), verified: ids, reason: text },
    { requiredKeys: ['type'] },
  ),
  fc.anything(),
)

describe('fast input paths', () => {
  const pairs = [
    ['fastActOptions', fastActOptions, actOptionsSchema, options],
    ['fastSubmitOptions', fastSubmitOptions, submitOptionsSchema, submitOptions],
    ['fastCaseEvent', fastCaseEvent, caseEventSchema, event],
  ] as const
  for (const [name, fast, schema, inputs] of pairs) {
    it(`${name} gives what its schema gives, or leaves the input to it`, () => {
      fc.assert(
        fc.property(inputs as fc.Arbitrary<unknown>, (input) => {
          const quick = fast(input)
          if (quick === undefined) return
          const parsed = schema.safeParse(input)
          expect(parsed.success).toBe(true)
          expect(quick).toStrictEqual(parsed.data)
        }),
        { numRuns: 2000 },
      )
    })
  }

  it('takes the common commands of an office, and refuses what the schemas refuse', () => {
    const opts = { actor: { id: 'petugas-1', role: 'petugas' }, expectedVersion: 3 }
    expect(fastActOptions(opts)).toStrictEqual(opts)
    expect(fastActOptions(opts)).not.toBe(opts)
    expect(fastCaseEvent({ type: 'ACCEPT', verified: ['ktp_asli'] })).toStrictEqual({
      type: 'ACCEPT',
      verified: ['ktp_asli'],
    })
    expect(fastCaseEvent({ type: 'SIGN' })).toStrictEqual({ type: 'SIGN' })
    expect(fastActOptions({ ...opts, actor: { id: 'petugas\u200B1', role: 'petugas' } })).toBeUndefined()
    expect(fastActOptions({ ...opts, expectedVersion: 0 })).toBeUndefined()
    const submit = { actor: opts.actor, channel: 'tatap_muka', commandId: 'k-1' }
    expect(fastSubmitOptions(submit)).toStrictEqual(submit)
    expect(fastSubmitOptions({ ...submit, channel: 'pos' })).toBeUndefined()
    expect(fastSubmitOptions({ ...submit, service: '' })).toBeUndefined()
    expect(fastCaseEvent({ type: 'ACCEPT' })).toBeUndefined()
    // biome-ignore lint/suspicious/noSparseArray: a hole is not an item id
    expect(fastCaseEvent({ type: 'ACCEPT', verified: [, 'a'] })).toBeUndefined()
    expect(fastCaseEvent({ type: 'SIGN', note: 'x' })).toBeUndefined()
  })
})
