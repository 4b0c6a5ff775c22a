import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const demo = fileURLToPath(new URL('../demo.mjs', import.meta.url))

describe('npm run demo', () => {
  it('runs a tatap-muka and an online Balongbendo case to selesai and prints their timelines', () => {
    const run = spawnSync(process.execPath, [demo], { encoding: 'utf8', timeout: 60_000 })
    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)
    const out = run.stdout
    expect(out).toContain('Kasus 1: AK-1 tatap muka')
    expect(out).toContain('Kasus 2: AK-1 online')
    expect(out.match(/Status akhir \(final state\): selesai/g)).toHaveLength(2)
    expect(out).toMatch(/penyerahan -> selesai[\s\S]*penyerahan -> selesai/)
    // The online case waited on the applicant: its due time moved.
    expect(out).toContain('dikembalikan ke pemohon')
    expect(out).toContain('Nomor register: 0001/AK1/balongbendo/2026')
    expect(out).toContain('Nomor register: 0002/AK1/balongbendo/2026')
    expect(out.match(/SMS "kartu_siap"/g)).toHaveLength(2)
    expect(out).toContain('jejak audit utuh (audit chain intact): true')
    expect(out).toContain('Semua kasus selesai (all cases done): ya (yes)')
  })
})
