import type { Json, RecordPage, RecordQuery, StoredRecord } from '@ak1/core/ports'
import { ConflictError, instantMs, pageCursors, pageSize, ValidationError } from '@ak1/core/ports'
import type Database from 'better-sqlite3'
import { unreadable } from './encryption'

/** A row of `ak1_records`. @internal */
export interface RecordRow {
  id: string
  kind: string
  version: number
  office_code: string
  state: string
  case_id: string | null
  key: string | null
  attributes: string
  due_at: string | null
  final: number
  created_at: string
  updated_at: string
  body: string | Buffer
}

/** The stored values of a record that the commit compares. @internal */
export interface RecordIndexed {
  kind: string
  version: number
  key: string | null
  officeCode: string
}

/** How the store seals and opens a body (its codec, with the AAD). @internal */
export interface BodyCodec {
  write(value: Json, aad: string): string | Buffer
  read<T = Json>(value: string | Buffer, aad: string): T
}

const recordColumns =
  'id, kind, version, office_code, state, case_id, key, attributes, due_at, final, created_at, updated_at, body'

/** The records part of the SQLite store: statements, the commit's write, queries. @internal */
export interface SqliteRecords {
  indexed(id: string): RecordIndexed | undefined
  exists(id: string): boolean
  /** Writes the record of a commit (insert or versioned update), checking its key per office and kind. */
  write(old: RecordIndexed | undefined, next: StoredRecord, expected: number | null): boolean
  load(kind: string, id: string): StoredRecord | null
  list(query: RecordQuery): RecordPage
}

/** Prepares the statements of the records table. @internal */
export function createSqliteRecords(
  db: Database.Database,
  codec: BodyCodec,
  prepared: (sql: string) => Database.Statement,
): SqliteRecords {
  const s = {
    indexed: db.prepare('SELECT kind, version, key, office_code AS officeCode FROM ak1_records WHERE id = ?'),
    load: db.prepare(`SELECT ${recordColumns} FROM ak1_records WHERE id = ? AND kind = ?`),
    keyHolder: db
      .prepare('SELECT id FROM ak1_records WHERE office_code = ? AND kind = ? AND key = ?')
      .pluck(),
    insert: db.prepare(
      `INSERT INTO ak1_records (id, kind, version, office_code, state, case_id, key, attributes, due_at, due_ms, final,
         created_at, created_ms, updated_at, body)
       VALUES (@id, @kind, @version, @officeCode, @state, @caseId, @key, @attributes, @dueAt, @dueMs, @final,
         @createdAt, @createdMs, @updatedAt, @body)`,
    ),
    update: db.prepare(
      `UPDATE ak1_records SET version = @version, office_code = @officeCode, state = @state, case_id = @caseId,
         key = @key, attributes = @attributes, due_at = @dueAt, due_ms = @dueMs, final = @final,
         created_at = @createdAt, created_ms = @createdMs, updated_at = @updatedAt, body = @body
       WHERE id = @id AND version = @expected`,
    ),
  }

  const toRecord = (row: RecordRow): StoredRecord => {
    const aad = `record:${row.id}`
    const body = codec.read<{ personal: Json; data: Json }>(row.body, aad)
    let attributes: StoredRecord['attributes']
    try {
      attributes = JSON.parse(row.attributes) as StoredRecord['attributes']
    } catch (error) {
      throw unreadable(`${aad}:attributes`, error)
    }
    if (body === null || typeof body !== 'object') throw unreadable(aad, new Error('not an object'))
    return {
      kind: row.kind,
      id: row.id,
      version: row.version,
      officeCode: row.office_code,
      state: row.state,
      caseId: row.case_id,
      key: row.key,
      attributes,
      dueAt: row.due_at,
      final: row.final === 1,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      personal: body.personal,
      data: body.data,
    }
  }

  return {
    indexed: (id) => s.indexed.get(id) as RecordIndexed | undefined,
    exists: (id) => s.indexed.get(id) !== undefined,
    write(old, next, expected) {
      checkRecord(next)
      if (next.key != null && (old?.key !== next.key || old.officeCode !== next.officeCode)) {
        const holder = s.keyHolder.get(next.officeCode, next.kind, next.key) as string | undefined
        if (holder !== undefined && holder !== next.id)
          throw new ConflictError(
            `Kunci ${next.key} (${next.kind}) sudah dipakai di kantor ${next.officeCode}.`,
            {
              messageEn: `Key ${next.key} (${next.kind}) is already used at office ${next.officeCode}.`,
            },
          )
      }
      const row = {
        id: next.id,
        kind: next.kind,
        version: next.version,
        officeCode: next.officeCode,
        state: next.state,
        caseId: next.caseId ?? null,
        key: next.key ?? null,
        attributes: JSON.stringify(next.attributes),
        dueAt: next.dueAt ?? null,
        dueMs: next.dueAt == null ? null : instantMs(next.dueAt, ['record', 'dueAt']),
        final: next.final ? 1 : 0,
        createdAt: next.createdAt,
        createdMs: instantMs(next.createdAt, ['record', 'createdAt']),
        updatedAt: next.updatedAt,
        body: codec.write({ personal: next.personal, data: next.data }, `record:${next.id}`),
      }
      if (expected === null) {
        s.insert.run(row)
        return true
      }
      return s.update.run({ ...row, expected }).changes === 1
    },
    load(kind, id) {
      const row = s.load.get(id, kind) as RecordRow | undefined
      return row ? toRecord(row) : null
    },
    list(query) {
      const limit = pageSize(query.limit)
      const where = ['office_code = ?', 'kind = ?']
      const params: unknown[] = [query.officeCode, query.kind]
      if (query.cursor !== undefined) {
        where.push('id > ?')
        params.push(...pageCursors.decode(query.cursor, 'r', ['string']))
      }
      if (query.state !== undefined) {
        const states = [query.state].flat()
        where.push(`state IN (${states.map(() => '?').join(', ')})`)
        params.push(...states)
      }
      if (query.caseId !== undefined) {
        where.push('case_id = ?')
        params.push(query.caseId)
      }
      if (query.key !== undefined) {
        where.push('key = ?')
        params.push(query.key)
      }
      if (query.final !== undefined) {
        where.push('final = ?')
        params.push(query.final ? 1 : 0)
      }
      if (query.createdFrom !== undefined) {
        where.push('created_ms >= ?')
        params.push(instantMs(query.createdFrom, ['createdFrom']))
      }
      if (query.createdTo !== undefined) {
        where.push('created_ms < ?')
        params.push(instantMs(query.createdTo, ['createdTo']))
      }
      for (const [name, value] of Object.entries(query.attributes ?? {})) {
        if (value === null) {
          where.push('json_extract(attributes, ?) IS NULL')
          params.push(jsonPath(name))
        } else {
          // json_type tells a JSON true from the number 1, which json_extract alone does not.
          where.push('json_extract(attributes, ?) = ? AND json_type(attributes, ?) = ?')
          params.push(jsonPath(name), typeof value === 'boolean' ? (value ? 1 : 0) : value, jsonPath(name))
          params.push(
            typeof value === 'boolean'
              ? value
                ? 'true'
                : 'false'
              : typeof value === 'number'
                ? Number.isInteger(value)
                  ? 'integer'
                  : 'real'
                : 'text',
          )
        }
      }
      const sql = `SELECT ${recordColumns} FROM ak1_records WHERE ${where.join(' AND ')} ORDER BY id LIMIT ?`
      const rows = prepared(sql).all(...params, limit + 1) as RecordRow[]
      const page = rows.slice(0, limit)
      const last = page.at(-1)
      return {
        items: page.map(toRecord),
        nextCursor: rows.length > limit && last ? pageCursors.encode('r', [last.id]) : null,
      }
    },
  }
}

function jsonPath(name: string): string {
  return `$.${JSON.stringify(name)}`
}

function checkRecord(r: StoredRecord): void {
  const bad = (field: string, id: string, en: string) =>
    new ValidationError([{ path: ['record', field], rule: 'record', message: id, messageEn: en }])
  if (typeof r.kind !== 'string' || r.kind === '' || r.kind === 'case')
    throw bad(
      'kind',
      'jenis rekaman wajib diisi dan bukan "case"',
      'the record kind is required and is not "case"',
    )
  if (r.attributes === null || typeof r.attributes !== 'object' || Array.isArray(r.attributes))
    throw bad('attributes', 'attributes harus objek', 'attributes must be an object')
  for (const [name, value] of Object.entries(r.attributes)) {
    if (value !== null && !['string', 'number', 'boolean'].includes(typeof value))
      throw bad(
        'attributes',
        `atribut ${name} harus teks, angka, boolean atau null`,
        `attribute ${name} must be a string, number, boolean or null`,
      )
  }
}
