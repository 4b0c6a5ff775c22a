import { describe, expect, it } from 'vitest'
import {
  ConfigError,
  ForbiddenError,
  InvalidTransitionError,
  isAk1Error,
  ValidationError,
} from '../src/errors/errors'
import {
  applyEvent,
  authorize,
  createProcedureMachine,
  nextActions,
  procedureMachineVersion,
  startCase,
} from '../src/procedure/index'
import { applyParsedEvent, startParsedCase } from '../src/procedure/transition'
import type { Actor, CaseEvent, ProcedureSnapshot } from '../src/procedure/types'
import { checklistFor, parseApplication } from '../src/schemas/index'
import { defineStandard } from '../src/standard/define-standard'
import { balongbendo, balongbendoInput } from '../src/standards/balongbendo'
import { sampleApplication } from '../src/testing/index'
import { deepFreeze } from '../src/util/canonical-json'
import {
  applicantActor,
  applicantNik,
  checklistOf,
  ctx,
  forwardOf,
  itemsAt,
  officer,
  submitterOf,
  walkTo,
} from './procedure-fixtures'

function caught(fn: () => unknown): unknown {
  try {
    fn()
  } catch (e) {
    return e
  }
  throw new Error('expected a throw')
}

/** Applies an event to a frozen snapshot and checks the snapshot did not change, whatever happens. */
function applyFrozen(snapshot: ProcedureSnapshot, event: CaseEvent, actor: Actor, c: object = ctx) {
  const before = JSON.stringify(snapshot)
  const frozen = deepFreeze(structuredClone(snapshot))
  try {
    return applyEvent(balongbendo, frozen, event, actor, c)
  } finally {
    expect(JSON.stringify(frozen)).toBe(before)
  }
}

describe('startCase', () => {
  it('tatap muka: a petugas records the application at penerimaan; no SIPRAJA status before the account', () => {
    const checklist = checklistOf(balongbendo)
    const r = startCase(balongbendo, {
      channel: 'tatap_muka',
      actor: officer('petugas'),
      checklist,
      applicantNik,
    })
    expect(r).toMatchObject({ state: 'penerimaan', awaiting: 'petugas', final: false })
    expect(r.audit).toEqual({
      event: 'SUBMIT',
      from: null,
      to: 'penerimaan',
      actor: { id: 'u-petugas', role: 'petugas' },
      details: { channel: 'tatap_muka', stepId: 'penerimaan' },
    })
    expect(r.effects).toEqual([{ kind: 'notice', template: 'diterima', channels: ['sms', 'email'] }])
    expect(r.snapshot).toMatchObject({
      standardId: 'ak1-balongbendo',
      standardVersion: '2023.1',
      standardHash: balongbendo.hash,
      machineVersion: procedureMachineVersion,
      state: 'penerimaan',
      channel: 'tatap_muka',
    })
    expect(r.snapshot.context).toMatchObject({ account: false, status: null, visits: ['penerimaan'] })
  })

  it('online: the applicant submitted in SIPRAJA (after unggah); ensure the account, status Menunggu', () => {
    const r = startCase(balongbendo, {
      channel: 'online',
      actor: applicantActor,
      checklist: checklistOf(balongbendo),
      applicantNik,
    })
    expect(r.state).toBe('penerimaan')
    expect(r.snapshot.context.visits).toEqual(['unggah', 'penerimaan'])
    expect(r.effects).toEqual([
      { kind: 'sipraja', action: 'ensure_account' },
      { kind: 'notice', template: 'diterima', channels: ['sms', 'email'] },
      { kind: 'sipraja', action: 'set_status', status: 'Menunggu' },
    ])
  })

  it("an operator may submit online on the applicant's behalf (the SK's 'membantu upload'), recorded as such", () => {
    const helper = { ...officer('operator'), onBehalfOf: applicantNik }
    const r = startCase(balongbendo, {
      channel: 'online',
      actor: helper,
      checklist: checklistOf(balongbendo),
      applicantNik,
    })
    // The trail names the represented party by role, never by NIK.
    expect(r.audit.actor).toEqual({ id: 'u-operator', role: 'operator', onBehalfOf: 'pemohon' })
    expect(JSON.stringify(r.audit)).not.toContain(applicantNik)
    const without = caught(() =>
      startCase(balongbendo, {
        channel: 'online',
        actor: officer('operator'),
        checklist: checklistOf(balongbendo),
        applicantNik,
      }),
    )
    expect(without).toBeInstanceOf(ForbiddenError)
    expect((without as ForbiddenError).rule).toBe('on_behalf_of')
  })

  it('refuses submitters the channel does not name, and applicants with another NIK', () => {
    const checklist = checklistOf(balongbendo)
    const cases: Array<[Parameters<typeof startCase>[1], string]> = [
      [{ channel: 'tatap_muka', actor: officer('operator'), checklist, applicantNik }, 'role'],
      [{ channel: 'tatap_muka', actor: applicantActor, checklist, applicantNik }, 'role'],
      [{ channel: 'online', actor: officer('camat'), checklist, applicantNik }, 'role'],
      [
        { channel: 'online', actor: { ...applicantActor, nik: '3515015512000001' }, checklist, applicantNik },
        'not_applicant',
      ],
      [{ channel: 'online', actor: applicantActor, checklist }, 'not_applicant'],
    ]
    for (const [options, rule] of cases) {
      const e = caught(() => startCase(balongbendo, options))
      expect(e).toBeInstanceOf(ForbiddenError)
      expect((e as ForbiddenError).rule).toBe(rule)
      expect((e as ForbiddenError).message).not.toBe((e as ForbiddenError).messageEn)
    }
  })

  it('rejects a bad channel, actor or checklist with a ValidationError naming the field', () => {
    const checklist = checklistOf(balongbendo)
    const bad: Array<[unknown, string, (string | number)[]]> = [
      [{ channel: 'pos', actor: officer('petugas'), checklist }, 'invalid_value', ['channel']],
      [{ channel: 'tatap_muka', actor: { role: 'petugas' }, checklist }, 'invalid_type', ['actor', 'id']],
      [
        { channel: 'tatap_muka', actor: officer('petugas'), checklist: [{ id: 'x' }] },
        'invalid_type',
        ['checklist', 0, 'required'],
      ],
      [
        { channel: 'tatap_muka', actor: officer('petugas'), checklist: [...checklist, checklist[0]] },
        'unique',
        ['checklist', checklist.length, 'id'],
      ],
      [
        {
          channel: 'tatap_muka',
          actor: officer('petugas'),
          checklist: [{ id: 'pas_foto', required: true, checkedAt: { tatap_muka: 'tanda_tangan' } }],
        },
        'checklist_step',
        ['checklist', 0, 'checkedAt', 'tatap_muka'],
      ],
      [
        {
          channel: 'online',
          actor: applicantActor,
          applicantNik,
          checklist: [{ id: 'pas_foto', required: true, checkedAt: { online: 'pemindaian' } }],
        },
        'checklist_step',
        ['checklist', 0, 'checkedAt', 'online'],
      ],
    ]
    for (const [options, rule, path] of bad) {
      const e = caught(() => startCase(balongbendo, options as never))
      expect(e).toBeInstanceOf(ValidationError)
      expect((e as ValidationError).issues[0]).toMatchObject({ rule, path })
    }
  })

  it('a standard without an online channel refuses online submissions', () => {
    const deskOnly = defineStandard({
      ...balongbendoInput,
      id: 'ak1-loket',
      channels: { tatap_muka: { submittedBy: ['petugas'] } },
    })
    const e = caught(() =>
      startCase(deskOnly, { channel: 'online', actor: applicantActor, checklist: [], applicantNik }),
    )
    expect((e as ValidationError).issues[0]).toMatchObject({ rule: 'channel_unavailable', path: ['channel'] })
  })

  it('takes the checklist from checklistFor on the sample application', () => {
    const application = parseApplication(sampleApplication())
    const checklist = checklistFor(balongbendo, application)
    const r = startCase(balongbendo, {
      channel: 'tatap_muka',
      actor: officer('petugas'),
      checklist,
      applicantNik: application.applicant.nik,
    })
    const needs = nextActions(balongbendo, r.snapshot, officer('petugas')).find(
      (a) => a.type === 'ACCEPT',
    )?.needs
    expect(needs).toEqual(checklist.filter((c) => c.required).map((c) => c.id))
    expect(needs).toContain('ktp_asli')
  })
})

describe('applyEvent', () => {
  it('ACCEPT at penerimaan needs every required item checked there; says which are missing', () => {
    const r = walkTo(balongbendo, 'tatap_muka', 'penerimaan')
    const e = caught(() =>
      applyFrozen(r.snapshot, { type: 'ACCEPT', verified: ['ktp_asli', 'kk_asli'] }, officer('petugas')),
    )
    expect(e).toBeInstanceOf(ValidationError)
    const issue = (e as ValidationError).issues[0]
    expect(issue).toMatchObject({ rule: 'checklist_incomplete', path: ['verified'] })
    expect(issue?.message).toContain('fotokopi_ktp')
    expect(issue?.message).toContain('ijazah:sma')
    expect(issue?.message).not.toContain('kk_asli')
    expect(issue?.messageEn).toContain('not verified')
  })

  it('optional items (sertifikat) do not block acceptance; who verified each item is recorded', () => {
    const checklist = [
      ...checklistOf(balongbendo),
      { id: 'sertifikat', required: false, checkedAt: { tatap_muka: 'penerimaan', online: 'penerimaan' } },
    ]
    const start = startCase(balongbendo, {
      channel: 'tatap_muka',
      actor: officer('petugas'),
      checklist,
      applicantNik,
    })
    const verified = itemsAt(checklist, 'tatap_muka', 'penerimaan')
    expect(verified).not.toContain('sertifikat')
    const r = applyEvent(
      balongbendo,
      start.snapshot,
      { type: 'ACCEPT', verified },
      officer('petugas', 'u-ani'),
      ctx,
    )
    expect(r.state).toBe('pemindaian')
    expect(r.snapshot.context.verified).toMatchObject({
      ktp_asli: { by: 'u-ani', role: 'petugas', stepId: 'penerimaan' },
      'ijazah:sd': { by: 'u-ani', role: 'petugas', stepId: 'penerimaan' },
    })
    expect(r.snapshot.context.verified).not.toHaveProperty('sertifikat')
  })

  it('unknown checklist ids and bad payloads are ValidationErrors naming the field', () => {
    const r = walkTo(balongbendo, 'online', 'verifikasi')
    const cases: Array<[CaseEvent, string, (string | number)[]]> = [
      [{ type: 'ACCEPT', verified: ['ijazah:s3'] }, 'unknown_checklist_item', ['verified', 0]],
      [
        { type: 'RETURN', missing: ['pas_foto', 'akta'], reason: 'kurang' },
        'unknown_checklist_item',
        ['missing', 1],
      ],
      [{ type: 'RETURN', missing: [], reason: '  ' }, 'too_small', ['reason']],
      [{ type: 'REJECT' } as never, 'invalid_type', ['reason']],
      [{ type: 'ACCEPT', verified: 'pas_foto' } as never, 'invalid_type', ['verified']],
    ]
    for (const [event, rule, path] of cases) {
      const e = caught(() => applyFrozen(r.snapshot, event, officer('operator')))
      expect(e, rule).toBeInstanceOf(ValidationError)
      expect((e as ValidationError).issues[0]).toMatchObject({ rule, path })
    }
  })

  it('online HAND_OVER must verify the original KTP and KK shown at the desk', () => {
    const r = walkTo(balongbendo, 'online', 'penyerahan')
    expect(r.awaiting).toBe('petugas')
    const e = caught(() => applyFrozen(r.snapshot, { type: 'HAND_OVER' }, officer('petugas')))
    expect((e as ValidationError).issues[0]).toMatchObject({ rule: 'checklist_incomplete' })
    expect((e as ValidationError).message).toContain('ktp_asli, kk_asli')
    const done = applyEvent(
      balongbendo,
      r.snapshot,
      { type: 'HAND_OVER', verified: ['ktp_asli', 'kk_asli'] },
      officer('petugas'),
      ctx,
    )
    expect(done).toMatchObject({ state: 'selesai', final: true, awaiting: null })
    expect(done.snapshot.context.verified).toMatchObject({ kk_asli: { stepId: 'penyerahan' } })
    const desk = walkTo(balongbendo, 'tatap_muka', 'penyerahan')
    expect(applyEvent(balongbendo, desk.snapshot, { type: 'HAND_OVER' }, officer('petugas'), ctx).state).toBe(
      'selesai',
    )
  })

  it('RETURN waits for the applicant, remembers the step, and RESUBMIT goes back to it; named items are re-checked', () => {
    const r = walkTo(balongbendo, 'online', 'verifikasi')
    const returned = applyEvent(
      balongbendo,
      r.snapshot,
      { type: 'RETURN', missing: ['pas_foto'], reason: 'Foto buram' },
      officer('operator'),
      ctx,
    )
    expect(returned).toMatchObject({ state: 'dikembalikan', awaiting: 'pemohon', final: false })
    expect(returned.snapshot.context).toMatchObject({ returnedFrom: 'verifikasi', returns: 1 })
    expect(returned.snapshot.context.verified).not.toHaveProperty('pas_foto')
    expect(returned.audit.details).toEqual({
      stepId: 'verifikasi',
      missing: ['pas_foto'],
      reason: 'Foto buram',
    })
    expect(returned.effects).toEqual([
      { kind: 'notice', template: 'dikembalikan', channels: ['sms', 'email'] },
      { kind: 'sipraja', action: 'set_status', status: 'Belum Dikirim' },
    ])
    const back = applyEvent(balongbendo, returned.snapshot, { type: 'RESUBMIT' }, applicantActor, ctx)
    expect(back).toMatchObject({ state: 'verifikasi', awaiting: 'operator' })
    expect(back.snapshot.context.returnedFrom).toBeNull()
    expect(back.effects).toEqual([{ kind: 'sipraja', action: 'set_status', status: 'Menunggu' }])
    expect(nextActions(balongbendo, back.snapshot, officer('operator'), ctx)[0]).toEqual({
      type: 'ACCEPT',
      stepId: 'verifikasi',
      needs: ['pas_foto'],
    })
    const e = caught(() => applyFrozen(back.snapshot, { type: 'ACCEPT', verified: [] }, officer('operator')))
    expect((e as ValidationError).issues[0]?.rule).toBe('checklist_incomplete')
    const on = applyEvent(
      balongbendo,
      back.snapshot,
      { type: 'ACCEPT', verified: ['pas_foto'] },
      officer('operator'),
      ctx,
    )
    expect(on.state).toBe('validasi')
    expect(on.snapshot.context.verified).toMatchObject({
      pas_foto: { by: 'u-operator', stepId: 'verifikasi' },
    })
  })

  it('a tatap-muka case returned before scanning sends no SIPRAJA status (no account yet)', () => {
    const r = walkTo(balongbendo, 'tatap_muka', 'penerimaan')
    const returned = applyEvent(
      balongbendo,
      r.snapshot,
      { type: 'RETURN', missing: ['formulir_ak1'], reason: 'Formulir belum diisi' },
      officer('petugas'),
      ctx,
    )
    expect(returned.effects).toEqual([
      { kind: 'notice', template: 'dikembalikan', channels: ['sms', 'email'] },
    ])
  })

  it('SIGN passes the automatic pemberitahuan step: berkas_jadi sent, case at pengarsipan', () => {
    const r = walkTo(balongbendo, 'tatap_muka', 'tanda_tangan')
    const signed = applyEvent(balongbendo, r.snapshot, { type: 'SIGN' }, officer('camat'), ctx)
    expect(signed).toMatchObject({ state: 'pengarsipan', awaiting: 'petugas' })
    expect(signed.effects).toEqual([{ kind: 'notice', template: 'berkas_jadi', channels: ['sms', 'email'] }])
    expect(signed.audit).toMatchObject({
      from: 'tanda_tangan',
      to: 'pengarsipan',
      details: { through: ['pemberitahuan'] },
    })
    expect((signed.snapshot.context.visits as string[]).slice(-2)).toEqual(['pemberitahuan', 'pengarsipan'])
  })

  it('WITHDRAW: any time before signing (also at tanda_tangan and while returned), not after SIGN', () => {
    for (const state of ['penerimaan', 'pemindaian', 'verifikasi', 'validasi', 'tanda_tangan']) {
      const r = walkTo(balongbendo, 'tatap_muka', state)
      const w = applyEvent(
        balongbendo,
        r.snapshot,
        { type: 'WITHDRAW', reason: 'Pindah domisili' },
        applicantActor,
        ctx,
      )
      expect(w).toMatchObject({ state: 'dibatalkan', final: true, awaiting: null })
    }
    for (const state of ['pengarsipan', 'registrasi', 'pencetakan', 'penyerahan']) {
      const r = walkTo(balongbendo, 'tatap_muka', state)
      const e = caught(() => applyFrozen(r.snapshot, { type: 'WITHDRAW' }, applicantActor))
      expect(e).toBeInstanceOf(InvalidTransitionError)
      expect(e).toMatchObject({ state, event: 'WITHDRAW' })
    }
    const signing = walkTo(balongbendo, 'online', 'tanda_tangan')
    const returned = applyEvent(
      balongbendo,
      signing.snapshot,
      { type: 'RETURN', missing: [], reason: 'Data tidak sesuai KTP' },
      officer('camat'),
      ctx,
    )
    const w = applyEvent(balongbendo, returned.snapshot, { type: 'WITHDRAW' }, applicantActor, ctx)
    expect(w.state).toBe('dibatalkan')
    expect(w.effects).toEqual([{ kind: 'sipraja', action: 'set_status', status: 'Dibatalkan' }])
  })

  it('events not possible in the state are InvalidTransitionErrors naming state and event', () => {
    const r = walkTo(balongbendo, 'tatap_muka', 'verifikasi')
    const cases: Array<[ProcedureSnapshot, CaseEvent, Actor, string]> = [
      [r.snapshot, { type: 'SIGN' }, officer('camat'), 'verifikasi'],
      [r.snapshot, { type: 'RESUBMIT' }, applicantActor, 'verifikasi'],
      [r.snapshot, { type: 'RETRY_INCIDENT', outboxId: 'ob-1' }, officer('admin'), 'verifikasi'],
      [r.snapshot, { type: 'RESOLVE_INCIDENT', outboxId: 'ob-1', note: 'n' }, officer('admin'), 'verifikasi'],
      [
        walkTo(balongbendo, 'tatap_muka', 'selesai').snapshot,
        { type: 'COMPLETE' },
        officer('operator'),
        'selesai',
      ],
      [r.snapshot, { type: 'FLY' } as never, officer('operator'), 'verifikasi'],
    ]
    for (const [snapshot, event, actor, state] of cases) {
      const e = caught(() => applyFrozen(snapshot, event, actor))
      expect(e, event.type).toBeInstanceOf(InvalidTransitionError)
      expect(e).toMatchObject({ code: 'INVALID_TRANSITION', state, event: event.type })
      expect((e as InvalidTransitionError).message).toContain(event.type)
      expect((e as InvalidTransitionError).message).toContain(state)
      expect((e as InvalidTransitionError).messageEn).toContain(state)
    }
    const incident = caught(() =>
      applyFrozen(r.snapshot, { type: 'RETRY_INCIDENT', outboxId: 'ob-1' }, officer('admin')),
    )
    expect((incident as Error).message).toContain('layanan')
  })

  it('a forbidden actor gets a ForbiddenError with the rule and both languages, and nothing changes', () => {
    const r = walkTo(balongbendo, 'online', 'validasi')
    const e = caught(() => applyFrozen(r.snapshot, { type: 'ACCEPT', verified: [] }, officer('operator')))
    expect(e).toBeInstanceOf(ForbiddenError)
    expect(isAk1Error(e)).toBe(true)
    expect(e).toMatchObject({ code: 'FORBIDDEN', rule: 'role' })
    expect((e as ForbiddenError).message).toContain('Operator Pelayanan')
    expect((e as ForbiddenError).message).toContain('Admin')
    expect((e as ForbiddenError).messageEn).toContain('may not')
    const applicantWithoutCase = caught(() =>
      applyFrozen(r.snapshot, { type: 'WITHDRAW' }, applicantActor, {}),
    )
    expect(applicantWithoutCase).toMatchObject({ rule: 'not_applicant' })
  })
})

describe('restoring snapshots', () => {
  const base = () => walkTo(balongbendo, 'tatap_muka', 'verifikasi').snapshot
  const refuse = (snapshot: ProcedureSnapshot, text: RegExp) => {
    for (const run of [
      () => applyEvent(balongbendo, snapshot, { type: 'ACCEPT', verified: [] }, officer('operator'), ctx),
      () => authorize(balongbendo, snapshot, { type: 'ACCEPT' }, officer('operator'), ctx),
      () => nextActions(balongbendo, snapshot, officer('operator'), ctx),
    ]) {
      const e = caught(run)
      expect(e).toBeInstanceOf(InvalidTransitionError)
      expect((e as Error).message).toMatch(text)
    }
  }

  it('a state the machine does not have is named', () => {
    refuse({ ...base(), state: 'arsip_lama' }, /"arsip_lama"/)
    refuse({ ...base(), state: 'pemberitahuan' }, /"pemberitahuan"/)
    refuse({ ...base(), state: 'baru' }, /"baru"/)
    refuse({ ...base(), channel: 'online', state: 'pemindaian' }, /"pemindaian".*online/)
  })

  it('a snapshot of another standard version, hash or machine version is refused', () => {
    const amended = defineStandard({ ...balongbendoInput, version: '2024.1', withdrawUntil: 'validasi' })
    const e = caught(() =>
      applyEvent(amended, base(), { type: 'ACCEPT', verified: [] }, officer('operator'), ctx),
    )
    expect(e).toBeInstanceOf(InvalidTransitionError)
    expect((e as Error).message).toContain('2023.1')
    refuse({ ...base(), standardHash: 'f'.repeat(64) }, /ffffffffffff/)
    refuse({ ...base(), machineVersion: procedureMachineVersion + 1 }, /versi mesin/)
  })

  it('a damaged context is refused rather than misread', () => {
    refuse({ ...base(), context: { ...base().context, verified: 'semua' } }, /rusak/)
    refuse({ ...base(), state: 'dikembalikan' }, /tidak konsisten/)
  })
})

describe('createProcedureMachine', () => {
  it('is cached per standard hash and differs for another step table', () => {
    const same = defineStandard(JSON.parse(JSON.stringify(balongbendo)))
    expect(createProcedureMachine(same)).toBe(createProcedureMachine(balongbendo))
    const fewer = defineStandard({
      ...balongbendoInput,
      id: 'ak1-tanpa-validasi',
      steps: balongbendoInput.steps.filter((s) => s.id !== 'validasi'),
      separationOfDuties: [{ steps: ['verifikasi'], forbids: ['tanda_tangan'] }],
    })
    const machine = createProcedureMachine(fewer)
    expect(machine).not.toBe(createProcedureMachine(balongbendo))
    expect(Object.keys(machine.root.states)).not.toContain('validasi')
    expect(Object.keys(createProcedureMachine(balongbendo).root.states)).toContain('validasi')
  })

  it('a step table that cannot make a procedure is a ConfigError naming the step', () => {
    const reservedId = defineStandard({
      ...balongbendoInput,
      id: 'ak1-rusak',
      steps: balongbendoInput.steps.map((s) => (s.id === 'registrasi' ? { ...s, id: 'selesai' } : s)),
    })
    const e = caught(() => createProcedureMachine(reservedId))
    expect(e).toBeInstanceOf(ConfigError)
    expect((e as ConfigError).message).toContain('"selesai"')
    expect((e as ConfigError).keys).toEqual(['steps.8.id'])
    const wrongEvent = defineStandard({
      ...balongbendoInput,
      id: 'ak1-rusak-2',
      steps: balongbendoInput.steps.map((s) =>
        s.id === 'pengarsipan' ? { ...s, events: ['COMPLETE', 'SIGN'] as ('COMPLETE' | 'SIGN')[] } : s,
      ),
    })
    expect(
      caught(() =>
        startCase(wrongEvent, { channel: 'tatap_muka', actor: submitterOf('tatap_muka'), checklist: [] }),
      ),
    ).toBeInstanceOf(ConfigError)
  })
})

describe('the engine entry points for parsed input', () => {
  it('startParsedCase and applyParsedEvent give what startCase and applyEvent give, step by step', () => {
    for (const channel of ['tatap_muka', 'online'] as const) {
      const checklist = checklistOf(balongbendo)
      const options = { channel, actor: submitterOf(channel), checklist, applicantNik }
      let a = startCase(balongbendo, options)
      let b = startParsedCase(balongbendo, options)
      expect(b).toEqual(a)
      let steps = 0
      while (!a.final) {
        const event = forwardOf(balongbendo, checklist, channel, a.state)
        const actor = officer(a.awaiting as string)
        a = applyEvent(balongbendo, a.snapshot, event, actor, ctx)
        b = applyParsedEvent(balongbendo, b.snapshot, event, actor, ctx)
        expect(b).toEqual(a)
        steps++
      }
      expect(steps).toBeGreaterThan(3)
    }
  })

  it('keep the order of the checks: an event not possible here is refused before anything else', () => {
    const r = startCase(balongbendo, {
      channel: 'tatap_muka',
      actor: submitterOf('tatap_muka'),
      checklist: checklistOf(balongbendo),
      applicantNik,
    })
    const error = caught(() =>
      applyParsedEvent(balongbendo, r.snapshot, { type: 'SIGN' }, officer('camat'), ctx),
    )
    expect(error).toBeInstanceOf(InvalidTransitionError)
  })
})
