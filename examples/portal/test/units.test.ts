import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { balongbendo, createAk1Service, safeParseApplication } from '@ak1/core'
import { createMemoryStore } from '@ak1/core/testing'
import { describe, expect, it } from 'vitest'
import { createPortalApp } from '../src/app'
import { createMessageLog } from '../src/capture/messages'
import { loadEncryptionKey } from '../src/key'
import { demoApplication, demoPerson } from '../src/seed'
import { createAttemptLimiter } from '../src/web/attempt-limiter'
import { errorsByField, fieldOf, toApplication } from '../src/web/loket-form'
import { maskName, maskNik } from '../src/web/views'

describe('the tracking attempt limiter', () => {
  it('blocks a key after maxFailures wrong attempts in the window, and frees it when they age out', () => {
    let now = 0
    const limiter = createAttemptLimiter({ maxFailures: 2, windowMs: 1000, now: () => now })
    limiter.fail(['client:a', 'code:X'])
    expect(limiter.blockedUntil(['client:a'])).toBeNull()
    now = 100
    limiter.fail(['client:a', 'code:X'])
    expect(limiter.blockedUntil(['client:b', 'code:X'])).toBe(1000)
    expect(limiter.blockedUntil(['client:b', 'code:Y'])).toBeNull()
    now = 1001
    expect(limiter.blockedUntil(['client:a'])).toBeNull()
  })
})

describe('the loket form mapping', () => {
  it('builds an application the library accepts from complete values', () => {
    const p = demoPerson(3, '2002-01-09', 'P')
    const values: Record<string, string> = {
      'applicant.nik': p.nik,
      'applicant.kk': '3515120101199999',
      'applicant.fullName': p.name,
      'applicant.birthPlace': 'Sidoarjo',
      'applicant.birthDate': p.birthDate,
      'applicant.sex': 'P',
      'applicant.religion': 'islam',
      'applicant.maritalStatus': 'belum_kawin',
      'applicant.address.street': 'Jl. Contoh',
      'applicant.address.rt': '1',
      'applicant.address.rw': '1',
      'applicant.address.desa': 'Balongbendo',
      'applicant.address.kecamatan': 'Balongbendo',
      'applicant.address.kabupaten': 'Sidoarjo',
      'applicant.address.postcode': '61263',
      'contacts.mobile': '0812 0000 9903',
      'edu.sd.school': 'SD Contoh',
      'edu.sd.year': '2014',
      'desiredJob.category': 'Administrasi',
      'desiredJob.location': 'dalam_negeri',
      'form.completed': 'ya',
    }
    const { application, levels } = toApplication(values)
    expect(levels).toEqual(['sd'])
    const parsed = safeParseApplication(application)
    expect(parsed.success).toBe(true)
  })

  it('puts an error on the input of its education row, by level, not by array index', () => {
    expect(fieldOf(['education', 1, 'graduationYear'], ['sd', 'sma'])).toBe('edu.sma.year')
    expect(fieldOf(['applicant', 'address', 'rt'], [])).toBe('applicant.address.rt')
    const { application, levels } = toApplication({ 'edu.smp.school': 'SMP Contoh', 'edu.smp.year': '1900' })
    const result = safeParseApplication(application)
    if (result.success) throw new Error('expected errors')
    const errors = errorsByField(result.error.issues, levels, 'en')
    expect(Object.keys(errors)).toContain('applicant.nik')
    expect(errors['form.completed']?.length).toBe(1)
  })
})

describe('masking on public pages', () => {
  it('keeps the first two and last four digits of a NIK and the first letter of each word of a name', () => {
    expect(maskNik('3515125405010001')).toBe('35**********0001')
    expect(maskName('Demo Pemohon Satu')).toBe('D*** P****** S***')
  })
})

describe('the encryption key file', () => {
  it('is created once with mode 0600 and read back; AK1_ENCRYPTION_KEY wins over it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ak1-key-'))
    try {
      const file = join(dir, 'sub', 'ak1.key')
      const key = loadEncryptionKey(file, {})
      expect(key).toMatch(/^[0-9a-f]{64}$/)
      expect(statSync(file).mode & 0o777).toBe(0o600)
      expect(loadEncryptionKey(file, {})).toBe(key)
      expect(loadEncryptionKey(file, { AK1_ENCRYPTION_KEY: 'x'.repeat(64) })).toBe('x'.repeat(64))
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe('the portal app over HTTP', () => {
  const app = createPortalApp({
    service: createAk1Service({ standard: balongbendo, store: createMemoryStore() }),
    standard: balongbendo,
    messages: createMessageLog(),
    assetsDir: fileURLToPath(new URL('../public/', import.meta.url)),
    clientScript: '/* test */',
  })

  it('refuses a POST without the CSRF token of its cookie, and changes nothing', async () => {
    const response = await app.request('/masuk', {
      method: 'POST',
      body: new URLSearchParams({ role: 'admin', _csrf: 'forged' }),
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        cookie: 'ak1_csrf=abcdefghijklmnopqrstuvwxyz',
      },
    })
    expect(response.status).toBe(403)
    expect(await response.text()).toBe('Formulir kedaluwarsa (token CSRF). Muat ulang halaman.')
    expect(response.headers.get('set-cookie') ?? '').not.toContain('ak1_demo_session')
  })

  it('sets the security headers and sends staff pages to the demo login', async () => {
    const response = await app.request('/kerja')
    expect(response.status).toBe(303)
    expect(response.headers.get('location')).toBe('/masuk?lanjut=%2Fkerja')
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'")
    expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN')
    expect(response.headers.get('referrer-policy')).toBe('same-origin')
  })

  it('seeds applications the library accepts', () => {
    expect(safeParseApplication(demoApplication(demoPerson(2, '1999-08-17', 'L'))).success).toBe(true)
  })
})
