// The card record's rules through the service on the memory store: a standard that lapses a card on
// a missed report and records late reports, reminders to the contacts the holder gave last, and a
// card record that opens once however often hand-over is answered.
import { describe, expect, it } from 'vitest'
import { cardRecordId } from '../src/card/holder'
import { createAk1Service } from '../src/engine/service'
import { defineStandard } from '../src/standard/define-standard'
import { balongbendoInput } from '../src/standards/balongbendo'
import { createMemoryStore, createRecordingNotifier, sampleApplication } from '../src/testing/index'
import { driveToEnd, fakeClock, officers } from './service-helpers'

const strict = defineStandard({
  ...balongbendoInput,
  card: {
    validityMonths: 24,
    reportingIntervalMonths: 6,
    reporting: { earlyDays: 10, graceDays: 3, late: 'record_late', missed: 'lapse' },
    reminders: { beforeReportingDays: [2], beforeExpiryDays: [], at: '09.00' },
  },
})

async function setUp(standard = strict) {
  const clock = fakeClock('2026-04-14T01:00:00.000Z')
  const store = createMemoryStore()
  const notifier = createRecordingNotifier()
  const service = createAk1Service({ standard, store, clock, notifiers: [notifier], sipraja: false })
  const start = await service.submit(sampleApplication(), { actor: officers.petugas, channel: 'tatap_muka' })
  const steps = await driveToEnd(service, start)
  const view = steps.at(-1)!.view
  return { clock, store, notifier, service, view, number: view.card!.number }
}

describe('card records on the service (memory store)', () => {
  it('opens one card record at hand-over, with the reporting dates of the case', async () => {
    const { service, store, view, number } = await setUp()
    const card = await service.cards.get(number)
    expect(card.id).toBe(cardRecordId(view.id))
    expect(card.reporting.map((r) => r.dueDate)).toEqual([
      '2026-10-14',
      '2027-04-14',
      '2027-10-14',
      '2028-04-14',
    ])
    const trail = await store.timeline(card.id)
    expect(trail.map((e) => e.event)).toEqual(['CARD_OPENED'])
    const records = await store.listRecords({ officeCode: 'balongbendo', kind: 'card' })
    expect(records.items).toHaveLength(1)
    expect(records.items[0]!.attributes).toMatchObject({
      sex: 'P',
      registeredOn: '2026-04-14',
      endedOn: null,
    })
  })

  it('records a report after the window as late where the standard says so, inside the grace days on time', async () => {
    const { service, clock, number } = await setUp()
    clock.set('2026-10-16T03:00:00.000Z') // two days after 14 October, inside 3 grace days
    const onTime = await service.cards.report(
      { kind: 'still_seeking', cardNumber: number },
      { actor: officers.petugas },
    )
    expect(onTime.reporting[0]!.report?.timing).toBe('on_time')
    clock.set('2027-04-20T03:00:00.000Z') // six days after 14 April 2027: late, recorded
    const late = await service.cards.report(
      { kind: 'still_seeking', cardNumber: number },
      { actor: officers.petugas },
    )
    expect(late.reporting[1]!.report?.timing).toBe('late')
  })

  it('lapses the card (tidak_lapor) when a window closes unreported, and stops its reminders', async () => {
    const { service, clock, number, notifier } = await setUp()
    clock.set('2026-10-12T02:00:00.000Z') // 09.00 WIB two days before: the reminder
    expect((await service.runDue()).raised).toBe(1)
    await service.runOutbox()
    const reminders = notifier.sent.filter((m) => m.template.startsWith('pengingat_'))
    expect(reminders.map((m) => `${m.template}/${m.channel}`).sort()).toEqual([
      'pengingat_lapor/email',
      'pengingat_lapor/sms',
    ])
    clock.set('2026-10-17T17:00:00.000Z') // 00.00 WIB 18 October: 14 October plus 3 grace days ended
    expect((await service.runDue()).raised).toBe(1)
    const lapsed = await service.cards.get(number)
    expect(lapsed.state).toBe('tidak_lapor')
    expect(lapsed.reporting[0]!.missedAt).toBe('2026-10-17T17:00:00.000Z')
    clock.set('2028-05-01T02:00:00.000Z')
    expect((await service.runDue()).raised).toBe(0)
    const stats = await service.cards.statistics({ from: '2026-10-01', to: '2026-10-31' })
    expect(stats.total).toMatchObject({ lapsed: 1, active: 0 })
  })

  it('sends reminders to the contacts of a changed-details report', async () => {
    const { service, clock, number, notifier } = await setUp()
    clock.set('2026-06-01T03:00:00.000Z')
    await service.cards.report(
      {
        kind: 'changed_details',
        cardNumber: number,
        contacts: { mobile: '081399990000', email: 'baru@example.com' },
      },
      { actor: officers.petugas },
    )
    clock.set('2026-10-12T02:00:00.000Z')
    await service.runDue()
    await service.runOutbox()
    const reminders = notifier.sent.filter((m) => m.template === 'pengingat_lapor')
    expect(reminders.map((m) => m.to).sort()).toEqual(['+6281399990000', 'baru@example.com'])
  })
})
