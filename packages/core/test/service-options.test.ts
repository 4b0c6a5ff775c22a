import { describe, expect, it } from 'vitest'
import { createAk1Service } from '../src/engine/service'
import { ConfigError } from '../src/errors/errors'
import { balongbendo } from '../src/standards/balongbendo'
import { createMemoryStore } from '../src/testing/index'

function configError(options: Record<string, unknown>): ConfigError {
  try {
    createAk1Service({ standard: balongbendo, store: createMemoryStore(), ...options } as never)
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError)
    return error as ConfigError
  }
  throw new Error(`createAk1Service accepted ${JSON.stringify(Object.keys(options))}`)
}

describe('createAk1Service options', () => {
  it('refuses an unknown key (a misspelt option) instead of ignoring it', () => {
    const error = configError({ maxAttachmentBytes: 1000 })
    expect(error.keys).toEqual(['maxAttachmentBytes'])
    expect(error.message).toBe('Opsi createAk1Service tidak valid: kolom tidak dikenal: maxAttachmentBytes')
    expect(error.localized('en')).toBe('Invalid createAk1Service options: unknown fields: maxAttachmentBytes')
  })

  it('names each bad key with its rule, in Indonesian and English', () => {
    const error = configError({ attachmentMaxBytes: -1, clock: {}, onEvent: 'log' })
    expect(error.keys).toEqual(['clock', 'onEvent', 'attachmentMaxBytes'])
    expect(error.message).toContain('clock: harus berupa objek dengan metode now')
    expect(error.message).toContain('onEvent: harus berupa fungsi')
    expect(error.message).toContain('attachmentMaxBytes: harus lebih dari 0')
    expect(error.localized('en')).toContain('attachmentMaxBytes: must be greater than 0')
    expect(error.localized('en')).toContain('clock: must be an object with the methods now')
    expect(error.localized('en')).toContain('onEvent: must be a function')
  })

  it('accepts every documented option', () => {
    expect(() =>
      createAk1Service({
        standard: balongbendo,
        store: createMemoryStore(),
        clock: { now: () => new Date() },
        notifiers: [],
        calendars: {},
        onEvent: () => {},
        attachmentMaxBytes: 1000,
        attachmentTypes: ['application/pdf'],
        issuance: { registerStep: 'registrasi', cardStep: 'pencetakan' },
        incidentRoles: ['admin'],
        maxCommandAttempts: 10,
        dueLeaseMs: 1000,
        workerId: 'w-1',
        outbox: {},
      }),
    ).not.toThrow()
  })
})
