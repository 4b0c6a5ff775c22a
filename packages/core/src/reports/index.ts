export { createPercentileCounter, type PercentileCounter } from './percentile'
export {
  type RegisterBook,
  type RegisterEntry,
  registerBookColumns,
  registerBookCsv,
  registerBookHtml,
} from './register-book'
export {
  printableTable,
  serviceReportCsv,
  serviceReportHtml,
  serviceReportRows,
  toCsv,
} from './render'
export {
  createServiceReportAccumulator,
  type ReportCase,
  type ReportComplaint,
  type ServiceReport,
  type ServiceReportAccumulator,
  type Spread,
} from './service-report'
