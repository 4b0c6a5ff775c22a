import { type Actor, balongbendo, balongbendoInput, type CaseView, defineStandard } from '@ak1/core'
import { createMemoryStore, sampleApplication } from '@ak1/core/testing'
import { afterEach, describe, expect, it } from 'vitest'
import {
  createSiprajaIntake,
  createSiprajaSimulator,
  labelOfValStatus,
  mobileStatusLabels,
  mobileStatusTable,
  type SiprajaSimulator,
} from '../src/index'
import { applicant, applyAsApp, fixtureNames } from './fixtures/app'
import { deskActors, deskService, eventFor, fakeClock, forwardTo, nextForward } from './helpers/desk'
import { applicationsOf, approvers, balongbendoApprovedAt, labelOf } from './helpers/mobile'

const passphrase = 'Camat-Balongbendo#7731'
const nik = '3515125405010001'
const cleanups: Array<() => unknown> = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

/** Balongbendo with SIPRAJA's labels: "Bisa Diambil" from the Camat's signature on. */
const standard = defineStandard({
  ...balongbendoInput,
  siprajaStatus: mobileStatusLabels(balongbendo, 'tanda_tangan'),
})

/** The rows of both channels from the operator's approval on: `[state, ours, shown, approvals]`. */
const afterVerification = [
  ['validasi', 'Menunggu', 'Menunggu', 1],
  ['tanda_tangan', 'Menunggu', 'Menunggu', 2],
  ['pengarsipan', 'Bisa Diambil', 'Bisa Diambil', 3],
  ['registrasi', 'Bisa Diambil', 'Bisa Diambil', 3],
  ['pencetakan', 'Bisa Diambil', 'Bisa Diambil', 3],
  ['penyerahan', 'Bisa Diambil', 'Bisa Diambil', 3],
  ['selesai', 'Selesai', 'Bisa Diambil', 3],
]

async function desk() {
  const simulator: SiprajaSimulator = createSiprajaSimulator({ approvers: approvers(passphrase) })
  const { url } = await simulator.start()
  cleanups.push(() => simulator.close())
  const store = createMemoryStore()
  const clock = fakeClock()
  const { service, gateway } = deskService(simulator, url, store, {
    clock,
    standard,
    approvedAt: balongbendoApprovedAt,
  })
  const settle = async () => {
    clock.advance(10 * 60_000)
    for (let i = 0; i < 3; i++) await service.runOutbox()
  }
  /** The last status label the engine sent SIPRAJA for the case (its outbox), or `null`. */
  const ours = async (caseId: string) => {
    const rows = await store.listOutbox(caseId)
    const sent = rows
      .map((r) => r.payload as { action?: string; status?: string })
      .filter((p) => p.action === 'set_status')
    return sent.at(-1)?.status ?? null
  }
  /** A tatap-muka case with its photo and ijazah scanned. */
  const submitted = async () => {
    const petugas = deskActors[0] as Actor
    let view = await service.submit(sampleApplication(), { actor: petugas, channel: 'tatap_muka' })
    for (const [itemId, text, contentType] of [
      ['pas_foto', 'pas foto 3x4', 'image/jpeg'],
      ['ijazah:sma', 'ijazah SMK', 'application/pdf'],
    ] as const) {
      view = await service.attach(
        view.id,
        new TextEncoder().encode(text),
        { contentType, itemId },
        { actor: petugas },
      )
    }
    return view
  }
  /**
   * Moves the case to its end (the Camat e-signing at SIGN), and at each state compares the label
   * @ak1 last sent, through the one status table, with what SIPRAJA shows the applicant: rows of
   * `[state, ours, shown, approvals SIPRAJA holds]`.
   */
  const walk = async (start: CaseView, who: string) => {
    let view = start
    const rows: Array<[string, string | null, string | null, number]> = []
    const record = async () => {
      const app = applicationsOf(simulator, who).at(-1)
      const sent = await ours(view.id)
      const shown = app ? labelOf(app) : null
      const expected = sent === null ? null : labelOfValStatus(mobileStatusTable[sent]?.valStatus)
      expect(shown, `at ${view.state} (ours: ${sent})`).toBe(expected)
      rows.push([view.state, sent, shown, app?.approvals.filter((a) => a.status === '2').length ?? 0])
    }
    await record()
    for (let guard = 0; guard < 30 && !view.final; guard++) {
      const next = await nextForward(service, view.id)
      if (!next) break
      if (next.action.type === 'SIGN')
        await gateway.sign({ nik: who, caseRef: view.trackingCode, officer: next.actor.id, passphrase })
      view = await service.act(view.id, eventFor(next.action), { actor: next.actor })
      await settle()
      await record()
    }
    expect((await service.get(view.id)).incidents).toEqual([])
    return rows
  }
  return { simulator, url, service, gateway, settle, ours, submitted, walk }
}

describe('SIPRAJA shows the applicant what @ak1 says, at every step (mobile protocol, approvals at their steps)', () => {
  it('a tatap-muka Balongbendo case: each approver decides at its own step and the labels agree from submission to handover', async () => {
    const { simulator, settle, submitted, walk } = await desk()
    const view = await submitted()
    await settle()
    const rows = await walk(view, nik)
    expect(rows).toEqual([
      ['penerimaan', null, null, 0],
      ['pemindaian', null, null, 0],
      ['verifikasi', 'Menunggu', 'Menunggu', 0],
      ...afterVerification,
    ])
    const app = applicationsOf(simulator, nik)[0]
    expect(app?.approvals.map((a) => [a.name, a.status, a.esigned])).toEqual([
      ['Operator Kecamatan', '2', false],
      ['Admin Kecamatan', '2', false],
      ['Camat Balongbendo', '2', true],
    ])
  })

  it('an online application imported from SIPRAJA: the same agreement at every step of the online channel', async () => {
    const { simulator, url, service, gateway, settle, walk } = await desk()
    const person = applicant(2)
    await applyAsApp(url, person, (n) => simulator.mobile.codes.get(n) ?? '')
    const intake = createSiprajaIntake({ gateway, service, submission: fixtureNames })
    const run = await intake.runOnce()
    expect(run.imported).toHaveLength(1)
    await settle()
    const view = await service.get(run.imported[0]?.caseId ?? '')
    expect(view.channel).toBe('online')
    expect(await walk(view, person.nik)).toEqual([
      ['penerimaan', 'Menunggu', 'Menunggu', 0],
      ['verifikasi', 'Menunggu', 'Menunggu', 0],
      ...afterVerification,
    ])
    expect(applicationsOf(simulator, person.nik)).toHaveLength(1)
  })

  it('mobileStatusLabels labels the steps after the signature "Bisa Diambil" and refuses an unknown step', () => {
    expect(standard.siprajaStatus).toMatchObject({
      '*': 'Menunggu',
      pengarsipan: 'Bisa Diambil',
      selesai: 'Selesai',
    })
    expect(() => mobileStatusLabels(balongbendo, 'tanda-tangan')).toThrow(/signedAt: langkah tanda-tangan/)
  })

  it("a REJECT's reason is the rejecting approver's note in SIPRAJA, after the approval before it", async () => {
    const { simulator, service, gateway, settle, submitted } = await desk()
    const filed = await forwardTo(service, await submitted(), 'verifikasi', settle)
    // The operator's ACCEPT and the admin's REJECT before the outbox runs: both rows go, in order.
    const accept = await nextForward(service, filed.id)
    const view = await service.act(filed.id, eventFor(accept!.action), { actor: accept!.actor })
    expect(view.state).toBe('validasi')
    const reason = 'Ijazah tidak terbaca, mohon pindai ulang'
    await service.act(view.id, { type: 'REJECT', reason }, { actor: deskActors[2] as Actor })
    await settle()
    const app = applicationsOf(simulator, nik)[0]
    expect(app?.approvals.map((a) => [a.name, a.status, a.keterangan])).toEqual([
      ['Operator Kecamatan', '2', 'Disetujui'],
      ['Admin Kecamatan', '3', reason],
      ['Camat Balongbendo', null, ''],
    ])
    // As the app shows it: the history (`chron`) over HTTP.
    const found = await gateway.findApplication(String(app?.id))
    expect(found?.chron.map((c) => [c.val_status, c.keterangan])).toEqual([
      ['Disetujui', 'Disetujui'],
      ['Ditolak', reason],
    ])
    expect(labelOf(app)).toBe('Ditolak')
    expect((await service.get(view.id)).incidents).toEqual([])
  })
})
