import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
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

  it('keeps personal data encrypted, with a key file of its own readable by its user only', () => {
    const filename = join(dir, 'private.sqlite')
    const env = { ...process.env, AK1_KEY: '' }
    execFileSync(process.execPath, [script, filename], { encoding: 'utf8', env })
    expect(statSync(`${filename}.key`).mode & 0o777).toBe(0o600)
    expect(readFileSync(`${filename}.key`, 'utf8')).toMatch(/^[0-9a-f]{64}$/)
    const bytes = Buffer.concat(
      readdirSync(dir)
        .filter((f) => f.startsWith('private.sqlite') && !f.endsWith('.key'))
        .map((f) => readFileSync(join(dir, f))),
    )
    // sampleApplication(): NIK, KK, name, mobile, e-mail and street.
    const secrets = ['3515125405010001', '3515120101190003', 'Siti Rahmawati', '81234567890']
    for (const secret of [...secrets, 'siti.rahmawati', 'Jl. Raya Balongbendo']) {
      expect(bytes.includes(secret), secret).toBe(false)
    }
    expect(bytes.length).toBeGreaterThan(0)
  })
})
