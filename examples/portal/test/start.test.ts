import { type ChildProcess, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { demoPerson } from '../src/seed'

const script = fileURLToPath(new URL('../scripts/start.mjs', import.meta.url))
const dataDir = mkdtempSync(join(tmpdir(), 'ak1-start-'))
let child: ChildProcess | undefined

afterAll(() => {
  if (child && child.exitCode === null) child.kill('SIGKILL')
  rmSync(dataDir, { recursive: true, force: true })
})

/** Waits until `pattern` appears in the child's output. */
function waitFor(proc: ChildProcess, output: { text: string }, pattern: RegExp): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const match = pattern.exec(output.text)
      if (match) resolve(match)
    }
    proc.stdout?.on('data', check)
    proc.on('exit', (code) => reject(new Error(`exited with ${code} before ${pattern}: ${output.text}`)))
    check()
  })
}

describe('the start script (what `npm start` runs)', () => {
  it('builds and serves the portal on 127.0.0.1 in Indonesian, keeps personal data sealed on disk, and stops cleanly on SIGINT', async () => {
    const output = { text: '' }
    child = spawn(process.execPath, [script], {
      env: {
        ...process.env,
        PORT: '0',
        AK1_DATA_DIR: dataDir,
        AK1_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    child.stdout?.on('data', (chunk: Buffer) => {
      output.text += chunk.toString()
    })
    child.stderr?.on('data', (chunk: Buffer) => {
      output.text += chunk.toString()
    })
    const [, url] = await waitFor(child, output, /berjalan di (http:\/\/127\.0\.0\.1:\d+)/)
    for (const role of ['petugas', 'operator', 'admin', 'camat', 'petugas_informasi', 'kepala_seksi']) {
      expect(output.text).toMatch(new RegExp(`\\b${role}\\b.*demo-${role.replaceAll('_', '-')}`))
    }
    const response = await fetch(`${url}/`)
    expect(response.status).toBe(200)
    const page = await response.text()
    expect(page).toContain('<html lang="id">')
    expect(page).toContain('Layanan AK-1 (Kartu Pencari Kerja)')

    const exited = new Promise<number | null>((resolve) => child?.on('exit', (code) => resolve(code)))
    child.kill('SIGINT')
    expect(await exited).toBe(0)
    expect(output.text).toContain('SIGINT: menghentikan portal')

    // The seeded applicants' NIKs and names are nowhere in clear in the data folder.
    const files = readdirSync(dataDir).filter((f) => f.startsWith('ak1.sqlite'))
    expect(files).toContain('ak1.sqlite')
    const bytes = Buffer.concat(files.map((f) => readFileSync(join(dataDir, f))))
    const person = demoPerson(1, '2001-05-14', 'P')
    expect(bytes.includes(Buffer.from(person.nik))).toBe(false)
    expect(bytes.includes(Buffer.from(person.name))).toBe(false)
    expect(bytes.subarray(0, 15).toString()).toBe('SQLite format 3')
    expect(existsSync(join(dataDir, 'ak1.key'))).toBe(false)
  })
})
