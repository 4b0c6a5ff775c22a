import { z } from 'zod'
import { type BukuPengaduanRow, bukuPengaduanRows } from '../complaints/book'
import { decideOpening, missedOpenings, type SuggestionBoxOpening } from '../complaints/suggestion-box'
import { complaintStates, complaintTypes } from '../complaints/types'
import { ValidationError, type ValidationIssue } from '../errors/errors'
import { ruleMessages } from '../i18n/zod-issues'
import type { AuditActor, Json } from '../ports/case-store'
import type { StoredRecord } from '../ports/records'
import { actorSchema } from '../procedure/input'
import type { Actor } from '../procedure/types'
import { decideComplaintRecord } from './commands/complaint'
import {
  type ComplaintView,
  complaintFromStored,
  complaintView,
  openingFromStored,
  openingToStored,
  recordKinds,
} from './complaint-records'
import type { EngineContext } from './context'
import { actOptionsSchema, collect, throwIssues } from './pipeline'
import type { RecordPipeline } from './record-pipeline'
import { nextDay, parsePeriod, type ReportPeriod } from './reports'
import type { ActOptions } from './service'
import type { CommandOptions } from './types'

Object.assign(ruleMessages, {
  complaint_tracking_code: {
    id: 'tidak ada permohonan dengan kode pelacakan ini di kantor ini',
    en: 'no application of this office has this tracking code',
  },
  book_reason: {
    id: 'alasan membuka kontak pelapor wajib diisi',
    en: "a reason for reading the complainants' contacts is required",
  },
})

/** Filters of {@link ComplaintService.list}. */
export interface ComplaintListQuery {
  state?: (typeof complaintStates)[number]
  type?: (typeof complaintTypes)[number]
  /** A channel kind of the standard. */
  channel?: string
  /** The seksi concerned. */
  section?: string
  cursor?: string
  /** @default 50 (at most 500) */
  limit?: number
}

/** A page of entries. */
export interface ComplaintPage {
  items: ComplaintView[]
  nextCursor: string | null
}

/** Options of {@link ComplaintService.book}. */
export interface BukuPengaduanOptions {
  /**
   * Show the complainants' contacts in clear: only with the officer and a reason, and the reading is
   * audited (a `book_reading` record with its audit entry).
   */
  reveal?: { actor: Actor; reason: string }
  /** Written where an entry has no name. @default 'Anonim' */
  anonymous?: string
}

/**
 * The Buku Pengaduan of the office: the SK's four sentences ("Pengaduan Layanan") on the engine's
 * pipeline. Each command is one commit with an audit entry; a command id makes it idempotent;
 * `expectedVersion` checks the version the caller read.
 */
export interface ComplaintService {
  /**
   * Records an entry (pengaduan, saran or masukan) in the Buku Pengaduan, by the standard's
   * `complaints.recordedBy`, with the next number of the office's book for the year, taken in the
   * commit. A contact given gets an acknowledgement (SMS and/or e-mail) through the outbox; a
   * `pengaduan` gets the standard's deadlines as due rows.
   * @throws {ValidationError} no content, an unknown channel or seksi, a bad contact (nothing written)
   * @throws {ForbiddenError} for a role the standard does not name
   */
  record(entry: unknown, options: CommandOptions): Promise<ComplaintView>
  /** Reports the entry to the Kepala Seksi `to` (a user id): only they follow it up. */
  report(id: string, input: { to: string }, options: ActOptions): Promise<ComplaintView>
  /**
   * Writes the tindak lanjut (the result, its date and officer), by the Kepala Seksi it was reported
   * to; the complainant is told through the outbox where a contact was given.
   * @throws {ForbiddenError} for another role or another officer
   */
  followUp(id: string, input: { result: string }, options: ActOptions): Promise<ComplaintView>
  /** Closes a followed-up entry. */
  close(id: string, options: ActOptions): Promise<ComplaintView>
  /** One entry. @throws {NotFoundError} also for another office's entry */
  get(id: string): Promise<ComplaintView>
  /** Entries of this office by state, type, channel and seksi, ordered by id, a page at a time. */
  list(query?: ComplaintListQuery): Promise<ComplaintPage>
  /**
   * Records the daily opening of the kotak saran (by the standard's `complaints.suggestionBoxRole`)
   * with the number of notes found, zero included; each note becomes an entry of the book (channel
   * `kotak_saran`, linked to the opening). Every note is checked before anything is written.
   * @throws {ValidationError} a day still to come, a day already recorded, a bad note (`notes.N.field`)
   */
  openBox(
    input: { day?: string; notes: unknown[] },
    options: CommandOptions,
  ): Promise<{ opening: SuggestionBoxOpening; entries: ComplaintView[] }>
  /**
   * The working days of the period whose kotak saran opening is missing (from the office's working
   * calendar: holidays and cuti bersama are never missed; a day counts once the next working day began).
   */
  missedOpenings(period: ReportPeriod): Promise<string[]>
  /**
   * The Buku Pengaduan of the period as rows with the paper book's columns, in number order.
   * Contacts are masked unless `reveal` gives the officer and a reason (audited). Render with
   * `bukuPengaduanCsv` / `bukuPengaduanHtml`.
   */
  book(period: ReportPeriod, options?: BukuPengaduanOptions): Promise<BukuPengaduanRow[]>
}

const listSchema = z.strictObject({
  state: z.enum(complaintStates).optional(),
  type: z.enum(complaintTypes).optional(),
  channel: z.string().min(1).max(40).optional(),
  section: z.string().min(1).max(100).optional(),
  cursor: z.string().min(1).optional(),
  limit: z.number().int().min(1).max(500).optional(),
})
const revealSchema = z
  .strictObject({
    actor: actorSchema,
    reason: z
      .string({ error: () => 'book_reason' })
      .trim()
      .min(1, 'book_reason')
      .max(500),
  })
  .optional()
const idSchema = z.string().min(1).max(100)

/** Builds the complaint calls of a service. @internal */
export function createComplaintService(ctx: EngineContext, records: RecordPipeline): ComplaintService {
  const { store, port, clock, officeCode } = ctx
  const standardNow = () => ctx.single ?? ctx.catalog.resolve(clock.now())
  const calendarNow = () => ctx.runtimeOf(standardNow()).clock.calendar
  const newId = (prefix: string) => `${prefix}-${ctx.nextId(clock.now())}`

  /** A new record's id; a repeated command id gets the id its first run created. */
  const idFor = async (prefix: string, commandId: string | undefined): Promise<string> => {
    if (commandId !== undefined) {
      const done = await port('getCommand', () => store.getCommand(commandId, officeCode))
      const id = (done?.result as { recordId?: unknown } | undefined)?.recordId
      if (typeof id === 'string') return id
    }
    return newId(prefix)
  }

  /** Creates a record that no rule changes later (an opening, a book reading), with its audit entry. */
  const create = async (
    after: Omit<StoredRecord, 'version' | 'updatedAt'>,
    c: {
      command: string
      payload: unknown
      actor: AuditActor
      commandId?: string | undefined
      details: Json
    },
  ): Promise<StoredRecord> => {
    const standard = standardNow()
    await records.run({
      kind: after.kind,
      recordId: after.id,
      create: true,
      command: c.command,
      payload: c.payload,
      actor: c.actor as Actor,
      ...(c.commandId === undefined ? {} : { commandId: c.commandId }),
      decide: () => ({
        after,
        entry: {
          actor: c.actor,
          event: c.command,
          from: null,
          to: after.state,
          standardId: standard.id,
          standardVersion: standard.version,
          ...(c.commandId === undefined ? {} : { commandId: c.commandId }),
          details: c.details,
        },
        result: (r) => ({ id: r.id }),
      }),
    })
    return records.load(after.kind, after.id)
  }

  const options = (opts: unknown, extra: ValidationIssue[] = []) => {
    const parsed = collect(actOptionsSchema, opts ?? {}, [], extra)
    throwIssues(extra)
    return { ...parsed!, actor: parsed!.actor as AuditActor }
  }

  /**
   * The case an entry names by tracking code, of this office: its id, `null` when none is named.
   * @throws {ValidationError} naming `trackingCode` under `path` when no case of the office has it
   */
  const caseNamed = async (entry: unknown, path: (string | number)[]): Promise<string | null> => {
    const code = (entry as { trackingCode?: unknown } | null)?.trackingCode
    if (typeof code !== 'string' || !code.trim()) return null
    const page = await port('list', () => store.list({ officeCode, trackingCode: code.trim(), limit: 1 }))
    const found = page.items[0]
    if (found) return found.id
    const text = ruleMessages.complaint_tracking_code!
    throw new ValidationError([
      {
        path: [...path, 'trackingCode'],
        rule: 'complaint_tracking_code',
        message: text.id,
        messageEn: text.en,
      },
    ])
  }

  const command = async (
    id: string | undefined,
    cmd: Parameters<typeof decideComplaintRecord>[1],
    opts: ActOptions,
    fixedId?: string,
  ): Promise<ComplaintView> => {
    const issues: ValidationIssue[] = []
    if (id !== undefined) collect(idSchema, id, ['id'], issues)
    const o = options(opts, issues)
    const recordId = id ?? fixedId ?? (await idFor('pgd', o.commandId))
    const linked = cmd.type === 'RECORD' ? await caseNamed(cmd.entry, []) : null
    const answer = await records.run({
      kind: recordKinds.complaint,
      recordId,
      create: id === undefined,
      command: cmd.type,
      payload: cmd,
      actor: o.actor as Actor,
      ...(o.commandId === undefined ? {} : { commandId: o.commandId }),
      ...(o.expectedVersion === undefined ? {} : { expectedVersion: o.expectedVersion }),
      decide: (before, at) => {
        const decision = decideComplaintRecord(before, cmd, {
          standard: standardNow(),
          calendar: calendarNow(),
          actor: o.actor,
          at,
          newId: recordId,
          commandId: o.commandId,
        })
        if (linked) decision.after.caseId = linked
        return decision
      },
    })
    const stored = await records.load(recordKinds.complaint, (answer as { id: string }).id)
    return complaintView(stored, clock.now())
  }

  const openingOf = async (day: string) => {
    const page = await port('listRecords', () =>
      store.listRecords({ officeCode, kind: recordKinds.opening, key: day, limit: 1 }),
    )
    return page.items[0] ?? null
  }

  async function* streamKind(kind: string, period?: ReportPeriod): AsyncGenerator<StoredRecord> {
    const calendar = calendarNow()
    const range = period
      ? {
          createdFrom: calendar.at(period.from, '00.00').toISOString(),
          createdTo: calendar.at(nextDay(period.to), '00.00').toISOString(),
        }
      : {}
    yield* store.streamRecords({ officeCode, kind, ...range })
  }

  return {
    record: (entry, opts) => command(undefined, { type: 'RECORD', entry }, opts ?? ({} as ActOptions)),
    report: (id, input, opts) => command(id, { type: 'REPORT', to: (input as { to: string })?.to }, opts),
    followUp: (id, input, opts) =>
      command(id, { type: 'FOLLOW_UP', result: (input as { result: string })?.result }, opts),
    close: (id, opts) => command(id, { type: 'CLOSE' }, opts),

    async get(id) {
      const issues: ValidationIssue[] = []
      collect(idSchema, id, ['id'], issues)
      throwIssues(issues)
      return complaintView(await records.load(recordKinds.complaint, id), clock.now())
    },

    async list(query = {}) {
      const issues: ValidationIssue[] = []
      const q = collect(listSchema, query, ['query'], issues)
      throwIssues(issues)
      const attributes: Record<string, string> = {}
      if (q!.type) attributes.type = q!.type
      if (q!.channel) attributes.channel = q!.channel
      if (q!.section) attributes.section = q!.section
      const page = await port('listRecords', () =>
        store.listRecords({
          officeCode,
          kind: recordKinds.complaint,
          ...(q!.state ? { state: q!.state } : {}),
          ...(Object.keys(attributes).length ? { attributes } : {}),
          ...(q!.cursor ? { cursor: q!.cursor } : {}),
          limit: q!.limit ?? 50,
        }),
      )
      const now = clock.now()
      return { items: page.items.map((r) => complaintView(r, now)), nextCursor: page.nextCursor }
    },

    async openBox(input, opts) {
      const o = options(opts)
      const standard = standardNow()
      const calendar = calendarNow()
      const at = clock.now()
      const notes = Array.isArray(input?.notes) ? input.notes : null
      if (!notes) {
        throw new ValidationError([
          {
            path: ['notes'],
            rule: 'invalid_type',
            message: 'wajib berupa daftar catatan',
            messageEn: 'must be a list of notes',
          },
        ])
      }
      const openingId = newId('kts')
      const day = input.day ?? calendar.dayOf(at)
      const found = typeof day === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(day) ? await openingOf(day) : null
      // A repeat of the command that recorded this day's opening goes on with its notes.
      const repeat = found && o.commandId !== undefined && (await idFor('kts', o.commandId)) === found.id
      const existing = repeat ? null : found
      const opening = decideOpening(
        { day, notesFound: notes.length },
        {
          standard,
          calendar,
          actor: o.actor,
          now: at,
          id: openingId,
          openedDays: new Set(existing ? [day] : []),
        },
      )
      // Every note is checked before anything is written: a bad note changes nothing.
      const noteIds = notes.map(() => newId('pgd'))
      const entries = notes.map((note) => ({
        ...(typeof note === 'object' && note !== null ? note : {}),
        channel: 'kotak_saran',
        openingId,
      }))
      const issues: ValidationIssue[] = []
      for (const [i, entry] of entries.entries()) {
        try {
          decideComplaintRecord(
            null,
            { type: 'RECORD', entry },
            { standard, calendar, actor: o.actor, at, newId: noteIds[i]! },
          )
        } catch (error) {
          if (!(error instanceof ValidationError)) throw error
          for (const issue of error.issues) issues.push({ ...issue, path: ['notes', i, ...issue.path] })
        }
      }
      for (const [i, entry] of entries.entries()) {
        await caseNamed(entry, ['notes', i]).catch((error) => {
          if (!(error instanceof ValidationError)) throw error
          issues.push(...error.issues)
        })
      }
      throwIssues(issues)
      const stored = repeat
        ? found
        : await create(
            { ...openingToStored(opening, noteIds), id: await idFor('kts', o.commandId) },
            {
              command: 'OPEN_BOX',
              payload: { day: opening.day, notes: entries.length },
              actor: o.actor,
              commandId: o.commandId,
              details: { day: opening.day, notesFound: opening.notesFound },
            },
          )
      const saved = openingFromStored(stored)
      const views: ComplaintView[] = []
      for (const [i, entry] of entries.entries()) {
        const fixed = { ...entry, openingId: saved.id }
        const noteOpts: ActOptions = { actor: o.actor as Actor }
        if (o.commandId !== undefined) noteOpts.commandId = `${o.commandId}.note.${i}`
        views.push(await command(undefined, { type: 'RECORD', entry: fixed }, noteOpts, saved.noteIds[i]))
      }
      const { noteIds: _ids, ...plain } = saved
      return { opening: plain, entries: views }
    },

    async missedOpenings(period) {
      const p = parsePeriod(period)
      const opened = new Set<string>()
      for await (const r of streamKind(recordKinds.opening)) {
        const day = String(r.attributes.day)
        if (day >= p.from && day <= p.to) opened.add(day)
      }
      return missedOpenings(calendarNow(), { ...p, now: clock.now() }, opened)
    },

    async book(period, bookOptions = {}) {
      const range = parsePeriod(period)
      const issues: ValidationIssue[] = []
      const reveal = collect(revealSchema, bookOptions.reveal, ['reveal'], issues)
      throwIssues(issues)
      const calendar = calendarNow()
      const entries = []
      for await (const r of streamKind(recordKinds.complaint, range))
        entries.push(complaintFromStored(r).record)
      const rows = bukuPengaduanRows(entries, {
        dayOf: (iso) => calendar.dayOf(iso),
        reveal: reveal !== undefined,
        ...(bookOptions.anonymous ? { anonymous: bookOptions.anonymous } : {}),
      })
      if (reveal) {
        const actor = reveal.actor as AuditActor
        const at = clock.now().toISOString()
        await create(
          {
            kind: recordKinds.bookReading,
            id: newId('bkp'),
            officeCode,
            state: 'dibaca',
            attributes: { from: range.from, to: range.to, rows: rows.length },
            final: true,
            createdAt: at,
            personal: {},
            data: {},
          },
          {
            command: 'BUKU_PENGADUAN_KONTAK_DIBACA',
            payload: range,
            actor,
            details: { reason: reveal.reason, from: range.from, to: range.to, rows: rows.length },
          },
        )
      }
      return rows
    },
  }
}
