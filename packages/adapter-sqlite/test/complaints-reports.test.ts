// The SK's "Pengaduan Layanan" and the service report on a real, encrypted SQLite file: the Buku
// Pengaduan path end to end, the kotak saran, bad input that writes nothing, and a service report
// over 10,000 generated cases whose every figure is computed again here from the generated facts.
import { balongbendo, createAk1Service, ForbiddenError, ValidationError } from '@ak1/core'
import {
  createRecordingNotifier,
  expectedReportFigures,
  generateReportCases,
  sampleApplication,
  sampleSkmScores,
} from '@ak1/core/testing'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createSqliteStore } from '../src/index'
import { tempDir, testKey } from './helpers/temp'

let tmp: ReturnType<typeof tempDir>
beforeAll(() => {
  tmp = tempDir('ak1-sqlite-complaints-')
})
afterAll(() => tmp?.remove())

const informasi = { id: 'pli-1', role: 'petugas_informasi' }
const kasi = { id: 'kasi-pelayanan', role: 'kepala_seksi' }
const petugas = { id: 'petugas-1', role: 'petugas' }
const office = balongbendo.office.code
const scores = sampleSkmScores()

function open(file: string, start: string) {
  let now = Date.parse(start)
  const clock = { now: () => new Date(now) }
  const store = createSqliteStore({ filename: file, encryptionKey: testKey(7) })
  const notifier = createRecordingNotifier({ channels: ['sms', 'email'] })
  const service = createAk1Service({
    standard: balongbendo,
    store,
    clock,
    notifiers: [notifier],
    sipraja: false,
  })
  return {
    store,
    service,
    notifier,
    set: (iso: string) => {
      now = Date.parse(iso)
    },
  }
}

/** Rows of a table, read with a raw connection (not through the adapter). */
const count = (file: string, sql: string) => {
  const db = new Database(file, { readonly: true })
  try {
    return (db.prepare(sql).get() as { n: number }).n
  } finally {
    db.close()
  }
}

describe('the Buku Pengaduan on SQLite (encrypted)', () => {
  it('runs a telephone complaint about a named case to its close, and the daily kotak saran', async () => {
    const file = tmp.file('path.sqlite')
    // Monday 30 March 2026, 09.00 WIB.
    const s = open(file, '2026-03-30T02:00:00.000Z')
    const c = await s.service.submit(sampleApplication(), { actor: petugas, channel: 'tatap_muka' })
    const entry = await s.service.complaints.record(
      {
        type: 'pengaduan',
        channel: 'telepon',
        section: 'pelayanan',
        content: 'Sudah tiga hari kartu kuning belum jadi',
        trackingCode: c.trackingCode,
        complainant: { name: 'Budi Santoso', phone: '081234567890' },
      },
      { actor: informasi, commandId: 'telp-1' },
    )
    expect(entry).toMatchObject({ number: 1, state: 'dicatat', trackingCode: c.trackingCode })
    await s.service.complaints.report(entry.id, { to: kasi.id }, { actor: informasi, expectedVersion: 1 })
    await expect(
      s.service.complaints.followUp(entry.id, { result: 'Dicek' }, { actor: petugas }),
    ).rejects.toThrow(ForbiddenError)
    await s.service.complaints.followUp(
      entry.id,
      { result: 'Kartu dicetak, pemohon dihubungi' },
      { actor: kasi, expectedVersion: 2 },
    )
    const closed = await s.service.complaints.close(entry.id, { actor: kasi, expectedVersion: 3 })
    expect(closed).toMatchObject({ state: 'selesai', version: 4, followUp: { by: kasi.id } })
    expect((await s.store.timeline(entry.id)).map((e) => e.event)).toEqual([
      'RECORD',
      'REPORT',
      'FOLLOW_UP',
      'CLOSE',
    ])
    await s.service.runOutbox()
    expect(s.notifier.sent.filter((m) => m.caseId === entry.id).map((m) => m.template)).toEqual([
      'pengaduan_diterima',
      'pengaduan_ditindaklanjuti',
    ])

    // Openings: Monday 30 and Tuesday 31 March and Monday 6 April; none on Wednesday 1 and Thursday 2
    // April; Friday 3 April is Wafat Yesus Kristus (a holiday), then a weekend.
    s.set('2026-03-30T10:00:00.000Z')
    const first = await s.service.complaints.openBox(
      { notes: [{ type: 'saran', section: 'umum', content: 'Ruang tunggu panas, mohon kipas angin' }] },
      { actor: informasi },
    )
    expect(first.opening).toMatchObject({ day: '2026-03-30', notesFound: 1 })
    expect(first.entries[0]).toMatchObject({ number: 2, channel: 'kotak_saran', complainant: null })
    s.set('2026-03-31T10:00:00.000Z')
    await s.service.complaints.openBox({ notes: [] }, { actor: informasi })
    s.set('2026-04-06T10:00:00.000Z')
    await s.service.complaints.openBox({ notes: [] }, { actor: informasi })
    s.set('2026-04-07T02:00:00.000Z')
    expect(await s.service.complaints.missedOpenings({ from: '2026-03-30', to: '2026-04-06' })).toEqual([
      '2026-04-01',
      '2026-04-02',
    ])

    const book = await s.service.complaints.book({ from: '2026-03-01', to: '2026-04-30' })
    expect(book.map((r) => [r.number, r.channel, r.contact])).toEqual([
      ['1/2026', 'telepon', '+6281******890'],
      ['2/2026', 'kotak_saran', ''],
    ])
    await s.store.close()
    // Encrypted: neither the complainant's name, phone nor the content is in the file in clear.
    const bytes = (await import('node:fs')).readFileSync(file)
    for (const secret of ['Budi Santoso', '81234567890', 'kartu kuning belum jadi', 'kipas angin']) {
      expect(bytes.includes(Buffer.from(secret)), secret).toBe(false)
    }
  })

  it('refuses bad input in Indonesian, naming the field, and writes nothing', async () => {
    const file = tmp.file('bad.sqlite')
    const s = open(file, '2026-04-14T02:00:00.000Z')
    const c = await s.service.submit(sampleApplication(), { actor: petugas, channel: 'tatap_muka' })
    const rowsBefore = count(file, 'SELECT count(*) AS n FROM ak1_audit')
    const cases: Array<[Promise<unknown>, (string | number)[], string]> = [
      [
        s.service.complaints.record(
          { type: 'pengaduan', channel: 'telepon', section: 'umum', content: '' },
          { actor: informasi },
        ),
        ['content'],
        'isi pengaduan, saran atau masukan wajib diisi',
      ],
      [
        s.service.complaints.record(
          { type: 'pengaduan', channel: 'faks', section: 'umum', content: 'Antrian' },
          { actor: informasi },
        ),
        ['channel'],
        'saluran pengaduan tidak tercantum dalam Standar Pelayanan kantor ini',
      ],
      [
        s.service.survey.record({
          scores: { ...scores, persyaratan: 0 },
          caseId: c.id,
        }),
        ['response', 'scores', 'persyaratan'],
        'nilai harus bilangan bulat 1 sampai 4',
      ],
      [
        s.service.survey.record({
          scores: { ...scores, sarana: 5 },
        }),
        ['response', 'scores', 'sarana'],
        'nilai harus bilangan bulat 1 sampai 4',
      ],
      [
        s.service.report({ from: '2026-04-30', to: '2026-04-01' }),
        ['period', 'to'],
        'tanggal akhir periode tidak boleh sebelum tanggal awal',
      ],
    ]
    for (const [call, path, message] of cases) {
      const error = (await call.catch((e) => e)) as ValidationError
      expect(error).toBeInstanceOf(ValidationError)
      expect(error.issues[0]).toMatchObject({ path, message })
    }
    // A follow-up by a role the standard does not allow, on an entry reported to a Kepala Seksi.
    const entry = await s.service.complaints.record(
      { type: 'masukan', channel: 'langsung', section: 'umum', content: 'Papan informasi kurang jelas' },
      { actor: informasi },
    )
    await s.service.complaints.report(entry.id, { to: kasi.id }, { actor: informasi })
    const forbidden = await s.service.complaints
      .followUp(entry.id, { result: 'Sudah diganti' }, { actor: { id: 'camat-1', role: 'camat' } })
      .catch((e) => e)
    expect(forbidden).toBeInstanceOf(ForbiddenError)
    expect(forbidden.message).toContain('tidak berwenang')
    expect((await s.service.complaints.get(entry.id)).state).toBe('dilaporkan')
    // Only the entry and its report were written: two audit rows, one complaint number.
    expect(count(file, 'SELECT count(*) AS n FROM ak1_audit') - rowsBefore).toBe(2)
    expect(await s.store.currentSequence('complaint', `${office}:2026`)).toBe(1)
    await s.store.close()
  })
})

describe('the service report on SQLite (encrypted), over 10,000 generated cases', () => {
  it('gives every figure as computed independently from the generated facts', async () => {
    const file = tmp.file('report.sqlite')
    const s = open(file, '2026-03-02T02:00:00.000Z')
    const submitted = await s.service.submit(sampleApplication(), { actor: petugas, channel: 'tatap_muka' })
    const template = (await s.store.load(submitted.id))!
    const april = [
      ...generateReportCases({
        standard: balongbendo,
        template,
        count: 10_000,
        from: '2026-04-01',
        days: 30,
        seed: 7,
      }),
    ]
    const may = [
      ...generateReportCases({
        standard: balongbendo,
        template,
        count: 50,
        from: '2026-05-04',
        days: 5,
        prefix: 'H',
        seed: 9,
        firstRegister: april.filter((g) => g.outcome === 'selesai').length + 1,
      }),
    ]
    for (const g of [...april, ...may]) {
      await s.store.commit({ case: g.stored, expectedVersion: null, audit: [], outbox: [] })
    }
    s.set('2026-06-01T02:00:00.000Z')
    for (const [i, channel] of ['telepon', 'email', 'langsung'].entries()) {
      s.set(`2026-04-${10 + i}T03:00:00.000Z`)
      await s.service.complaints.record(
        { type: i === 0 ? 'pengaduan' : 'saran', channel, section: 'umum', content: `Masukan ${i}` },
        { actor: informasi },
      )
      await s.service.survey.record({
        scores: { ...scores, waktu: 2 + i },
      })
    }
    s.set('2026-06-01T02:00:00.000Z')

    const report = await s.service.report({ from: '2026-04-01', to: '2026-04-30' })

    const expected = expectedReportFigures(april)
    expect(report.cases).toEqual(expected.cases)
    for (const outcome of ['selesai', 'ditolak', 'dibatalkan', null]) {
      expect(april.some((g) => g.outcome === outcome)).toBe(true)
    }
    expect(report.onTimeShare).toBe(expected.onTimeShare)
    expect(report.completion).toEqual(expected.completion)
    for (const step of report.steps) {
      expect(step.actual, step.step).toEqual(
        expected.steps[step.step] ?? { count: 0, median: null, p90: null },
      )
    }
    expect(report.incidents).toEqual(expected.incidents)
    expect(report.complaints).toMatchObject({
      total: 3,
      byType: { pengaduan: 1, saran: 2 },
      byChannel: { telepon: 1, email: 1, langsung: 1 },
      byState: { dicatat: 3 },
    })
    // waktu 2, 3, 4: 90 points over 27 answers: index 3.3333 -> 83.33, grade B.
    expect(report.skm).toMatchObject({ responses: 3, converted: 83.33, grade: 'B' })

    // Every completed case of April and May, registered 1..n as generated: no gap.
    const book = await s.service.registerBook({ from: '2026-04-01', to: '2026-06-30' })
    const registered = [...april, ...may].filter((g) => g.registerSeq !== undefined)
    expect(book.entries.map((e) => e.seq)).toEqual(registered.map((_, i) => i + 1))
    expect(book.gaps).toEqual([])
    await s.store.close()
    // Writing 10,000 encrypted cases takes about 30 s on a quiet box; a loaded one needs more.
  }, 300_000)
})
