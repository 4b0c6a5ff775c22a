import { type Actor, balongbendo, createAk1Service } from '@ak1/core'
import { createMemoryStore, sampleApplication } from '@ak1/core/testing'
import { afterEach, describe, expect, it } from 'vitest'
import {
  createSiprajaIntake,
  createSiprajaSimulator,
  intakeActorId,
  type SiprajaSimulator,
} from '../src/index'
import { applicant, applyAsApp, fixtureNames } from './fixtures/app'
import { deskActors, deskService, fakeClock, forwardTo } from './helpers/desk'
import { applicationsOf, approvers, balongbendoApprovedAt, labelOf, mobileGateway } from './helpers/mobile'

const passphrase = 'Camat-Balongbendo#7731'
const nik = '3515125405010001'
const cleanups: Array<() => unknown> = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

async function started(): Promise<{ simulator: SiprajaSimulator; url: string }> {
  const simulator = createSiprajaSimulator({ approvers: approvers(passphrase) })
  const { url } = await simulator.start()
  cleanups.push(() => simulator.close())
  return { simulator, url }
}

/** The outcomes of the requests the simulator answered whose path matches `what`. */
const writes = (simulator: SiprajaSimulator, what: RegExp) =>
  simulator.requests.filter((r) => what.test(r.path)).map((r) => r.outcome)

async function desk() {
  const { simulator, url } = await started()
  const clock = fakeClock()
  const store = createMemoryStore()
  const { service, gateway } = deskService(simulator, url, store, {
    clock,
    approvedAt: balongbendoApprovedAt,
  })
  const settle = async () => {
    clock.advance(10 * 60_000)
    for (let i = 0; i < 3; i++) await service.runOutbox()
  }
  const intake = createSiprajaIntake({ gateway, service, submission: fixtureNames })
  const petugas = deskActors[0] as Actor
  let view = await service.submit(sampleApplication(), { actor: petugas, channel: 'tatap_muka' })
  view = await service.attach(
    view.id,
    new TextEncoder().encode('pas foto'),
    { contentType: 'image/jpeg', itemId: 'pas_foto' },
    { actor: petugas },
  )
  return { simulator, service, settle, intake, view }
}

const pemohon = (n: string, id = 'pemohon-1'): Actor => ({ id, role: 'pemohon', nik: n })

describe('a withdrawal reaches SIPRAJA over the mobile protocol, and intake never imports it again', () => {
  it('before any approval: the applicant deletes the application as the app does; intake, before and after, imports nothing', async () => {
    const { simulator, service, settle, intake, view } = await desk()
    const filed = await forwardTo(service, view, 'verifikasi', settle)
    expect(applicationsOf(simulator, nik)).toHaveLength(1)
    await service.act(
      filed.id,
      { type: 'WITHDRAW', reason: 'Sudah diterima bekerja' },
      { actor: pemohon(nik) },
    )
    // The withdrawal is committed but not yet in SIPRAJA: the application still runs there.
    expect(await intake.runOnce()).toMatchObject({ imported: [], skipped: [expect.any(String)] })
    await settle()
    expect(applicationsOf(simulator, nik)).toEqual([])
    expect(writes(simulator, /delete_layanan/)).toEqual(['applied'])
    expect(await intake.runOnce()).toEqual({ imported: [], skipped: [], rejected: [], failed: [] })
    const cases = (await service.list({ applicantNik: nik })).items
    expect(cases.map((c) => c.state)).toEqual(['dibatalkan'])
    expect(cases[0]?.deliveries.filter((d) => d.kind === 'sipraja').every((d) => d.status === 'sent')).toBe(
      true,
    )
  })

  it('after the operator approved: the app offers no deletion, so the next approver rejects it with the reason', async () => {
    const { simulator, service, settle, intake, view } = await desk()
    const filed = await forwardTo(service, view, 'validasi', settle)
    await service.act(filed.id, { type: 'WITHDRAW', reason: 'Pindah domisili' }, { actor: pemohon(nik) })
    await settle()
    const app = applicationsOf(simulator, nik)[0]
    expect(app?.approvals.map((a) => [a.name, a.status, a.keterangan])).toEqual([
      ['Operator Kecamatan', '2', 'Disetujui'],
      ['Admin Kecamatan', '3', 'Permohonan dibatalkan: Pindah domisili'],
      ['Camat Balongbendo', null, ''],
    ])
    expect(labelOf(app)).toBe('Ditolak')
    expect(writes(simulator, /delete_layanan/)).toEqual([])
    expect(await intake.runOnce()).toEqual({ imported: [], skipped: [], rejected: [], failed: [] })
  })

  it('an imported online application withdrawn in @ak1 is deleted in SIPRAJA and never imported again', async () => {
    const { simulator, url } = await started()
    const clock = fakeClock(Date.now())
    const service = createAk1Service({
      standard: balongbendo,
      store: createMemoryStore(),
      clock,
      sipraja: mobileGateway(simulator, url, { approvedAt: balongbendoApprovedAt }),
    })
    const person = applicant(3)
    const siprajaId = String(await applyAsApp(url, person, (n) => simulator.mobile.codes.get(n) ?? ''))
    const intake = createSiprajaIntake({
      gateway: mobileGateway(simulator, url),
      service,
      submission: fixtureNames,
    })
    const first = await intake.runOnce()
    expect(first.imported).toHaveLength(1)
    const caseId = first.imported[0]?.caseId ?? ''
    await service.act(caseId, { type: 'WITHDRAW' }, { actor: pemohon(person.nik, intakeActorId(siprajaId)) })
    expect(await intake.runOnce()).toMatchObject({ imported: [], skipped: [siprajaId] })
    clock.advance(60_000)
    for (let i = 0; i < 3; i++) await service.runOutbox()
    expect(applicationsOf(simulator, person.nik)).toEqual([])
    expect(await intake.runOnce()).toEqual({ imported: [], skipped: [], rejected: [], failed: [] })
    expect((await service.list({ applicantNik: person.nik })).items.map((c) => c.state)).toEqual([
      'dibatalkan',
    ])
  })
})
