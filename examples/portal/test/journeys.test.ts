import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type Actor, safeParseApplication } from '@ak1/core'
import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type RunningPortal, startPortal } from '../src/portal'
import { demoPerson } from '../src/seed'
import { createAttemptLimiter } from '../src/web/attempt-limiter'
import { toApplication } from '../src/web/loket-form'
import { eventually, inspectScreen, launchBrowser } from './browser'
import { demoPhotoPng } from './photo'

let portal: RunningPortal
let browser: Awaited<ReturnType<typeof launchBrowser>>
let context: BrowserContext
let page: Page
let dataDir: string

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'ak1-portal-'))
  portal = await startPortal({
    port: 0,
    dataDir,
    encryptionKey: randomBytes(32).toString('hex'),
    trackingLimiter: createAttemptLimiter({ maxFailures: 3 }),
  })
  browser = await launchBrowser()
  context = browser.context
  page = context.pages()[0] ?? (await context.newPage())
})

afterAll(async () => {
  await browser?.close()
  await portal?.close()
  if (dataDir) rmSync(dataDir, { recursive: true, force: true })
})

const url = (path: string) => `${portal.url}${path}`
const service = () => portal.backend.service

async function login(role: string): Promise<void> {
  await page.goto(url('/masuk'))
  await page.check(`#role-${role}`)
  await Promise.all([page.waitForURL(/\/kerja/), page.click('form[action="/masuk"] button[type="submit"]')])
}

/** The loket form's values for a demo person (SD, SMP, SMK). */
function loketValues(index: number, birthDate: string, sex: 'L' | 'P'): Record<string, string> {
  const p = demoPerson(index, birthDate, sex)
  const year = Number(birthDate.slice(0, 4))
  return {
    'applicant.nik': p.nik,
    'applicant.kk': '3515120101199999',
    'applicant.fullName': p.name,
    'applicant.birthPlace': 'Sidoarjo',
    'applicant.birthDate': birthDate,
    'applicant.sex': sex,
    'applicant.religion': 'islam',
    'applicant.maritalStatus': 'belum_kawin',
    'applicant.address.street': 'Jl. Contoh Demo No. 7',
    'applicant.address.rt': '2',
    'applicant.address.rw': '3',
    'applicant.address.desa': 'Balongbendo',
    'applicant.address.postcode': '61263',
    'contacts.mobile': `0812-0000-99${String(index).padStart(2, '0')}`,
    'contacts.email': p.email,
    'edu.sd.school': 'SD Negeri Contoh',
    'edu.sd.year': String(year + 12),
    'edu.smp.school': 'SMP Negeri Contoh',
    'edu.smp.year': String(year + 15),
    'edu.sma.school': 'SMK Negeri Contoh',
    'edu.sma.year': String(year + 18),
    'desiredJob.category': 'Administrasi',
    'desiredJob.location': 'dalam_negeri',
  }
}

async function fillLoket(values: Record<string, string>): Promise<void> {
  for (const [name, value] of Object.entries(values)) {
    const id = `#f-${name.replaceAll('.', '-')}`
    if ((await page.locator(id).evaluate((e) => e.tagName)) === 'SELECT') await page.selectOption(id, value)
    else await page.fill(id, value)
  }
  await page.check('#f-form-completed')
}

/** Registers an application at the loket as the petugas; returns the new case id. */
async function registerAtLoket(index: number, birthDate: string, sex: 'L' | 'P'): Promise<string> {
  await login('petugas')
  await page.goto(url('/loket'))
  await fillLoket(loketValues(index, birthDate, sex))
  await Promise.all([
    page.waitForURL(/\/kasus\/[^/?]+\?selesai=SUBMIT/),
    page.click('#loket-form button[type="submit"]'),
  ])
  const id = new URL(page.url()).pathname.split('/')[2]
  if (!id) throw new Error('no case id')
  return id
}

/** Sends one action from the case page: ticks every checklist box it offers, fills its text. */
async function act(type: string, options: { tick?: string[]; text?: string } = {}): Promise<number> {
  const form = page.locator(`form[data-action="${type}"]`).first()
  const boxes = form.locator('input[type="checkbox"]')
  for (let i = 0; i < (await boxes.count()); i++) {
    const box = boxes.nth(i)
    const value = await box.getAttribute('value')
    if (!options.tick || options.tick.includes(value ?? '')) await box.check()
  }
  if (options.text !== undefined) await form.locator('textarea').fill(options.text)
  const [response] = await Promise.all([
    page.waitForNavigation(),
    form.locator('button[type="submit"]').click(),
  ])
  return response?.status() ?? 0
}

describe('the portal in Chromium', () => {
  it('serves the front page in Indonesian, switches to English and back, and shows the demo login', async () => {
    const response = await page.goto(url('/'))
    expect(response?.status()).toBe(200)
    expect(await page.getAttribute('html', 'lang')).toBe('id')
    await expect
      .poll(() => page.textContent('h1'), { timeout: 30_000 })
      .toBe('Layanan AK-1 (Kartu Pencari Kerja)')
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'")
    expect(response?.headers()['x-content-type-options']).toBe('nosniff')
    await inspectScreen(page, 'beranda')
    await page.click('a[hreflang="en"]')
    expect(await page.getAttribute('html', 'lang')).toBe('en')
    expect(await page.textContent('h1')).toBe('AK-1 service (job-seeker card)')
    await inspectScreen(page, 'beranda-en')
    await page.click('a[hreflang="id"]')
    expect(await page.getAttribute('html', 'lang')).toBe('id')
    await page.goto(url('/masuk'))
    const radios = page.locator('input[name="role"]')
    const offered: Array<string | null> = []
    for (let i = 0; i < (await radios.count()); i++) offered.push(await radios.nth(i).getAttribute('value'))
    expect(offered).toEqual(portal.logins.map((l) => l.role))
    await inspectScreen(page, 'masuk')
  })

  it('shows a bad NIK beside its field, with the library message, without a round trip', async () => {
    await login('petugas')
    await page.goto(url('/loket'))
    await inspectScreen(page, 'loket')
    const posts: string[] = []
    page.on('request', (r) => {
      if (r.method() === 'POST') posts.push(r.url())
    })
    await page.fill('#f-applicant-nik', '35151254050100')
    await page.press('#f-applicant-nik', 'Tab')
    const expected = safeParseApplication(toApplication({ 'applicant.nik': '35151254050100' }).application)
    const nikMessages = expected.success
      ? []
      : expected.error.issues.filter((i) => i.path.join('.') === 'applicant.nik').map((i) => i.message)
    expect(nikMessages.length).toBeGreaterThan(0)
    await expect
      .poll(() => page.textContent('#f-applicant-nik-err'), { timeout: 30_000 })
      .toBe(nikMessages.join(' '))
    expect(await page.getAttribute('#f-applicant-nik', 'aria-invalid')).toBe('true')
    // Submitting the incomplete form is stopped in the browser too: no POST leaves the page.
    await page.click('#loket-form button[type="submit"]')
    await expect.poll(() => page.textContent('#f-applicant-fullName-err'), { timeout: 30_000 }).not.toBe('')
    expect(posts).toEqual([])
    await inspectScreen(page, 'loket-kesalahan')
    page.removeAllListeners('request')
  })

  it('takes a tatap-muka case through every role to hand-over; the kartu siap e-mail and SMS reach the outbox page', async () => {
    const id = await registerAtLoket(7, '2000-02-29', 'P')
    await inspectScreen(page, 'kasus-baru')
    const received = await service().get(id)
    // The due time shown is the case's sla.dueAt.
    expect(await page.getAttribute('#sla-due time', 'datetime')).toBe(received.sla.dueAt)
    expect(await act('ACCEPT')).toBe(200)
    expect(await page.textContent('.notice.ok')).toContain('ACCEPT')

    await page.goto(url(`/kasus/${id}/tanda-terima`))
    const accepted = await service().get(id)
    expect(await page.textContent('#receipt-code')).toBe(accepted.trackingCode)
    expect(await page.textContent('#receipt-nik')).toBe('35**********9907')
    expect(await page.getAttribute('#receipt-due time', 'datetime')).toBe(accepted.sla.dueAt)
    expect(await page.locator('#receipt-items li').count()).toBe(
      accepted.checklist.filter((i) => i.verified).length,
    )
    await inspectScreen(page, 'tanda-terima')

    // The holder's pas foto, which the print step puts on the card.
    await page.goto(url(`/kasus/${id}`))
    await page.setInputFiles('#photo-file', {
      name: 'foto.png',
      mimeType: 'image/png',
      buffer: demoPhotoPng(),
    })
    const [uploaded] = await Promise.all([page.waitForNavigation(), page.click('#photo-form button')])
    expect(uploaded?.status()).toBe(200)
    expect(await page.textContent('#photo-state')).toBe('Pas foto sudah diunggah.')

    const seen = new Set<string>()
    for (let step = 0; step < 15; step++) {
      const view = await service().get(id)
      if (view.final) break
      const role = view.awaiting
      if (!role) {
        await new Promise((r) => setTimeout(r, 250))
        continue
      }
      await login(role)
      if (!seen.has(role)) {
        seen.add(role)
        expect(await page.locator('table.worklist a', { hasText: view.trackingCode }).count()).toBe(1)
        await inspectScreen(page, `daftar-kerja-${role}`)
      }
      await page.goto(url(`/kasus/${id}`))
      const type = await page.locator('form.action:not(.danger)').first().getAttribute('data-action')
      expect(['ACCEPT', 'SIGN', 'COMPLETE', 'HAND_OVER']).toContain(type)
      if (view.state === 'tanda_tangan') await inspectScreen(page, 'kasus-tanda-tangan')
      expect(await act(type ?? '')).toBe(200)
    }
    const done = await service().get(id)
    expect(done.state).toBe('selesai')
    expect([...seen].sort()).toEqual(['admin', 'camat', 'operator', 'petugas'])
    await inspectScreen(page, 'kasus-selesai')
    expect(await page.textContent('#case-state')).toBe('Selesai')

    const person = demoPerson(7, '2000-02-29', 'P')
    await page.goto(url('/kotak-keluar'))
    await eventually(async () => {
      await page.reload()
      const email = page.locator('.message-email', {
        hasText: `Kartu AK-1 siap diambil: ${done.trackingCode}`,
      })
      const sms = page.locator('.message-sms', { hasText: `Kartu AK-1 ${done.trackingCode} siap diambil` })
      return (await email.count()) === 1 && (await sms.count()) === 1
    })
    expect(await page.locator('.message-email', { hasText: person.email }).count()).toBeGreaterThan(0)
    expect(await page.locator('.message-sms', { hasText: person.mobile }).count()).toBeGreaterThan(0)
    await inspectScreen(page, 'kotak-keluar')
  })

  it('returns a case for a missing ijazah and takes it back when the applicant resubmits', async () => {
    const id = await registerAtLoket(8, '1997-12-01', 'L')
    expect(await act('RETURN', { tick: ['ijazah:sma'], text: 'Fotokopi ijazah SMK belum dibawa' })).toBe(200)
    const returned = await service().get(id)
    expect(returned.state).toBe('dikembalikan')
    expect(returned.returned?.missing).toEqual(['ijazah:sma'])
    expect(await page.textContent('#case-state')).toBe('Dikembalikan ke pemohon')
    await inspectScreen(page, 'kasus-dikembalikan')
    expect(await act('RESUBMIT')).toBe(200)
    const back = await service().get(id)
    expect(back.state).toBe('penerimaan')
    expect(await act('ACCEPT')).toBe(200)
    expect((await service().get(id)).state).toBe('pemindaian')
    const timeline = await service().timeline(id)
    expect(timeline.map((e) => e.event)).toEqual(['SUBMIT', 'RETURN', 'RESUBMIT', 'ACCEPT'])
  })

  it('refuses a forbidden action with the reason the library gives', async () => {
    const id = await registerAtLoket(9, '1995-06-15', 'P')
    await login('admin')
    await page.goto(url(`/kasus/${id}`))
    expect(await page.locator('form.action').count()).toBe(0)
    const view = await service().get(id)
    // What the library says to this actor and event, asked directly (a refused command changes nothing).
    const admin: Actor = { id: 'demo-admin', role: 'admin' }
    const reason = await service()
      .act(id, { type: 'ACCEPT', verified: [] }, { actor: admin, expectedVersion: view.version })
      .then(
        () => 'accepted',
        (e: Error) => e.message,
      )
    expect(reason).not.toBe('accepted')
    // The admin forges the accept form the page did not offer (with a valid CSRF token).
    const [response] = await Promise.all([
      page.waitForNavigation(),
      // A page script (a string: the tests compile without the DOM library).
      page.evaluate(`(() => {
        const fields = { type: 'ACCEPT', expectedVersion: ${JSON.stringify(String(view.version))} }
        const form = document.createElement('form')
        form.method = 'post'
        form.action = ${JSON.stringify(`/kasus/${id}/aksi`)}
        fields._csrf = document.querySelector('input[name="_csrf"]').value
        for (const [name, value] of Object.entries(fields)) {
          const input = document.createElement('input')
          input.type = 'hidden'
          input.name = name
          input.value = value
          form.append(input)
        }
        document.body.append(form)
        form.submit()
      })()`),
    ])
    expect(response?.status()).toBe(403)
    expect(await page.textContent('.notice.error')).toBe(reason)
    expect((await service().get(id)).version).toBe(view.version)
    await inspectScreen(page, 'kasus-ditolak-aksi')
  })

  it('retries a delivery incident from the case page', async () => {
    await login('operator')
    const [withIncident] = (await service().list({ incident: true })).items
    expect(withIncident).toBeDefined()
    const id = withIncident?.id ?? ''
    await page.goto(url(`/kasus/${id}`))
    const open = (await service().get(id)).incidents.filter((i) => i.status === 'open')
    expect(open.length).toBeGreaterThan(0)
    expect(await page.locator('.incident form[data-action="RETRY_INCIDENT"]').count()).toBe(open.length)
    expect(await page.locator('.incident form[data-action="RESOLVE_INCIDENT"]').count()).toBe(open.length)
    await inspectScreen(page, 'kasus-insiden')
    for (let i = 0; i < open.length; i++) expect(await act('RETRY_INCIDENT')).toBe(200)
    // The simulator is healthy again: the worker delivers what was retried, and no incident stays.
    await eventually(async () => (await service().get(id)).incidents.length === 0)
    await page.reload()
    expect(await page.locator('.incident').count()).toBe(0)
    expect(await page.locator('table .delivery-failed').count()).toBe(0)
  })

  it('tracks a case by code and date of birth with the NIK masked, refuses a wrong pair alike, and limits wrong attempts', async () => {
    const [sample] = (await service().list({ state: 'dikembalikan' })).items
    if (!sample) throw new Error('no returned demo case')
    const applicant = (sample.application as { applicant: { nik: string; birthDate: string } }).applicant
    await page.goto(url('/lacak'))
    await inspectScreen(page, 'lacak')
    const track = async (code: string, birthDate: string) => {
      await page.fill('#lacak-code', code)
      await page.fill('#lacak-birth', birthDate)
      const [response] = await Promise.all([
        page.waitForNavigation(),
        page.click('form[action="/lacak"] button'),
      ])
      return response?.status()
    }
    // A returned case's clock is paused: its due instant is projected from the moment it is read, so
    // in office hours it moves with the clock. The page's must lie between a read before and after.
    const dueBefore = (await service().get(sample.id)).sla.dueAt ?? ''
    expect(await track(sample.trackingCode, applicant.birthDate)).toBe(200)
    const dueAfter = (await service().get(sample.id)).sla.dueAt ?? ''
    expect(await page.textContent('#track-nik')).toBe(
      `${applicant.nik.slice(0, 2)}**********${applicant.nik.slice(-4)}`,
    )
    expect(await page.content()).not.toContain(applicant.nik)
    const shownDue = (await page.getAttribute('#track-due time', 'datetime')) ?? ''
    expect(dueBefore).not.toBe('')
    expect(shownDue >= dueBefore && shownDue <= dueAfter, `${dueBefore} <= ${shownDue} <= ${dueAfter}`).toBe(
      true,
    )
    await inspectScreen(page, 'lacak-ditemukan')

    expect(await track(sample.trackingCode, '1990-01-01')).toBe(404)
    const wrongDate = await page.textContent('.notice.error')
    expect(wrongDate).toBe('Kode lacak dan tanggal lahir tidak cocok dengan berkas mana pun.')
    expect(await page.locator('#track-nik').count()).toBe(0)
    await inspectScreen(page, 'lacak-salah')
    expect(await track('AK1-000000-99999', applicant.birthDate)).toBe(404)
    expect(await page.textContent('.notice.error')).toBe(wrongDate)
    expect(await track(sample.trackingCode, '1990-01-02')).toBe(404)
    // Three wrong attempts: even the right pair is refused now.
    expect(await track(sample.trackingCode, applicant.birthDate)).toBe(429)
    expect(await page.textContent('.notice.error')).toMatch(
      /^Terlalu banyak percobaan yang salah\. Coba lagi dalam \d+ menit\.$/,
    )
    expect(await page.locator('#track-nik').count()).toBe(0)
    await inspectScreen(page, 'lacak-dibatasi')
  })
})
