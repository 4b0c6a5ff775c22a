// The card holder's screens in Chromium: a case handed over at the desk links to its card page; the
// operator (the print step's role) downloads the printed card; a petugas records a still-seeking
// report, then an employed report without an employer (refused beside the field), then with one
// (the card is closed). The card reminders sent meanwhile show among the case's deliveries. The
// service runs on a clock the test moves to the holder's reporting dates.
import { readFileSync } from 'node:fs'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { demoApplication, demoPerson } from '../src/seed'
import { demoActor } from '../src/web/session'
import { eventually, inspectScreen, openJourney } from './browser'
import { demoPhotoPng } from './photo'

let now = Date.parse('2026-04-14T01:00:00.000Z') // 08.00 WIB, Tuesday 14 April 2026
const clock = { now: () => new Date(now) }
let journey: Awaited<ReturnType<typeof openJourney>>
let page: Page

beforeAll(async () => {
  journey = await openJourney('ak1-portal-kartu-', { seed: false, clock })
  page = journey.page
})
afterAll(async () => {
  await journey?.close()
})

const url = (path: string) => journey.url(path)
const service = () => journey.portal.backend.service
const login = (role: string) => journey.login(role)

async function submit(selector: string): Promise<number> {
  const [response] = await Promise.all([page.waitForNavigation(), page.click(selector)])
  return response?.status() ?? 0
}

/** A case submitted with its pas foto and moved on by each awaited role until hand-over is next. */
async function caseAtHandOver(): Promise<string> {
  const petugas = demoActor('petugas')
  let view = await service().submit(demoApplication(demoPerson(6, '1999-04-02', 'L')), {
    actor: petugas,
    channel: 'tatap_muka',
  })
  view = await service().attach(
    view.id,
    demoPhotoPng(),
    { contentType: 'image/png', itemId: 'pas_foto' },
    { actor: petugas },
  )
  for (let i = 0; i < 20; i++) {
    const actor = demoActor(view.awaiting ?? 'petugas')
    const forward = ['ACCEPT', 'SIGN', 'COMPLETE', 'HAND_OVER']
    const action = (await service().availableActions(view.id, actor)).find((a) => forward.includes(a.type))
    if (!action || action.type === 'HAND_OVER') return view.id
    now += 30 * 60_000
    const event =
      action.type === 'ACCEPT'
        ? { type: action.type, verified: action.needs ?? [] }
        : ({ type: action.type } as { type: 'COMPLETE' })
    view = await service().act(view.id, event, { actor, expectedVersion: view.version })
  }
  throw new Error(`the case did not reach hand-over (${view.state})`)
}

describe('the card holder’s screens in Chromium', () => {
  it('hands over, prints, records reports and closes the card on employment', async () => {
    const id = await caseAtHandOver()
    await login('petugas')
    await page.goto(url(`/kasus/${id}`))
    expect(await page.locator('#card-link').count()).toBe(0)
    const form = page.locator('form[data-action="HAND_OVER"]')
    const boxes = form.locator('input[type="checkbox"]')
    for (let i = 0; i < (await boxes.count()); i++) await boxes.nth(i).check()
    expect(await submit('form[data-action="HAND_OVER"] button[type="submit"]')).toBe(200)
    expect(await page.textContent('#case-state')).toBe('Selesai')
    const number = (await service().get(id)).card!.number

    // The case links to its card page.
    expect(await submit('#card-link')).toBe(200)
    expect(await page.textContent('#card-number')).toBe(number)
    expect(await page.getAttribute('#card-state', 'data-state')).toBe('aktif')
    expect(await page.locator('#card-reporting tbody tr').count()).toBe(4)
    expect(await page.textContent('tr[data-report="1"] td')).toBe('2026-10-14')
    // Printing is the operator's (the print step's role): the petugas has no print button.
    expect(await page.locator('#print-form').count()).toBe(0)
    await inspectScreen(page, 'kartu')

    await login('operator')
    await page.goto(url(`/kartu/${encodeURIComponent(number)}`))
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#print-form button')])
    const pdf = readFileSync((await download.path())!)
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-')
    expect(download.suggestedFilename()).toMatch(/\.pdf$/)
    const reprints = (await service().timeline(id)).filter((e) => e.event === 'CARD_REPRINTED')
    expect(reprints).toHaveLength(1)

    // 7 October 2026, 10.00 WIB: the first reminder (09.00 WIB, a week before 14 October) goes out.
    now = Date.parse('2026-10-07T03:00:00.000Z')
    await login('petugas')
    await eventually(async () => {
      await page.goto(url(`/kasus/${id}`))
      const sent = page.locator('tr[data-aggregate="card"]', { hasText: 'pengingat_lapor' })
      return (await sent.count()) === 2 && (await sent.filter({ hasText: 'sent' }).count()) === 2
    })
    expect(await page.locator('tr[data-aggregate="card"] td').first().textContent()).toContain('(kartu)')
    await inspectScreen(page, 'kasus-pengingat-kartu')

    // A still-seeking report, a week early.
    await page.goto(url(`/kartu/${encodeURIComponent(number)}`))
    await page.check('#r-kind-still_seeking')
    expect(await submit('#report-form button[type="submit"]')).toBe(200)
    expect(await page.textContent('tr[data-report="1"] .report-status')).toContain('Sudah lapor, lebih awal')
    expect(await page.textContent('#card-reports')).toContain(
      'masih mencari kerja (laporan ke 1, lebih awal)',
    )

    // Employed, with no employer: refused beside the field, nothing written.
    const before = await service().cards.get(number)
    await page.check('#r-kind-employed')
    await page.fill('#r-position', 'Staf Gudang')
    await page.fill('#r-startDate', '2026-10-05')
    expect(await submit('#report-form button[type="submit"]')).toBe(422)
    expect(await page.textContent('#r-employer-err')).toMatch(/wajib/)
    expect(await page.getAttribute('#r-employer', 'aria-invalid')).toBe('true')
    expect(await page.inputValue('#r-position')).toBe('Staf Gudang')
    expect(await page.getAttribute('#card-state', 'data-state')).toBe('aktif')
    expect((await service().cards.get(number)).version).toBe(before.version)
    await inspectScreen(page, 'kartu-lapor-kesalahan')

    // With the employer: the card is closed.
    await page.fill('#r-employer', 'PT Contoh Demo Sidoarjo')
    expect(await submit('#report-form button[type="submit"]')).toBe(200)
    expect(await page.getAttribute('#card-state', 'data-state')).toBe('ditutup')
    expect(await page.textContent('#card-state')).toBe('Ditutup (sudah bekerja)')
    expect(await page.textContent('#card-employment')).toContain('PT Contoh Demo Sidoarjo, Staf Gudang')
    expect(await page.locator('#report-form').count()).toBe(0)
    expect((await service().cards.get(number)).state).toBe('ditutup')
    await inspectScreen(page, 'kartu-ditutup')
  })
})
