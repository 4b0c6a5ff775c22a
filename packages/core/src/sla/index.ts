export * from './calendar'
export { type CalendarFromStandardOptions, calendarFromStandard } from './from-standard'
export * from './holidays'
export * from './hours'
