import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { type BrowserContext, chromium, type Page } from 'playwright-core'
import { expect } from 'vitest'
import { type StartPortalOptions, startPortal } from '../src/portal'

/** Debian's Chromium; `.ci/run` installs it. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

/** Where the screenshots of every screen go (gitignored; named in the README). */
export const screenshotDir = fileURLToPath(new URL('../test-artifacts/screenshots/', import.meta.url))

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

/** A headless Chromium with a fresh profile, and how to close it (profile removed). */
export async function launchBrowser(): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  if (!existsSync(chromiumPath))
    throw new Error(`Chromium not found at ${chromiumPath}: apt-get install -y chromium`)
  const profile = mkdtempSync(join(tmpdir(), 'ak1-chromium-'))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport: { width: 1280, height: 900 },
    locale: 'id-ID',
    timezoneId: 'Asia/Jakarta',
  })
  // A loaded 2-core machine can be slow; nothing here measures speed.
  context.setDefaultTimeout(120_000)
  context.setDefaultNavigationTimeout(120_000)
  return {
    context,
    async close() {
      await context.close()
      rmSync(profile, { recursive: true, force: true })
    },
  }
}

/** Axe violations of impact serious or critical on the page as it stands. */
export async function seriousViolations(page: Page): Promise<string[]> {
  // evaluate runs through the DevTools protocol, so the page's CSP (script-src 'self') still holds.
  await page.evaluate(`${axeSource}\n;undefined`)
  const violations = await page.evaluate(async () => {
    const axe = (
      globalThis as unknown as {
        axe: {
          run(): Promise<{
            violations: Array<{ id: string; impact: string | null; nodes: Array<{ target: unknown }> }>
          }>
        }
      }
    ).axe
    const result = await axe.run()
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${JSON.stringify(v.nodes.map((n) => n.target))}`)
  })
  return violations
}

/** How far the page scrolls sideways beyond the viewport at 375 px, in pixels (0 is good). */
export async function overflowAt375(page: Page): Promise<number> {
  const size = page.viewportSize() ?? { width: 1280, height: 900 }
  await page.setViewportSize({ width: 375, height: 800 })
  const overflow = Number(await page.evaluate('document.documentElement.scrollWidth - window.innerWidth'))
  await page.screenshot({ path: join(screenshotDir, `${currentName}-375.png`), fullPage: true })
  await page.setViewportSize(size)
  return overflow
}

let currentName = 'page'

/**
 * Checks one screen: no serious or critical axe violation, no horizontal scroll at 375 px; saves
 * its screenshots (`<name>.png` at 1280 px, `<name>-375.png` at 375 px).
 */
export async function inspectScreen(page: Page, name: string): Promise<void> {
  mkdirSync(screenshotDir, { recursive: true })
  currentName = name
  expect(await seriousViolations(page), `axe on ${name}`).toEqual([])
  await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: true })
  expect(await overflowAt375(page), `horizontal scroll at 375 px on ${name}`).toBeLessThanOrEqual(0)
}

/** Polls `check` until it returns a truthy value, or fails after `timeoutMs`. */
export async function eventually<T>(
  check: () => Promise<T | undefined | null | false>,
  timeoutMs = 60_000,
): Promise<T> {
  const end = Date.now() + timeoutMs
  for (;;) {
    const value = await check()
    if (value) return value
    if (Date.now() > end) throw new Error('condition not met in time')
    await new Promise((r) => setTimeout(r, 250))
  }
}

/**
 * A portal on a fresh data folder with a Chromium page on it, for one journey file: `close` stops
 * both and removes the folder. `login` signs in on the demo role picker.
 */
export async function openJourney(
  prefix: string,
  options: Omit<StartPortalOptions, 'port' | 'dataDir' | 'encryptionKey'> = {},
) {
  const dataDir = mkdtempSync(join(tmpdir(), prefix))
  const portal = await startPortal({
    ...options,
    port: 0,
    dataDir,
    encryptionKey: randomBytes(32).toString('hex'),
  })
  const browser = await launchBrowser()
  const page = browser.context.pages()[0] ?? (await browser.context.newPage())
  const url = (path: string) => `${portal.url}${path}`
  return {
    portal,
    page,
    url,
    async login(role: string): Promise<void> {
      await page.goto(url('/masuk'))
      await page.check(`#role-${role}`)
      await Promise.all([
        page.waitForURL(/\/kerja/),
        page.click('form[action="/masuk"] button[type="submit"]'),
      ])
    },
    async close(): Promise<void> {
      await browser.close()
      await portal.close()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}
