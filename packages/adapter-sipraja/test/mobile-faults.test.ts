import type { Actor, CaseView } from '@ak1/core'
import { isAk1Error } from '@ak1/core/ports'
import { createMemoryStore, sampleApplication } from '@ak1/core/testing'
import { afterEach, describe, expect, it } from 'vitest'
import { createSiprajaIntake, createSiprajaSimulator } from '../src/index'
import { applicant, applyAsApp, fixtureNames, nikOf } from './fixtures/app'
import { deskActors, deskService, eventFor, fakeClock, nextForward } from './helpers/desk'
import { applicationsOf, approvers, labelOf } from './helpers/mobile'

const passphrase = 'Camat-Balongbendo#7731'
const cleanups: Array<() => unknown> = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

/** Runs `attempt` until it succeeds; only retryable AdapterErrors may come in between. */
async function untilDone<T>(attempt: () => Promise<T>, limit = 400): Promise<T> {
  for (let i = 0; ; i++) {
    try {
      return await attempt()
    } catch (error) {
      const retryable = isAk1Error(error) && (error as { retryable?: boolean }).retryable === true
      if (!retryable || i >= limit) throw error
    }
  }
}

describe('the mobile protocol at 50 % injected faults (slow answers, 500s, replies lost after the write)', () => {
  it('files no application twice and loses no decision, for desk and online cases alike', async () => {
    const simulator = createSiprajaSimulator({ approvers: approvers(passphrase) })
    const { url } = await simulator.start()
    cleanups.push(() => simulator.close())
    const online = [0, 1, 2].map(applicant)
    for (const a of online) await applyAsApp(url, a, (nik) => simulator.mobile.codes.get(nik) ?? '')
    const store = createMemoryStore()
    const clock = fakeClock()
    const { service, gateway } = deskService(simulator, url, store, { clock, maxAttempts: 1000 })
    const petugas = deskActors[0] as Actor
    const desk: CaseView[] = []
    for (const [i, birth] of ['2000-02-03', '1999-07-21'].entries()) {
      const nik = nikOf(birth, 'P', 700 + i)
      const base = sampleApplication()
      const app = { ...base, applicant: { ...base.applicant, nik, birthDate: birth } }
      let view = await service.submit(app, { actor: petugas, channel: 'tatap_muka' })
      view = await service.attach(
        view.id,
        new TextEncoder().encode(`foto ${nik}`),
        { contentType: 'image/jpeg', itemId: 'pas_foto' },
        { actor: petugas },
      )
      view = await service.attach(
        view.id,
        new TextEncoder().encode(`ijazah ${nik}`),
        { contentType: 'application/pdf', itemId: 'ijazah:sma' },
        { actor: petugas },
      )
      desk.push(view)
    }

    simulator.mobile.faults = { rate: 0.5, slowMs: 30, seed: 20260414 }
    const intake = createSiprajaIntake({ gateway, service, submission: fixtureNames, now: clock.now })
    const pendingImports = async () => {
      const counts = await Promise.all(
        online.map(async (a) => (await service.list({ applicantNik: a.nik })).items.length),
      )
      return counts.filter((n) => n === 0).length
    }
    for (let poll = 0; (await pendingImports()) > 0; poll++) {
      expect(poll, 'polls until every application is imported').toBeLessThan(400)
      await intake.runOnce().catch((error: unknown) => {
        // A poll that meets a fault stops; the next one carries on.
        if (!isAk1Error(error) || (error as { retryable?: boolean }).retryable !== true) throw error
      })
    }
    const onlineCases = await Promise.all(
      online.map(async (a) => (await service.list({ applicantNik: a.nik })).items[0] as CaseView),
    )

    /** Delivers the case's outbox rows, moving the clock past each backoff, until none is queued. */
    const settle = async (id: string) => {
      for (let i = 0; i < 2000; i++) {
        const view = await service.get(id)
        if (!view.deliveries.some((d) => d.status === 'queued')) return view
        clock.advance(61_000)
        await service.runOutbox()
      }
      throw new Error(`outbox of ${id} never settled`)
    }
    /** Moves a case forward to its end, or rejects it at `rejectAt`; signs in SIPRAJA at SIGN. */
    const drive = async (start: CaseView, rejectAt: string | null) => {
      let view = start
      for (let guard = 0; guard < 30 && !view.final; guard++) {
        view = await settle(view.id)
        const next = await nextForward(service, view.id)
        if (!next) break
        if (view.state === rejectAt) {
          view = await service.act(
            view.id,
            { type: 'REJECT', reason: 'Berkas tidak sesuai' },
            { actor: next.actor },
          )
          break
        }
        if (next.action.type === 'SIGN') {
          const nik = (view.application as { applicant: { nik: string } }).applicant.nik
          await untilDone(() =>
            gateway.sign({ nik, caseRef: view.trackingCode, officer: next.actor.id, passphrase }),
          )
        }
        view = await service.act(view.id, eventFor(next.action), { actor: next.actor })
      }
      return settle(view.id)
    }
    const plans: Array<[CaseView, string | null]> = [
      [desk[0] as CaseView, null],
      [desk[1] as CaseView, 'verifikasi'],
      [onlineCases[0] as CaseView, 'verifikasi'],
      [onlineCases[1] as CaseView, null],
      [onlineCases[2] as CaseView, null],
    ]
    const ends: CaseView[] = []
    for (const [view, rejectAt] of plans) ends.push(await drive(view, rejectAt))

    const faults = simulator.requests.filter((r) => r.outcome === 'fault' || r.outcome === 'lost')
    const lost = simulator.requests.filter((r) => r.outcome === 'lost')
    expect(faults.length).toBeGreaterThan(simulator.requests.length / 4)
    expect(lost.length).toBeGreaterThan(0)
    for (const [i, end] of ends.entries()) {
      const nik = (end.application as { applicant: { nik: string } }).applicant.nik
      const rejected = plans[i]?.[1] !== null
      expect(end.state).toBe(rejected ? 'ditolak' : 'selesai')
      expect(end.incidents).toEqual([])
      expect(end.deliveries.filter((d) => d.kind === 'sipraja').every((d) => d.status === 'sent')).toBe(true)
      const apps = applicationsOf(simulator, nik)
      expect(apps, `applications of case ${i}`).toHaveLength(1)
      const app = apps[0]
      if (rejected) {
        expect(labelOf(app)).toBe('Ditolak')
        expect(app?.approvals.map((a) => a.status)).toEqual(['3', null, null])
      } else {
        expect(labelOf(app)).toBe('Bisa Diambil')
        expect(app?.approvals.map((a) => [a.status, a.esigned])).toEqual([
          ['2', false],
          ['2', false],
          ['2', true],
        ])
      }
      if (i < 2) expect(app?.attachments.map((a) => a.desc.split(' ')[0])).toEqual(['pas_foto', 'ijazah:sma'])
    }
    expect(simulator.mobile.users.size).toBe(online.length + desk.length)
    expect((await service.list({})).items).toHaveLength(online.length + desk.length)
  }, 120_000)
})
