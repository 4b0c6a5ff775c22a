import { dayInZone } from '../card/dates'
import { decideCardDeadline } from '../card/deadline'
import {
  type CardHolderFacts,
  type CardHolderPersonal,
  cardAttributes,
  cardHolderFacts,
  cardRecordId,
  cardRecordKind,
  joinCardRecord,
  splitCardRecord,
} from '../card/holder'
import { openCardRecord } from '../card/open'
import { cardPlan } from '../card/plan'
import type { CardDecision, CardRecord } from '../card/record'
import { renewCardRecord } from '../card/renew'
import { cardReportSchema, decideCardReport } from '../card/report'
import { isAk1Error, NotFoundError } from '../errors/errors'
import type { Json } from '../ports/case-store'
import type { StoredRecord } from '../ports/records'
import type { DueRow, DueRowInput, OutboxRowInput } from '../ports/work-queue'
import type { Actor } from '../procedure/types'
import type { Application } from '../schemas/application'
import type { Standard } from '../standard/schema'
import type { EngineContext } from './context'
import { auditActor } from './decision'
import type { ParsedActOptions } from './pipeline'
import type { RecordDecision, RecordPipeline } from './record-pipeline'
import type { CaseCard, CaseView } from './types'

/** The holder's card record as the service shows it: the record, its version, the holder's contacts. */
export type CardView = CardRecord & {
  version: number
  /** The holder's name (from the application at registration). */
  holderName: string
}

/** What a card record's `data` holds: the record's plain part and the holder's coarse facts. */
interface CardData {
  card: Omit<CardRecord, 'details' | 'employment'>
  /** The pinned standard's time zone, for the attributes. */
  timeZone: string
  /** The holder's coarse facts in clear (sex, age band, highest level): no personal data. */
  facts: CardHolderFacts
}

/** What a card command records with its id: the plain part of the card after it, no personal data. */
interface CardResult {
  version: number
  card: Json
}

/** What {@link CardLife.open} needs from the handed-over case. */
export interface CardOpening {
  caseId: string
  card: CaseCard
  application: Application
}

const systemActor: Actor = { id: 'system', role: 'system' }

/** Due row kinds of a card record. */
const dueKinds = {
  reminder: 'card_reminder',
  report_window_closed: 'card_report_window_closed',
  expire: 'card_expire',
} as const

/** The pending reminders and deadlines of a record, as due rows (replacing the record's pending rows). */
function dueRowsOf(record: CardRecord, standard: Standard, now: Date): DueRowInput[] {
  const plan = cardPlan(record, standard, now)
  return [
    ...plan.reminders.map((r) => ({ id: r.id, caseId: record.id, kind: dueKinds.reminder, dueAt: r.at })),
    ...plan.deadlines.map((d) => ({ id: d.id, caseId: record.id, kind: dueKinds[d.kind], dueAt: d.at })),
  ]
}

/**
 * The holder's two years as records of kind `card` on the record pipeline (`record-pipeline.ts`):
 * opened at hand-over, reports, reminders and expiry by due rows, reminders sent through the outbox.
 * Every change is one commit of the record with its audit entry, its due rows and its outbox rows;
 * reports honour `expectedVersion` and the command id's fingerprint. @internal
 */
export function createCardLife(ctx: EngineContext, records: RecordPipeline) {
  const { store, port, officeCode } = ctx

  const standardOf = (pinned: { id: string; version: string; hash: string }): Standard => {
    const found = ctx.findStandard(pinned.id, pinned.version, pinned.hash)
    if (!found) {
      throw new NotFoundError(`Standar ${pinned.id}@${pinned.version} kartu ini tidak dikenal layanan ini`, {
        messageEn: `Standard ${pinned.id}@${pinned.version} of this card is not known to this service`,
      })
    }
    return found
  }

  const read = (stored: StoredRecord) => {
    const data = stored.data as unknown as CardData
    const { record, holder } = joinCardRecord(data.card as unknown as Json, stored.personal)
    return { stored, data, record, holder }
  }
  type Loaded = ReturnType<typeof read>

  const viewOf = (l: { stored: StoredRecord; record: CardRecord; holder: CardHolderPersonal }): CardView => ({
    ...l.record,
    version: l.stored.version,
    holderName: l.holder.fullName,
  })

  const findByNumber = async (cardNumber: string): Promise<Loaded | null> => {
    const page = await port('listRecords', () =>
      store.listRecords({ officeCode, kind: cardRecordKind, key: cardNumber, limit: 1 }),
    )
    const found = page.items[0]
    return found ? read(found) : null
  }

  const loadById = async (id: string): Promise<Loaded | null> => {
    const found = await port('loadRecord', () => store.loadRecord(cardRecordKind, id))
    return found && found.officeCode === officeCode ? read(found) : null
  }

  /** The stored record after a decision: plain data, sealed personal part, attributes. */
  const recordAfter = (
    before: StoredRecord | null,
    record: CardRecord,
    holder: Pick<CardHolderPersonal, 'nik' | 'fullName' | 'contacts'>,
    facts: CardHolderFacts,
    timeZone: string,
    at: Date,
  ): RecordDecision['after'] => {
    const { data, personal } = splitCardRecord(record, holder)
    const cardData: CardData = { card: data as never, timeZone, facts }
    return {
      kind: cardRecordKind,
      id: record.id,
      officeCode,
      state: record.state,
      caseId: record.caseId,
      key: record.cardNumber,
      attributes: cardAttributes(record, facts, timeZone),
      dueAt: record.state === 'aktif' ? record.expiresAt : null,
      final: record.state !== 'aktif',
      createdAt: before ? before.createdAt : at.toISOString(),
      personal,
      data: cardData as unknown as Json,
    }
  }

  /** A card decision as the record pipeline commits it: the record, its entry, its due rows anew. */
  const recordDecision = (
    before: StoredRecord | null,
    decision: CardDecision,
    extra: {
      holder: Pick<CardHolderPersonal, 'nik' | 'fullName' | 'contacts'>
      facts: CardHolderFacts
      standard: Standard
      actor: Actor
      at: Date
      commandId?: string | undefined
      outbox?: (seq: number) => OutboxRowInput[]
      dueDone?: string[]
    },
  ): RecordDecision => {
    const { standard, actor, at } = extra
    const { audit } = decision
    return {
      after: recordAfter(before, decision.record, extra.holder, extra.facts, standard.calendar.timeZone, at),
      entry: {
        actor: actor.role === 'system' ? { id: actor.id, role: actor.role } : auditActor(standard, actor),
        event: audit.event,
        from: audit.from,
        to: audit.to,
        standardId: standard.id,
        standardVersion: standard.version,
        ...(extra.commandId === undefined ? {} : { commandId: extra.commandId }),
        details: audit.details as Json,
      },
      ...(extra.outbox ? { outbox: extra.outbox } : {}),
      due: dueRowsOf(decision.record, standard, at),
      ...(extra.dueDone?.length ? { dueDone: extra.dueDone } : {}),
      result: (r): Json => ({ version: r.version, card: (r.data as unknown as CardData).card as never }),
    }
  }

  /** The view of a command's (possibly replayed) result, with the holder's personal part as it is now. */
  const viewOfResult = async (recordId: string, result: Json): Promise<CardView> => {
    const l = await loadById(recordId)
    if (!l) throw new NotFoundError('Kartu tidak ditemukan', { messageEn: 'Card not found' })
    const { version, card } = result as unknown as CardResult
    const { record } = joinCardRecord(card, l.stored.personal)
    return { ...record, version, holderName: l.holder.fullName }
  }

  /**
   * Opens the holder's card record of a handed-over case: state `aktif`, its reporting boxes,
   * reminders and expiry as due rows. Keyed by the case (record id) and the card number (record
   * key): opening twice finds the record. Answers whether this call created it. The record
   * pipeline refuses a creation over an existing record, so a record already opened is found by
   * that refusal, with no read before.
   */
  const open = async (
    opening: CardOpening,
    standard: Standard,
    actor: Actor,
  ): Promise<{ created: boolean }> => {
    const { caseId, card, application: app } = opening
    const id = cardRecordId(caseId)
    const holder = {
      nik: app.applicant.nik,
      fullName: app.applicant.fullName,
      contacts: {
        ...(app.contacts?.mobile ? { mobile: app.contacts.mobile } : {}),
        ...(app.contacts?.email ? { email: app.contacts.email } : {}),
      },
    }
    const input = {
      id,
      caseId,
      cardNumber: card.number,
      registeredAt: card.registeredAt ?? card.issuedAt,
      issuedAt: card.issuedAt,
      ...(app.previousCardNumber === undefined ? {} : { previousCardNumber: app.previousCardNumber }),
    }
    try {
      await records.run({
        kind: cardRecordKind,
        recordId: id,
        create: true,
        command: 'CARD_OPEN',
        payload: input,
        actor,
        decide: (_before, at) => {
          const decision = openCardRecord(input, { standard, now: at, actor })
          const zone = standard.calendar.timeZone
          const facts = cardHolderFacts(app, dayInZone(decision.record.registeredAt, zone))
          return recordDecision(null, decision, { holder, facts, standard, actor, at })
        },
      })
    } catch (error) {
      // Opened already, or a lost race (the same record, or the same card number): not created here.
      if (!isAk1Error(error) || error.code !== 'CONFLICT') throw error
      const raced = (await loadById(id)) ?? (await findByNumber(card.number))
      if (!raced) throw error
      return { created: false }
    }
    return { created: true }
  }

  /**
   * A holder's report (in person, or recorded by a petugas): still seeking, employed (closes the
   * card, cancels every later reminder), or changed details. On the record pipeline: a stale
   * `expectedVersion` is a `ConflictError`; a command id answers its first answer, and a reuse of it
   * for another report is a `ConflictError` carrying no card data.
   */
  const report = async (input: unknown, opts: ParsedActOptions): Promise<CardView> => {
    const actor = opts.actor as Actor
    const { commandId, expectedVersion } = opts
    const number =
      input !== null &&
      typeof input === 'object' &&
      typeof (input as { cardNumber?: unknown }).cardNumber === 'string'
        ? (input as { cardNumber: string }).cardNumber.trim()
        : null
    const found = number ? await findByNumber(number) : null
    if (!found) {
      // Refuses with the report's own field errors, else as an unknown holder (`cardNumber`).
      const standard = ctx.single ?? ctx.catalog.resolve(ctx.clock.now())
      decideCardReport(null, input, { standard, now: ctx.clock.now(), actor })
      throw new NotFoundError('Kartu tidak ditemukan', { messageEn: 'Card not found' })
    }
    const parsed = cardReportSchema.safeParse(input)
    const recordId = found.stored.id
    const result = await records.run({
      kind: cardRecordKind,
      recordId,
      create: false,
      command: 'CARD_REPORT',
      payload: parsed.success ? parsed.data : input,
      actor,
      ...(commandId === undefined ? {} : { commandId }),
      ...(expectedVersion === undefined ? {} : { expectedVersion }),
      decide: (before, at) => {
        const l = read(before!)
        const standard = standardOf(l.record.standard)
        const decision = decideCardReport(l.record, input, { standard, now: at, actor })
        return recordDecision(before, decision, {
          holder: l.holder,
          facts: l.data.facts,
          standard,
          actor,
          at,
          commandId,
        })
      },
    })
    return viewOfResult(recordId, result)
  }

  /** The card record by its number. @throws {NotFoundError} */
  const get = async (cardNumber: string): Promise<CardView> => {
    const found = typeof cardNumber === 'string' ? await findByNumber(cardNumber.trim()) : null
    if (!found) {
      throw new NotFoundError(`Kartu ${String(cardNumber)} tidak ditemukan`, {
        messageEn: `Card ${String(cardNumber)} was not found`,
      })
    }
    return viewOf(found)
  }

  /** Closes a due row of a record without any other change (superseded, cancelled, not applicable). */
  const skipDue = async (stored: StoredRecord, rowId: string, at: Date) => {
    const atIso = at.toISOString()
    await port('commit', () =>
      store.commit({
        record: { ...stored, version: stored.version + 1, updatedAt: atIso },
        expectedVersion: stored.version,
        audit: [],
        outbox: [],
        dueDone: [rowId],
      }),
    )
  }

  /** The decision on a due row of a loaded record, or `null` when the row is no longer planned. */
  const decideDue = (l: Loaded, row: DueRow, standard: Standard, at: Date): RecordDecision | null => {
    const base = {
      holder: l.holder,
      facts: l.data.facts,
      standard,
      actor: systemActor,
      at,
      dueDone: [row.id],
    }
    if (row.kind === dueKinds.reminder) {
      // As planned just before its time: a reminder cancelled since (report, closure) is not there.
      const planned = cardPlan(l.record, standard, new Date(Date.parse(row.dueAt) - 1)).reminders.find(
        (r) => r.id === row.id,
      )
      if (!planned || l.record.state !== 'aktif') return null
      const channels = (['sms', 'email'] as const).filter((c) =>
        Boolean(c === 'sms' ? l.holder.contacts.mobile : l.holder.contacts.email),
      )
      const payloadBase = {
        template: planned.template,
        date: planned.date,
        ...(planned.reportIndex === undefined ? {} : { reportIndex: planned.reportIndex }),
      }
      const decision: CardDecision = {
        record: l.record,
        effects: { reminders: { schedule: [], cancel: [] }, deadlines: { schedule: [], cancel: [] } },
        audit: {
          event: 'CARD_REMINDER',
          from: l.record.state,
          to: l.record.state,
          details: { reminder: planned.id, kind: planned.kind, date: planned.date, channels: [...channels] },
        },
      }
      return recordDecision(l.stored, decision, {
        ...base,
        outbox: () =>
          channels.map((channel) => ({
            id: `${planned.id}.${channel}`,
            caseId: l.record.id,
            kind: 'notice',
            payload: { ...payloadBase, channel } as Json,
            availableAt: at.toISOString(),
          })),
      })
    }
    const deadline = cardPlan(l.record, standard, at).deadlines.find((d) => d.id === row.id)
    if (!deadline) return null
    const decision = decideCardDeadline(l.record, deadline, { standard, now: at, actor: systemActor })
    if (decision.audit.details.applied !== true) return null
    return recordDecision(l.stored, decision, base)
  }

  /**
   * Handles a due row of a card record: a reminder still planned is sent (SMS and e-mail outbox rows
   * with stable ids, committed with the row done: sent once); the end of a reporting window or of
   * validity is decided by {@link decideCardDeadline}. A row no longer planned is closed.
   */
  const handleDue = async (row: DueRow): Promise<'raised' | 'skipped'> => {
    const skipped: { record: StoredRecord | null } = { record: null }
    await records.run({
      kind: cardRecordKind,
      recordId: row.caseId,
      create: false,
      command: row.kind === dueKinds.reminder ? 'CARD_REMINDER' : 'CARD_DEADLINE',
      payload: { dueRow: row.id },
      actor: systemActor,
      decide: (before, at) => {
        const l = read(before!)
        const decided = decideDue(l, row, standardOf(l.record.standard), at)
        skipped.record = decided ? null : l.stored
        return decided ?? { answer: null }
      },
    })
    if (skipped.record === null) return 'raised'
    await skipDue(skipped.record, row.id, ctx.clock.now())
    return 'skipped'
  }

  /**
   * What a reminder's notice is rendered from: the holder's case view, with the contacts the holder
   * gave last (a changed-details report) and the card record's number.
   */
  const noticeSource = async (
    recordId: string,
    loadCase: (caseId: string) => Promise<{ view: CaseView; standard: Standard } | null>,
  ) => {
    const l = await loadById(recordId)
    if (!l) return null
    const found = await loadCase(l.record.caseId)
    if (!found) return null
    const application = found.view.application as Record<string, Json>
    const contacts = { ...((application.contacts as Record<string, Json> | undefined) ?? {}) }
    for (const key of ['mobile', 'email'] as const) {
      const value = l.holder.contacts[key]
      if (value) contacts[key] = value
      else delete contacts[key]
    }
    return {
      view: { ...found.view, id: recordId, application: { ...application, contacts } as Json },
      standard: found.standard,
    }
  }

  /**
   * Ends the card a renewal replaced (`diperpanjang`, audited `CARD_RENEWED`), under the renewal's
   * standard (the old card's version may be unknown to the renewal's service). A card no longer
   * active is left as it is, so a repeat changes nothing.
   */
  const renew = async (
    number: string,
    by: { caseId: string; cardNumber: string },
    standard: Standard,
    actor: Actor,
  ): Promise<CardView | null> => {
    const l = await findByNumber(number)
    if (l?.record.state !== 'aktif') return l ? viewOf(l) : null
    await records.run({
      kind: cardRecordKind,
      recordId: l.stored.id,
      create: false,
      command: 'CARD_RENEW',
      payload: by,
      actor,
      decide: (before, at) => {
        const current = read(before!)
        if (current.record.state !== 'aktif') return { answer: null }
        const decision = renewCardRecord(current.record, by, { standard, now: at, actor })
        const { holder, data } = current
        return recordDecision(before, decision, { holder, facts: data.facts, standard, actor, at })
      },
    })
    const after = await loadById(l.stored.id)
    return after ? viewOf(after) : null
  }

  return { open, report, get, handleDue, noticeSource, findByNumber, loadById, renew }
}

/** The card calls of a service. @internal */
export type CardLife = ReturnType<typeof createCardLife>
