import { createSqliteStore } from '@ak1/adapter-sqlite'
import { type Actor, balongbendo, createAk1Service } from '@ak1/core'
import { createMemoryStore } from '@ak1/core/testing'
import { afterEach, describe, expect, it } from 'vitest'
import { startChild } from '../../adapter-sqlite/test/helpers/child'
import { createSiprajaIntake, createSiprajaSimulator, intakeActorId } from '../src/index'
import { applicant, applyAsApp, fixtureNames } from './fixtures/app'
import { deskActors, deskService, eventFor, fakeClock, nextForward, tempDir } from './helpers/desk'
import { applicationsOf, approvers, labelOf, mobileGateway, officers } from './helpers/mobile'

const passphrase = 'Camat-Balongbendo#7731'
const worker = new URL('./fixtures/intake-worker.mjs', import.meta.url).pathname
const cleanups: Array<() => unknown> = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

describe('online intake from SIPRAJA', () => {
  it('imports each application of the Berjalan list as exactly one online case across worker SIGKILLs mid-import, and each decision is back in SIPRAJA', async () => {
    const tmp = tempDir('ak1-sipraja-intake-')
    cleanups.push(() => tmp.remove())
    const simulator = createSiprajaSimulator({ approvers: approvers(passphrase) })
    const { url } = await simulator.start()
    cleanups.push(() => simulator.close())
    const people = [0, 1, 2, 3, 4, 5].map(applicant)
    const ids = new Map<string, string>()
    for (const a of people)
      ids.set(a.nik, String(await applyAsApp(url, a, (nik) => simulator.mobile.codes.get(nik) ?? '')))
    const file = tmp.file('intake.sqlite')
    const args = [file, url, JSON.stringify(officers), JSON.stringify(fixtureNames)]

    // Kill the worker within moments of it announcing a submit: the import is in flight.
    let interrupted = 0
    for (let round = 0; round < 5; round++) {
      const child = startChild(worker, args)
      let seen = 0
      for (;;) {
        await child.waitForLines(seen + 1)
        const line = child.lines[seen++] as { submitting?: string; run?: unknown }
        if (line.submitting || line.run) break
      }
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 15))
      child.kill('SIGKILL')
      const exit = await child.exited
      expect(exit.signal, exit.stderr).toBe('SIGKILL')
      const lines = child.lines as Array<{ submitting?: string; submitted?: string }>
      const started = lines.filter((l) => l.submitting).map((l) => l.submitting)
      const finished = new Set(lines.filter((l) => l.submitted).map((l) => l.submitted))
      if (started.some((c) => !finished.has(c))) interrupted += 1
    }
    expect(interrupted, 'at least one kill came in the middle of an import').toBeGreaterThan(0)
    // A last worker runs until a poll finds every application imported.
    const last = startChild(worker, args)
    for (let seen = 0; ; seen++) {
      await last.waitForLines(seen + 1)
      const run = (last.lines[seen] as { run?: { skipped: string[] } }).run
      if (run && run.skipped.length === people.length) break
    }
    last.kill('SIGKILL')
    await last.exited

    const store = createSqliteStore({ filename: file, plaintext: true })
    cleanups.push(() => store.close())
    // From now on: the worker children submitted on the real clock.
    const clock = fakeClock(Date.now())
    const { service, gateway } = deskService(simulator, url, store, { clock })
    for (const a of people) {
      const cases = (await service.list({ applicantNik: a.nik })).items
      expect(cases, `cases of ${a.nama}`).toHaveLength(1)
      expect(cases[0]?.channel).toBe('online')
      const [first] = await service.timeline(cases[0]?.id ?? '')
      expect(first?.actor).toEqual({ id: intakeActorId(ids.get(a.nik) ?? ''), role: 'pemohon' })
      expect(applicationsOf(simulator, a.nik)).toHaveLength(1)
    }
    expect((await service.list({})).items).toHaveLength(people.length)

    // Decisions in @ak1 flow back: after each, SIPRAJA shows what the applicant should see.
    const settle = async () => {
      clock.advance(30 * 60_000)
      for (let i = 0; i < 3; i++) await service.runOutbox()
    }
    await settle()
    const caseOf = async (i: number) => (await service.list({ applicantNik: people[i]?.nik ?? '' })).items[0]!
    const sipraja = (i: number) => applicationsOf(simulator, people[i]?.nik ?? '')[0]

    // 0: returned (nothing decided in SIPRAJA), resubmitted, accepted, then rejected at verification.
    let a = await caseOf(0)
    const petugas = deskActors[0] as Actor
    // An item this step checks (the standard binds each checklist item to a step per channel).
    const missing = a.checklist
      .filter((c) => c.checkedAt.online === a.state)
      .map((c) => c.id)
      .slice(0, 1)
    expect(missing).toHaveLength(1)
    a = await service.act(
      a.id,
      { type: 'RETURN', missing, reason: 'Berkas belum lengkap' },
      { actor: petugas },
    )
    await settle()
    expect(labelOf(sipraja(0))).toBe('Menunggu')
    expect(sipraja(0)?.approvals.every((x) => x.status === null)).toBe(true)
    const pemohon: Actor = {
      id: intakeActorId(ids.get(people[0]?.nik ?? '') ?? ''),
      role: 'pemohon',
      nik: people[0]?.nik ?? '',
    }
    a = await service.act(a.id, { type: 'RESUBMIT' }, { actor: pemohon })
    const accept = await nextForward(service, a.id)
    a = await service.act(a.id, eventFor(accept!.action), { actor: accept!.actor })
    await settle()
    expect(labelOf(sipraja(0))).toBe('Menunggu')
    a = await service.act(
      a.id,
      { type: 'REJECT', reason: 'Ijazah tidak sesuai' },
      { actor: deskActors[1] as Actor },
    )
    await settle()
    expect(a.state).toBe('ditolak')
    expect(labelOf(sipraja(0))).toBe('Ditolak')
    expect(sipraja(0)?.approvals.map((x) => x.status)).toEqual(['3', null, null])

    // 1: all the way, the Camat e-signing in SIPRAJA at SIGN.
    let b = await caseOf(1)
    for (let guard = 0; guard < 30 && !b.final; guard++) {
      const next = await nextForward(service, b.id)
      if (!next) break
      if (next.action.type === 'SIGN') {
        await gateway.sign({
          nik: people[1]?.nik ?? '',
          caseRef: b.trackingCode,
          officer: next.actor.id,
          passphrase,
        })
      }
      b = await service.act(b.id, eventFor(next.action), { actor: next.actor })
      await settle()
      const signed = (await service.timeline(b.id)).some((e) => e.event === 'SIGN')
      expect(labelOf(sipraja(1)), `after ${next.action.type} at ${b.state}`).toBe(
        signed ? 'Bisa Diambil' : 'Menunggu',
      )
    }
    expect(b.state).toBe('selesai')
    expect(sipraja(1)?.approvals.map((x) => [x.status, x.esigned])).toEqual([
      ['2', false],
      ['2', false],
      ['2', true],
    ])
    const done = await service.get(b.id)
    expect(done.incidents).toEqual([])
    expect(done.deliveries.filter((d) => d.kind === 'sipraja').every((d) => d.status === 'sent')).toBe(true)
  }, 120_000)

  it('reports an application the AK-1 rules refuse, naming the SIPRAJA field, and imports the others', async () => {
    const simulator = createSiprajaSimulator({ approvers: approvers(passphrase) })
    const { url } = await simulator.start()
    cleanups.push(() => simulator.close())
    const [good, bad] = [applicant(6), { ...applicant(7), nama: 'Agus 2' }]
    for (const a of [good, bad]) await applyAsApp(url, a, (nik) => simulator.mobile.codes.get(nik) ?? '')
    const service = createAk1Service({ standard: balongbendo, store: createMemoryStore() })
    const refused: string[] = []
    const intake = createSiprajaIntake({
      gateway: mobileGateway(simulator, url),
      service,
      submission: fixtureNames,
      onRejected: (row, error) => refused.push(`${row.nik} ${(error as Error).message}`),
    })
    const run = await intake.runOnce()
    expect(run.imported).toHaveLength(1)
    expect(run.rejected).toHaveLength(1)
    expect(run.failed).toEqual([])
    expect(refused).toEqual([
      `${bad.nik} Data tidak valid: pemohon.nama: nama hanya boleh berisi huruf, spasi, titik, koma, apostrof atau tanda hubung`,
    ])
    expect((await service.list({ applicantNik: bad.nik })).items).toEqual([])
    expect((await service.list({ applicantNik: good.nik })).items).toHaveLength(1)
    // The next poll skips the imported one and refuses the other again.
    expect(await intake.runOnce()).toMatchObject({
      imported: [],
      skipped: [run.imported[0]?.siprajaId],
      rejected: run.rejected,
    })
    expect(() =>
      createSiprajaIntake({ gateway: mobileGateway(simulator, url), service: undefined as never }),
    ).toThrow(/service/)
  })
})
