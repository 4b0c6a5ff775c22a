import { balongbendo, createAk1Service } from '@ak1/core'
import Database from 'better-sqlite3'
import { createSqliteStore } from '../../src/index'

/** What the engine-driving child printed after the service answered a command. */
export interface ServiceAck {
  command: string
  caseId: string
  version: number
  seq: number
  final: boolean
  outbox: string[]
}

/**
 * The checks of `verifyFile` for a file the real engine wrote: integrity, every acknowledged
 * command with its audit entry and outbox rows, no half-written command (command rows, audit
 * entries, outbox rows and due rows all belong to a whole commit), the engine's own audit
 * verification (chain and head), and tracking / register numbers unique and gap-free.
 */
export async function verifyServiceFile(file: string, acks: ServiceAck[]): Promise<string[]> {
  const problems: string[] = []
  const db = new Database(file)
  const cases = new Map<string, { version: number; dueRowIds: string[] }>()
  let registerTaken = 0
  try {
    const integrity = db.pragma('integrity_check', { simple: true })
    if (integrity !== 'ok') problems.push(`integrity_check: ${integrity}`)
    for (const r of db.prepare('SELECT id, version, body FROM ak1_cases').all() as Array<{
      id: string
      version: number
      body: string
    }>) {
      const data = (JSON.parse(r.body) as { data: { clock?: { dueRowIds?: string[] } } }).data
      cases.set(r.id, { version: r.version, dueRowIds: data.clock?.dueRowIds ?? [] })
    }
    const entries = (db.prepare('SELECT entry FROM ak1_audit').pluck().all() as string[]).map(
      (e) => JSON.parse(e) as { caseId: string; seq: number; commandId?: string },
    )
    const entryKeys = new Set(entries.map((e) => `${e.caseId}.${e.seq}`))
    const byCommand = new Map(entries.filter((e) => e.commandId).map((e) => [e.commandId!, e]))
    const commands = new Map(
      (
        db.prepare('SELECT id, case_id FROM ak1_commands').all() as Array<{ id: string; case_id: string }>
      ).map((r) => [r.id, r.case_id]),
    )
    const outbox = new Set(db.prepare('SELECT id FROM ak1_outbox').pluck().all() as string[])
    const pendingDue = new Set(
      db.prepare("SELECT id FROM ak1_due WHERE status = 'pending'").pluck().all() as string[],
    )

    for (const ack of acks) {
      if (commands.get(ack.command) !== ack.caseId)
        problems.push(`acknowledged ${ack.command}: command row missing`)
      if ((cases.get(ack.caseId)?.version ?? 0) < ack.version)
        problems.push(`acknowledged ${ack.command}: case lost`)
      const e = byCommand.get(ack.command)
      if (e?.caseId !== ack.caseId || e.seq !== ack.seq)
        problems.push(`acknowledged ${ack.command}: audit entry missing`)
      for (const id of ack.outbox)
        if (!outbox.has(id)) problems.push(`acknowledged ${ack.command}: outbox ${id} lost`)
    }
    for (const [id, caseId] of commands)
      if (byCommand.get(id)?.caseId !== caseId) problems.push(`command ${id}: no audit entry`)
    for (const e of entries)
      if (e.commandId && !commands.has(e.commandId))
        problems.push(`audit ${e.caseId}#${e.seq}: no command row`)
    for (const id of outbox)
      if (!entryKeys.has(id.slice(0, id.lastIndexOf('.')))) problems.push(`outbox ${id}: no audit entry`)
    for (const [id, c] of cases) {
      const count = entries.filter((e) => e.caseId === id).length
      if (count !== c.version) problems.push(`case ${id}: ${count} audit entries at version ${c.version}`)
      for (const due of c.dueRowIds)
        if (!pendingDue.has(due)) problems.push(`case ${id}: due row ${due} missing`)
    }
    const sequence = (name: string) =>
      db
        .prepare('SELECT coalesce(sum(value), 0) FROM ak1_sequences WHERE name = ?')
        .pluck()
        .get(name) as number
    if (sequence('tracking') !== cases.size)
      problems.push(`tracking sequence ${sequence('tracking')} for ${cases.size} cases`)
    registerTaken = sequence('register')
  } finally {
    db.close()
  }

  const store = createSqliteStore({ filename: file, plaintext: true })
  try {
    const service = createAk1Service({ standard: balongbendo, store })
    const registers: string[] = []
    for (const id of cases.keys()) {
      const verification = await service.verifyAudit(id)
      if (!verification.ok) problems.push(`case ${id}: audit ${JSON.stringify(verification)}`)
      const view = await service.get(id)
      if (view.registerNumber !== null && view.registerNumber !== undefined)
        registers.push(String(view.registerNumber))
    }
    if (new Set(registers).size !== registers.length) problems.push('a register number was given twice')
    if (registers.length !== registerTaken)
      problems.push(`${registers.length} register numbers, sequence at ${registerTaken}`)
  } finally {
    await store.close()
  }
  return problems
}
