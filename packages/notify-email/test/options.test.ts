import { type ConfigError, isAk1Error } from '@ak1/core/ports'
import { describe, expect, it } from 'vitest'
import {
  createEmailNotifier,
  decodeMessageId,
  type EmailNotifierOptions,
  encodeMessageId,
} from '../src/index'

const smtp = { host: '127.0.0.1', port: 2525 }
const from = 'kec@example.go.id'

function configError(options: unknown): ConfigError {
  let caught: unknown
  try {
    createEmailNotifier(options as EmailNotifierOptions)
  } catch (error) {
    caught = error
  }
  expect(isAk1Error(caught) && (caught as ConfigError).code).toBe('CONFIG')
  return caught as ConfigError
}

describe('createEmailNotifier options', () => {
  it('accepts smtp options and builds an email notifier without connecting', () => {
    const notifier = createEmailNotifier({
      smtp: {
        ...smtp,
        secure: false,
        auth: { user: 'ak1', pass: 'x' },
        tls: { servername: 'smtp.example.go.id' },
      },
      from: { name: 'Kecamatan Balongbendo', address: from },
      replyTo: '"Pelayanan, AK-1" <pelayanan@example.go.id>',
      headers: { 'X-Kecamatan': 'Balongbendo' },
      messageIdDomain: 'ak1.local',
      timeoutMs: 5000,
    })
    expect(notifier.id).toBe('smtp')
    expect(notifier.channels).toEqual(['email'])
    expect(notifier.capabilities).toEqual({ deliveryReports: false, deduplicates: false })
  })

  it('refuses neither or both of smtp and transport, naming smtp', () => {
    expect(configError({ from }).keys).toEqual(['smtp'])
    const transport = { sendMail: async () => ({}) }
    const both = configError({ smtp, transport, from })
    expect(both.keys).toEqual(['smtp'])
    expect(both.message).toContain('isi tepat satu dari `smtp` atau `transport`')
    expect(both.messageEn).toContain('give exactly one of `smtp` or `transport`')
  })

  it('refuses a missing or malformed from, naming it, in Indonesian and English', () => {
    const missing = configError({ smtp })
    expect(missing.keys).toEqual(['from'])
    expect(missing.message).toMatch(/^Opsi createEmailNotifier tidak valid: from: /)
    for (const bad of [
      'kecamatan',
      'a@b.com, c@d.com',
      'x@y.z, Kec <kec@example.go.id>',
      'Kec <kec@example.go.id>\r\nBcc: x@y.z',
      { address: from },
    ]) {
      const error = configError({ smtp, from: bad })
      expect(error.keys).toEqual(['from'])
      expect(error.messageEn).toContain('from: must be one e-mail address')
    }
  })

  it('names each bad nested key: port, host, auth, timeoutMs, messageIdDomain, replyTo', () => {
    const error = configError({
      smtp: { host: '', port: 70_000, auth: { user: 'ak1' } },
      from,
      replyTo: 'bukan alamat',
      timeoutMs: 0,
      messageIdDomain: 'bad domain',
    })
    expect([...error.keys].sort()).toEqual(
      ['messageIdDomain', 'replyTo', 'smtp.auth.pass', 'smtp.host', 'smtp.port', 'timeoutMs'].sort(),
    )
    expect(error.message).toContain('smtp.auth.pass: wajib diisi')
    expect(error.messageEn).toContain('smtp.port: must be at most 65535')
  })

  it('refuses unknown keys, a transport without sendMail, and reserved or malformed headers', () => {
    expect(configError({ smtp, from, pool: true }).keys).toEqual(['pool'])
    expect(configError({ smtp: { ...smtp, user: 'x' }, from }).keys).toEqual(['smtp.user'])
    expect(configError({ transport: {}, from }).keys).toEqual(['transport'])
    const reserved = configError({ smtp, from, headers: { 'Message-ID': '<x@y>' } })
    expect(reserved.keys).toEqual(['headers.Message-ID'])
    expect(reserved.messageEn).toContain('the notifier sets this header itself')
    expect(configError({ smtp, from, headers: { 'X-A': 'a\r\nBcc: b@c.d' } }).keys).toEqual(['headers.X-A'])
    expect(configError({ smtp, from, headers: { 'X A': 'a' } }).keys).toEqual(['headers.X A'])
  })
})

describe('encodeMessageId / decodeMessageId', () => {
  it('keeps a typical outbox id readable', () => {
    expect(encodeMessageId('c_01HZX-a.12.3', 'kec.example.go.id')).toBe('<c_01HZX-a.12.3@kec.example.go.id>')
  })

  it('turns any id into a valid msg-id that decodes back to the same id', () => {
    const dotAtom = /^<[A-Za-z0-9_%-]+(?:\.[A-Za-z0-9_%-]+)*@ak1\.local>$/
    for (const id of ['.x', 'x.', 'a..b', 'a@b', 'a b<c>', '50%', 'ñandú/💡', 'c_1.2.3', '...', 'x"y\\z']) {
      const header = encodeMessageId(id, 'ak1.local')
      expect(header, id).toMatch(dotAtom)
      expect(decodeMessageId(header), id).toBe(id)
    }
  })

  it('returns null for a Message-ID it did not write', () => {
    expect(decodeMessageId('not-a-message-id')).toBeNull()
    expect(decodeMessageId('<a%zz@x>')).toBeNull()
    expect(decodeMessageId('<a@b@c>')).toBeNull()
  })
})
