import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type RunningPortal, startPortal } from '../src/portal'
import { inspectScreen, launchBrowser } from './browser'

let portal: RunningPortal
let browser: Awaited<ReturnType<typeof launchBrowser>>
let page: Page
let dataDir: string

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'ak1-portal-pengaduan-'))
  portal = await startPortal({ port: 0, dataDir, encryptionKey: randomBytes(32).toString('hex') })
  browser = await launchBrowser()
  page = browser.context.pages()[0] ?? (await browser.context.newPage())
})

afterAll(async () => {
  await browser?.close()
  await portal?.close()
  if (dataDir) rmSync(dataDir, { recursive: true, force: true })
})

const url = (path: string) => `${portal.url}${path}`

async function login(role: string): Promise<void> {
  await page.goto(url('/masuk'))
  await page.check(`#role-${role}`)
  await Promise.all([page.waitForURL(/\/kerja/), page.click('form[action="/masuk"] button[type="submit"]')])
}

async function submit(form: string): Promise<number> {
  const [response] = await Promise.all([
    page.waitForNavigation(),
    page.click(`${form} button[type="submit"]`),
  ])
  return response?.status() ?? 0
}

const row = (n: number) => page.locator(`tr[data-number="${n}"]`)

describe('the Buku Pengaduan, the kotak saran, the SKM and the report in Chromium', () => {
  it('records a telephone complaint, reports it, the Kepala Seksi follows it up and closes it', async () => {
    await login('petugas_informasi')
    await page.goto(url('/pengaduan'))
    await inspectScreen(page, 'pengaduan')
    await page.fill('#p-content', '')
    expect(await submit('form[action="/pengaduan"]')).toBe(422)
    expect(await page.textContent('[role="alert"]')).toContain(
      'isi pengaduan, saran atau masukan wajib diisi',
    )

    await page.selectOption('#p-channel', 'telepon')
    await page.fill('#p-content', 'Kartu kuning belum jadi setelah tiga hari')
    await page.fill('#p-name', 'Budi')
    await page.fill('#p-phone', '081234567890')
    expect(await submit('form[action="/pengaduan"]')).toBe(200)
    expect(await page.textContent('[role="status"]')).toContain('1/')
    await submit('tr[data-entry] form[action$="/laporkan"]')
    expect(await row(1).locator('.state').textContent()).toBe('Dilaporkan ke Kepala Seksi')

    await login('kepala_seksi')
    await page.goto(url('/pengaduan'))
    await row(1).locator('textarea').fill('Kartu dicetak hari ini, pemohon sudah ditelepon')
    expect(await submit('tr[data-entry] form[action$="/tindak-lanjut"]')).toBe(200)
    await submit('tr[data-entry] form[action$="/tutup"]')
    expect(await row(1).locator('.state').textContent()).toBe('Selesai')

    await page.goto(url('/buku-pengaduan'))
    const book = await page.textContent('table')
    expect(book).toContain('Kartu dicetak hari ini, pemohon sudah ditelepon')
    expect(book).toContain('+6281******890')
    expect(book).not.toContain('+6281234567890')
  })

  it("records the day's kotak saran with a note, an SKM response and shows them in the report", async () => {
    await login('petugas_informasi')
    await page.goto(url('/pengaduan'))
    await page.fill('#k-notes', 'Ruang tunggu panas, mohon kipas angin')
    expect(await submit('form[action="/kotak-saran"]')).toBe(200)
    expect(await page.textContent('[role="status"]')).toContain(': 1')
    expect(await row(2).textContent()).toContain('kotak_saran')
    expect(await submit('form[action="/kotak-saran"]')).toBe(422)

    await page.goto(url('/skm'))
    await page.selectOption('#skm-waktu', '2')
    expect(await submit('form[action="/skm"]')).toBe(200)
    expect(await page.textContent('[role="status"]')).toContain('Terima kasih')

    await page.goto(url('/laporan'))
    const report = await page.textContent('#laporan')
    expect(report).toContain('Pengaduan per saluran')
    expect(report).toMatch(/kotak_saran\s*1/)
    expect(report).toMatch(/Jumlah responden\s*1/)
    // 8 elements at 4 and one at 2: 34 / 9 = 3.7778, times 25 = 94.44.
    expect(report).toContain('94.44')
  })
})
