import { describe, expect, it } from 'vitest'
import { createAk1Service } from '../src/engine/service'
import { ValidationError } from '../src/errors/errors'
import { registerBookCsv, registerBookHtml } from '../src/reports/register-book'
import { serviceReportCsv } from '../src/reports/render'
import { balongbendo } from '../src/standards/balongbendo'
import { createMemoryStore, sampleApplication } from '../src/testing/index'
import { driveToEnd, eventFor, fakeClock, MINUTE, officers } from './service-helpers'

const pemohon = { id: 'sipraja-1', role: 'pemohon', nik: '3515125405010001' }

async function office() {
  const clock = fakeClock()
  const store = createMemoryStore()
  const service = createAk1Service({ standard: balongbendo, store, clock, sipraja: false })
  const tick = () => clock.advance(20 * MINUTE)
  const submit = async () => {
    tick()
    return service.submit(sampleApplication(), { actor: officers.petugas, channel: 'tatap_muka' })
  }
  return { clock, store, service, tick, submit }
}

describe('service.report and service.registerBook', () => {
  it('counts outcomes, returns, completion time and the register from the cases as the views show them', async () => {
    const { service, tick, submit } = await office()
    const a = await driveToEnd(service, await submit(), undefined, tick)
    let returned = await submit()
    returned = await service.act(
      returned.id,
      { type: 'RETURN', missing: ['pas_foto'], reason: 'Foto buram' },
      { actor: officers.petugas },
    )
    tick()
    returned = await service.act(returned.id, { type: 'RESUBMIT' }, { actor: pemohon })
    const b = await driveToEnd(service, returned, undefined, tick)
    let rejected = await submit()
    const [accept] = await service.availableActions(rejected.id, officers.petugas)
    rejected = await service.act(rejected.id, eventFor(accept!), { actor: officers.petugas })
    rejected = await service.act(rejected.id, { type: 'COMPLETE' }, { actor: officers.operator })
    expect(rejected.state).toBe('verifikasi')
    await service.act(
      rejected.id,
      { type: 'REJECT', reason: 'KTP bukan milik pemohon' },
      { actor: officers.operator },
    )
    const withdrawn = await submit()
    await service.act(withdrawn.id, { type: 'WITHDRAW' }, { actor: pemohon })
    await submit()

    const report = await service.report({ from: '2026-04-01', to: '2026-04-30' })
    expect(report.cases).toMatchObject({
      received: 5,
      completed: 2,
      rejected: 1,
      withdrawn: 1,
      open: 1,
      returnedCases: 1,
      returns: 1,
      byChannel: { tatap_muka: 5 },
    })
    const done = [a.at(-1)!.view, b.at(-1)!.view]
    const minutes = done.map((v) => Math.round(v.sla.elapsedMinutes)).sort((x, y) => x - y)
    expect(report.completion).toEqual({ count: 2, median: minutes[0], p90: minutes[1] })
    expect(report.onTimeShare).toBe(done.filter((v) => v.sla.status !== 'breached').length / 2)
    const verifikasi = report.steps.find((s) => s.step === 'verifikasi')!
    // The two completed cases and the one rejected at verification left the step.
    expect(verifikasi.actual.count).toBe(3)
    expect(verifikasi.target).toEqual(balongbendo.steps.find((s) => s.id === 'verifikasi')!.target)
    expect(serviceReportCsv(report)).toContain('Berkas,Diterima,5\r\n')

    const before = await service.report({ from: '2026-03-01', to: '2026-03-31' })
    expect(before.cases.received).toBe(0)

    const book = await service.registerBook({ from: '2026-04-01', to: '2026-04-30' })
    expect(book.entries.map((e) => [e.seq, e.number, e.trackingCode])).toEqual(
      done.map((v, i) => [i + 1, v.registerNumber, v.trackingCode]),
    )
    expect(book.gaps).toEqual([])
    expect(book.entries[0]!.name).toBe('Siti Rahmawati')
    expect(book.entries[0]!.cardNumber).toBe(done[0]!.card!.number)
    const csv = registerBookCsv(book)
    expect(csv.split('\r\n')[0]).toBe(
      'Nomor Register,Tanggal,Kode Pelacakan,Nama Pemohon,L/P,Nomor Kartu,Status',
    )
    expect(csv.split('\r\n')).toHaveLength(4)
    expect(registerBookHtml(book, { office: 'Kecamatan Balongbendo' })).toContain(
      `<td>${done[1]!.registerNumber}</td>`,
    )
  })

  it('refuses a period that ends before it starts, or a day that is not YYYY-MM-DD, naming the field in Indonesian', async () => {
    const { service } = await office()
    const error = await service.report({ from: '2026-05-01', to: '2026-04-30' }).catch((e) => e)
    expect(error).toBeInstanceOf(ValidationError)
    expect(error.issues).toEqual([
      expect.objectContaining({
        path: ['period', 'to'],
        rule: 'period_order',
        message: 'tanggal akhir periode tidak boleh sebelum tanggal awal',
      }),
    ])
    const bad = await service.registerBook({ from: '1 April 2026', to: '2026-04-30' }).catch((e) => e)
    expect(bad).toBeInstanceOf(ValidationError)
    expect(bad.issues[0]).toMatchObject({ path: ['period', 'from'], rule: 'iso_day' })
  })
})
