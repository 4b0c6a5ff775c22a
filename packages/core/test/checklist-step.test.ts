// Issue 15 item 2: a checklist item is verified at the step the standard assigns it, and only
// there; who verified it is never overwritten.
import { describe, expect, it } from 'vitest'
import { createAk1Service } from '../src/engine/service'
import { ValidationError } from '../src/errors/errors'
import type { ProcedureContext } from '../src/procedure/context'
import { applyEvent, nextActions } from '../src/procedure/index'
import type { Actor, CaseEvent, ProcedureSnapshot } from '../src/procedure/types'
import { balongbendo } from '../src/standards/balongbendo'
import { createMemoryStore, sampleApplication } from '../src/testing/index'
import { deepFreeze } from '../src/util/canonical-json'
import { checklistOf, ctx, itemsAt, officer, walkTo } from './procedure-fixtures'
import { driveToEnd, fakeClock, officers } from './service-helpers'

/** Applies an event to a frozen snapshot; returns the ValidationError it must throw. */
function refused(snapshot: ProcedureSnapshot, event: CaseEvent, actor: Actor): ValidationError {
  const frozen = deepFreeze(structuredClone(snapshot))
  try {
    applyEvent(balongbendo, frozen, event, actor, ctx)
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError)
    return e as ValidationError
  }
  throw new Error(`${event.type} was accepted`)
}

const checklist = checklistOf(balongbendo)
const verifiedOf = (snapshot: ProcedureSnapshot) => (snapshot.context as unknown as ProcedureContext).verified

describe('applyEvent binds each checklist item to its step', () => {
  it('refuses an online ACCEPT at penerimaan that names the originals checked at hand-over', () => {
    const r = walkTo(balongbendo, 'online', 'penerimaan')
    const verified = [...itemsAt(checklist, 'online', 'penerimaan'), 'ktp_asli', 'kk_asli']
    const e = refused(r.snapshot, { type: 'ACCEPT', verified }, officer('petugas'))
    const wrong = e.issues.filter((i) => i.rule === 'checklist_wrong_step')
    expect(wrong.map((i) => i.path)).toEqual([
      ['verified', verified.indexOf('ktp_asli')],
      ['verified', verified.indexOf('kk_asli')],
    ])
    expect(wrong[0]?.message).toContain('ktp_asli')
    expect(wrong[0]?.message).toContain('penyerahan')
    expect(wrong[0]?.message).toContain('penerimaan')
    expect(wrong[0]?.messageEn).toContain('checked at step "penyerahan"')
  })

  it('so the originals are still checked at hand-over, by the petugas there', () => {
    const r = walkTo(balongbendo, 'online', 'penyerahan')
    expect(nextActions(balongbendo, r.snapshot, officer('petugas'), ctx)[0]?.needs).toEqual([
      'ktp_asli',
      'kk_asli',
    ])
    const e = refused(r.snapshot, { type: 'HAND_OVER' }, officer('petugas'))
    expect(e.issues[0]).toMatchObject({ rule: 'checklist_incomplete', path: ['verified'] })
    const done = applyEvent(
      balongbendo,
      r.snapshot,
      { type: 'HAND_OVER', verified: ['ktp_asli', 'kk_asli'] },
      officer('petugas', 'u-loket'),
      ctx,
    )
    expect(verifiedOf(done.snapshot).ktp_asli).toEqual({
      by: 'u-loket',
      role: 'petugas',
      stepId: 'penyerahan',
    })
  })

  it('refuses a later step naming an item already verified, and keeps who verified it', () => {
    const r = walkTo(balongbendo, 'tatap_muka', 'verifikasi')
    const before = verifiedOf(r.snapshot).fotokopi_ktp
    expect(before).toEqual({ by: 'u-petugas', role: 'petugas', stepId: 'penerimaan' })
    const e = refused(r.snapshot, { type: 'ACCEPT', verified: ['fotokopi_ktp'] }, officer('operator'))
    expect(e.issues).toHaveLength(1)
    expect(e.issues[0]).toMatchObject({ rule: 'checklist_already_verified', path: ['verified', 0] })
    expect(e.issues[0]?.message).toContain('u-petugas')
    const hand = walkTo(balongbendo, 'tatap_muka', 'penyerahan')
    const again = refused(hand.snapshot, { type: 'HAND_OVER', verified: ['ktp_asli'] }, officer('petugas'))
    expect(again.issues[0]).toMatchObject({ rule: 'checklist_already_verified', path: ['verified', 0] })
    expect(verifiedOf(hand.snapshot).ktp_asli).toEqual({
      by: 'u-petugas',
      role: 'petugas',
      stepId: 'penerimaan',
    })
  })

  it('refuses a RETURN that names an item whose own step is still ahead', () => {
    const r = walkTo(balongbendo, 'online', 'verifikasi')
    const e = refused(
      r.snapshot,
      { type: 'RETURN', missing: ['ktp_asli'], reason: 'KTP tidak jelas' },
      officer('operator'),
    )
    expect(e.issues[0]).toMatchObject({ rule: 'checklist_wrong_step', path: ['missing', 0] })
  })

  it('lets a step that returned an already verified item verify it again, and only that step', () => {
    const r = walkTo(balongbendo, 'online', 'verifikasi')
    const returned = applyEvent(
      balongbendo,
      r.snapshot,
      { type: 'RETURN', missing: ['pas_foto'], reason: 'Foto buram' },
      officer('operator'),
      ctx,
    )
    const back = applyEvent(balongbendo, returned.snapshot, { type: 'RESUBMIT' }, walkToApplicant(), ctx)
    const on = applyEvent(
      balongbendo,
      back.snapshot,
      { type: 'ACCEPT', verified: ['pas_foto'] },
      officer('operator'),
      ctx,
    )
    expect(verifiedOf(on.snapshot).pas_foto).toMatchObject({ by: 'u-operator', stepId: 'verifikasi' })
    const e = refused(on.snapshot, { type: 'ACCEPT', verified: ['pas_foto'] }, officer('admin'))
    expect(e.issues[0]?.rule).toBe('checklist_already_verified')
  })
})

function walkToApplicant(): Actor {
  return { id: 'u-pemohon', role: 'pemohon', nik: ctx.applicantNik }
}

describe('the service keeps the binding', () => {
  it('an online case: ACCEPT naming ktp_asli at penerimaan changes nothing; hand-over still checks it', async () => {
    const store = createMemoryStore()
    const service = createAk1Service({ standard: balongbendo, store, clock: fakeClock() })
    const pemohon = { id: 'sipraja-77', role: 'pemohon', nik: '3515125405010001' }
    const submitted = await service.submit(sampleApplication(), { actor: pemohon, channel: 'online' })
    const [accept] = await service.availableActions(submitted.id, officers.petugas)
    expect(accept?.needs).not.toContain('ktp_asli')
    const error = await service
      .act(
        submitted.id,
        { type: 'ACCEPT', verified: [...(accept?.needs ?? []), 'ktp_asli', 'kk_asli'] },
        { actor: officers.petugas },
      )
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ValidationError)
    expect((error as ValidationError).issues.map((i) => i.rule)).toContain('checklist_wrong_step')
    const unchanged = await service.get(submitted.id)
    expect(unchanged).toMatchObject({ version: submitted.version, state: 'penerimaan' })
    expect(unchanged.checklist.find((i) => i.id === 'ktp_asli')?.verified).toBeUndefined()

    const steps = await driveToEnd(service, unchanged, [pemohon, ...Object.values(officers)])
    expect(new Set(steps.at(-1)?.action.needs)).toEqual(new Set(['ktp_asli', 'kk_asli']))
    const done = await service.get(submitted.id)
    expect(done.checklist.find((i) => i.id === 'ktp_asli')?.verified).toMatchObject({
      stepId: 'penyerahan',
    })
    expect(done.checklist.find((i) => i.id === 'fotokopi_ktp')?.verified).toMatchObject({
      by: officers.petugas.id,
      stepId: 'penerimaan',
    })
  })
})
