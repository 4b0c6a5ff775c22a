export { createWorkingCalendar } from './calendar'
export {
  type CalendarDay,
  type DayDescription,
  type ExtraWorkingDay,
  type IndonesianTimeZone,
  type Instant,
  indonesianTimeZones,
  type WorkingCalendar,
  type WorkingCalendarOptions,
} from './calendar-types'
export {
  type ClockExtension,
  type ClockLedger,
  type ClockRecomputation,
  type ClockSegment,
  clockState,
  type ExtensionPolicy,
  extendClock,
  type PauseReason,
  pauseClock,
  pauseReasons,
  recomputeClock,
  resumeClock,
  startClock,
  stopClock,
} from './clock'
export {
  dueRowsFor,
  type EvaluateSlaOptions,
  evaluateSla,
  type SlaDueRow,
  type SlaStatus,
  type SlaView,
  type StepSla,
  type StepVisit,
} from './evaluate'
export { type CalendarFromStandardOptions, calendarFromStandard } from './from-standard'
export { reviseHolidaySet } from './holiday-revisions'
export {
  buildHolidaySet,
  type HolidayDay,
  type HolidayKind,
  type HolidayRevision,
  type HolidaySet,
  type HolidayStatus,
  holidaySets,
  indonesiaHolidayRevisions,
  indonesiaHolidays,
  type RamadanPeriod,
} from './holidays'
export type { CalendarHorizon, ProvisionalDeadline } from './horizon'
export {
  asnHours,
  asnRamadanHours,
  type ClockTime,
  type DayHours,
  type WeekdayKey,
  type WeekHours,
  weekdayKeys,
} from './hours'
