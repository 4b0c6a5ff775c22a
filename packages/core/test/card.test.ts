import { describe, expect, it } from 'vitest'
import {
  type Actor,
  balongbendo,
  balongbendoInput,
  type CardContext,
  type CardDecision,
  type CardRecord,
  cardSchedule,
  decideCardDeadline,
  decideCardReport,
  defineStandard,
  ForbiddenError,
  InvalidTransitionError,
  openCardRecord,
  ValidationError,
  type ValidationIssue,
} from '../src/index'

const petugas: Actor = { id: 'u-17', role: 'petugas' }
const pemohon: Actor = { id: 'p-1', role: 'pemohon' }
// 00.30 WIB on 10 March 2026: still 9 March in UTC.
const registeredAt = '2026-03-09T17:30:00.000Z'
const issuedAt = '2026-03-12T03:00:00.000Z'
const cardNumber = 'balongbendo-2026-000042'

const ctx = (at: string, actor: Actor = petugas, standard = balongbendo): CardContext => ({
  standard,
  now: new Date(at),
  actor,
})

function open(standard = balongbendo): CardDecision {
  return openCardRecord(
    { id: 'kartu-42', caseId: 'case-42', cardNumber, registeredAt, issuedAt },
    ctx('2026-03-13T02:00:00.000Z', { id: 'u-3', role: 'operator' }, standard),
  )
}

/** Asserts that `fn` throws a ValidationError holding `issue`, its message (Indonesian unless `en`) containing `text`. */
function refuses(fn: () => unknown, issue: Partial<ValidationIssue>, text?: string, en = false): void {
  expect(fn).toThrow(ValidationError)
  expect(fn).toThrow(
    expect.objectContaining({
      issues: expect.arrayContaining([expect.objectContaining(issue)]),
      ...(text === undefined ? {} : { [en ? 'messageEn' : 'message']: expect.stringContaining(text) }),
    }),
  )
}

describe('cardSchedule', () => {
  it('counts from registration in WIB by default: four dates six months apart, valid two years', () => {
    const s = cardSchedule({ registeredAt, issuedAt }, balongbendo.card, 'Asia/Jakarta')
    expect(s.anchorDay).toBe('2026-03-10')
    expect(s.reportingDates).toEqual(['2026-09-10', '2027-03-10', '2027-09-10', '2028-03-10'])
    expect(s.validUntil).toBe('2028-03-10')
    expect(s.expiresAt).toBe('2028-03-10T17:00:00.000Z')
  })

  it('counts from issue when the standard says so', () => {
    const s = cardSchedule(
      { registeredAt, issuedAt },
      { ...balongbendo.card, countFrom: 'issue' },
      'Asia/Jakarta',
    )
    expect(s.anchorDay).toBe('2026-03-12')
    expect(s.reportingDates[0]).toBe('2026-09-12')
  })

  it('clamps month ends without drifting: 31 August reports on 28/29 February and 31 August', () => {
    const s = cardSchedule(
      { registeredAt: '2026-08-31T03:00:00.000Z', issuedAt },
      balongbendo.card,
      'Asia/Jakarta',
    )
    expect(s.reportingDates).toEqual(['2027-02-28', '2027-08-31', '2028-02-29', '2028-08-31'])
  })
})

describe('openCardRecord', () => {
  it('opens an active record with four boxes, their reminders at 08.00 WIB and every deadline', () => {
    const { record, effects, audit } = open()
    expect(record.state).toBe('aktif')
    expect(record.reporting.map((s) => s.dueDate)).toEqual([
      '2026-09-10',
      '2027-03-10',
      '2027-09-10',
      '2028-03-10',
    ])
    // Window: 30 days early from 00.00 WIB, closing at the end of the due day.
    expect(record.reporting[0]?.opensAt).toBe('2026-08-10T17:00:00.000Z')
    expect(record.reporting[0]?.closesAt).toBe('2026-09-10T17:00:00.000Z')
    const ids = effects.reminders.schedule.map((r) => r.id)
    expect(ids).toHaveLength(4 * 2 + 1)
    expect(ids).toContain('kartu-42:report:1:d7')
    expect(ids).toContain('kartu-42:expiry:d30')
    const first = effects.reminders.schedule.find((r) => r.id === 'kartu-42:report:1:d7')
    expect(first?.at).toBe('2026-09-03T01:00:00.000Z')
    const expiry = effects.reminders.schedule.find((r) => r.id === 'kartu-42:expiry:d30')
    expect(expiry?.at).toBe('2028-02-09T01:00:00.000Z')
    expect(effects.deadlines.schedule.map((d) => d.kind)).toEqual([
      'report_window_closed',
      'report_window_closed',
      'report_window_closed',
      'report_window_closed',
      'expire',
    ])
    expect(effects.reminders.cancel).toEqual([])
    expect(audit).toMatchObject({ event: 'CARD_OPENED', from: null, to: 'aktif' })
    expect(JSON.stringify(audit)).not.toContain('case-42')
  })
})

describe('decideCardReport', () => {
  it('takes one early and one on-time report, then closes the card on employment and cancels what is left', () => {
    const opened = open().record
    const early = decideCardReport(
      opened,
      { kind: 'still_seeking', cardNumber },
      ctx('2026-08-31T03:00:00.000Z', pemohon),
    )
    expect(early.record.reporting[0]?.report).toMatchObject({ timing: 'early', by: pemohon })
    expect(early.effects.reminders.cancel.sort()).toEqual(['kartu-42:report:1:d1', 'kartu-42:report:1:d7'])
    expect(early.effects.deadlines.cancel).toEqual(['kartu-42:report:1:closed'])
    expect(early.audit.details).toMatchObject({ reportIndex: 1, timing: 'early' })

    // 10 March 2027 at 23.30 WIB is still the due day.
    const onTime = decideCardReport(
      early.record,
      { kind: 'still_seeking', cardNumber },
      ctx('2027-03-10T16:30:00.000Z'),
    )
    expect(onTime.record.reporting[1]?.report?.timing).toBe('on_time')
    // Its reminders were already due: nothing left to cancel but the window's deadline.
    expect(onTime.effects.reminders.cancel).toEqual([])
    expect(onTime.effects.deadlines.cancel).toEqual(['kartu-42:report:2:closed'])

    const employed = decideCardReport(
      onTime.record,
      {
        kind: 'employed',
        cardNumber,
        employer: 'PT Maju Jaya',
        position: 'Operator produksi',
        startDate: '2027-04-01',
      },
      ctx('2027-04-05T02:00:00.000Z'),
    )
    expect(employed.record.state).toBe('ditutup')
    expect(employed.record.employment).toMatchObject({ employer: 'PT Maju Jaya', startDate: '2027-04-01' })
    expect(employed.effects.reminders.cancel.sort()).toEqual([
      'kartu-42:expiry:d30',
      'kartu-42:report:3:d1',
      'kartu-42:report:3:d7',
      'kartu-42:report:4:d1',
      'kartu-42:report:4:d7',
    ])
    expect(employed.effects.deadlines.cancel.sort()).toEqual([
      'kartu-42:expire',
      'kartu-42:report:3:closed',
      'kartu-42:report:4:closed',
    ])
    expect(employed.effects.reminders.schedule).toEqual([])
    expect(employed.audit).toMatchObject({ from: 'aktif', to: 'ditutup' })
    expect(JSON.stringify(employed.audit)).not.toContain('PT Maju Jaya')

    const after = () =>
      decideCardReport(
        employed.record,
        { kind: 'still_seeking', cardNumber },
        ctx('2027-09-01T02:00:00.000Z'),
      )
    expect(after).toThrow(InvalidTransitionError)
    expect(after).toThrow(/tidak aktif/)
  })

  it('refuses a report by an unknown holder, naming cardNumber', () => {
    refuses(
      () => decideCardReport(null, { kind: 'still_seeking', cardNumber }, ctx('2026-09-01T02:00:00.000Z')),
      { path: ['cardNumber'], rule: 'unknown_holder' },
      'tidak terdaftar',
    )
    refuses(
      () =>
        decideCardReport(
          open().record,
          { kind: 'still_seeking', cardNumber: 'balongbendo-2026-000043' },
          ctx('2026-09-01T02:00:00.000Z'),
        ),
      { path: ['cardNumber'], rule: 'unknown_holder' },
    )
  })

  it('refuses a report before its window opens, and a late one when the standard refuses late reports', () => {
    const record = open().record
    refuses(
      () => decideCardReport(record, { kind: 'still_seeking', cardNumber }, ctx('2026-08-10T16:59:00.000Z')),
      { path: ['kind'], rule: 'report_too_early' },
      'baru dapat diterima mulai 2026-08-11',
    )
    refuses(
      () => decideCardReport(record, { kind: 'still_seeking', cardNumber }, ctx('2026-09-10T17:00:00.000Z')),
      { path: ['kind'], rule: 'report_too_late' },
      'window has closed',
      true,
    )
  })

  it('records a late report as late when the standard says so', () => {
    const lenient = defineStandard({ ...balongbendoInput, card: { reporting: { late: 'record_late' } } })
    const record = open(lenient).record
    const late = decideCardReport(
      record,
      { kind: 'still_seeking', cardNumber },
      ctx('2026-10-01T02:00:00.000Z', petugas, lenient),
    )
    expect(late.record.reporting[0]?.report?.timing).toBe('late')
    expect(late.record.state).toBe('aktif')
  })

  it('refuses an employed report without employer, position or start date, naming each field', () => {
    const record = open().record
    const employed = () =>
      decideCardReport(
        record,
        { kind: 'employed', cardNumber, employer: '  ', startDate: '2027-02-30' },
        ctx('2026-12-01T02:00:00.000Z'),
      )
    refuses(employed, { path: ['employer'] })
    refuses(employed, { path: ['position'] }, 'position: wajib diisi')
    refuses(employed, { path: ['startDate'] })
  })

  it('accepts changed details at any time and keeps no personal data in the audit entry', () => {
    const record = open().record
    const changed = decideCardReport(
      record,
      { kind: 'changed_details', cardNumber, contacts: { mobile: '0812-3456-7890' } },
      ctx('2026-05-01T02:00:00.000Z', pemohon),
    )
    expect(changed.record.details.contacts?.mobile).toBe('+6281234567890')
    expect(changed.record.state).toBe('aktif')
    expect(changed.audit.details).toEqual({ kind: 'changed_details', fields: ['contacts'] })
    expect(changed.effects.reminders).toEqual({ schedule: [], cancel: [] })
    refuses(
      () =>
        decideCardReport(record, { kind: 'changed_details', cardNumber }, ctx('2026-05-01T02:00:00.000Z')),
      { path: ['address'], rule: 'changed_details_empty' },
    )
  })

  it('refuses a report recorded by a role that neither holds the card nor acts for the holder', () => {
    expect(() =>
      decideCardReport(
        open().record,
        { kind: 'still_seeking', cardNumber },
        ctx('2026-09-01T02:00:00.000Z', { id: 'c-1', role: 'camat' }),
      ),
    ).toThrow(ForbiddenError)
  })
})

describe('decideCardDeadline', () => {
  const firstWindowClosed = (record: CardRecord) => ({
    id: 'kartu-42:report:1:closed',
    kind: 'report_window_closed' as const,
    at: record.reporting[0]!.closesAt,
    reportIndex: 1,
  })
  const expire = (record: CardRecord) => ({
    id: `${record.id}:expire`,
    kind: 'expire' as const,
    at: record.expiresAt,
  })

  it('expires an active card at the start of the day after its last valid day, in WIB', () => {
    const record = open().record
    const before = decideCardDeadline(record, expire(record), ctx('2028-03-10T16:59:59.000Z'))
    expect(before.record).toBe(record)
    const at = decideCardDeadline(record, expire(record), ctx('2028-03-10T17:00:00.000Z'))
    expect(at.record.state).toBe('kedaluwarsa')
    expect(at.audit).toMatchObject({ from: 'aktif', to: 'kedaluwarsa' })
    // Nothing else is pending after expiry; the firing deadline itself is the worker's to complete.
    expect(at.effects.deadlines.cancel).toEqual([])
  })

  it('marks a missed report and keeps the card, or lapses it when the office says so', () => {
    const record = open().record
    const closed = firstWindowClosed(record)
    const kept = decideCardDeadline(record, closed, ctx('2026-09-10T17:00:00.000Z'))
    expect(kept.record.state).toBe('aktif')
    expect(kept.record.reporting[0]?.missedAt).toBe('2026-09-10T17:00:00.000Z')
    // The next report fills box 2, not the missed one.
    const next = decideCardReport(
      kept.record,
      { kind: 'still_seeking', cardNumber },
      ctx('2027-03-01T02:00:00.000Z'),
    )
    expect(next.record.reporting[1]?.report?.timing).toBe('early')

    const strict = defineStandard({ ...balongbendoInput, card: { reporting: { missed: 'lapse' } } })
    const strictRecord = open(strict).record
    const lapsed = decideCardDeadline(strictRecord, closed, ctx('2026-09-10T17:00:00.000Z', petugas, strict))
    expect(lapsed.record.state).toBe('tidak_lapor')
    expect(lapsed.effects.reminders.cancel).toContain('kartu-42:report:2:d7')
    expect(lapsed.effects.deadlines.cancel).toContain('kartu-42:expire')
  })

  it('ignores a deadline that no longer applies: a filled box, or a card already closed', () => {
    const record = open().record
    const filled = decideCardReport(
      record,
      { kind: 'still_seeking', cardNumber },
      ctx('2026-09-01T02:00:00.000Z'),
    ).record
    const closed = firstWindowClosed(record)
    const result = decideCardDeadline(filled, closed, ctx('2026-09-10T17:00:00.000Z'))
    expect(result.record).toBe(filled)
    expect(result.audit.details).toMatchObject({ applied: false })
    const employed = decideCardReport(
      record,
      { kind: 'employed', cardNumber, employer: 'PT Maju Jaya', position: 'Staf', startDate: '2026-06-01' },
      ctx('2026-06-02T02:00:00.000Z'),
    ).record
    const late = decideCardDeadline(employed, expire(employed), ctx('2028-03-11T00:00:00.000Z'))
    expect(late.record).toBe(employed)
    expect(late.record.state).toBe('ditutup')
  })

  it('refuses a context whose standard is not the one the card pinned', () => {
    const other = defineStandard({ ...balongbendoInput, card: { validityMonths: 12 } })
    const record = open().record
    expect(() =>
      decideCardDeadline(record, expire(record), ctx('2028-03-11T00:00:00.000Z', petugas, other)),
    ).toThrow(/terikat standar/)
  })
})
