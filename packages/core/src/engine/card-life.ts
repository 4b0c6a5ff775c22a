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
import type { CardAudit, CardDecision, CardRecord } from '../card/record'
import { renewCardRecord } from '../card/renew'
import { decideCardReport } from '../card/report'
import { ConflictError, isAk1Error, NotFoundError } from '../errors/errors'
import type { AuditEntry, Json } from '../ports/case-store'
import type { StoredRecord } from '../ports/records'
import type { DueRow, DueRowInput, OutboxRowInput } from '../ports/work-queue'
import type { Actor } from '../procedure/types'
import type { Application } from '../schemas/application'
import type { Standard } from '../standard/schema'
import { type AuditHead, sealAuditEntry } from './audit'
import type { EngineContext } from './context'
import { auditActor } from './decision'
import type { ParsedActOptions } from './pipeline'
import type { CaseView } from './types'

/** The holder's card record as the service shows it: the record, its version, the holder's contacts. */
export type CardView = CardRecord & {
  version: number
  /** The holder's name (from the application at registration). */
  holderName: string
}

/** What a card record's `data` holds: the record's plain part and its audit head. */
interface CardData {
  card: Omit<CardRecord, 'details' | 'employment'>
  audit: AuditHead
  /** The pinned standard's time zone, for the attributes. */
  timeZone: string
  /** The holder's coarse facts in clear (sex, age band, highest level): no personal data. */
  facts: CardHolderFacts
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
 * The holder's two years as records of kind `card`: opened at hand-over, reports, reminders and
 * expiry by due rows, reminders sent through the outbox. Every change is one commit of the record
 * with its audit entry, its due rows and its outbox rows. @internal
 */
export function createCardLife(ctx: EngineContext) {
  const { store, port, clock, officeCode } = ctx

  const standardOf = (pinned: { id: string; version: string; hash: string }): Standard => {
    const found =
      ctx.catalog.find(pinned.id, pinned.version, pinned.hash) ??
      (ctx.single && ctx.single.hash === pinned.hash ? ctx.single : null)
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

  /** Builds the stored record after a decision: plain data, sealed personal part, attributes. */
  const storedAfter = (
    before: Loaded | null,
    record: CardRecord,
    holder: Pick<CardHolderPersonal, 'nik' | 'fullName' | 'contacts'>,
    facts: CardData['facts'],
    timeZone: string,
    head: AuditHead,
    at: Date,
  ): StoredRecord => {
    const { data, personal } = splitCardRecord(record, holder)
    const atIso = at.toISOString()
    const cardData: CardData = { card: data as never, audit: head, timeZone, facts }
    return {
      kind: cardRecordKind,
      id: record.id,
      version: before ? before.stored.version + 1 : 1,
      officeCode,
      state: record.state,
      caseId: record.caseId,
      key: record.cardNumber,
      attributes: cardAttributes(record, facts, timeZone),
      dueAt: record.state === 'aktif' ? record.expiresAt : null,
      final: record.state !== 'aktif',
      createdAt: before ? before.stored.createdAt : atIso,
      updatedAt: atIso,
      personal,
      data: cardData as unknown as Json,
    }
  }

  const auditEntryOf = (
    recordId: string,
    standard: Standard,
    audit: CardAudit,
    actor: Actor,
    at: Date,
    head: AuditHead | null,
    commandId: string | undefined,
  ): AuditEntry =>
    sealAuditEntry(head, {
      caseId: recordId,
      aggregateKind: cardRecordKind,
      at: at.toISOString(),
      actor: actor.role === 'system' ? { id: actor.id, role: actor.role } : auditActor(standard, actor),
      event: audit.event,
      from: audit.from,
      to: audit.to,
      standardId: standard.id,
      standardVersion: standard.version,
      ...(commandId === undefined ? {} : { commandId }),
      details: audit.details as Json,
    })

  /** Commits a card decision: the record, its audit entry, its due rows anew, outbox rows, done rows. */
  const commitDecision = async (
    before: Loaded | null,
    decision: CardDecision,
    extra: {
      holder: Pick<CardHolderPersonal, 'nik' | 'fullName' | 'contacts'>
      facts: CardData['facts']
      standard: Standard
      actor: Actor
      at: Date
      commandId?: string
      outbox?: (seq: number) => OutboxRowInput[]
      dueDone?: string[]
    },
  ): Promise<CardView> => {
    const { standard, actor, at } = extra
    const entry = auditEntryOf(
      decision.record.id,
      standard,
      decision.audit,
      actor,
      at,
      before ? before.data.audit : null,
      extra.commandId,
    )
    const head = { seq: entry.seq, hash: entry.hash }
    const stored = storedAfter(
      before,
      decision.record,
      extra.holder,
      extra.facts,
      standard.calendar.timeZone,
      head,
      at,
    )
    const view = viewOf({ stored, record: decision.record, holder: extra.holder as CardHolderPersonal })
    await port('commit', () =>
      store.commit({
        record: stored,
        expectedVersion: before ? before.stored.version : null,
        audit: [entry],
        outbox: extra.outbox?.(entry.seq) ?? [],
        due: dueRowsOf(decision.record, standard, at),
        ...(extra.dueDone?.length ? { dueDone: extra.dueDone } : {}),
        ...(extra.commandId === undefined
          ? {}
          : {
              command: {
                id: extra.commandId,
                scope: officeCode,
                result: { recordId: stored.id, command: 'CARD_REPORT' } as Json,
              },
            }),
      }),
    )
    return view
  }

  /**
   * Opens the holder's card record after hand-over: state `aktif`, its reporting boxes, reminders
   * and expiry as due rows. Opening twice is harmless (the second finds the record).
   */
  const open = async (view: CaseView, standard: Standard, actor: Actor): Promise<CardView | null> => {
    const card = view.card
    if (!card) return null
    const id = cardRecordId(view.id)
    const existing = await loadById(id)
    if (existing) return viewOf(existing)
    const at = clock.now()
    const app = view.application as unknown as Application
    const decision = openCardRecord(
      {
        id,
        caseId: view.id,
        cardNumber: card.number,
        registeredAt: card.registeredAt ?? card.issuedAt,
        issuedAt: card.issuedAt,
        ...(app.previousCardNumber === undefined ? {} : { previousCardNumber: app.previousCardNumber }),
      },
      { standard, now: at, actor },
    )
    const holder = {
      nik: app.applicant.nik,
      fullName: app.applicant.fullName,
      contacts: {
        mobile: app.contacts?.mobile,
        email: app.contacts?.email,
      } as CardHolderPersonal['contacts'],
    }
    const facts = cardHolderFacts(app, dayInZone(decision.record.registeredAt, standard.calendar.timeZone))
    try {
      return await commitDecision(null, decision, { holder, facts, standard, actor, at })
    } catch (error) {
      if (!isAk1Error(error) || error.code !== 'CONFLICT') throw error
      const raced = await loadById(id)
      if (!raced) throw error
      return viewOf(raced)
    }
  }

  /** Runs a decision on a loaded record, retrying on a lost race, bounded. */
  const onRecord = async (
    find: () => Promise<Loaded | null>,
    decide: (l: Loaded | null, standard: Standard, at: Date) => CardDecision,
    extra: { actor: Actor; commandId?: string },
  ): Promise<CardView> => {
    let lastError: unknown
    for (let n = 1; n <= ctx.maxAttempts; n++) {
      const loaded = await find()
      const at = clock.now()
      const standard = loaded ? standardOf(loaded.record.standard) : (ctx.single ?? ctx.catalog.resolve(at))
      const decision = decide(loaded, standard, at)
      if (!loaded) throw new NotFoundError('Kartu tidak ditemukan', { messageEn: 'Card not found' })
      try {
        return await commitDecision(loaded, decision, {
          holder: loaded.holder,
          facts: loaded.data.facts,
          standard,
          actor: extra.actor,
          at,
          ...(extra.commandId === undefined ? {} : { commandId: extra.commandId }),
        })
      } catch (error) {
        if (!isAk1Error(error) || error.code !== 'CONFLICT') throw error
        lastError = error
      }
    }
    throw lastError
  }

  /**
   * A holder's report (in person, or recorded by a petugas): still seeking, employed (closes the
   * card, cancels every later reminder), or changed details. Idempotent by `commandId`.
   */
  const report = async (input: unknown, opts: ParsedActOptions): Promise<CardView> => {
    const actor = opts.actor as Actor
    const { commandId } = opts
    if (commandId !== undefined) {
      const done = await port('getCommand', () => store.getCommand(commandId, officeCode))
      if (done) {
        const recordId = (done.result as { recordId?: string }).recordId
        const found = recordId ? await loadById(recordId) : null
        if (!found)
          throw new ConflictError(`commandId sudah dipakai untuk perintah lain (${commandId})`, {
            messageEn: `commandId was already used for another command (${commandId})`,
          })
        return viewOf(found)
      }
    }
    const number =
      input !== null &&
      typeof input === 'object' &&
      typeof (input as { cardNumber?: unknown }).cardNumber === 'string'
        ? (input as { cardNumber: string }).cardNumber.trim()
        : null
    return onRecord(
      async () => (number ? findByNumber(number) : null),
      (l, standard, at) => decideCardReport(l ? l.record : null, input, { standard, now: at, actor }),
      { actor, ...(commandId === undefined ? {} : { commandId }) },
    )
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
  const skipDue = async (l: Loaded, rowId: string, at: Date) => {
    const atIso = at.toISOString()
    await port('commit', () =>
      store.commit({
        record: { ...l.stored, version: l.stored.version + 1, updatedAt: atIso },
        expectedVersion: l.stored.version,
        audit: [],
        outbox: [],
        dueDone: [rowId],
      }),
    )
  }

  /**
   * Handles a due row of a card record: a reminder still planned is sent (SMS and e-mail outbox rows
   * with stable ids, committed with the row done: sent once); the end of a reporting window or of
   * validity is decided by {@link decideCardDeadline}. A row no longer planned is closed.
   */
  const handleDue = async (row: DueRow): Promise<'raised' | 'skipped'> => {
    const l = await loadById(row.caseId)
    const at = clock.now()
    if (!l)
      throw new NotFoundError(`Kartu ${row.caseId} tidak ditemukan`, {
        messageEn: `Card ${row.caseId} not found`,
      })
    const standard = standardOf(l.record.standard)
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
      if (!planned || l.record.state !== 'aktif') {
        await skipDue(l, row.id, at)
        return 'skipped'
      }
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
      await commitDecision(l, decision, {
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
      return 'raised'
    }
    const deadline = cardPlan(l.record, standard, at).deadlines.find((d) => d.id === row.id)
    if (!deadline) {
      await skipDue(l, row.id, at)
      return 'skipped'
    }
    const decision = decideCardDeadline(l.record, deadline, { standard, now: at, actor: systemActor })
    if (decision.audit.details.applied !== true) {
      await skipDue(l, row.id, at)
      return 'skipped'
    }
    await commitDecision(l, decision, base)
    return 'raised'
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
  ) => {
    const l = await findByNumber(number)
    if (l?.record.state !== 'aktif') return l ? viewOf(l) : null
    const at = clock.now()
    const decision = renewCardRecord(l.record, by, { standard, now: at, actor })
    return commitDecision(l, decision, { holder: l.holder, facts: l.data.facts, standard, actor, at })
  }

  return { open, report, get, handleDue, noticeSource, findByNumber, renew }
}
