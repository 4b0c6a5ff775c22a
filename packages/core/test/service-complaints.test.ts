import { describe, expect, it } from 'vitest'
import { bukuPengaduanCsv } from '../src/complaints/book'
import { createAk1Service } from '../src/engine/service'
import { ConflictError, ForbiddenError, ValidationError } from '../src/errors/errors'
import { defineStandard } from '../src/standard/define-standard'
import { balongbendo, balongbendoInput } from '../src/standards/balongbendo'
import {
  createMemoryStore,
  createRecordingNotifier,
  sampleApplication,
  sampleSkmScores,
} from '../src/testing/index'
import { fakeClock, MINUTE, officers } from './service-helpers'

const informasi = { id: 'pli-1', role: 'petugas_informasi' }
const kasi = { id: 'kasi-pem', role: 'kepala_seksi' }
const scores = sampleSkmScores()

function office(standard = balongbendo, start = '2026-04-14T01:00:00.000Z') {
  const clock = fakeClock(start)
  const store = createMemoryStore()
  const notifier = createRecordingNotifier({ channels: ['sms', 'email'] })
  const service = createAk1Service({ standard, store, clock, notifiers: [notifier], sipraja: false })
  return { clock, store, notifier, service }
}

describe('service.complaints on the memory store', () => {
  it('runs the SK path: recorded with number 1, reported, followed up by that Kepala Seksi, closed; notices and audit', async () => {
    const { service, store, notifier, clock } = office()
    const c = await service.submit(sampleApplication(), { actor: officers.petugas, channel: 'tatap_muka' })
    const telephone = {
      type: 'pengaduan',
      channel: 'telepon',
      section: 'pelayanan',
      content: 'Kartu belum jadi setelah tiga hari',
      trackingCode: c.trackingCode,
      complainant: { name: 'Budi', phone: '081234567890' },
    }
    const entry = await service.complaints.record(telephone, { actor: informasi, commandId: 'pgd-1' })
    expect(entry).toMatchObject({ number: 1, year: 2026, state: 'dicatat', trackingCode: c.trackingCode })
    expect((await store.loadRecord('complaint', entry.id))?.caseId).toBe(c.id)
    const again = await service.complaints.record(telephone, { actor: informasi, commandId: 'pgd-1' })
    expect(again.id).toBe(entry.id)
    expect(await store.currentSequence('complaint', `${balongbendo.office.code}:2026`)).toBe(1)

    clock.advance(30 * MINUTE)
    const reported = await service.complaints.report(
      entry.id,
      { to: kasi.id },
      { actor: informasi, expectedVersion: 1 },
    )
    expect(reported.assignee).toMatchObject({ id: kasi.id, role: 'kepala_seksi' })
    const other = { id: 'kasi-lain', role: 'kepala_seksi' }
    await expect(service.complaints.followUp(entry.id, { result: 'x' }, { actor: other })).rejects.toThrow(
      ForbiddenError,
    )
    await expect(
      service.complaints.followUp(entry.id, { result: 'x' }, { actor: officers.operator }),
    ).rejects.toThrow(ForbiddenError)
    await expect(service.complaints.close(entry.id, { actor: kasi, expectedVersion: 1 })).rejects.toThrow(
      ConflictError,
    )
    const followed = await service.complaints.followUp(
      entry.id,
      { result: 'Kartu dicetak hari ini, pemohon ditelepon' },
      { actor: kasi },
    )
    expect(followed.followUp).toMatchObject({
      by: kasi.id,
      result: 'Kartu dicetak hari ini, pemohon ditelepon',
    })
    const closed = await service.complaints.close(entry.id, { actor: kasi })
    expect(closed).toMatchObject({ state: 'selesai', version: 4, closedBy: kasi.id })

    const trail = await store.timeline(entry.id)
    expect(trail.map((e) => [e.event, e.to])).toEqual([
      ['RECORD', 'dicatat'],
      ['REPORT', 'dilaporkan'],
      ['FOLLOW_UP', 'ditindaklanjuti'],
      ['CLOSE', 'selesai'],
    ])
    expect(JSON.stringify(trail)).not.toContain('081234567890')
    expect(JSON.stringify(trail)).not.toContain('Budi')
    expect(trail[0]!.details).toMatchObject({ number: 1, channel: 'telepon' })

    await service.runOutbox()
    const sms = notifier.sent.filter((m) => m.caseId === entry.id)
    expect(sms.map((m) => [m.template, m.to])).toEqual([
      ['pengaduan_diterima', '+6281234567890'],
      ['pengaduan_ditindaklanjuti', '+6281234567890'],
    ])
    expect(sms[0]!.text).toContain('1/2026')

    const page = await service.complaints.list({ state: 'selesai', channel: 'telepon' })
    expect(page.items.map((i) => i.id)).toEqual([entry.id])
    expect((await service.complaints.list({ channel: 'email' })).items).toEqual([])
  })

  it('refuses no content and an unknown channel in Indonesian, naming the field, and writes nothing', async () => {
    const { service, store } = office()
    const empty = await service.complaints
      .record({ type: 'saran', channel: 'langsung', section: 'umum', content: '  ' }, { actor: informasi })
      .catch((e) => e)
    expect(empty).toBeInstanceOf(ValidationError)
    expect(empty.issues[0]).toMatchObject({
      path: ['content'],
      message: 'isi pengaduan, saran atau masukan wajib diisi',
    })
    const channel = await service.complaints
      .record(
        { type: 'saran', channel: 'whatsapp', section: 'umum', content: 'Antrian lama' },
        { actor: informasi },
      )
      .catch((e) => e)
    expect(channel).toBeInstanceOf(ValidationError)
    expect(channel.issues[0].path).toEqual(['channel'])
    expect(channel.message).toContain('saluran pengaduan tidak tercantum')
    const unknown = await service.complaints
      .record(
        {
          type: 'pengaduan',
          channel: 'telepon',
          section: 'umum',
          content: 'Kartu belum jadi',
          trackingCode: 'AK1-TIDAK-ADA',
        },
        { actor: informasi },
      )
      .catch((e) => e)
    expect(unknown).toBeInstanceOf(ValidationError)
    expect(unknown.issues[0]).toMatchObject({ path: ['trackingCode'], rule: 'complaint_tracking_code' })
    expect((await service.complaints.list()).items).toEqual([])
    expect(await store.currentSequence('complaint', `${balongbendo.office.code}:2026`)).toBe(0)
  })

  it('records the daily kotak saran openings with their notes; a missed working day is listed, a holiday is not', async () => {
    // Wednesday 8 April 2026, 09.00 WIB; Friday 3 April is Wafat Yesus Kristus.
    const { service } = office(balongbendo, '2026-04-08T02:00:00.000Z')
    for (const day of ['2026-03-30', '2026-03-31', '2026-04-01', '2026-04-06']) {
      await service.complaints.openBox({ day, notes: [] }, { actor: informasi })
    }
    const { opening, entries } = await service.complaints.openBox(
      {
        day: '2026-04-08',
        notes: [{ type: 'saran', section: 'umum', content: 'Tambah kursi ruang tunggu' }],
      },
      { actor: informasi },
    )
    expect(opening.notesFound).toBe(1)
    expect(entries).toHaveLength(1)
    expect(entries[0]).toMatchObject({
      channel: 'kotak_saran',
      openingId: opening.id,
      complainant: null,
      number: 1,
    })
    expect(await service.complaints.missedOpenings({ from: '2026-03-30', to: '2026-04-08' })).toEqual([
      '2026-04-02',
      '2026-04-07',
    ])
    const twice = await service.complaints
      .openBox({ day: '2026-04-08', notes: [] }, { actor: informasi })
      .catch((e) => e)
    expect(twice).toBeInstanceOf(ValidationError)
    await expect(service.complaints.openBox({ notes: [] }, { actor: officers.petugas })).rejects.toThrow(
      ForbiddenError,
    )
    const bad = await service.complaints
      .openBox(
        { day: '2026-04-07', notes: [{ type: 'saran', section: 'umum', content: '' }] },
        { actor: informasi },
      )
      .catch((e) => e)
    expect(bad.issues[0].path).toEqual(['notes', 0, 'content'])
    expect(await service.complaints.missedOpenings({ from: '2026-04-07', to: '2026-04-07' })).toEqual([
      '2026-04-07',
    ])
  })

  it('raises a pengaduan deadline through the due rows and counts it missed in the report', async () => {
    const standard = defineStandard({
      ...balongbendoInput,
      version: '2026.9',
      complaints: { ...balongbendoInput.complaints, deadlines: { firstResponse: { hours: 24 } } },
    })
    const { service, clock, store, notifier } = office(standard)
    const late = await service.complaints.record(
      { type: 'pengaduan', channel: 'langsung', section: 'umum', content: 'Petugas tidak ada di meja' },
      { actor: informasi },
    )
    const quick = await service.complaints.record(
      { type: 'pengaduan', channel: 'langsung', section: 'umum', content: 'Formulir habis' },
      { actor: informasi },
    )
    await service.complaints.report(quick.id, { to: kasi.id }, { actor: informasi })
    await service.complaints.record(
      { type: 'masukan', channel: 'email', section: 'umum', content: 'Jam buka diperpanjang' },
      { actor: informasi },
    )
    expect(late.deadlines.first_response).toMatchObject({ status: 'on_track' })
    clock.advance(25 * 60 * MINUTE)
    const run = await service.runDue()
    expect(run).toMatchObject({ claimed: 2, raised: 2 })
    const view = await service.complaints.get(late.id)
    expect(view.deadlines.first_response?.status).toBe('breached')
    expect((await store.timeline(late.id)).map((e) => e.event)).toEqual([
      'RECORD',
      'SLA_AT_RISK',
      'SLA_BREACHED',
    ])
    // The office is alerted by e-mail at risk and when breached, as for a case; the met deadline
    // of the entry reported in time raises nothing.
    await service.runOutbox()
    const alerts = notifier.sent.filter(
      (m) => m.template.startsWith('pengaduan_') && m.to === standard.office.email,
    )
    expect(alerts.map((m) => [m.template, m.channel, m.caseId])).toEqual([
      ['pengaduan_berisiko', 'email', late.id],
      ['pengaduan_terlambat', 'email', late.id],
    ])
    expect(alerts[1]!.subject).toBe(`[Pengaduan] Melewati batas waktu: nomor ${late.number}/2026`)
    expect(alerts.map((m) => m.text).join('\n')).not.toContain('Petugas tidak ada di meja')
    const report = await service.report({ from: '2026-04-01', to: '2026-04-30' })
    expect(report.complaints).toMatchObject({
      total: 3,
      byType: { pengaduan: 2, masukan: 1 },
      byChannel: { langsung: 2, email: 1 },
      byState: { dicatat: 2, dilaporkan: 1 },
      deadlinesMet: 1,
      deadlinesMissed: 1,
    })
  })

  it('masks contacts in the book unless a reason is given, and audits that reading', async () => {
    const { service, store } = office()
    await service.complaints.record(
      {
        type: 'saran',
        channel: 'email',
        section: 'umum',
        content: 'Mohon info lewat surel',
        complainant: { name: 'Sari', email: 'sari@example.id' },
      },
      { actor: informasi },
    )
    const masked = await service.complaints.book({ from: '2026-04-01', to: '2026-04-30' })
    expect(masked[0]).toMatchObject({ number: '1/2026', name: 'Sari', contact: 's***@example.id' })
    expect(bukuPengaduanCsv(masked)).not.toContain('sari@example.id')
    const noReason = await service.complaints
      .book({ from: '2026-04-01', to: '2026-04-30' }, { reveal: { actor: informasi, reason: '' } })
      .catch((e) => e)
    expect(noReason.issues[0]).toMatchObject({ path: ['reveal', 'reason'], rule: 'book_reason' })
    const open = await service.complaints.book(
      { from: '2026-04-01', to: '2026-04-30' },
      { reveal: { actor: informasi, reason: 'Menghubungi pelapor untuk klarifikasi' } },
    )
    expect(open[0]!.contact).toBe('sari@example.id')
    const readings = await store.listRecords({ officeCode: balongbendo.office.code, kind: 'book_reading' })
    expect(readings.items).toHaveLength(1)
    const [audit] = await store.timeline(readings.items[0]!.id)
    expect(audit).toMatchObject({
      event: 'BUKU_PENGADUAN_KONTAK_DIBACA',
      actor: informasi,
      details: { reason: 'Menghubungi pelapor untuk klarifikasi', rows: 1 },
    })
  })
})

describe('service.survey on the memory store', () => {
  it('refuses a score of 0 or 5 naming the element, counts one response per case, keeps no case id', async () => {
    const { service, store } = office()
    for (const bad of [0, 5]) {
      const error = await service.survey.record({ scores: { ...scores, waktu: bad } }).catch((e) => e)
      expect(error).toBeInstanceOf(ValidationError)
      expect(error.issues[0]).toMatchObject({
        path: ['response', 'scores', 'waktu'],
        message: 'nilai harus bilangan bulat 1 sampai 4',
      })
    }
    const c = await service.submit(sampleApplication(), { actor: officers.petugas, channel: 'tatap_muka' })
    await service.survey.record({ scores, caseId: c.id })
    const twice = await service.survey.record({ scores, caseId: c.id }).catch((e) => e)
    expect(twice).toBeInstanceOf(ValidationError)
    expect(twice.issues[0]).toMatchObject({ path: ['response', 'caseId'], rule: 'skm_once' })
    await service.survey.record({ scores: { ...scores, sarana: 4 } })
    const stored = await store.listRecords({ officeCode: balongbendo.office.code, kind: 'skm' })
    expect(stored.items).toHaveLength(2)
    expect(JSON.stringify(stored.items)).not.toContain(c.id)
    for (const r of stored.items) expect(JSON.stringify(await store.timeline(r.id))).not.toContain(c.id)
    const result = await service.survey.result({ from: '2026-04-01', to: '2026-04-30' })
    expect(result.responses).toBe(2)
    // (30 + 32) / 18 = 3.4444..., times 25 = 86.11: grade B.
    expect(result).toMatchObject({ converted: 86.11, grade: 'B' })
    expect((await service.report({ from: '2026-04-01', to: '2026-04-30' })).skm?.converted).toBe(86.11)
  })
})
