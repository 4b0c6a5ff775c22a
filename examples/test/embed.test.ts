import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'

const script = fileURLToPath(new URL('../embed.mjs', import.meta.url))
const dir = mkdtempSync(join(tmpdir(), 'ak1-embed-test-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe("the README's embedding example", () => {
  it('submits a case on a SQLite file, accepts it, and delivers the diterima notices', () => {
    const filename = join(dir, 'ak1.sqlite')
    const out = execFileSync(process.execPath, [script, filename], { encoding: 'utf8' })
    expect(out).toMatch(/^AK1-\d{6}-00001: penerimaan -> pemindaian, menunggu operator$/m)
    expect(out).toContain('notices: sms:diterima, email:diterima, incidents: 0')
    // The file is real: a second run numbers the next case.
    const again = execFileSync(process.execPath, [script, filename], { encoding: 'utf8' })
    expect(again).toMatch(/^AK1-\d{6}-00002: /m)
  })
})
