import { ConfigError, ForbiddenError, ValidationError } from '../errors/errors'
import type { WorkingCalendar } from '../sla/calendar'
import type { Standard } from '../standard/schema'
import { complaintRules } from './messages'

/** One daily opening of the kotak saran, with the number of notes found (zero included). */
export interface SuggestionBoxOpening {
  id: string
  officeCode: string
  /** The office's local day `YYYY-MM-DD`. */
  day: string
  openedAt: string
  openedBy: string
  notesFound: number
}

/**
 * Decides the record of a suggestion-box opening: by the role the standard names
 * (`complaints.suggestionBoxRole`), once per day, never for a day still to come. Each note found then
 * becomes an entry of the Buku Pengaduan through `decideComplaint` with `channel: 'kotak_saran'` and
 * the opening's id.
 *
 * @throws {ValidationError} for a bad count, a future day, or a day already recorded.
 * @throws {ForbiddenError} for another role.
 */
export function decideOpening(
  input: { day?: string; notesFound: number },
  ctx: {
    standard: Standard
    calendar: WorkingCalendar
    actor: { id: string; role: string }
    now: Date
    id: string
    openedDays: ReadonlySet<string>
  },
): SuggestionBoxOpening {
  const role = ctx.standard.complaints.suggestionBoxRole
  if (!role) {
    throw new ConfigError(
      'Standar Pelayanan tidak menyebut siapa yang membuka kotak saran (complaints.suggestionBoxRole)',
      {
        keys: ['complaints.suggestionBoxRole'],
        messageEn: 'the standard names no role that opens the suggestion box (complaints.suggestionBoxRole)',
      },
    )
  }
  if (ctx.actor.role !== role) {
    throw new ForbiddenError('role', `peran ${ctx.actor.role} tidak berwenang membuka kotak saran`, {
      messageEn: `role ${ctx.actor.role} may not open the suggestion box`,
    })
  }
  const today = ctx.calendar.dayOf(ctx.now)
  const day = input.day ?? today
  if (!Number.isInteger(input.notesFound) || input.notesFound < 0)
    throw issue(['notesFound'], 'opening_notes')
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(Date.parse(`${day}T00:00:00Z`))) {
    throw new ValidationError([
      {
        path: ['day'],
        rule: 'iso_day',
        message: 'harus berupa tanggal YYYY-MM-DD',
        messageEn: 'must be a date YYYY-MM-DD',
      },
    ])
  }
  if (day > today) throw issue(['day'], 'opening_future')
  if (ctx.openedDays.has(day)) throw issue(['day'], 'opening_twice')
  return {
    id: ctx.id,
    officeCode: ctx.standard.office.code,
    day,
    openedAt: ctx.now.toISOString(),
    openedBy: ctx.actor.id,
    notesFound: input.notesFound,
  }
}

/**
 * The working days from `from` to `to` (inclusive, local days) whose suggestion-box opening is
 * missing. A day counts as missed only once the next working day has begun (the box is opened at
 * close of service, and the record may follow after closing); holidays, cuti bersama and weekends
 * are never missed days, because they come from the office's working calendar.
 */
export function missedOpenings(
  calendar: WorkingCalendar,
  range: { from: string; to: string; now: Date },
  openedDays: ReadonlySet<string>,
): string[] {
  const missed: string[] = []
  const now = range.now.getTime()
  for (let day = range.from; day <= range.to; day = nextDay(day)) {
    if (!calendar.isWorkingDay(day) || openedDays.has(day)) continue
    // Missed once the next working day's service has begun.
    if (calendar.nextOpening(calendar.at(day, '23.59')).getTime() > now) break
    missed.push(day)
  }
  return missed
}

function nextDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + 1)
  return d.toISOString().slice(0, 10)
}

function issue(path: string[], rule: keyof typeof complaintRules): ValidationError {
  const text = complaintRules[rule]
  return new ValidationError([{ path, rule, message: text.id, messageEn: text.en }])
}
