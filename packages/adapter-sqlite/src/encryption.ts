import type { Json, Sealer } from '@ak1/core/ports'
import {
  AdapterError,
  ConfigError,
  commandAad,
  isPacked,
  openCommandResult,
  textOf,
  UnknownKeyError,
} from '@ak1/core/ports'
import type Database from 'better-sqlite3'
import { markScrubPending } from './convert'
import { storeId } from './errors'

/** The encryption mode recorded in `ak1_meta` for an encrypted file. @internal */
export const encryptionMode = 'aes-256-gcm'

import { decodeKey, keyFingerprint, keyIdPattern } from './options'
import type { RotationKey, RotationResult } from './store'

/** A case body as stored: the personal data, the engine's data, and (encrypted) the NIK. @internal */
export type Body = { applicantNik?: string; personal: Json; data: Json }

/**
 * The plain text of a sealed attachment: `shaLength | sha256 | bytes`. The sha256 rides inside so
 * that a re-key can recompute the lookup hash.
 */
/** @internal */
export function frameAttachment(sha256: string, bytes: Uint8Array): Buffer {
  const sha = Buffer.from(sha256)
  return Buffer.concat([Buffer.from([sha.length]), sha, bytes])
}

/** The sha256 and bytes of a {@link frameAttachment} text. */
/** @internal */
export function unframeAttachment(plain: Buffer): { sha256: string; bytes: Buffer } {
  const length = plain[0] ?? 0
  return { sha256: plain.subarray(1, 1 + length).toString(), bytes: plain.subarray(1 + length) }
}

// ---- encryption state of the file -------------------------------------------------------------

function getMeta(db: Database.Database, key: string): string | undefined {
  return db.prepare('SELECT value FROM ak1_meta WHERE key = ?').pluck().get(key) as string | undefined
}

/** @internal */
export function setMeta(db: Database.Database, key: string, value: string): void {
  db.prepare(
    'INSERT INTO ak1_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  ).run(key, value)
}

/** Stores each key's check value, or fails when a key does not match the one filed under its id. */
/** @internal */
export function rememberKeys(db: Database.Database, sealer: Sealer): void {
  for (const id of sealer.keyIds) {
    const check = sealer.check(id)
    const stored = getMeta(db, `key:${id}`)
    if (stored === undefined) setMeta(db, `key:${id}`, check)
    else if (stored !== check)
      throw new ConfigError(`Kunci enkripsi dengan id ${id} bukan kunci yang dipakai berkas ini.`, {
        messageEn: `The encryption key with id ${id} is not the key this file was encrypted with.`,
        keys: ['encryptionKey'],
      })
  }
}

/**
 * Checks the keys against the file at open, and encrypts a clear file when a key is given, all in
 * one transaction.
 */
/** @internal */
export function openEncryption(db: Database.Database, sealer: Sealer | undefined): void {
  db.transaction(() => {
    const mode = getMeta(db, 'encryption') ?? 'none'
    if (!sealer) {
      if (mode !== 'none') throw encryptedWithoutKey()
      setMeta(db, 'encryption', 'none')
      return
    }
    rememberKeys(db, sealer)
    if (mode === 'none') {
      markScrubPending(db)
      reseal(db, undefined, sealer)
      setMeta(db, 'encryption', encryptionMode)
      setMeta(db, 'keys_in_use', JSON.stringify([sealer.currentId]))
      return
    }
    const inUse = JSON.parse(getMeta(db, 'keys_in_use') ?? '[]') as string[]
    const missing = inUse.filter((id) => !sealer.keyIds.includes(id))
    if (missing.length)
      throw new ConfigError(
        `Berkas ini dienkripsi dengan kunci ${missing.join(', ')} yang tidak ada di encryptionKey.`,
        {
          messageEn: `This file is encrypted with key(s) ${missing.join(', ')} missing from encryptionKey.`,
          keys: ['encryptionKey'],
        },
      )
    if (!inUse.includes(sealer.currentId))
      setMeta(db, 'keys_in_use', JSON.stringify([...inUse, sealer.currentId]))
  }).immediate()
}

/**
 * Re-encrypts every sealed column from `from` (or from clear text) to `to`, and recomputes the
 * lookup hashes. Runs inside the caller's transaction; pages by primary key, never holding a read
 * cursor while it writes.
 */
/** @internal */
export function reseal(
  db: Database.Database,
  from: Sealer | undefined,
  to: Sealer,
): Omit<RotationResult, 'keyId'> {
  const open = (value: string | Buffer, aad: string): Buffer => {
    if (typeof value === 'string') return Buffer.from(value)
    if (isPacked(value)) return value
    if (!from) throw encryptedWithoutKey()
    return from.open(value, aad)
  }
  const counts = { cases: 0, records: 0, auditEntries: 0, commands: 0, outboxRows: 0, attachments: 0 }
  const page = 500

  const casePage = db.prepare('SELECT id, nik_lookup, body FROM ak1_cases WHERE id > ? ORDER BY id LIMIT ?')
  const caseUpdate = db.prepare('UPDATE ak1_cases SET nik_lookup = ?, body = ? WHERE id = ?')
  for (let after = ''; ; ) {
    const rows = casePage.all(after, page) as Array<{ id: string; nik_lookup: string; body: string | Buffer }>
    if (!rows.length) break
    for (const r of rows) {
      const aad = `case:${r.id}`
      const plain = open(r.body, aad)
      const body = JSON.parse(textOf(plain)) as Body
      const nik = body.applicantNik ?? r.nik_lookup
      const sealed = to.seal(JSON.stringify({ ...body, applicantNik: nik }), aad)
      caseUpdate.run(to.lookup('nik', nik), sealed, r.id)
      counts.cases++
    }
    after = rows.at(-1)?.id ?? after
  }

  /** Re-seals the `body` column of a table keyed by `id`, each row bound to `${prefix}:${id}`; its row count. */
  const resealBodies = (table: 'ak1_case_cold' | 'ak1_records', prefix: string): number => {
    const bodyPage = db.prepare(`SELECT id, body FROM ${table} WHERE id > ? ORDER BY id LIMIT ?`)
    const bodyUpdate = db.prepare(`UPDATE ${table} SET body = ? WHERE id = ?`)
    let count = 0
    for (let after = ''; ; ) {
      const rows = bodyPage.all(after, page) as Array<{ id: string; body: string | Buffer }>
      if (!rows.length) break
      for (const r of rows) {
        const aad = `${prefix}:${r.id}`
        bodyUpdate.run(to.seal(open(r.body, aad), aad), r.id)
        count++
      }
      after = rows.at(-1)?.id ?? after
    }
    return count
  }
  // The cold parts of the case bodies (schema 5): counted with their cases.
  resealBodies('ak1_case_cold', 'case-cold')
  counts.records = resealBodies('ak1_records', 'record')

  const auditPage = db.prepare(
    'SELECT case_id, seq, entry FROM ak1_audit WHERE (case_id, seq) > (?, ?) ORDER BY case_id, seq LIMIT ?',
  )
  const auditUpdate = db.prepare('UPDATE ak1_audit SET entry = ? WHERE case_id = ? AND seq = ?')
  for (let afterCase = '', afterSeq = 0; ; ) {
    const rows = auditPage.all(afterCase, afterSeq, page) as Array<{
      case_id: string
      seq: number
      entry: string | Buffer
    }>
    if (!rows.length) break
    for (const r of rows) {
      const aad = `audit:${r.case_id}:${r.seq}`
      auditUpdate.run(to.seal(open(r.entry, aad), aad), r.case_id, r.seq)
      counts.auditEntries++
    }
    const last = rows.at(-1)
    if (last) {
      afterCase = last.case_id
      afterSeq = last.seq
    }
  }

  // Command rows are keyed by (scope, id): one id may be used in two offices, so page and update by both.
  const commandPage = db.prepare(
    'SELECT scope, id, result FROM ak1_commands WHERE (scope, id) > (?, ?) ORDER BY scope, id LIMIT ?',
  )
  const commandUpdate = db.prepare('UPDATE ak1_commands SET result = ? WHERE scope = ? AND id = ?')
  for (let afterScope = '', afterId = ''; ; ) {
    const rows = commandPage.all(afterScope, afterId, page) as Array<{
      scope: string
      id: string
      result: string | Buffer
    }>
    if (!rows.length) break
    for (const r of rows) {
      // Opened under its scope and id (or, sealed before, its id alone); re-sealed under both.
      const plain = openCommandResult(open, r)
      commandUpdate.run(to.seal(plain, commandAad(r.scope, r.id)), r.scope, r.id)
      counts.commands++
    }
    const last = rows.at(-1)!
    afterScope = last.scope
    afterId = last.id
  }

  const outboxPage = db.prepare(
    `SELECT case_id, seq, id, payload, last_error, result FROM ak1_outbox WHERE (case_id, seq) > (?, ?)
     ORDER BY case_id, seq LIMIT ?`,
  )
  const outboxUpdate = db.prepare(
    'UPDATE ak1_outbox SET payload = ?, last_error = ?, result = ? WHERE case_id = ? AND seq = ?',
  )
  for (let afterCase = '', afterSeq = 0; ; ) {
    const rows = outboxPage.all(afterCase, afterSeq, page) as Array<{
      case_id: string
      seq: number
      id: string
      payload: string | Buffer
      last_error: string | Buffer | null
      result: string | Buffer | null
    }>
    if (!rows.length) break
    for (const r of rows) {
      const re = (v: string | Buffer | null, column: string) => {
        if (v === null) return null
        const aad = `outbox:${r.id}:${column}`
        return to.seal(open(v, aad), aad)
      }
      outboxUpdate.run(
        re(r.payload, 'payload'),
        re(r.last_error, 'last_error'),
        re(r.result, 'result'),
        r.case_id,
        r.seq,
      )
      counts.outboxRows++
    }
    const last = rows.at(-1)
    if (last) {
      afterCase = last.case_id
      afterSeq = last.seq
    }
  }

  const attachmentPage = db.prepare(
    'SELECT rowid, lookup, bytes FROM ak1_attachments WHERE rowid > ? ORDER BY rowid LIMIT ?',
  )
  const attachmentUpdate = db.prepare('UPDATE ak1_attachments SET lookup = ?, bytes = ? WHERE rowid = ?')
  for (let after = 0; ; ) {
    const rows = attachmentPage.all(after, 50) as Array<{ rowid: number; lookup: string; bytes: Buffer }>
    if (!rows.length) break
    for (const r of rows) {
      const { sha256, bytes } = from
        ? unframeAttachment(from.open(r.bytes, `attachment:${r.lookup}`))
        : { sha256: r.lookup, bytes: r.bytes }
      const lookup = to.lookup('sha256', sha256)
      attachmentUpdate.run(lookup, to.seal(frameAttachment(sha256, bytes), `attachment:${lookup}`), r.rowid)
      counts.attachments++
    }
    after = rows.at(-1)?.rowid ?? after
  }
  return counts
}

/** @internal */
export function rotationKey(key: RotationKey): { id: string; bytes: Buffer } {
  const bare = decodeKey(key)
  if (bare) return { id: keyFingerprint(bare), bytes: bare }
  const named = key as { id?: unknown; key?: unknown }
  const bytes = decodeKey(named.key)
  if (!bytes || typeof named.id !== 'string' || !keyIdPattern.test(named.id))
    throw new ConfigError('Kunci baru tidak valid: harus kunci 32 byte atau { id, key }.', {
      messageEn: 'Invalid new key: must be a 32-byte key or { id, key }.',
      keys: ['key'],
    })
  return { id: named.id, bytes }
}

/** @internal */
export function encryptedWithoutKey(): ConfigError {
  return new ConfigError(
    'Berkas ini menyimpan data pribadi terenkripsi; buka dengan opsi encryptionKey yang sama.',
    {
      messageEn: 'This file holds encrypted personal data; open it with the same encryptionKey option.',
      keys: ['encryptionKey'],
    },
  )
}

/** @internal */
export function modeChanged(): ConfigError {
  return new ConfigError(
    'Mode enkripsi berkas diubah oleh proses lain; buka ulang penyimpanan dengan opsi encryptionKey yang sesuai.',
    {
      messageEn:
        'Another process changed the encryption mode of the file; reopen the store with the matching encryptionKey option.',
      keys: ['encryptionKey'],
    },
  )
}

/** A stored value that opens but is not what was written (damaged, or edited by hand). */
/** @internal */
export function unreadable(what: string, error: unknown): AdapterError {
  return new AdapterError(`Data tersimpan ${what} rusak dan tidak dapat dibaca.`, {
    messageEn: `Stored data ${what} is damaged and cannot be read.`,
    adapterId: storeId,
    operation: 'read',
    retryable: false,
    cause: error,
  })
}

/** @internal */
export function undecryptable(what: string, error: unknown): Error {
  if (error instanceof UnknownKeyError)
    return new ConfigError(`Kunci ${error.keyId} untuk membuka ${what} tidak ada di encryptionKey.`, {
      messageEn: `The key ${error.keyId} needed to open ${what} is missing from encryptionKey.`,
      keys: ['encryptionKey'],
    })
  return new AdapterError(`Data terenkripsi ${what} tidak dapat dibuka (kunci salah atau data rusak).`, {
    messageEn: `Encrypted data ${what} cannot be opened (wrong key or damaged data).`,
    adapterId: storeId,
    operation: 'decrypt',
    retryable: false,
    cause: error,
  })
}
