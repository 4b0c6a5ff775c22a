export { createPercentileCounter, type PercentileCounter } from './percentile'
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
