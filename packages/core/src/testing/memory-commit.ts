// The memory store's commit: every check of a commit against the stored state, then its writes.
import { pendingOutboxRow } from '../engine/deliveries'
import { ConflictError } from '../errors/errors'
import type { CommitInput, StoredCase } from '../ports/case-store'
import type { StoredRecord } from '../ports/records'
import type { DueRow } from '../ports/work-queue'
import { indexCase, indexDue, indexOutbox, unindexDue } from './memory-indexes'
import { checkRecord, putRecord } from './memory-records'
import { commandKey, conflict, copy, invalid, type MemoryState, sequenceKey } from './memory-state'
import { releaseLease } from './memory-work-queue'

/**
 * Checks the whole commit against the current state and returns the function that applies it.
 * Nothing is written until every check passed, so a failing commit leaves nothing behind.
 * @internal
 */
export function planCommit(state: MemoryState, given: CommitInput): () => void {
  if ((given.case === undefined) === (given.record === undefined)) {
    throw invalid(['case'], 'aggregate', {
      id: 'commit harus membawa tepat satu dari case dan record',
      en: 'a commit must carry exactly one of case and record',
    })
  }
  const isRecord = given.record !== undefined
  const first = (given.case ?? given.record)!
  const kind = given.record?.kind ?? 'case'
  const stored = isRecord ? state.recs.records.get(first.id) : state.cases.get(first.id)
  const other = isRecord ? state.cases.has(first.id) : state.recs.records.has(first.id)
  if (other || (stored && isRecord && (stored as StoredRecord).kind !== kind)) {
    throw conflict(`Id ${first.id} sudah dipakai agregat lain`, `Id ${first.id} is used by another aggregate`)
  }
  const actual = stored?.version ?? null
  if (actual !== given.expectedVersion) throw versionConflict(first.id, given.expectedVersion, actual)

  // Sequence values are taken first, then handed to `complete`; nothing is written before the end.
  const claimed = new Map<string, number>()
  const values: number[] = []
  for (const claim of given.sequences ?? []) {
    const key = sequenceKey(claim.name, claim.scope)
    const current = claimed.get(key) ?? state.sequences.get(key) ?? 0
    if (claim.value !== undefined && claim.value !== current + 1) {
      throw conflict(
        `Nomor urut ${claim.name} (${claim.scope}) ${claim.value} tidak dapat dipakai: nomor berikutnya ${current + 1}`,
        `Sequence ${claim.name} (${claim.scope}) value ${claim.value} cannot be taken: the next is ${current + 1}`,
      )
    }
    claimed.set(key, current + 1)
    values.push(current + 1)
  }
  const input: CommitInput = given.complete ? { ...given, ...copy(given.complete(values)) } : given
  const next = (isRecord ? input.record : input.case)!
  if (next?.id !== first.id || (isRecord ? input.case : input.record) !== undefined) {
    throw invalid([isRecord ? 'record' : 'case', 'id'], 'case_id', {
      id: 'complete() tidak boleh mengganti id atau jenis agregat',
      en: 'complete() may not change the id or kind of the aggregate',
    })
  }
  const expectedNext = (input.expectedVersion ?? 0) + 1
  if (next.version !== expectedNext) {
    throw invalid([isRecord ? 'record' : 'case', 'version'], 'case_version', {
      id: `versi kasus harus ${expectedNext} (versi yang diharapkan + 1), bukan ${next.version}`,
      en: `the case version must be ${expectedNext} (expected version + 1), not ${next.version}`,
    })
  }
  if (input.record) checkRecord(state.recs, input.record)

  const trail = state.audit.get(next.id) ?? []
  const seqs = new Set(trail.map((entry) => entry.seq))
  for (const [index, entry] of input.audit.entries()) {
    if (entry.caseId !== next.id) {
      throw invalid(['audit', index, 'caseId'], 'audit_case', {
        id: `entri audit harus milik kasus ${next.id}`,
        en: `the audit entry must belong to case ${next.id}`,
      })
    }
    if (seqs.has(entry.seq)) {
      throw conflict(
        `Entri audit nomor ${entry.seq} kasus ${next.id} sudah ada`,
        `Audit entry ${entry.seq} of case ${next.id} already exists`,
      )
    }
    seqs.add(entry.seq)
  }

  const outboxIds = new Set<string>()
  for (const row of input.outbox) {
    if (state.outbox.has(row.id) || outboxIds.has(row.id)) {
      throw conflict(`Baris outbox ${row.id} sudah ada`, `Outbox row ${row.id} already exists`)
    }
    outboxIds.add(row.id)
  }

  for (const change of input.outboxChanges ?? []) {
    const row = state.outbox.get(change.id)
    if (!row || row.caseId !== next.id || row.status !== 'failed') {
      throw conflict(
        `Baris outbox ${change.id} bukan insiden terbuka kasus ${next.id}`,
        `Outbox row ${change.id} is not an open incident of case ${next.id}`,
      )
    }
  }

  const dueDone = new Set(input.dueDone ?? [])
  if (input.due) {
    const dueIds = new Set<string>()
    for (const row of input.due) {
      const existing = state.due.get(row.id)
      // A pending row of this case is replaced (unless handled now), so its id may be reused.
      const replaced =
        existing?.caseId === next.id && existing.status === 'pending' && !dueDone.has(existing.id)
      if ((existing && !replaced) || dueIds.has(row.id)) {
        throw conflict(`Tenggat ${row.id} sudah ada`, `Due row ${row.id} already exists`)
      }
      dueIds.add(row.id)
    }
  }

  const nextCase = input.case
  const trackingKey = nextCase ? JSON.stringify([nextCase.officeCode, nextCase.trackingCode]) : ''
  const holder = nextCase ? state.tracking.get(trackingKey) : undefined
  if (nextCase && holder !== undefined && holder !== next.id) {
    throw conflict(
      `Kode lacak ${nextCase.trackingCode} sudah dipakai di kantor ${nextCase.officeCode}`,
      `Tracking code ${nextCase.trackingCode} is already used at office ${nextCase.officeCode}`,
    )
  }

  const command = input.command
  const commandId = command ? commandKey(command.scope ?? '', command.id) : undefined
  if (command && commandId !== undefined && state.commands.has(commandId)) {
    throw conflict(
      `Perintah ${command.id} sudah pernah dijalankan`,
      `Command ${command.id} was already committed`,
    )
  }

  const owned = { officeCode: next.officeCode }
  return () => {
    if (nextCase) {
      const old = stored as StoredCase | undefined
      if (old) state.tracking.delete(JSON.stringify([old.officeCode, old.trackingCode]))
      state.tracking.set(trackingKey, next.id)
      state.cases.set(next.id, nextCase)
      indexCase(state.idx, old, nextCase)
    } else {
      putRecord(state.recs, stored as StoredRecord | undefined, input.record!)
    }
    state.audit.set(next.id, [...trail, ...input.audit])
    for (const row of input.outbox) {
      const stored = pendingOutboxRow(
        { ...row, aggregateKind: row.aggregateKind ?? kind, ...owned },
        next.updatedAt,
      )
      state.outbox.set(row.id, stored)
      indexOutbox(state.idx, stored)
      const ids = state.outboxByCase.get(row.caseId)
      if (ids) ids.push(row.id)
      else state.outboxByCase.set(row.caseId, [row.id])
    }
    for (const change of input.outboxChanges ?? []) {
      const row = state.outbox.get(change.id)!
      if (change.action === 'retry') {
        Object.assign(row, { status: 'pending', attempts: 0, availableAt: change.at, finishedAt: null })
      } else {
        Object.assign(row, { status: 'resolved', finishedAt: change.at })
      }
      releaseLease(row)
      indexOutbox(state.idx, row)
    }
    for (const rowId of dueDone) {
      const row = state.due.get(rowId)
      if (row?.caseId !== next.id) continue
      row.status = 'done'
      releaseLease(row)
      indexDue(state.idx, row)
    }
    if (input.due) {
      for (const rowId of [...(state.idx.dueByAggregate.get(next.id) ?? [])]) {
        const row = state.due.get(rowId)!
        if (row.status !== 'pending') continue
        state.due.delete(row.id)
        unindexDue(state.idx, row)
      }
      for (const row of input.due) {
        const stored: DueRow = {
          ...row,
          aggregateKind: row.aggregateKind ?? kind,
          ...owned,
          status: 'pending',
          leaseOwner: null,
          leaseUntil: null,
        }
        state.due.set(row.id, stored)
        indexDue(state.idx, stored)
      }
    }
    for (const [key, value] of claimed) state.sequences.set(key, value)
    if (command && commandId !== undefined) {
      state.commands.set(commandId, {
        id: command.id,
        scope: command.scope ?? '',
        caseId: next.id,
        ...(isRecord ? { aggregateKind: kind } : {}),
        result: command.result,
        at: next.updatedAt,
      })
    }
  }
}

function versionConflict(caseId: string, expected: number | null, actual: number | null): ConflictError {
  const options = { ...(expected === null ? {} : { expected }), ...(actual === null ? {} : { actual }) }
  if (expected === null) {
    return new ConflictError(`Kasus ${caseId} sudah ada`, {
      messageEn: `Case ${caseId} already exists`,
      ...options,
    })
  }
  if (actual === null) {
    return new ConflictError(`Kasus ${caseId} tidak ditemukan (versi yang diharapkan ${expected})`, {
      messageEn: `Case ${caseId} does not exist (expected version ${expected})`,
      ...options,
    })
  }
  return new ConflictError(
    `Kasus ${caseId} sudah berubah: versi yang diharapkan ${expected}, versi tersimpan ${actual}`,
    {
      messageEn: `Case ${caseId} has changed: expected version ${expected}, stored version ${actual}`,
      ...options,
    },
  )
}
