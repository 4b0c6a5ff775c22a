// Issue 15 item 4: every lookup keyed by input uses own keys, so Object.prototype's names and
// `__proto__` are ordinary strings: unknown ids are refused, ids that a standard defines work.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createAk1Service } from '../src/engine/service'
import { ConfigError, isAk1Error, ValidationError } from '../src/errors/errors'
// From the package entry, so that the notice checks are registered with defineStandard.
import { defineStandard } from '../src/index'
import type { ProcedureContext } from '../src/procedure/context'
import { applyEvent, authorize, nextActions, startCase } from '../src/procedure/index'
import type { CaseEvent, ProcedureSnapshot } from '../src/procedure/types'
import { checklistFor, parseApplication } from '../src/schemas/index'
import { balongbendo, balongbendoInput } from '../src/standards/balongbendo'
import { createMemoryStore, sampleApplication } from '../src/testing/index'
import { deepFreeze } from '../src/util/canonical-json'
import { applicantNik, checklistOf, ctx, officer, walkTo } from './procedure-fixtures'
import { fakeClock, officers } from './service-helpers'

const seed = 15_004
/** Names every object inherits, and the ones that reach the prototype itself. */
const inherited = [...new Set([...Object.getOwnPropertyNames(Object.prototype), '__proto__', 'prototype'])]
const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort()
const prototypeName = fc.constantFrom(...inherited)
const steps = ['penerimaan', 'verifikasi', 'validasi', 'tanda_tangan'] as const

function errorOf(fn: () => unknown): unknown {
  try {
    fn()
  } catch (e) {
    return e
  }
  return undefined
}

function contextOf(snapshot: ProcedureSnapshot): ProcedureContext {
  return snapshot.context as unknown as ProcedureContext
}

function expectPrototypeClean() {
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeys)
  expect(Object.getPrototypeOf({})).toBe(Object.prototype)
}

describe('the procedure reads only own keys', () => {
  it('RETURN naming "constructor" missing is refused as an unknown item; the snapshot stays', () => {
    const r = walkTo(balongbendo, 'tatap_muka', 'penerimaan')
    const frozen = deepFreeze(structuredClone(r.snapshot))
    const e = errorOf(() =>
      applyEvent(
        balongbendo,
        frozen,
        { type: 'RETURN', missing: ['constructor'], reason: 'Kurang' },
        officer('petugas'),
        ctx,
      ),
    )
    expect(e).toBeInstanceOf(ValidationError)
    expect((e as ValidationError).issues).toEqual([
      expect.objectContaining({ rule: 'unknown_checklist_item', path: ['missing', 0] }),
    ])
  })

  it('any Object.prototype name as a checklist id, in verified or missing, at any review step, is refused', () => {
    const snapshots = Object.fromEntries(steps.map((s) => [s, walkTo(balongbendo, 'online', s).snapshot]))
    fc.assert(
      fc.property(
        fc.constantFrom(...steps),
        prototypeName,
        fc.constantFrom('ACCEPT', 'RETURN'),
        (step, name, type) => {
          const snapshot = deepFreeze(structuredClone(snapshots[step] as ProcedureSnapshot))
          const role = balongbendo.steps.find((s) => s.id === step)?.role as string
          const event = (
            type === 'ACCEPT'
              ? { type, verified: [name] }
              : { type, missing: [name], reason: 'Berkas belum lengkap' }
          ) as CaseEvent
          const e = errorOf(() => applyEvent(balongbendo, snapshot, event, officer(role), ctx))
          if (step === 'tanda_tangan' && type === 'ACCEPT') {
            expect(isAk1Error(e)).toBe(true)
            expect((e as { code: string }).code).toBe('INVALID_TRANSITION')
            return
          }
          expect(e).toBeInstanceOf(ValidationError)
          expect((e as ValidationError).issues.map((i) => i.rule)).toContain('unknown_checklist_item')
          expectPrototypeClean()
        },
      ),
      { numRuns: 300, seed },
    )
  })

  it('an Object.prototype name as event type, actor role or actor id answers an Ak1Error, never a TypeError', () => {
    const r = walkTo(balongbendo, 'tatap_muka', 'verifikasi')
    fc.assert(
      fc.property(prototypeName, (name) => {
        const typed = errorOf(() =>
          applyEvent(balongbendo, r.snapshot, { type: name } as never, officer('operator'), ctx),
        )
        expect(isAk1Error(typed)).toBe(true)
        expect((typed as { code: string }).code).toBe('INVALID_TRANSITION')
        expect(
          authorize(balongbendo, r.snapshot, { type: name } as never, officer('operator')),
        ).toMatchObject({
          allowed: false,
          rule: 'invalid_transition',
        })
        expect(authorize(balongbendo, r.snapshot, { type: 'ACCEPT' }, officer(name))).toMatchObject({
          allowed: false,
          rule: 'role',
        })
        expect(nextActions(balongbendo, r.snapshot, officer(name))).toEqual([])
        // An operator whose id is a prototype name acts like any other, and is recorded as such.
        const on = applyEvent(
          balongbendo,
          r.snapshot,
          { type: 'ACCEPT', verified: [] },
          officer('operator', name),
        )
        expect(Object.hasOwn(contextOf(on.snapshot).actedBy, 'verifikasi')).toBe(true)
        expect(contextOf(on.snapshot).actedBy.verifikasi).toContain(name)
        expectPrototypeClean()
      }),
      { numRuns: 100, seed },
    )
  })

  it('a checklist item a standard names with a prototype name is an ordinary own item, through JSON', () => {
    fc.assert(
      fc.property(prototypeName, fc.boolean(), (name, required) => {
        const checklist = [
          ...checklistOf(balongbendo),
          { id: name, required, checkedAt: { tatap_muka: 'penerimaan', online: 'penerimaan' } },
        ]
        const start = startCase(balongbendo, {
          channel: 'tatap_muka',
          actor: officer('petugas'),
          checklist,
          applicantNik,
        })
        const snapshot = JSON.parse(JSON.stringify(start.snapshot)) as ProcedureSnapshot
        expect(Object.hasOwn(contextOf(snapshot).checklist, name)).toBe(true)
        const needs = nextActions(balongbendo, snapshot, officer('petugas'), ctx)[0]?.needs ?? []
        expect(needs.includes(name)).toBe(required)
        const others = needs.filter((id) => id !== name)
        if (required) {
          const e = errorOf(() =>
            applyEvent(balongbendo, snapshot, { type: 'ACCEPT', verified: others }, officer('petugas'), ctx),
          )
          expect((e as ValidationError).issues[0]).toMatchObject({ rule: 'checklist_incomplete' })
          expect((e as ValidationError).message).toContain(name)
        }
        const on = applyEvent(
          balongbendo,
          snapshot,
          { type: 'ACCEPT', verified: [...others, name] },
          officer('petugas'),
          ctx,
        )
        const after = JSON.parse(JSON.stringify(on.snapshot)) as ProcedureSnapshot
        expect(Object.hasOwn(contextOf(after).verified, name)).toBe(true)
        expect(Object.getOwnPropertyDescriptor(contextOf(after).verified, name)?.value).toEqual({
          by: 'u-petugas',
          role: 'petugas',
          stepId: 'penerimaan',
        })
        expectPrototypeClean()
      }),
      { numRuns: 100, seed },
    )
  })
})

describe('schemas and standards read only own keys', () => {
  it('an application with prototype names as enum values or extra keys is refused field by field', () => {
    const fields = [
      ['applicant', 'religion'],
      ['applicant', 'maritalStatus'],
      ['applicant', 'sex'],
      ['education', 0, 'level'],
      ['education', 0, 'type'],
    ] as const
    fc.assert(
      fc.property(fc.constantFrom(...fields), prototypeName, fc.boolean(), (path, name, asKey) => {
        const input = JSON.parse(JSON.stringify(sampleApplication())) as Record<string, unknown>
        let target = input as Record<string | number, unknown>
        for (const key of path.slice(0, -1)) target = target[key] as Record<string | number, unknown>
        const last = path.at(-1) as string
        // An own key with a prototype name (as JSON.parse makes it), or a prototype name as a value.
        if (asKey) Object.defineProperty(target, name, { value: 'x', enumerable: true, writable: true })
        else target[last] = name
        const e = errorOf(() => parseApplication(input))
        expect(e).toBeInstanceOf(ValidationError)
        const paths = (e as ValidationError).issues.map((i) => i.path.join('.'))
        const parent = path.slice(0, -1).join('.')
        expect(paths.some((p) => p.startsWith(asKey ? parent : path.join('.')))).toBe(true)
        expectPrototypeClean()
      }),
      { numRuns: 200, seed },
    )
  })

  it('a checklist for an application never lists a prototype name', () => {
    const application = parseApplication(sampleApplication())
    fc.assert(
      fc.property(prototypeName, (name) => {
        const ids = checklistFor(balongbendo, application).map((i) => i.id)
        expect(ids).not.toContain(name)
      }),
      { numRuns: 20, seed },
    )
  })

  it('a standard naming a notice template, status or holiday set "constructor" gets a clear error or works', () => {
    const sipraja = defineStandard({
      ...balongbendoInput,
      hash: undefined,
      siprajaStatus: { ...balongbendoInput.siprajaStatus, constructor: 'Aneh' },
    })
    expect(sipraja.siprajaStatus.constructor).toBe('Aneh')
    const withStep = (template: string) => ({
      ...balongbendoInput,
      hash: undefined,
      steps: balongbendoInput.steps.map((s) =>
        s.id === 'penyerahan' ? { ...s, notices: [{ on: 'HAND_OVER' as const, template }] } : s,
      ),
    })
    const missing = errorOf(() => defineStandard(withStep('constructor')))
    expect(missing).toBeInstanceOf(ConfigError)
    expect((missing as ConfigError).message).toContain('template "constructor" tidak ada')
    const own = defineStandard({
      ...withStep('constructor'),
      noticeTemplates: {
        constructor: {
          id: {
            sms: 'Kartu {trackingCode} sudah diserahkan',
            subject: 'Kartu AK-1 diserahkan',
            text: 'Kartu {trackingCode} sudah diserahkan.',
          },
        },
      },
    })
    expect(Object.getOwnPropertyDescriptor(own.noticeTemplates, 'constructor')?.value?.id?.sms).toContain(
      'diserahkan',
    )
    const holidays = errorOf(() =>
      createAk1Service({
        standard: defineStandard({
          ...balongbendoInput,
          hash: undefined,
          calendar: { timeZone: 'Asia/Jakarta', holidays: 'constructor' },
        }),
        store: createMemoryStore(),
      }),
    )
    expect(isAk1Error(holidays)).toBe(true)
    expect((holidays as Error).message).toContain('constructor')
  })
})

describe('the service', () => {
  it('refuses RETURN with missing ["constructor"]: nothing changes, no notice is queued', async () => {
    const store = createMemoryStore()
    const service = createAk1Service({ standard: balongbendo, store, clock: fakeClock() })
    const submitted = await service.submit(sampleApplication(), {
      actor: officers.petugas,
      channel: 'tatap_muka',
    })
    const error = await service
      .act(
        submitted.id,
        { type: 'RETURN', missing: ['constructor'], reason: 'Berkas belum lengkap' },
        { actor: officers.petugas },
      )
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ValidationError)
    expect((error as ValidationError).issues).toContainEqual(
      expect.objectContaining({ rule: 'unknown_checklist_item', path: ['missing', 0] }),
    )
    const after = await service.get(submitted.id)
    expect(after).toMatchObject({ version: submitted.version, state: 'penerimaan' })
    expect(after.deliveries).toHaveLength(submitted.deliveries.length)
  })
})
