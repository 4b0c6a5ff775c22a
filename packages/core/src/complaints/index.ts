export {
  type BukuPengaduanRow,
  bukuPengaduanColumns,
  bukuPengaduanCsv,
  bukuPengaduanHtml,
  bukuPengaduanRows,
  maskContact,
} from './book'
export { type ComplaintContext, type ComplaintEntry, complaintEntrySchema, decideComplaint } from './decide'
export { decideOpening, missedOpenings, type SuggestionBoxOpening } from './suggestion-box'
export * from './types'
