// The card holder's two years on the real service over an encrypted SQLite file: the card record
// opened at hand-over, reports (early, on time, employed), reminders by SMS and e-mail sent once each
// through the outbox, expiry on the right WIB day, re-registration linking the expired card, the
// Disnaker statistics, and bad input refused with nothing written. The worker is restarted (store
// and service closed, the file opened again) between runs.
import { readFileSync } from 'node:fs'
import { type Ak1Service, type CardView, isAk1Error, ValidationError } from '@ak1/core'
import { createRecordingNotifier, type RecordingNotifier, sampleApplication } from '@ak1/core/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { samplePhoto } from './support/poppler'
import { drive, handClock, officers, openService, tempDir } from './support/sqlite-service'

const tmp = tempDir('ak1-card-life-')
afterAll(() => tmp.remove())

let jpeg: Uint8Array
beforeAll(async () => {
  jpeg = await samplePhoto('jpeg')
})

const petugas = officers[0]!
/** 08.00 WIB on a day, as UTC. */
const wib8 = (day: string) => `${day}T01:00:00.000Z`
/** The reporting dates of a card registered on 14 April 2026 (six months apart, from registration). */
const dueDays = ['2026-10-14', '2027-04-14', '2027-10-14', '2028-04-14']

async function handedOver(service: Ak1Service, clock: ReturnType<typeof handClock>, application?: unknown) {
  return drive(service, clock, { photo: { bytes: jpeg, contentType: 'image/jpeg' }, application })
}

async function runWorker(service: Ak1Service) {
  const due = await service.runDue({ limit: 100 })
  const out = await service.runOutbox({ limit: 100 })
  return { due, out }
}

function reminders(notifier: RecordingNotifier) {
  return notifier.sent
    .filter((m) => m.template.startsWith('pengingat_'))
    .map((m) => ({ template: m.template, channel: m.channel, text: m.text, id: m.messageId }))
}

describe('the card holder’s two years (SQLite, encrypted)', () => {
  it('reports early, then on time, then employed: the card closes, later reminders never go out, statistics count the placement', async () => {
    const file = tmp.file('employed.sqlite')
    const clock = handClock('2026-04-14T01:00:00.000Z')
    const notifier = createRecordingNotifier()
    let s = openService(file, clock, { notifier })
    const view = await handedOver(s.service, clock)
    expect(view.state).toBe('selesai')
    const number = view.card!.number
    let card: CardView = await s.service.cards.get(number)
    expect(card.state).toBe('aktif')
    expect(card.caseId).toBe(view.id)
    expect(card.reporting.map((r) => r.dueDate)).toEqual(dueDays)
    expect(card.validUntil).toBe('2028-04-14')

    // Early: 20 September 2026, inside the 30-day window before 14 October.
    clock.set('2026-09-20T03:00:00.000Z')
    card = await s.service.cards.report({ kind: 'still_seeking', cardNumber: number }, { actor: petugas })
    expect(card.reporting[0]!.report).toMatchObject({ timing: 'early' })
    // Its reminders (7 October, 13 October) were cancelled with the report.
    clock.set('2026-10-14T05:00:00.000Z')
    await runWorker(s.service)
    expect(reminders(notifier)).toEqual([])
    await s.close()

    // The second report's reminders go out once each, across a restart.
    for (const at of [wib8('2027-04-07'), wib8('2027-04-07'), wib8('2027-04-13')]) {
      s = openService(file, clock, { notifier })
      clock.set(at)
      await runWorker(s.service)
      await s.close()
    }
    s = openService(file, clock, { notifier })
    const sent = reminders(notifier)
    expect(sent.map((m) => `${m.template}/${m.channel}`).sort()).toEqual([
      'pengingat_lapor/email',
      'pengingat_lapor/email',
      'pengingat_lapor/sms',
      'pengingat_lapor/sms',
    ])
    expect(sent.find((m) => m.channel === 'sms')!.text).toContain(
      `${number}: wajib lapor ke-2 pada Rabu, 14 April 2027`,
    )
    expect(new Set(sent.map((m) => m.id)).size).toBe(4)

    // On time: on the reporting day itself.
    clock.set('2027-04-14T03:00:00.000Z')
    card = await s.service.cards.report(
      { kind: 'still_seeking', cardNumber: number },
      { actor: { id: 'holder', role: 'pemohon' } },
    )
    expect(card.reporting[1]!.report).toMatchObject({ timing: 'on_time' })

    // Employed (a report at any time): the card closes.
    clock.set('2027-05-03T03:00:00.000Z')
    const employed = {
      kind: 'employed',
      cardNumber: number,
      employer: 'PT Maju Jaya',
      position: 'Staf Gudang',
      startDate: '2027-05-01',
    }
    card = await s.service.cards.report(employed, { actor: petugas, commandId: 'employed-1' })
    expect(card.state).toBe('ditutup')
    expect(card.employment).toMatchObject({ employer: 'PT Maju Jaya', position: 'Staf Gudang' })
    // The same command again changes nothing.
    const replay = await s.service.cards.report(employed, { actor: petugas, commandId: 'employed-1' })
    expect(replay.version).toBe(card.version)
    await s.close()

    // Every later reminder and the expiry were cancelled: two more years of the worker send nothing.
    for (const at of ['2027-10-07T01:00:00.000Z', '2028-03-15T01:00:00.000Z', '2028-04-16T01:00:00.000Z']) {
      s = openService(file, clock, { notifier })
      clock.set(at)
      const { due } = await runWorker(s.service)
      expect(due.raised).toBe(0)
      await s.close()
    }
    expect(reminders(notifier)).toHaveLength(4)
    s = openService(file, clock, { notifier })
    expect((await s.service.cards.get(number)).state).toBe('ditutup')

    const y2027 = await s.service.cards.statistics({ from: '2027-01-01', to: '2027-12-31' })
    expect(y2027.total).toEqual({ registered: 0, placed: 1, expired: 0, lapsed: 0, renewed: 0, active: 0 })
    expect(y2027.bySex.P).toEqual({ registered: 0, placed: 1, expired: 0, lapsed: 0, renewed: 0, active: 0 })
    expect(y2027.byEducation.sma!.placed).toBe(1)
    const y2026 = await s.service.cards.statistics({ from: '2026-01-01', to: '2026-12-31' })
    expect(y2026.total).toEqual({ registered: 1, placed: 0, expired: 0, lapsed: 0, renewed: 0, active: 1 })
    const csv = await s.service.cards.statisticsCsv({ from: '2027-01-01', to: '2027-12-31' })
    expect(csv.split('\r\n')[0]).toBe(
      'kantor,dari,sampai,dimensi,nilai,terdaftar,ditempatkan,kedaluwarsa,tidak_lapor,diperpanjang,aktif',
    )
    expect(csv).toContain('balongbendo,2027-01-01,2027-12-31,total,semua,0,1,0,0,0,0\r\n')
    expect(csv).toContain('balongbendo,2027-01-01,2027-12-31,jenis_kelamin,P,0,1,0,0,0,0\r\n')

    // Personal data is sealed on disk: neither the NIK nor the employer is in the file in clear.
    const nik = sampleApplication().applicant!.nik!
    await s.close()
    const bytes = readFileSync(file)
    expect(bytes.includes(Buffer.from(nik))).toBe(false)
    expect(bytes.includes(Buffer.from('PT Maju Jaya'))).toBe(false)
  })

  it('a holder who never reports gets each reminder once, the card expires on the right WIB day, and a second registration links it', async () => {
    const file = tmp.file('expired.sqlite')
    const clock = handClock('2026-04-14T01:00:00.000Z')
    const notifier = createRecordingNotifier()
    let s = openService(file, clock, { notifier })
    const view = await handedOver(s.service, clock)
    const number = view.card!.number
    await s.close()

    const reminderDays = [
      ...dueDays.flatMap((d) => {
        const t = Date.parse(`${d}T00:00:00Z`)
        const back = (n: number) => new Date(t - n * 86_400_000).toISOString().slice(0, 10)
        return [back(7), back(1)]
      }),
      '2028-03-15', // 30 days before the last valid day, 14 April 2028
    ]
    // Each reminder time, twice, with a restart of the worker before each run.
    for (const day of reminderDays.flatMap((d) => [d, d])) {
      s = openService(file, clock, { notifier })
      clock.set(wib8(day))
      await runWorker(s.service)
      await s.close()
    }
    const sent = reminders(notifier)
    expect(sent).toHaveLength(reminderDays.length * 2)
    expect(new Set(sent.map((m) => m.id)).size).toBe(sent.length)
    expect(
      sent.filter((m) => m.template === 'pengingat_kedaluwarsa' && m.channel === 'sms')[0]!.text,
    ).toContain(`${number} berlaku s.d. Jumat, 14 April 2028`)

    // 23.59 WIB on 14 April 2028, the last valid day: still active.
    s = openService(file, clock, { notifier })
    clock.set('2028-04-14T16:59:00.000Z')
    await runWorker(s.service)
    expect((await s.service.cards.get(number)).state).toBe('aktif')
    await s.close()
    // 00.00 WIB on 15 April 2028: expired, after a restart.
    s = openService(file, clock, { notifier })
    clock.set('2028-04-14T17:00:00.000Z')
    expect((await runWorker(s.service)).due.raised).toBeGreaterThanOrEqual(1)
    const expired = await s.service.cards.get(number)
    expect(expired.state).toBe('kedaluwarsa')
    expect(expired.endedAt).toBe('2028-04-14T17:00:00.000Z')
    // The first three windows closed unreported (the fourth closes with the card itself).
    expect(expired.reporting.slice(0, 3).every((r) => r.missedAt !== undefined && !r.report)).toBe(true)
    const stats = await s.service.cards.statistics({ from: '2028-04-01', to: '2028-04-30' })
    expect(stats.total.expired).toBe(1)

    // Registering again links the expired card: the checklist asks for the old card.
    clock.set('2028-05-02T01:00:00.000Z')
    const again = sampleApplication({ previousCardNumber: number } as never)
    const second = await drive(s.service, clock, {
      application: again,
      photo: { bytes: jpeg, contentType: 'image/jpeg' },
      stopAt: 'penerimaan',
    })
    const item = second.checklist.find((i) => i.id === 'kartu_ak1_lama')
    expect(item?.label).toBe(`Kartu AK-1 lama No. ${number} (pendaftaran ulang)`)
    const done = await drive(s.service, clock, { start: second })
    const renewed = await s.service.cards.get(done.card!.number)
    expect(renewed.previousCardNumber).toBe(number)
    expect(renewed.state).toBe('aktif')
    // A card still active cannot be renewed.
    const refused = await s.service
      .submit(sampleApplication({ previousCardNumber: done.card!.number } as never), {
        actor: petugas,
        channel: 'tatap_muka',
      })
      .catch((e: unknown) => e)
    expect((refused as ValidationError).issues[0]).toMatchObject({
      path: ['previousCardNumber'],
      rule: 'previous_card_active',
    })
    await s.close()
  })

  it('refuses bad reports with a clear Indonesian error naming the field, writing nothing', async () => {
    const file = tmp.file('bad.sqlite')
    const clock = handClock('2026-04-14T01:00:00.000Z')
    const s = openService(file, clock)
    const view = await handedOver(s.service, clock)
    const number = view.card!.number
    const before = await s.service.cards.get(number)
    const trail = await s.store.timeline(before.id)
    const issueOf = async (input: unknown) => {
      const error = await s.service.cards.report(input, { actor: petugas }).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(ValidationError)
      return (error as ValidationError).issues[0]!
    }
    expect(await issueOf({ kind: 'still_seeking', cardNumber: '9999/AK1/x' })).toMatchObject({
      path: ['cardNumber'],
      rule: 'unknown_holder',
      message: 'pemegang kartu dengan nomor 9999/AK1/x tidak terdaftar',
    })
    clock.set('2026-06-01T03:00:00.000Z')
    const early = await issueOf({ kind: 'still_seeking', cardNumber: number })
    expect(early).toMatchObject({ path: ['kind'], rule: 'report_too_early' })
    expect(early.message).toContain('baru dapat diterima mulai 2026-09-14')
    const noEmployer = await issueOf({
      kind: 'employed',
      cardNumber: number,
      position: 'Staf',
      startDate: '2026-05-20',
    })
    expect(noEmployer.path).toEqual(['employer'])
    // Late: after the window of 14 October (no grace by default), refused.
    clock.set('2026-10-15T03:00:00.000Z')
    expect(await issueOf({ kind: 'still_seeking', cardNumber: number })).toMatchObject({
      path: ['kind'],
      rule: 'report_too_late',
    })
    const after = await s.service.cards.get(number)
    expect(after.version).toBe(before.version)
    expect(await s.store.timeline(before.id)).toEqual(trail)
    const forbidden = await s.service.cards
      .report({ kind: 'still_seeking', cardNumber: number }, { actor: { id: 'c', role: 'camat' } })
      .catch((e: unknown) => e)
    expect(isAk1Error(forbidden) && forbidden.code).toBe('FORBIDDEN')
    await s.close()
  })
})
