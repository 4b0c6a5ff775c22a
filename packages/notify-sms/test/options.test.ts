import { type ConfigError, isAk1Error } from '@ak1/core/ports'
import { describe, expect, it } from 'vitest'
import { createSmsNotifier, type SmsNotifierOptions } from '../src/index'

const smpp = { url: 'smpp://127.0.0.1:2775', systemId: 'kecblb', password: 'rahasia', sourceAddr: 'KEC-BLB' }

function configError(options: unknown): ConfigError {
  let caught: unknown
  try {
    createSmsNotifier(options as SmsNotifierOptions)
  } catch (error) {
    caught = error
  }
  expect(isAk1Error(caught) && caught.code, 'a ConfigError').toBe('CONFIG')
  return caught as ConfigError
}

describe('createSmsNotifier options', () => {
  it('accepts a minimal HTTP or SMPP configuration without contacting anyone', async () => {
    const http = createSmsNotifier({ http: { url: 'https://sms.example.id/v1/messages' } })
    expect(http).toMatchObject({ id: 'sms-http', channels: ['sms'] })
    const viaSmpp = createSmsNotifier({ smpp, id: 'smsc-telkom' })
    expect(viaSmpp).toMatchObject({ id: 'smsc-telkom', channels: ['sms'] })
    await viaSmpp.close()
  })

  it.each<[string, unknown, string[]]>([
    ['neither mode', {}, ['http', 'smpp']],
    ['both modes', { http: { url: 'https://sms.example.id' }, smpp }, ['http', 'smpp']],
    ['an HTTP url that is not a URL', { http: { url: 'sms.example.id' } }, ['http.url']],
    ['an HTTP url with another protocol', { http: { url: 'ftp://sms.example.id' } }, ['http.url']],
    [
      'a fetch that is not a function',
      { http: { url: 'https://sms.example.id', fetch: 'x' } },
      ['http.fetch'],
    ],
    ['a zero timeout', { http: { url: 'https://sms.example.id', timeoutMs: 0 } }, ['http.timeoutMs']],
    ['an unknown HTTP option', { http: { url: 'https://sms.example.id', tokn: 'x' } }, ['http.tokn']],
    ['an SMPP url with an http protocol', { smpp: { ...smpp, url: 'http://127.0.0.1:2775' } }, ['smpp.url']],
    [
      'an SMPP password over 8 characters',
      { smpp: { ...smpp, password: 'terlalupanjang' } },
      ['smpp.password'],
    ],
    ['no systemId', { smpp: { ...smpp, systemId: undefined } }, ['smpp.systemId']],
    [
      'a sourceAddr with + that is not E.164',
      { smpp: { ...smpp, sourceAddr: '+0318' } },
      ['smpp.sourceAddr'],
    ],
    [
      'a referenceTlv outside 0x1400-0x3FFF',
      { smpp: { ...smpp, referenceTlv: 0x0204 } },
      ['smpp.referenceTlv'],
    ],
    ['an unknown top-level option', { smpp, sender: 'KEC' }, ['sender']],
  ])('rejects %s with a ConfigError naming the keys', (_label, options, keys) => {
    const error = configError(options)
    expect(error.keys).toEqual(keys)
    expect(error.message).toMatch(/^Opsi createSmsNotifier tidak valid: /)
    expect(error.messageEn).toMatch(/^Invalid createSmsNotifier options: /)
    for (const key of keys) expect(error.message).toContain(key)
  })
})
