import { createHash } from 'node:crypto'
import Database from 'better-sqlite3'

/** What a child printed after `store.commit` resolved. */
export interface Ack {
  command: string
  caseId: string
  version: number
  seq: number
  final: boolean
}

interface Entry {
  caseId: string
  seq: number
  to: string
  commandId?: string
  prevHash: string
  hash: string
}

/** JSON with sorted keys, as the engine hashes audit entries (kept apart from the fixture on purpose). */
function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null'
  if (Array.isArray(value))
    return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`
  const record = value as Record<string, unknown>
  const keys = Object.keys(record)
    .filter((k) => record[k] !== undefined)
    .sort()
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(record[k])}`).join(',')}}`
}

const finalStates = new Set(['selesai', 'ditolak', 'dibatalkan'])

/**
 * Opens the file as SQLite would after a crash (recovering the WAL) and lists every broken promise:
 * integrity, acknowledged commits with their audit entry, outbox and due rows, whole commands only,
 * no lost or doubled outbox row, intact audit chains, gap-free sequences. Empty when all holds.
 */
export function verifyFile(file: string, acks: Ack[], options: { registerOnce?: boolean } = {}): string[] {
  const problems: string[] = []
  const db = new Database(file)
  try {
    const integrity = db.pragma('integrity_check', { simple: true })
    if (integrity !== 'ok') problems.push(`integrity_check: ${integrity}`)
    const fk = db.pragma('foreign_key_check') as unknown[]
    if (fk.length) problems.push(`foreign_key_check: ${JSON.stringify(fk)}`)

    const cases = new Map(
      (
        db.prepare('SELECT id, version, state, final, body FROM ak1_cases').all() as Array<{
          id: string
          version: number
          state: string
          final: number
          body: string
        }>
      ).map((r) => [r.id, { ...r, data: (JSON.parse(r.body) as { data: Record<string, unknown> }).data }]),
    )
    const entries = (
      db.prepare('SELECT entry FROM ak1_audit ORDER BY case_id, seq').pluck().all() as string[]
    ).map((e) => JSON.parse(e) as Entry)
    const byCommand = new Map(entries.filter((e) => e.commandId).map((e) => [e.commandId!, e]))
    const commands = new Map(
      (
        db.prepare('SELECT id, case_id FROM ak1_commands').all() as Array<{ id: string; case_id: string }>
      ).map((r) => [r.id, r.case_id]),
    )
    const outbox = db.prepare('SELECT id FROM ak1_outbox').pluck().all() as string[]
    const outboxSet = new Set(outbox)
    const due = db.prepare('SELECT id, case_id, status FROM ak1_due').all() as Array<{
      id: string
      case_id: string
      status: string
    }>
    const dueSet = new Set(due.map((d) => d.id))

    for (const ack of acks) {
      if (commands.get(ack.command) !== ack.caseId)
        problems.push(`acknowledged ${ack.command}: command row missing`)
      const c = cases.get(ack.caseId)
      if (!c || c.version < ack.version)
        problems.push(`acknowledged ${ack.command}: case ${ack.caseId} v${ack.version} lost`)
      const e = byCommand.get(ack.command)
      if (!e || e.caseId !== ack.caseId || e.seq !== ack.seq)
        problems.push(`acknowledged ${ack.command}: audit entry missing`)
      for (const n of ['o1', 'o2'])
        if (!outboxSet.has(`${ack.command}:${n}`))
          problems.push(`acknowledged ${ack.command}: outbox ${n} missing`)
      if (!ack.final && !dueSet.has(`${ack.command}:d`))
        problems.push(`acknowledged ${ack.command}: due row missing`)
    }

    // Every command is whole, acknowledged or not: no command row without its writes, nor the reverse.
    for (const [id, caseId] of commands) {
      const e = byCommand.get(id)
      if (!e || e.caseId !== caseId) problems.push(`command ${id}: no audit entry`)
      for (const n of ['o1', 'o2'])
        if (!outboxSet.has(`${id}:${n}`)) problems.push(`command ${id}: outbox ${n} missing`)
      if (e && !finalStates.has(e.to) && !dueSet.has(`${id}:d`))
        problems.push(`command ${id}: due row missing`)
    }
    for (const e of entries)
      if (!e.commandId || !commands.has(e.commandId))
        problems.push(`audit ${e.caseId}#${e.seq}: no command row`)
    if (outbox.length !== 2 * commands.size || outboxSet.size !== outbox.length)
      problems.push(`outbox rows ${outbox.length} for ${commands.size} commands`)
    for (const id of outboxSet)
      if (!commands.has(id.slice(0, id.lastIndexOf(':')))) problems.push(`outbox ${id}: no command`)
    for (const d of due)
      if (!commands.has(d.id.slice(0, d.id.lastIndexOf(':')))) problems.push(`due ${d.id}: no command`)

    // Audit chains: seq 1..n, each linked to the previous hash and hashing to itself; n = version.
    const trails = new Map<string, Entry[]>()
    for (const e of entries) trails.set(e.caseId, [...(trails.get(e.caseId) ?? []), e])
    for (const [id, c] of cases) {
      const trail = trails.get(id) ?? []
      let prev = '0'.repeat(64)
      trail.forEach((e, i) => {
        const { hash, ...rest } = e
        const recomputed = createHash('sha256').update(canonicalJson(rest)).digest('hex')
        if (e.seq !== i + 1 || e.prevHash !== prev || recomputed !== hash)
          problems.push(`case ${id}: chain broken at ${e.seq}`)
        prev = hash
      })
      if (trail.length !== c.version)
        problems.push(`case ${id}: ${trail.length} audit entries at version ${c.version}`)
      const pending = due.filter((d) => d.case_id === id && d.status === 'pending').length
      if (pending !== (c.final ? 0 : 1)) problems.push(`case ${id}: ${pending} pending due rows`)
    }

    // Sequences: the stored value is the count, and the numbers handed out are 1..n, once each.
    const sequence = (name: string) =>
      (db.prepare('SELECT value FROM ak1_sequences WHERE name = ?').pluck().get(name) as
        | number
        | undefined) ?? 0
    const numbers = (field: string) =>
      [...cases.values()]
        .map((c) => c.data[field])
        .filter((v): v is number => typeof v === 'number')
        .sort((a, b) => a - b)
    const gapFree = (values: number[]) => values.every((v, i) => v === i + 1)
    const tracking = numbers('tracking')
    if (tracking.length !== cases.size || !gapFree(tracking) || sequence('tracking') !== tracking.length)
      problems.push(
        `tracking numbers not 1..${cases.size}: ${tracking.join(',')} (stored ${sequence('tracking')})`,
      )
    if (options.registerOnce !== false) {
      const register = numbers('register')
      if (!gapFree(register) || sequence('register') !== register.length)
        problems.push(`register numbers not gap-free: ${register.join(',')} (stored ${sequence('register')})`)
    }
  } finally {
    db.close()
  }
  return problems
}
