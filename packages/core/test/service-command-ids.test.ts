// Issue 15 item 5: a command id is bound to a hash of the command, the case, the payload and the
// actor. A replay by anything else is a ConflictError that carries no case data.
import { describe, expect, it } from 'vitest'
import { createAk1Service } from '../src/engine/service'
import type { CaseView } from '../src/engine/types'
import { ConflictError } from '../src/errors/errors'
import { balongbendo } from '../src/standards/balongbendo'
import { createMemoryStore, sampleApplication } from '../src/testing/index'
import { eventFor, fakeClock, officers } from './service-helpers'

async function atVerifikasi() {
  const store = createMemoryStore()
  const service = createAk1Service({ standard: balongbendo, store, clock: fakeClock() })
  let view = await service.submit(sampleApplication(), { actor: officers.petugas, channel: 'tatap_muka' })
  for (const actor of [officers.petugas, officers.operator]) {
    const [action] = await service.availableActions(view.id, actor)
    view = await service.act(view.id, eventFor(action!), { actor, expectedVersion: view.version })
  }
  expect(view.state).toBe('verifikasi')
  return { store, service, view }
}

/** The error carries nothing of the case: no view, no application, no name or NIK in its texts. */
function expectNoCaseData(error: unknown, view: CaseView) {
  expect(error).toBeInstanceOf(ConflictError)
  const e = error as ConflictError
  const applicant = (view.application as { applicant: { fullName: string; nik: string } }).applicant
  for (const text of [e.message, e.messageEn, JSON.stringify({ ...e })]) {
    expect(text).not.toContain(applicant.nik)
    expect(text).not.toContain(applicant.fullName)
    expect(text).not.toContain(view.trackingCode)
  }
  expect(e).not.toHaveProperty('view')
  expect(e).not.toHaveProperty('application')
}

describe('a command id is bound to its command, case, payload and actor', () => {
  it('answers a REJECT repeated with another reason with ConflictError, not the first result', async () => {
    const { store, service, view } = await atVerifikasi()
    const first = await service.act(
      view.id,
      { type: 'REJECT', reason: 'KTP tidak terbaca' },
      { actor: officers.operator, commandId: 'rej-1' },
    )
    expect(first.state).toBe('ditolak')
    // The exact repeat is still answered with the first result.
    const same = await service.act(
      view.id,
      { type: 'REJECT', reason: 'KTP tidak terbaca' },
      { actor: officers.operator, commandId: 'rej-1' },
    )
    expect(same).toMatchObject({ id: view.id, version: first.version, state: 'ditolak' })
    const other = await service
      .act(
        view.id,
        { type: 'REJECT', reason: 'Alasan lain' },
        { actor: officers.operator, commandId: 'rej-1' },
      )
      .catch((e: unknown) => e)
    expectNoCaseData(other, view)
    expect((other as ConflictError).message).toBe(
      'commandId sudah dipakai untuk perintah dengan isi atau pelaku lain (rej-1)',
    )
    const trail = await store.timeline(view.id)
    expect(trail.filter((e) => e.event === 'REJECT')).toHaveLength(1)
    expect(trail.at(-1)?.details).toMatchObject({ reason: 'KTP tidak terbaca' })
  })

  it('refuses an unrelated pemohon reusing an officer command id, and tells it nothing of the case', async () => {
    const { store, service, view } = await atVerifikasi()
    const [action] = await service.availableActions(view.id, officers.operator)
    const event = eventFor(action!)
    await service.act(view.id, event, { actor: officers.operator, commandId: 'cmd-officer' })
    const before = (await store.load(view.id))?.version
    const stranger = { id: 'pemohon-lain', role: 'pemohon', nik: '3515125405010002' }
    const error = await service
      .act(view.id, event, { actor: stranger, commandId: 'cmd-officer' })
      .catch((e: unknown) => e)
    expectNoCaseData(error, view)
    expect((await store.load(view.id))?.version).toBe(before)
  })

  it("refuses a submission reusing a command id with another applicant's data, returning no case", async () => {
    const store = createMemoryStore()
    const service = createAk1Service({ standard: balongbendo, store, clock: fakeClock() })
    const first = await service.submit(sampleApplication(), {
      actor: officers.petugas,
      channel: 'tatap_muka',
      commandId: 'sub-1',
    })
    // The same submission again is answered with the first case.
    const again = await service.submit(sampleApplication(), {
      actor: officers.petugas,
      channel: 'tatap_muka',
      commandId: 'sub-1',
    })
    expect(again.id).toBe(first.id)
    const other = sampleApplication({ applicant: { nik: '3515125405010002', fullName: 'Dewi Lestari' } })
    const error = await service
      .submit(other, { actor: officers.petugas, channel: 'tatap_muka', commandId: 'sub-1' })
      .catch((e: unknown) => e)
    expectNoCaseData(error, first)
    expect((await store.list({})).items.map((c) => c.id)).toEqual([first.id])
  })
})
