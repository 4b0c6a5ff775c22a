// Importing the check registers it with defineStandard (see `standardChecks`).
export { checkNoticeTemplates } from './check'
export {
  detailsFromView,
  escapeHtml,
  type NoticeCase,
  type NoticeDetails,
  noticeValues,
  openingHoursText,
  type RenderedNotice,
  renderNotice,
  toNoticeCase,
} from './render'
export { isGsm7, type SmsSegments, smsSegments } from './sms'
export {
  commonPlaceholders,
  defaultNoticeTemplates,
  type NoticeTemplateId,
  type NoticeTexts,
  noticeTemplateIds,
  officeAlertTemplates,
  placeholdersIn,
  placeholdersOf,
  templatePlaceholders,
} from './templates'
