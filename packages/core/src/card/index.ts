export {
  addDaysToDay,
  addMonthsToDay,
  type CardSchedule,
  cardSchedule,
  dayInZone,
  startOfDayInZone,
} from './dates'
export { decideCardDeadline } from './deadline'
export {
  ageBandOn,
  type CardAgeBand,
  type CardHolderFacts,
  type CardHolderPersonal,
  cardAgeBands,
  cardAttributes,
  cardHolderFacts,
  cardRecordId,
  cardRecordKind,
  highestLevel,
  isCardRecordId,
} from './holder'
export { type OpenCardInput, openCardRecord } from './open'
export type {
  CardAudit,
  CardContext,
  CardDeadline,
  CardDecision,
  CardDetails,
  CardEffects,
  CardEmployment,
  CardRecord,
  CardReminder,
  CardReportingSlot,
  CardState,
  ReportTiming,
} from './record'
export { cardStates } from './record'
export {
  type CardPhoto,
  type CardRenderer,
  type CardRenderInput,
  cardPhotoOf,
  type RenderedCardPdf,
} from './renderer'
export { renewCardRecord } from './renew'
export { type CardReport, type CardReportInput, cardReportSchema, decideCardReport } from './report'
export {
  type CardLabels,
  type CardLayout,
  type CardPage2Field,
  type CardSettings,
  cardLabelsSchema,
  cardLayoutSchema,
  cardPage2Fields,
  cardRemindersSchema,
  cardReportingSchema,
} from './settings'
export {
  type CardCounts,
  type CardStatistics,
  type CardStatisticsRow,
  cardStatisticsCsv,
  checkCardPeriod,
  createCardStatistics,
} from './statistics'
