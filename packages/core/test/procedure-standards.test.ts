import { describe, expect, it } from 'vitest'
import { ForbiddenError } from '../src/errors/errors'
import { applyEvent, authorize, createProcedureMachine, nextActions, startCase } from '../src/procedure/index'
import { defineStandard } from '../src/standard/define-standard'
import { defaultRoles, type StandardInput } from '../src/standard/schema'
import { balongbendoInput } from '../src/standards/balongbendo'
import {
  applicantActor,
  applicantNik,
  checklistOf,
  ctx,
  itemsAt,
  officer,
  runPath,
  simplePaths,
  walkTo,
} from './procedure-fixtures'

/**
 * An illustrative office, not a real SK: fewer steps, and the Sekretaris Camat signs. Built only
 * from data; the machine code is the same.
 */
const contoh = defineStandard({
  ...balongbendoInput,
  id: 'ak1-contoh',
  name: 'Pengurusan AK 1 (contoh)',
  version: '2025.1',
  office: { ...balongbendoInput.office, code: 'contoh', name: 'Kecamatan Contoh' },
  decree: { number: '000/1/2025' },
  roles: [...defaultRoles, { id: 'sekretaris', name: 'Sekretaris Kecamatan', nameEn: 'Kecamatan secretary' }],
  steps: [
    {
      id: 'unggah',
      name: 'Pemohon mengunggah berkas',
      kind: 'intake',
      role: 'pemohon',
      channel: 'online',
      sipraja: [{ on: 'submit', action: 'ensure_account' }],
    },
    {
      id: 'penerimaan',
      name: 'Petugas menerima dan memeriksa berkas',
      kind: 'review',
      role: 'petugas',
      target: { minutes: 20 },
      events: ['ACCEPT', 'RETURN', 'REJECT'],
      notices: [
        { on: 'submit', template: 'diterima', channels: ['sms'] },
        { on: 'RETURN', template: 'dikembalikan' },
        { on: 'REJECT', template: 'ditolak' },
      ],
    },
    {
      id: 'tanda_tangan',
      name: 'Sekretaris Kecamatan menandatangani',
      kind: 'sign',
      role: 'sekretaris',
      target: { workingDays: 1 },
      events: ['SIGN', 'RETURN'],
      notices: [{ on: 'RETURN', template: 'dikembalikan' }],
    },
    {
      id: 'pemberitahuan',
      name: 'Kartu siap diambil',
      kind: 'notify',
      notices: [{ on: 'enter', template: 'kartu_siap', channels: ['email'] }],
    },
    {
      id: 'penyerahan',
      name: 'Pemohon menerima kartu',
      kind: 'handover',
      role: 'petugas',
      target: { minutes: 10 },
      events: ['HAND_OVER'],
    },
  ],
  separationOfDuties: [{ steps: ['penerimaan'], forbids: ['tanda_tangan'] }],
  withdrawUntil: 'tanda_tangan',
  siprajaStatus: { '*': 'Diproses', penyerahan: 'Siap Diambil', selesai: 'Selesai' },
} satisfies StandardInput)

describe('a second standard: fewer steps, the Sekretaris signs, no code change', () => {
  it('builds a machine with its own states', () => {
    const machine = createProcedureMachine(contoh)
    expect(Object.keys(machine.root.states).sort()).toEqual(
      [
        'baru',
        'penerimaan',
        'tanda_tangan',
        'pemberitahuan',
        'penyerahan',
        'dikembalikan',
        'selesai',
        'ditolak',
        'dibatalkan',
      ].sort(),
    )
  })

  it('runs a case: the Camat may not sign here, the Sekretaris does; its own notices and statuses', () => {
    const checklist = checklistOf(contoh)
    const start = startCase(contoh, {
      channel: 'tatap_muka',
      actor: officer('petugas'),
      checklist,
      applicantNik,
    })
    expect(start.effects).toEqual([{ kind: 'notice', template: 'diterima', channels: ['sms'] }])
    const accepted = applyEvent(
      contoh,
      start.snapshot,
      { type: 'ACCEPT', verified: itemsAt(checklist, 'tatap_muka', 'penerimaan') },
      officer('petugas'),
      ctx,
    )
    expect(accepted).toMatchObject({ state: 'tanda_tangan', awaiting: 'sekretaris' })
    const byCamat = authorize(contoh, accepted.snapshot, { type: 'SIGN' }, officer('camat'), ctx)
    expect(byCamat).toMatchObject({ allowed: false, rule: 'role' })
    expect(byCamat.allowed ? '' : byCamat.reason).toContain('Sekretaris Kecamatan')
    expect(() => applyEvent(contoh, accepted.snapshot, { type: 'SIGN' }, officer('camat'), ctx)).toThrow(
      ForbiddenError,
    )
    expect(nextActions(contoh, accepted.snapshot, officer('sekretaris'), ctx)).toEqual([
      { type: 'RETURN', stepId: 'tanda_tangan' },
      { type: 'SIGN', stepId: 'tanda_tangan' },
    ])
    // WITHDRAW is not possible from the signing step on, and the Sekretaris cannot REJECT here.
    expect(
      authorize(contoh, accepted.snapshot, { type: 'REJECT' }, officer('sekretaris'), ctx),
    ).toMatchObject({
      rule: 'invalid_transition',
    })
    const signed = applyEvent(contoh, accepted.snapshot, { type: 'SIGN' }, officer('sekretaris'), ctx)
    expect(signed).toMatchObject({ state: 'penyerahan', awaiting: 'petugas' })
    expect(signed.audit.details).toMatchObject({ through: ['pemberitahuan'] })
    expect(signed.effects).toEqual([{ kind: 'notice', template: 'kartu_siap', channels: ['email'] }])
    const done = applyEvent(contoh, signed.snapshot, { type: 'HAND_OVER' }, officer('petugas'), ctx)
    expect(done).toMatchObject({ state: 'selesai', final: true })
    expect(done.snapshot).toMatchObject({ standardId: 'ak1-contoh', standardVersion: '2025.1' })
  })

  it('its separation of duties: whoever accepted at penerimaan may not sign, even as Sekretaris', () => {
    const checklist = checklistOf(contoh)
    const start = startCase(contoh, { channel: 'online', actor: applicantActor, checklist, applicantNik })
    expect(start.effects).toContainEqual({ kind: 'sipraja', action: 'set_status', status: 'Diproses' })
    const accepted = applyEvent(
      contoh,
      start.snapshot,
      { type: 'ACCEPT', verified: itemsAt(checklist, 'online', 'penerimaan') },
      officer('petugas', 'u-rina'),
      ctx,
    )
    expect(
      authorize(contoh, accepted.snapshot, { type: 'SIGN' }, officer('sekretaris', 'u-rina'), ctx),
    ).toMatchObject({ allowed: false, rule: 'separation_of_duties' })
  })

  it('every simple path runs the same through the compiled table and the XState machine', () => {
    let count = 0
    for (const channel of ['tatap_muka', 'online'] as const) {
      for (const path of simplePaths(contoh, channel)) {
        const events = path.steps.map((s) => s.event).filter((e) => !e.type.startsWith('xstate.'))
        const end = runPath(contoh, channel, events, () => {})
        expect(end.state).toBe(String(path.state.value))
        count++
      }
    }
    console.log(`ak1-contoh: ${count} paths ran`)
    expect(count).toBeGreaterThan(10)
  })
})

describe('a standard with one more review step', () => {
  const withSectionHead = defineStandard({
    ...balongbendoInput,
    id: 'ak1-dengan-kasi',
    steps: balongbendoInput.steps.flatMap((s) =>
      s.id === 'validasi'
        ? [
            s,
            {
              id: 'pemeriksaan_kasi',
              name: 'Kepala Seksi memeriksa berkas',
              kind: 'review' as const,
              role: 'kepala_seksi',
              target: { minutes: 15 },
              events: ['ACCEPT', 'RETURN', 'REJECT'] as ('ACCEPT' | 'RETURN' | 'REJECT')[],
              notices: [{ on: 'RETURN' as const, template: 'dikembalikan' }],
            },
          ]
        : [s],
    ),
  })

  it('puts the Kepala Seksi between validasi and tanda_tangan', () => {
    const at = walkTo(withSectionHead, 'tatap_muka', 'pemeriksaan_kasi')
    expect(at.awaiting).toBe('kepala_seksi')
    expect(authorize(withSectionHead, at.snapshot, { type: 'ACCEPT' }, officer('admin'), ctx)).toMatchObject({
      rule: 'role',
    })
    const on = applyEvent(
      withSectionHead,
      at.snapshot,
      { type: 'ACCEPT', verified: [] },
      officer('kepala_seksi'),
      ctx,
    )
    expect(on.state).toBe('tanda_tangan')
    expect(on.snapshot.context.visits).toContain('pemeriksaan_kasi')
    const returned = applyEvent(
      withSectionHead,
      at.snapshot,
      { type: 'RETURN', missing: [], reason: 'Nilai ijazah tidak terbaca' },
      officer('kepala_seksi'),
      ctx,
    )
    const back = applyEvent(withSectionHead, returned.snapshot, { type: 'RESUBMIT' }, applicantActor, ctx)
    expect(back.state).toBe('pemeriksaan_kasi')
  })
})

describe('a standard whose applicant role has another id', () => {
  const pencaker = defineStandard({
    ...balongbendoInput,
    id: 'ak1-pencari-kerja',
    roles: [
      ...defaultRoles.filter((r) => r.id !== 'pemohon'),
      { id: 'pencari_kerja', name: 'Pencari Kerja', nameEn: 'Job seeker' },
    ],
    applicant: { role: 'pencari_kerja', onBehalfRoles: ['petugas', 'operator'] },
    channels: {
      tatap_muka: { submittedBy: ['petugas'] },
      online: { submittedBy: ['pencari_kerja', 'operator'] },
    },
    steps: balongbendoInput.steps.map((s) => (s.role === 'pemohon' ? { ...s, role: 'pencari_kerja' } : s)),
  })

  it('records an officer acting for the applicant by that role in the audit actor, never the NIK', () => {
    const helper = { ...officer('operator'), onBehalfOf: applicantNik }
    const r = startCase(pencaker, {
      channel: 'online',
      actor: helper,
      checklist: checklistOf(pencaker),
      applicantNik,
    })
    expect(r.audit.actor).toEqual({ id: 'u-operator', role: 'operator', onBehalfOf: 'pencari_kerja' })
    expect(JSON.stringify(r.audit)).not.toContain(applicantNik)
  })
})
