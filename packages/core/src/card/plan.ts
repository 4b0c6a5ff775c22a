import type { Standard } from '../standard/schema'
import { addDaysToDay, atTimeInZone } from './dates'
import type { CardDeadline, CardEffects, CardRecord, CardReminder, CardReportingSlot } from './record'

/**
 * What a card record has pending: the reminders and deadlines of its open reporting boxes and of
 * its expiry. Ids are stable, so a decision schedules what it adds and cancels what it drops by id.
 * @internal
 */
export interface CardPlan {
  reminders: CardReminder[]
  deadlines: CardDeadline[]
}

/** A slot still waiting for its report (neither filled nor missed). */
export function isOpenSlot(slot: CardReportingSlot): boolean {
  return slot.report === undefined && slot.missedAt === undefined
}

/** Everything pending for an active record: reminders after `now`, and every deadline. @internal */
export function cardPlan(record: CardRecord, standard: Standard, now: Date): CardPlan {
  if (record.state !== 'aktif') return { reminders: [], deadlines: [] }
  const { reminders: settings } = standard.card
  const zone = standard.calendar.timeZone
  const reminders: CardReminder[] = []
  const deadlines: CardDeadline[] = []
  const leads = (list: readonly number[]) => [...new Set(list)].sort((a, b) => b - a)
  for (const slot of record.reporting) {
    if (!isOpenSlot(slot)) continue
    for (const daysBefore of leads(settings.beforeReportingDays)) {
      const at = atTimeInZone(addDaysToDay(slot.dueDate, -daysBefore), settings.at, zone)
      if (at.getTime() <= now.getTime()) continue
      reminders.push({
        id: `${record.id}:report:${slot.index}:d${daysBefore}`,
        kind: 'reporting',
        at: at.toISOString(),
        template: 'pengingat_lapor',
        daysBefore,
        reportIndex: slot.index,
        date: slot.dueDate,
      })
    }
    deadlines.push({
      id: `${record.id}:report:${slot.index}:closed`,
      kind: 'report_window_closed',
      at: slot.closesAt,
      reportIndex: slot.index,
    })
  }
  for (const daysBefore of leads(settings.beforeExpiryDays)) {
    const at = atTimeInZone(addDaysToDay(record.validUntil, -daysBefore), settings.at, zone)
    if (at.getTime() <= now.getTime()) continue
    reminders.push({
      id: `${record.id}:expiry:d${daysBefore}`,
      kind: 'expiry',
      at: at.toISOString(),
      template: 'pengingat_kedaluwarsa',
      daysBefore,
      date: record.validUntil,
    })
  }
  deadlines.push({ id: `${record.id}:expire`, kind: 'expire', at: record.expiresAt })
  return { reminders, deadlines }
}

/**
 * The effects that take a record from one plan to the next: schedule what is new, cancel what is
 * gone (only rows not yet due: a sent reminder cannot be taken back, and a deadline being handled
 * is completed by its worker). @internal
 */
export function planDiff(before: CardPlan, after: CardPlan, now: Date): CardEffects {
  const diff = <T extends { id: string; at: string }>(a: T[], b: T[]) => {
    const beforeIds = new Set(a.map((x) => x.id))
    const afterIds = new Set(b.map((x) => x.id))
    return {
      schedule: b.filter((x) => !beforeIds.has(x.id)),
      cancel: a.filter((x) => !afterIds.has(x.id) && Date.parse(x.at) > now.getTime()).map((x) => x.id),
    }
  }
  return {
    reminders: diff(before.reminders, after.reminders),
    deadlines: diff(before.deadlines, after.deadlines),
  }
}
