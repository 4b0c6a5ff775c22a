// Bad command input: every issue names its field and rule in Indonesian and English, and a failed
// command changes nothing; a command id reused for another case or command is a conflict.
import { describe, expect, it } from 'vitest'
import { createAk1Service } from '../src/engine/service'
import type { CaseView } from '../src/engine/types'
import { ConflictError, ValidationError, type ValidationIssue } from '../src/errors/errors'
import type { Ak1Store as CaseStore } from '../src/ports/store'
import { balongbendo } from '../src/standards/balongbendo'
import { createMemoryStore, sampleApplication } from '../src/testing/index'
import { fakeClock, officers } from './service-helpers'

async function setup() {
  const store = createMemoryStore()
  const service = createAk1Service({ standard: balongbendo, store, clock: fakeClock() })
  const a = await service.submit(sampleApplication(), { actor: officers.petugas, channel: 'tatap_muka' })
  return { store, service, a }
}

/** What the store holds of a case: its version and its audit trail. */
async function stateOf(store: CaseStore, caseId: string) {
  const stored = await store.load(caseId)
  const timeline = await store.timeline(caseId)
  return { version: stored?.version, entries: timeline.map((e) => `${e.seq}:${e.event}`) }
}

/** Runs a command that must fail validation; returns its issues after checking nothing changed. */
async function issuesOf(store: CaseStore, caseId: string, run: () => Promise<unknown>) {
  const before = await stateOf(store, caseId)
  const error = await run().then(
    () => null,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(ValidationError)
  expect(await stateOf(store, caseId)).toEqual(before)
  return (error as ValidationError).issues
}

const issue = (
  path: (string | number)[],
  rule: string,
  message: string,
  messageEn: string,
): ValidationIssue => ({
  path,
  rule,
  message,
  messageEn,
})
const required = (...path: string[]) => issue(path, 'invalid_type', 'wajib diisi', 'is required')
const accept = (view: CaseView) => ({ type: 'ACCEPT' as const, verified: view.checklist.map((i) => i.id) })

describe('act: options and event are checked field by field', () => {
  it('reports missing options as a missing actor', async () => {
    const { store, service, a } = await setup()
    const issues = await issuesOf(store, a.id, () => service.act(a.id, accept(a), undefined as never))
    expect(issues).toEqual([required('actor')])
  })

  it('reports an actor without role at actor.role', async () => {
    const { store, service, a } = await setup()
    const issues = await issuesOf(store, a.id, () =>
      service.act(a.id, accept(a), { actor: { id: 'petugas-1' } as never }),
    )
    expect(issues).toEqual([required('actor', 'role')])
  })

  it('reports a missing event at event, and options issues with it', async () => {
    const { store, service, a } = await setup()
    const issues = await issuesOf(store, a.id, () =>
      service.act(a.id, undefined as never, { actor: officers.petugas, expectedVersion: 0 }),
    )
    expect(issues).toEqual([
      issue(['expectedVersion'], 'too_small', 'harus lebih dari 0', 'must be greater than 0'),
      required('event'),
    ])
  })

  it('reports an unknown event type at event.type with the accepted types', async () => {
    const { store, service, a } = await setup()
    const issues = await issuesOf(store, a.id, () =>
      service.act(a.id, { type: 'APPROVE' } as never, { actor: officers.petugas }),
    )
    expect(issues).toHaveLength(1)
    expect(issues[0]).toMatchObject({ path: ['event', 'type'], rule: 'invalid_value' })
    expect(issues[0]!.message).toMatch(/^harus salah satu dari: ACCEPT, RETURN, .*RESOLVE_INCIDENT$/)
    expect(issues[0]!.messageEn).toMatch(/^must be one of: ACCEPT, RETURN, .*RESOLVE_INCIDENT$/)
  })

  it('reports a bad event field at its path under event', async () => {
    const { store, service, a } = await setup()
    const issues = await issuesOf(store, a.id, () =>
      service.act(a.id, { type: 'ACCEPT', verified: 'ktp' } as never, { actor: officers.petugas }),
    )
    expect(issues).toEqual([
      issue(
        ['event', 'verified'],
        'invalid_type',
        'jenis data salah (seharusnya array)',
        'has the wrong type (expected array)',
      ),
    ])
  })

  it('reports an empty or overlong commandId', async () => {
    const { store, service, a } = await setup()
    const empty = await issuesOf(store, a.id, () =>
      service.act(a.id, accept(a), { actor: officers.petugas, commandId: '' }),
    )
    expect(empty).toEqual([
      issue(['commandId'], 'too_small', 'minimal 1 karakter', 'must be at least 1 characters'),
    ])
    const long = await issuesOf(store, a.id, () =>
      service.act(a.id, accept(a), { actor: officers.petugas, commandId: 'x'.repeat(201) }),
    )
    expect(long).toEqual([
      issue(['commandId'], 'too_big', 'maksimal 200 karakter', 'must be at most 200 characters'),
    ])
  })
})

describe('submit, attach, extend and availableActions name the field', () => {
  it('submit: missing options name actor and channel; a bad channel names channel; nothing is stored', async () => {
    const store = createMemoryStore()
    const service = createAk1Service({ standard: balongbendo, store, clock: fakeClock() })
    const errors = await Promise.all([
      service.submit(sampleApplication(), undefined as never).catch((e: unknown) => e),
      service
        .submit(sampleApplication(), { actor: officers.petugas, channel: 'pos' as never })
        .catch((e: unknown) => e),
    ])
    for (const e of errors) expect(e).toBeInstanceOf(ValidationError)
    expect((errors[0] as ValidationError).issues).toEqual([
      required('actor'),
      issue(
        ['channel'],
        'invalid_value',
        'wajib diisi, salah satu dari: tatap_muka, online',
        'is required, one of: tatap_muka, online',
      ),
    ])
    expect((errors[1] as ValidationError).issues).toEqual([
      issue(
        ['channel'],
        'invalid_value',
        'harus salah satu dari: tatap_muka, online',
        'must be one of: tatap_muka, online',
      ),
    ])
    expect((await store.list({})).items).toHaveLength(0)
  })

  it('attach: bytes that are not a Uint8Array are refused at bytes', async () => {
    const { store, service, a } = await setup()
    const issues = await issuesOf(store, a.id, () =>
      service.attach(a.id, 'scan' as never, { contentType: 'application/pdf' }, { actor: officers.petugas }),
    )
    expect(issues).toEqual([
      issue(['bytes'], 'invalid_type', 'harus berupa Uint8Array', 'must be a Uint8Array'),
    ])
  })

  it('attach: a missing actor is named together with the file issues', async () => {
    const { store, service, a } = await setup()
    const issues = await issuesOf(store, a.id, () =>
      service.attach(a.id, new Uint8Array([1]), { contentType: 'text/plain' }, {} as never),
    )
    expect(issues.map((i) => `${i.path.join('.')}:${i.rule}`)).toEqual([
      'actor:invalid_type',
      'contentType:attachment_type',
    ])
  })

  it('extend: a bad extension is named under extension', async () => {
    const { store, service, a } = await setup()
    const issues = await issuesOf(store, a.id, () =>
      service.extend(a.id, { workingDays: 0, reason: 'x' }, { actor: officers.admin }),
    )
    expect(issues).toEqual([
      issue(['extension', 'workingDays'], 'too_small', 'harus lebih dari 0', 'must be greater than 0'),
    ])
  })

  it('availableActions: an actor without role is named at actor.role', async () => {
    const { service, a } = await setup()
    const error = await service.availableActions(a.id, { id: 'x' } as never).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ValidationError)
    expect((error as ValidationError).issues).toEqual([required('actor', 'role')])
  })
})

describe('a commandId belongs to one command on one case', () => {
  it('refuses a commandId of case A sent to case B, leaving both unchanged', async () => {
    const { store, service, a } = await setup()
    const b = await service.submit(sampleApplication(), { actor: officers.petugas, channel: 'tatap_muka' })
    const first = await service.act(a.id, accept(a), { actor: officers.petugas, commandId: 'cmd-1' })
    expect(first.version).toBe(2)
    const [beforeA, beforeB] = await Promise.all([stateOf(store, a.id), stateOf(store, b.id)])
    const error = await service
      .act(b.id, accept(b), { actor: officers.petugas, commandId: 'cmd-1' })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ConflictError)
    expect((error as ConflictError).message).toBe('commandId sudah dipakai untuk kasus lain (cmd-1)')
    expect((error as ConflictError).messageEn).toBe('commandId was already used for another case (cmd-1)')
    expect(await stateOf(store, a.id)).toEqual(beforeA)
    expect(await stateOf(store, b.id)).toEqual(beforeB)
    // The same command again on case A is still answered with its first result.
    const again = await service.act(a.id, accept(a), { actor: officers.petugas, commandId: 'cmd-1' })
    expect(again).toMatchObject({ id: a.id, version: 2, state: first.state })
  })

  it('refuses a commandId reused with another event type or command', async () => {
    const { store, service, a } = await setup()
    await service.act(a.id, accept(a), { actor: officers.petugas, commandId: 'cmd-2' })
    const before = await stateOf(store, a.id)
    const other = await service
      .act(a.id, { type: 'WITHDRAW' }, { actor: officers.petugas, commandId: 'cmd-2' })
      .catch((e: unknown) => e)
    expect(other).toBeInstanceOf(ConflictError)
    expect((other as ConflictError).message).toBe('commandId sudah dipakai untuk perintah lain (cmd-2)')
    expect((other as ConflictError).messageEn).toBe('commandId was already used for another command (cmd-2)')
    const submitted = await service
      .submit(sampleApplication(), { actor: officers.petugas, channel: 'tatap_muka', commandId: 'cmd-2' })
      .catch((e: unknown) => e)
    expect(submitted).toBeInstanceOf(ConflictError)
    expect(await stateOf(store, a.id)).toEqual(before)
    expect((await store.list({})).items).toHaveLength(1)
  })

  it('refuses a submission commandId reused for an act on the case it created', async () => {
    const store = createMemoryStore()
    const service = createAk1Service({ standard: balongbendo, store, clock: fakeClock() })
    const a = await service.submit(sampleApplication(), {
      actor: officers.petugas,
      channel: 'tatap_muka',
      commandId: 'sub-1',
    })
    const error = await service
      .act(a.id, accept(a), { actor: officers.petugas, commandId: 'sub-1' })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ConflictError)
    expect(await stateOf(store, a.id)).toEqual({ version: 1, entries: ['1:SUBMIT'] })
  })
})
