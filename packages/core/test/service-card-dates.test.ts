// Card dates are counted on the office's calendar, from registration (the register-book entry, the
// SK's step 2.1) as Permenaker 39/2016 says, or from issue where the standard's card.countFrom says
// so: a case registered at 06.30 WIB on the first of a month (23.30 UTC the day before) has its
// validity and every report on the right WIB days.
import { describe, expect, it } from 'vitest'
import { createAk1Service } from '../src/engine/service'
import { defineStandard } from '../src/standard/define-standard'
import type { Standard } from '../src/standard/schema'
import { balongbendo, balongbendoInput } from '../src/standards/balongbendo'
import { createMemoryStore, sampleApplication } from '../src/testing/index'
import { driveToEnd, fakeClock, officers } from './service-helpers'

const wibDay = (iso: string) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta', dateStyle: 'short' }).format(new Date(iso))
const wibTime = (iso: string) =>
  new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Jakarta', timeStyle: 'short' }).format(new Date(iso))

/** Balongbendo's standard with the card counted from issue (printing) instead of registration. */
const fromIssue = defineStandard({
  ...balongbendoInput,
  card: { validityMonths: 24, reportingIntervalMonths: 6, countFrom: 'issue' },
})

/** The card of a case submitted at `submitAt`, registered at `registerAt` and printed at `printAt`. */
async function cardOf(standard: Standard, at: { submit: string; register: string; print?: string }) {
  const clock = fakeClock(at.submit)
  const service = createAk1Service({ standard, store: createMemoryStore(), clock })
  const start = await service.submit(sampleApplication(), { actor: officers.petugas, channel: 'tatap_muka' })
  const steps = await driveToEnd(service, start, undefined, (view) => {
    if (view.state === 'registrasi') clock.set(at.register)
    if (view.state === 'pencetakan' && at.print) clock.set(at.print)
  })
  return steps.find((s) => s.from === 'pencetakan')!.view.card!
}

describe('card dates in the office time zone', () => {
  it('a case registered 06.30 WIB on 1 July and printed days later has every date counted from 1 July, WIB', async () => {
    // 06.30 WIB on Wednesday 1 July 2026 is 23.30 UTC on 30 June; printing is on 3 July.
    const card = await cardOf(balongbendo, {
      submit: '2026-06-29T01:00:00.000Z',
      register: '2026-06-30T23:30:00.000Z',
      print: '2026-07-03T02:00:00.000Z',
    })
    expect(wibDay(card.registeredAt!)).toBe('2026-07-01')
    expect(wibDay(card.issuedAt)).toBe('2026-07-03')
    expect(card.countFrom).toBe('registration')
    expect(wibDay(card.validUntil)).toBe('2028-07-01')
    expect(card.reportingDueDates.map(wibDay)).toEqual([
      '2027-01-01',
      '2027-07-01',
      '2028-01-01',
      '2028-07-01',
    ])
    // Each date is a day: the instant it starts, 00.00 WIB.
    expect(new Set([card.validUntil, ...card.reportingDueDates].map(wibTime))).toEqual(new Set(['00:00']))
  })

  it('a standard counting from issue dates the card from printing, in WIB', async () => {
    const card = await cardOf(fromIssue, {
      submit: '2026-06-29T01:00:00.000Z',
      register: '2026-06-30T23:30:00.000Z',
      print: '2026-07-03T02:00:00.000Z',
    })
    expect(card.countFrom).toBe('issue')
    expect(card.reportingDueDates.map(wibDay)).toEqual([
      '2027-01-03',
      '2027-07-03',
      '2028-01-03',
      '2028-07-03',
    ])
    expect(wibDay(card.validUntil)).toBe('2028-07-03')
  })

  it('a card printed at 06.30 WIB on 1 July, counted from issue, has every date on a 1st in WIB', async () => {
    // 06.30 WIB on Wednesday 1 July 2026 is 23.30 UTC on 30 June: counted in UTC it would be 30 June.
    const card = await cardOf(fromIssue, {
      submit: '2026-06-29T01:00:00.000Z',
      register: '2026-06-29T03:00:00.000Z',
      print: '2026-06-30T23:30:00.000Z',
    })
    expect(wibDay(card.issuedAt)).toBe('2026-07-01')
    expect(card.reportingDueDates.map(wibDay)).toEqual([
      '2027-01-01',
      '2027-07-01',
      '2028-01-01',
      '2028-07-01',
    ])
    expect(wibDay(card.validUntil)).toBe('2028-07-01')
  })

  it('a card registered on 31 August reports on the last day of February (the month clamps, in WIB)', async () => {
    // Registered 06.30 WIB on Monday 31 August 2026.
    const card = await cardOf(balongbendo, {
      submit: '2026-08-27T01:00:00.000Z',
      register: '2026-08-30T23:30:00.000Z',
    })
    expect(card.reportingDueDates.map(wibDay)).toEqual([
      '2027-02-28',
      '2027-08-31',
      '2028-02-29',
      '2028-08-31',
    ])
    expect(wibDay(card.validUntil)).toBe('2028-08-31')
  })
})
