import { describe, expect, it } from 'vitest'
import { ForbiddenError, InvalidTransitionError } from '../src/errors/errors'
import { applyEvent, authorize, nextActions } from '../src/procedure/index'
import type { Actor, CaseEvent, ProcedureSnapshot, TransitionResult } from '../src/procedure/types'
import type { Channel } from '../src/standard/schema'
import { balongbendo } from '../src/standards/balongbendo'
import {
  applicantActor,
  applicantNik,
  checklistOf,
  ctx,
  forwardOf,
  itemsAt,
  officer,
  walkTo,
} from './procedure-fixtures'

const events = [
  'ACCEPT',
  'RETURN',
  'RESUBMIT',
  'REJECT',
  'SIGN',
  'COMPLETE',
  'HAND_OVER',
  'WITHDRAW',
  'RETRY_INCIDENT',
  'RESOLVE_INCIDENT',
] as const
const roles = ['pemohon', 'petugas', 'operator', 'admin', 'camat', 'petugas_informasi', 'kepala_seksi']

/**
 * Who may do what in Balongbendo, written out by hand from the SK's step table (issue 2): per state,
 * per role, the events allowed. The applicant (`pemohon`) is the case's own applicant.
 */
const expected: Record<string, Record<string, string[]>> = {
  penerimaan: { petugas: ['ACCEPT', 'RETURN'], pemohon: ['WITHDRAW'] },
  pemindaian: { operator: ['COMPLETE'], pemohon: ['WITHDRAW'] },
  verifikasi: { operator: ['ACCEPT', 'RETURN', 'REJECT'], pemohon: ['WITHDRAW'] },
  validasi: { admin: ['ACCEPT', 'RETURN', 'REJECT'], pemohon: ['WITHDRAW'] },
  // "any time before signing": the applicant may still withdraw while the case waits for the Camat.
  tanda_tangan: { camat: ['SIGN', 'RETURN', 'REJECT'], pemohon: ['WITHDRAW'] },
  pengarsipan: { petugas: ['COMPLETE'] },
  registrasi: { operator: ['COMPLETE'] },
  pencetakan: { operator: ['COMPLETE'] },
  penyerahan: { petugas: ['HAND_OVER'] },
  dikembalikan: { pemohon: ['RESUBMIT', 'WITHDRAW'] },
  selesai: {},
  ditolak: {},
  dibatalkan: {},
}
/**
 * Officers who may act on the applicant's behalf (`onBehalfOf`), for the applicant's events only:
 * issue 2/3 name "a petugas acting on the applicant's behalf" (the operator only submits online for
 * them, which `startCase` covers, not RESUBMIT or WITHDRAW).
 */
const onBehalfRoles = ['petugas']

interface Situation {
  label: string
  state: string
  result: TransitionResult
}

function situations(channel: Channel): Situation[] {
  const out: Situation[] = []
  const steps = ['penerimaan', 'pemindaian', 'verifikasi', 'validasi', 'tanda_tangan']
  const later = ['pengarsipan', 'registrasi', 'pencetakan', 'penyerahan', 'selesai']
  for (const state of [...steps, ...later]) {
    if (channel === 'online' && state === 'pemindaian') continue
    out.push({ label: state, state, result: walkTo(balongbendo, channel, state) })
  }
  for (const from of ['penerimaan', 'verifikasi', 'validasi', 'tanda_tangan']) {
    const at = walkTo(balongbendo, channel, from)
    const returned = applyEvent(
      balongbendo,
      at.snapshot,
      { type: 'RETURN', missing: ['pas_foto'], reason: 'Foto buram' },
      officer(at.awaiting as string),
      ctx,
    )
    out.push({ label: `dikembalikan (dari ${from})`, state: 'dikembalikan', result: returned })
  }
  const atVerification = walkTo(balongbendo, channel, 'verifikasi')
  out.push({
    label: 'ditolak',
    state: 'ditolak',
    result: applyEvent(
      balongbendo,
      atVerification.snapshot,
      { type: 'REJECT', reason: 'KTP bukan milik pemohon' },
      officer('operator'),
      ctx,
    ),
  })
  out.push({
    label: 'dibatalkan',
    state: 'dibatalkan',
    result: applyEvent(balongbendo, atVerification.snapshot, { type: 'WITHDRAW' }, applicantActor, ctx),
  })
  return out
}

/** A valid payload for each event type at this snapshot. */
function eventFor(type: (typeof events)[number], channel: Channel, snapshot: ProcedureSnapshot): CaseEvent {
  const checklist = checklistOf(balongbendo)
  switch (type) {
    case 'ACCEPT':
    case 'HAND_OVER': {
      const recheck = (snapshot.context.recheck as Record<string, string[]>)[snapshot.state] ?? []
      return { type, verified: [...itemsAt(checklist, channel, snapshot.state), ...recheck] }
    }
    case 'RETURN':
      return { type, missing: [], reason: 'Berkas kurang' }
    case 'REJECT':
      return { type, reason: 'Tidak memenuhi syarat' }
    case 'RETRY_INCIDENT':
      return { type, outboxId: 'ob-1' }
    case 'RESOLVE_INCIDENT':
      return { type, outboxId: 'ob-1', note: 'dikirim manual' }
    default:
      return { type } as CaseEvent
  }
}

interface Variant {
  name: string
  actor: (role: string) => Actor
  allowed: (state: string, role: string) => string[]
}

const applicantEvents = ['RESUBMIT', 'WITHDRAW']
const variants: Variant[] = [
  {
    name: 'as themselves',
    actor: (role) => (role === 'pemohon' ? applicantActor : officer(role)),
    allowed: (state, role) => expected[state]?.[role] ?? [],
  },
  {
    name: "on the applicant's behalf",
    actor: (role) => ({ ...officer(role), onBehalfOf: applicantNik }),
    allowed: (state, role) =>
      onBehalfRoles.includes(role)
        ? (expected[state]?.pemohon ?? []).filter((e) => applicantEvents.includes(e))
        : [],
  },
  {
    name: 'with another NIK',
    actor: (role) =>
      role === 'pemohon'
        ? { ...applicantActor, nik: '3515015512000001' }
        : { ...officer(role), onBehalfOf: '3515015512000001' },
    allowed: () => [],
  },
]

describe('the authorisation matrix: every role x every event x every state, as the step table says', () => {
  for (const channel of ['tatap_muka', 'online'] as const) {
    it(`${channel}`, () => {
      let checked = 0
      for (const { label, state, result } of situations(channel)) {
        expect(result.state).toBe(state)
        const possible = new Set(Object.values(expected[state] ?? {}).flat())
        for (const variant of variants) {
          for (const role of roles) {
            const actor = variant.actor(role)
            const allowed = variant.allowed(state, role)
            for (const type of events) {
              const where = `${channel} ${label} ${variant.name} ${role} ${type}`
              const verdict = authorize(balongbendo, result.snapshot, { type }, actor, ctx)
              expect(verdict.allowed, where).toBe(allowed.includes(type))
              const event = eventFor(type, channel, result.snapshot)
              if (verdict.allowed) {
                const next = applyEvent(balongbendo, result.snapshot, event, actor, ctx)
                expect(next.audit.actor, where).toEqual(
                  actor.onBehalfOf ? { id: actor.id, role, onBehalfOf: 'pemohon' } : { id: actor.id, role },
                )
                expect(JSON.stringify(next.audit), where).not.toContain(applicantNik)
              } else {
                expect(verdict.reason.length, where).toBeGreaterThan(10)
                expect(verdict.reasonEn.length, where).toBeGreaterThan(10)
                let thrown: unknown
                try {
                  applyEvent(balongbendo, result.snapshot, event, actor, ctx)
                } catch (e) {
                  thrown = e
                }
                if (possible.has(type)) {
                  expect(verdict.rule, where).toMatch(/^(role|not_applicant|on_behalf_of)$/)
                  expect(thrown, where).toBeInstanceOf(ForbiddenError)
                  expect((thrown as ForbiddenError).rule, where).toBe(verdict.rule)
                } else {
                  expect(verdict.rule, where).toBe('invalid_transition')
                  expect(thrown, where).toBeInstanceOf(InvalidTransitionError)
                  expect((thrown as InvalidTransitionError).state, where).toBe(state)
                  expect((thrown as InvalidTransitionError).event, where).toBe(type)
                }
              }
              checked++
            }
            const offered = nextActions(balongbendo, result.snapshot, actor, ctx).map((a) => a.type)
            expect(offered.sort(), `${channel} ${label} ${variant.name} ${role}`).toEqual([...allowed].sort())
          }
        }
      }
      expect(checked).toBe((channel === 'online' ? 15 : 16) * variants.length * roles.length * events.length)
    })
  }

  it('the rule named for each kind of refusal', () => {
    const at = walkTo(balongbendo, 'tatap_muka', 'verifikasi')
    const rule = (event: CaseEvent, actor: Actor, c: { applicantNik?: string } = ctx) => {
      const verdict = authorize(balongbendo, at.snapshot, event, actor, c)
      return verdict.allowed ? 'allowed' : verdict.rule
    }
    expect(rule({ type: 'ACCEPT', verified: [] }, officer('admin'))).toBe('role')
    expect(rule({ type: 'ACCEPT', verified: [] }, officer('pemohon'))).toBe('role')
    expect(rule({ type: 'WITHDRAW' }, { ...applicantActor, nik: '3515015512000001' })).toBe('not_applicant')
    expect(rule({ type: 'WITHDRAW' }, applicantActor, {})).toBe('not_applicant')
    expect(rule({ type: 'WITHDRAW' }, officer('petugas'))).toBe('on_behalf_of')
    expect(rule({ type: 'WITHDRAW' }, officer('admin'))).toBe('role')
    expect(rule({ type: 'WITHDRAW' }, { ...officer('petugas'), onBehalfOf: applicantNik }, {})).toBe(
      'on_behalf_of',
    )
    expect(rule({ type: 'ACCEPT', verified: [] }, { ...officer('operator'), onBehalfOf: applicantNik })).toBe(
      'on_behalf_of',
    )
    expect(rule({ type: 'SIGN' }, officer('camat'))).toBe('invalid_transition')
    const refused = authorize(balongbendo, at.snapshot, { type: 'ACCEPT' }, officer('admin'), ctx)
    expect(refused).toMatchObject({
      allowed: false,
      rule: 'role',
      reason: expect.stringContaining('tidak berwenang'),
      reasonEn: expect.stringContaining('may not'),
    })
  })

  it('nextActions names the step and the checklist ids still to verify', () => {
    const checklist = checklistOf(balongbendo)
    for (const channel of ['tatap_muka', 'online'] as const) {
      const atDesk = walkTo(balongbendo, channel, 'penerimaan')
      expect(nextActions(balongbendo, atDesk.snapshot, officer('petugas'), ctx)).toEqual([
        { type: 'ACCEPT', stepId: 'penerimaan', needs: itemsAt(checklist, channel, 'penerimaan') },
        { type: 'RETURN', stepId: 'penerimaan' },
      ])
      const handover = walkTo(balongbendo, channel, 'penyerahan')
      expect(nextActions(balongbendo, handover.snapshot, officer('petugas'), ctx)).toEqual([
        {
          type: 'HAND_OVER',
          stepId: 'penyerahan',
          needs: channel === 'online' ? ['ktp_asli', 'kk_asli'] : [],
        },
      ])
    }
    const signing = walkTo(balongbendo, 'online', 'tanda_tangan')
    const returned = applyEvent(
      balongbendo,
      signing.snapshot,
      { type: 'RETURN', missing: [], reason: 'Tanda tangan pemohon pada formulir kosong' },
      officer('camat'),
      ctx,
    )
    expect(nextActions(balongbendo, returned.snapshot, applicantActor, ctx)).toEqual([
      { type: 'RESUBMIT', stepId: 'tanda_tangan' },
      { type: 'WITHDRAW', stepId: 'tanda_tangan' },
    ])
  })
})

describe('separation of duties', () => {
  it('one person holding operator and camat roles cannot sign what they verified', () => {
    const budi = 'u-budi'
    for (const [step, role] of [
      ['verifikasi', 'operator'],
      ['validasi', 'admin'],
    ] as const) {
      const at = walkTo(balongbendo, 'tatap_muka', step)
      let r = applyEvent(balongbendo, at.snapshot, { type: 'ACCEPT', verified: [] }, officer(role, budi), ctx)
      while (r.state !== 'tanda_tangan') {
        r = applyEvent(
          balongbendo,
          r.snapshot,
          forwardOf(balongbendo, checklistOf(balongbendo), 'tatap_muka', r.state),
          officer(r.awaiting as string),
          ctx,
        )
      }
      const asCamat = officer('camat', budi)
      for (const event of [{ type: 'SIGN' }, { type: 'RETURN', missing: [], reason: 'x' }] as CaseEvent[]) {
        const verdict = authorize(balongbendo, r.snapshot, event, asCamat, ctx)
        expect(verdict).toMatchObject({ allowed: false, rule: 'separation_of_duties' })
        expect(verdict.allowed ? '' : verdict.reason).toContain(step)
        expect(() => applyEvent(balongbendo, r.snapshot, event, asCamat, ctx)).toThrow(ForbiddenError)
        try {
          applyEvent(balongbendo, r.snapshot, event, asCamat, ctx)
        } catch (e) {
          expect((e as ForbiddenError).rule).toBe('separation_of_duties')
          expect((e as ForbiddenError).messageEn).toContain('Separation of duties')
        }
      }
      expect(nextActions(balongbendo, r.snapshot, asCamat, ctx)).toEqual([])
      const other = applyEvent(
        balongbendo,
        r.snapshot,
        { type: 'SIGN' },
        officer('camat', 'u-pak-camat'),
        ctx,
      )
      expect(other.state).toBe('pengarsipan')
    }
  })

  it('a person who only returned the case at verifikasi is also kept from signing (acted there)', () => {
    const at = walkTo(balongbendo, 'online', 'verifikasi')
    const returned = applyEvent(
      balongbendo,
      at.snapshot,
      { type: 'RETURN', missing: ['pas_foto'], reason: 'Foto buram' },
      officer('operator', 'u-sari'),
      ctx,
    )
    let r = applyEvent(balongbendo, returned.snapshot, { type: 'RESUBMIT' }, applicantActor, ctx)
    r = applyEvent(
      balongbendo,
      r.snapshot,
      { type: 'ACCEPT', verified: ['pas_foto'] },
      officer('operator'),
      ctx,
    )
    r = applyEvent(balongbendo, r.snapshot, { type: 'ACCEPT', verified: [] }, officer('admin'), ctx)
    expect(r.state).toBe('tanda_tangan')
    expect(
      authorize(balongbendo, r.snapshot, { type: 'SIGN' }, officer('camat', 'u-sari'), ctx),
    ).toMatchObject({
      rule: 'separation_of_duties',
    })
  })
})

describe('on behalf of the applicant', () => {
  it('is recorded in the audit actor as the applicant role, and the NIK enters neither audit nor snapshot', () => {
    const checklist = checklistOf(balongbendo)
    const at = walkTo(balongbendo, 'tatap_muka', 'verifikasi', checklist)
    const returned = applyEvent(
      balongbendo,
      at.snapshot,
      { type: 'RETURN', missing: ['ijazah:sma'], reason: 'Ijazah SMA belum dilegalisir' },
      officer('operator'),
      ctx,
    )
    const helper = { ...officer('petugas'), onBehalfOf: applicantNik }
    const resubmitted = applyEvent(balongbendo, returned.snapshot, { type: 'RESUBMIT' }, helper, ctx)
    expect(resubmitted.audit).toMatchObject({
      event: 'RESUBMIT',
      from: 'dikembalikan',
      to: 'verifikasi',
      actor: { id: 'u-petugas', role: 'petugas', onBehalfOf: 'pemohon' },
    })
    const withdrawn = applyEvent(balongbendo, resubmitted.snapshot, { type: 'WITHDRAW' }, helper, ctx)
    expect(withdrawn.audit.actor).toEqual({ id: 'u-petugas', role: 'petugas', onBehalfOf: 'pemohon' })
    for (const r of [at, returned, resubmitted, withdrawn]) {
      expect(JSON.stringify(r.snapshot)).not.toContain(applicantNik)
      expect(JSON.stringify(r.audit)).not.toContain(applicantNik)
    }
  })
})
