// Card reports on the record pipeline: a stale `expectedVersion` is a ConflictError with nothing
// written, and a command id answers its first answer, while its reuse for another report is a
// ConflictError that carries no card or holder data. On the memory store.
import { describe, expect, it } from 'vitest'
import { createAk1Service } from '../src/engine/service'
import { ConflictError } from '../src/errors/errors'
import { balongbendo } from '../src/standards/balongbendo'
import { createMemoryStore, createRecordingNotifier, sampleApplication } from '../src/testing/index'
import { driveToEnd, fakeClock, officers } from './service-helpers'

async function setUp() {
  const clock = fakeClock('2026-04-14T01:00:00.000Z')
  const store = createMemoryStore()
  const notifier = createRecordingNotifier()
  const service = createAk1Service({
    standard: balongbendo,
    store,
    clock,
    sipraja: false,
    notifiers: [notifier],
  })
  const start = await service.submit(sampleApplication(), { actor: officers.petugas, channel: 'tatap_muka' })
  const view = (await driveToEnd(service, start)).at(-1)!.view
  const number = view.card!.number
  const card = await service.cards.get(number)
  return { clock, store, service, view, number, card }
}

describe('card reports on the record pipeline', () => {
  it('refuses a stale expectedVersion with a ConflictError and writes nothing', async () => {
    const { service, store, clock, number, card } = await setUp()
    clock.set('2026-06-01T03:00:00.000Z')
    const changed = await service.cards.report(
      {
        kind: 'changed_details',
        cardNumber: number,
        contacts: { mobile: '081399990000', email: 'baru@example.com' },
      },
      { actor: officers.petugas, expectedVersion: card.version },
    )
    expect(changed.version).toBe(card.version + 1)
    const stale = await service.cards
      .report(
        {
          kind: 'employed',
          cardNumber: number,
          employer: 'PT Maju',
          position: 'Staf',
          startDate: '2026-06-01',
        },
        { actor: officers.petugas, expectedVersion: card.version },
      )
      .catch((e: unknown) => e)
    expect(stale).toBeInstanceOf(ConflictError)
    expect((stale as ConflictError).messageEn).toContain(`version ${card.version + 1}, not ${card.version}`)
    const after = await service.cards.get(number)
    expect(after).toMatchObject({ state: 'aktif', version: card.version + 1 })
    expect((await store.timeline(card.id)).map((e) => e.event)).toEqual(['CARD_OPENED', 'CARD_REPORT'])
  })

  it('answers a repeated command id with its first answer, once written', async () => {
    const { service, store, clock, number, card } = await setUp()
    clock.set('2026-10-10T03:00:00.000Z')
    const report = { kind: 'still_seeking', cardNumber: number }
    const first = await service.cards.report(report, { actor: officers.petugas, commandId: 'lapor-1' })
    clock.set('2026-10-11T03:00:00.000Z')
    const again = await service.cards.report(report, { actor: officers.petugas, commandId: 'lapor-1' })
    expect(again).toEqual(first)
    expect(again.reporting[0]!.report?.at).toBe('2026-10-10T03:00:00.000Z')
    const trail = await store.timeline(card.id)
    expect(trail.filter((e) => e.event === 'CARD_REPORT')).toHaveLength(1)
    expect(trail.at(-1)!.commandId).toBe('lapor-1')
  })

  it('refuses a command id reused with another payload, naming no card data, and writes nothing', async () => {
    const { service, clock, number, card, view } = await setUp()
    clock.set('2026-10-10T03:00:00.000Z')
    await service.cards.report(
      { kind: 'still_seeking', cardNumber: number },
      { actor: officers.petugas, commandId: 'lapor-2' },
    )
    const other = await service.cards
      .report(
        {
          kind: 'employed',
          cardNumber: number,
          employer: 'PT Maju',
          position: 'Staf',
          startDate: '2026-10-01',
        },
        { actor: officers.petugas, commandId: 'lapor-2' },
      )
      .catch((e: unknown) => e)
    expect(other).toBeInstanceOf(ConflictError)
    const text = JSON.stringify({ ...(other as ConflictError), message: (other as Error).message })
    expect(text).toContain('lapor-2')
    const app = sampleApplication()
    for (const secret of [number, app.applicant.nik, app.applicant.fullName, view.id]) {
      expect(text).not.toContain(secret)
    }
    const byOther = await service.cards
      .report(
        { kind: 'still_seeking', cardNumber: number },
        { actor: officers.operator, commandId: 'lapor-2' },
      )
      .catch((e: unknown) => e)
    expect(byOther).toBeInstanceOf(ConflictError)
    expect(await service.cards.get(number)).toMatchObject({ state: 'aktif', version: card.version + 1 })
  })

  it("lists the holder's card reminders among the case's deliveries, named by its card record", async () => {
    const { service, clock, view, card } = await setUp()
    const before = await service.get(view.id)
    expect(before.deliveries.filter((d) => d.aggregate === 'card')).toEqual([])
    const own = before.deliveries.length
    clock.set('2026-10-07T02:00:00.000Z') // 09.00 WIB a week before the first reporting date
    expect((await service.runDue()).raised).toBe(1) // one reminder, by SMS and e-mail
    await service.runOutbox()
    const after = await service.get(view.id)
    const reminders = after.deliveries.filter((d) => d.aggregate === 'card')
    expect(reminders.map((d) => `${d.template}/${d.channel}/${d.status}`).sort()).toEqual([
      'pengingat_lapor/email/sent',
      'pengingat_lapor/sms/sent',
    ])
    expect(after.deliveries).toHaveLength(own + 2)
    expect(after.incidents).toEqual(before.incidents)
    for (const d of reminders) expect(d.id.startsWith(`${card.id}.`) || d.id.startsWith(card.id)).toBe(true)
  })
})
