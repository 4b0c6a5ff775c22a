import { describe, expect, it } from 'vitest'
import {
  balongbendo,
  balongbendoInput,
  bukuPengaduanCsv,
  bukuPengaduanHtml,
  bukuPengaduanRows,
  type ComplaintRecord,
  calendarFromStandard,
  decideComplaint,
  decideOpening,
  defineStandard,
  ForbiddenError,
  InvalidTransitionError,
  maskContact,
  missedOpenings,
  ValidationError,
} from '../src/index'

const calendar = calendarFromStandard(balongbendo)
const informasi = { id: 'u-info', role: 'petugas_informasi' }
const kasi = { id: 'u-kasi-pelayanan', role: 'kepala_seksi' }
const otherKasi = { id: 'u-kasi-trantib', role: 'kepala_seksi' }
const at = (day: string, time: `${number}.${number}`) => calendar.at(day, time)

const telephone = {
  type: 'pengaduan',
  channel: 'telepon',
  section: 'Seksi Pelayanan',
  content: 'Berkas AK-1 belum selesai setelah 3 hari kerja',
  trackingCode: 'AK1-2026-000042',
  complainant: { name: 'Siti Aminah', phone: '0812-3456-7890' },
}

function record(entry: unknown = telephone, now = at('2026-12-07', '09.00'), standard = balongbendo) {
  return decideComplaint(
    null,
    { type: 'RECORD', entry },
    { standard, calendar, actor: informasi, now, newId: 'c-1' },
  )
}

describe('the complaint path of the SK: recorded, reported to the Kepala Seksi, followed up, closed', () => {
  it('runs a telephone complaint about a named case end to end', () => {
    const recorded = record()
    expect(recorded).toMatchObject({
      from: null,
      to: 'dicatat',
      allocate: { sequence: 'complaint', year: 2026 },
      notices: [{ template: 'pengaduan_diterima', channels: ['sms'] }],
      deadlines: [],
    })
    expect(recorded.record).toMatchObject({
      officeCode: balongbendo.office.code,
      trackingCode: 'AK1-2026-000042',
      complainant: { name: 'Siti Aminah', phone: '+6281234567890' },
      recordedBy: 'u-info',
    })
    // The audit details carry no personal data.
    expect(JSON.stringify(recorded.details)).not.toMatch(/Siti|6281234567890|belum selesai/)

    const ctx = { standard: balongbendo, calendar, now: at('2026-12-07', '10.00') }
    const reported = decideComplaint(
      recorded.record,
      { type: 'REPORT', to: kasi.id },
      { ...ctx, actor: informasi },
    )
    expect(reported.to).toBe('dilaporkan')
    expect(reported.record.assignee).toMatchObject({
      id: kasi.id,
      role: 'kepala_seksi',
      reportedBy: 'u-info',
    })
    expect(reported.meets).toEqual(['first_response'])

    const result = 'Berkas sudah ditandatangani Camat, kartu siap diambil'
    const followed = decideComplaint(reported.record, { type: 'FOLLOW_UP', result }, { ...ctx, actor: kasi })
    expect(followed.record.followUp).toEqual({ result, at: ctx.now.toISOString(), by: kasi.id })
    expect(followed.notices).toEqual([{ template: 'pengaduan_ditindaklanjuti', channels: ['sms'] }])
    expect(followed.meets).toEqual(['resolution'])

    const closed = decideComplaint(followed.record, { type: 'CLOSE' }, { ...ctx, actor: kasi })
    expect(closed).toMatchObject({ from: 'ditindaklanjuti', to: 'selesai' })
    expect(closed.record.closedBy).toBe(kasi.id)
  })

  it('lets only the Kepala Seksi the entry was reported to follow it up', () => {
    const ctx = { standard: balongbendo, calendar, now: at('2026-12-07', '10.00') }
    const reported = decideComplaint(
      record().record,
      { type: 'REPORT', to: kasi.id },
      { ...ctx, actor: informasi },
    )
    const refused = () =>
      decideComplaint(reported.record, { type: 'FOLLOW_UP', result: 'ok' }, { ...ctx, actor: otherKasi })
    expect(refused).toThrow(ForbiddenError)
    expect(refused).toThrow(/hanya Kepala Seksi yang menerima laporan/)
    expect(() =>
      decideComplaint(reported.record, { type: 'FOLLOW_UP', result: 'ok' }, { ...ctx, actor: informasi }),
    ).toThrow(ForbiddenError)
  })

  it('refuses steps out of order and a follow-up with no result', () => {
    const ctx = { standard: balongbendo, calendar, now: at('2026-12-07', '10.00') }
    const recorded = record().record
    expect(() => decideComplaint(recorded, { type: 'CLOSE' }, { ...ctx, actor: kasi })).toThrow(
      InvalidTransitionError,
    )
    const reported = decideComplaint(
      recorded,
      { type: 'REPORT', to: kasi.id },
      { ...ctx, actor: informasi },
    ).record
    const empty = () =>
      decideComplaint(reported, { type: 'FOLLOW_UP', result: '  ' }, { ...ctx, actor: kasi })
    expect(empty).toThrow(ValidationError)
    expect(empty).toThrow(/result: hasil tindak lanjut wajib diisi/)
  })

  it('records an anonymous suggestion with no notices and no deadlines', () => {
    const note = record({
      type: 'saran',
      channel: 'kotak_saran',
      section: 'Umum',
      content: 'Tambah kursi tunggu',
    })
    expect(note.record.complainant).toBeNull()
    expect(note.notices).toEqual([])
    expect(note.deadlines).toEqual([])
  })
})

describe('bad input names the field in Indonesian and decides nothing', () => {
  it.each([
    [{ ...telephone, content: '' }, 'content', /isi pengaduan, saran atau masukan wajib diisi/],
    [{ ...telephone, channel: 'whatsapp' }, 'channel', /saluran pengaduan tidak tercantum/],
    [{ ...telephone, type: 'keluhan' }, 'type', /./],
    [{ ...telephone, complainant: { phone: '12345' } }, 'complainant.phone', /./],
  ])('%#: refuses %o at %s', (entry, path, text) => {
    let error: unknown
    try {
      record(entry)
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(ValidationError)
    expect((error as ValidationError).issues.map((i) => i.path.join('.'))).toContain(path)
    expect((error as ValidationError).message).toMatch(text)
  })

  it('refuses a recording by a role the standard does not allow', () => {
    const by = { id: 'u-1', role: 'petugas' }
    expect(() =>
      decideComplaint(
        null,
        { type: 'RECORD', entry: telephone },
        { standard: balongbendo, calendar, actor: by, now: new Date(), newId: 'x' },
      ),
    ).toThrow(ForbiddenError)
  })
})

describe('deadlines of a pengaduan come from the standard', () => {
  const with24h = defineStandard({
    ...balongbendoInput,
    version: '2026.9',
    complaints: {
      ...balongbendoInput.complaints,
      deadlines: { firstResponse: { hours: 24 }, resolution: { workingDays: 5 } },
    },
  })

  it('leaves Balongbendo without deadlines and its hash unchanged by the new fields', () => {
    expect(record().deadlines).toEqual([])
    expect(defineStandard(balongbendoInput).hash).toBe(balongbendo.hash)
  })

  it('sets 1x24 hours around the clock and 5 working days across a weekend and cuti bersama', () => {
    // Monday 21 December 2026 14.00 WIB; 24 Dec is cuti bersama, 25 Dec a holiday, then a weekend.
    const now = at('2026-12-21', '14.00')
    const decision = record(telephone, now, with24h)
    expect(decision.deadlines).toEqual([
      { kind: 'first_response', dueAt: new Date(now.getTime() + 86_400_000).toISOString() },
      { kind: 'resolution', dueAt: calendar.addWorkingDays(now, 5).toISOString() },
    ])
    expect(calendar.dayOf(decision.deadlines[1]!.dueAt)).toBe('2026-12-30')
  })

  it('gives a saran no deadline even where the office sets them', () => {
    expect(record({ ...telephone, type: 'saran' }, new Date(), with24h).deadlines).toEqual([])
  })
})

describe('the kotak saran', () => {
  const ctx = (now: Date, openedDays = new Set<string>()) => ({
    standard: balongbendo,
    calendar,
    actor: informasi,
    now,
    id: 'o-1',
    openedDays,
  })

  it('records an opening with its count, zero included, by the role the standard names', () => {
    const opening = decideOpening({ notesFound: 0 }, ctx(at('2026-12-07', '15.30')))
    expect(opening).toMatchObject({ day: '2026-12-07', notesFound: 0, openedBy: 'u-info' })
    expect(() =>
      decideOpening(
        { notesFound: 1 },
        { ...ctx(at('2026-12-07', '15.30')), actor: { id: 'u-2', role: 'camat' } },
      ),
    ).toThrow(ForbiddenError)
    expect(() => decideOpening({ notesFound: -1 }, ctx(new Date()))).toThrow(/notesFound/)
    expect(() => decideOpening({ day: '2026-12-08', notesFound: 0 }, ctx(at('2026-12-07', '15.30')))).toThrow(
      /belum tiba/,
    )
    expect(() =>
      decideOpening({ notesFound: 0 }, ctx(at('2026-12-07', '15.30'), new Set(['2026-12-07']))),
    ).toThrow(/sudah dicatat/)
  })

  it('shows a working day with no opening as missed, and never a holiday or cuti bersama', () => {
    // 21-31 Dec 2026: 24 Dec cuti bersama, 25 Dec Natal, weekends 26-27.
    const opened = new Set(['2026-12-21', '2026-12-23', '2026-12-28', '2026-12-29'])
    const missed = missedOpenings(
      calendar,
      { from: '2026-12-21', to: '2026-12-31', now: at('2026-12-31', '10.00') },
      opened,
    )
    expect(missed).toEqual(['2026-12-22', '2026-12-30'])
    // Today (31 Dec) is not missed yet: the box is opened at close of service.
    expect(missed).not.toContain('2026-12-31')
    expect(missed).not.toContain('2026-12-24')
    expect(missed).not.toContain('2026-12-25')
  })
})

describe('the Buku Pengaduan', () => {
  const rec = (n: number, patch: Partial<ComplaintRecord>): ComplaintRecord => ({
    ...record().record,
    id: `c-${n}`,
    number: n,
    ...patch,
  })
  const rows = bukuPengaduanRows(
    [
      rec(2, { complainant: null, content: '=HYPERLINK("x")', channel: 'kotak_saran' }),
      rec(1, {
        complainant: { name: 'Budi', phone: '+6281234567890', email: 'budi@example.id' },
        followUp: { result: 'Sudah, "selesai"', at: at('2026-12-08', '09.00').toISOString(), by: 'u-kasi' },
      }),
    ],
    { dayOf: (iso) => calendar.dayOf(iso) },
  )

  it('lists entries in number order with the paper columns and masked contacts', () => {
    expect(rows.map((r) => r.number)).toEqual(['1/2026', '2/2026'])
    expect(rows[0]).toMatchObject({
      name: 'Budi',
      contact: '+6281******890, b***@example.id',
      followUp: 'Sudah, "selesai"',
      followUpDate: '2026-12-08',
      officer: 'u-kasi',
    })
    expect(rows[1]!.name).toBe('Anonim')
    expect(maskContact('+6281234567890')).toBe('+6281******890')
  })

  it('exports CSV with quoting and no formula injection, and escaped printable HTML', () => {
    const csv = bukuPengaduanCsv(rows)
    const lines = csv.split('\r\n')
    expect(lines[0]).toBe(
      'No.,Tanggal,Nama,Kontak,Saluran,Isi Pengaduan/Saran/Masukan,Tindak Lanjut,Tanggal Tindak Lanjut,Petugas',
    )
    expect(lines[1]).toContain('"Sudah, ""selesai"""')
    expect(lines[2]).toContain(`"'=HYPERLINK(""x"")"`)
    const html = bukuPengaduanHtml(rows, { title: 'Buku Pengaduan', office: 'Kecamatan Balongbendo' })
    expect(html).toContain('<th scope="col">Tindak Lanjut</th>')
    expect(html).toContain('Sudah, &quot;selesai&quot;')
    expect(html).not.toContain('6281234567890')
  })
})
