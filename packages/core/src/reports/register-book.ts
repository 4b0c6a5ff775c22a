import { printableTable, toCsv } from './render'

/** One entry of the buku register (the SK's step 2.1): a case as the operator recorded it. */
export interface RegisterEntry {
  /** The register sequence value, gap-free per office and year. */
  seq: number
  /** The register number as printed (from the standard's number format). */
  number: string
  /** The office's local day of the registration (`YYYY-MM-DD`). */
  date: string
  trackingCode: string
  /** The applicant's name as on the KTP (personal data: the book is the office's own record). */
  name: string
  sex: string
  /** The card number once printed. */
  cardNumber: string
  /** The case's state now. */
  state: string
}

/** The columns of the buku register, in order, Indonesian and English. */
export const registerBookColumns = [
  { key: 'number', id: 'Nomor Register', en: 'Register number' },
  { key: 'date', id: 'Tanggal', en: 'Date' },
  { key: 'trackingCode', id: 'Kode Pelacakan', en: 'Tracking code' },
  { key: 'name', id: 'Nama Pemohon', en: 'Applicant' },
  { key: 'sex', id: 'L/P', en: 'Sex' },
  { key: 'cardNumber', id: 'Nomor Kartu', en: 'Card number' },
  { key: 'state', id: 'Status', en: 'State' },
] as const

/** The buku register of a period: its entries in register-number order, and any gap found. */
export interface RegisterBook {
  officeCode: string
  period: { from: string; to: string }
  entries: RegisterEntry[]
  /**
   * Register sequence values missing between the first and the last entry of each year in the
   * period (always empty when numbers are taken in the commit; a non-empty list means a row was
   * lost or edited outside the library).
   */
  gaps: { year: string; seq: number }[]
}

/**
 * Orders entries by (year, seq) and lists the gaps between the first and last value of each year.
 * @internal
 */
export function orderRegister(entries: RegisterEntry[]): Pick<RegisterBook, 'entries' | 'gaps'> {
  const sorted = entries
    .slice()
    .sort((a, b) => a.date.slice(0, 4).localeCompare(b.date.slice(0, 4)) || a.seq - b.seq)
  const gaps: RegisterBook['gaps'] = []
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1]!
    const cur = sorted[i]!
    const year = cur.date.slice(0, 4)
    if (prev.date.slice(0, 4) !== year) continue
    for (let seq = prev.seq + 1; seq < cur.seq; seq++) gaps.push({ year, seq })
  }
  return { entries: sorted, gaps }
}

const cells = (e: RegisterEntry) => registerBookColumns.map((c) => String(e[c.key]))

/** The buku register as CSV (RFC 4180, CRLF, a header row, formulas neutralised). */
export function registerBookCsv(book: RegisterBook, locale: 'id' | 'en' = 'id'): string {
  return toCsv(
    registerBookColumns.map((c) => c[locale]),
    book.entries.map(cells),
  )
}

/** The buku register as a printable HTML page (A4 landscape). */
export function registerBookHtml(
  book: RegisterBook,
  options: { office: string; locale?: 'id' | 'en' },
): string {
  const locale = options.locale ?? 'id'
  const title =
    locale === 'id'
      ? `Buku Register AK-1 ${book.period.from} s.d. ${book.period.to}`
      : `AK-1 register book ${book.period.from} to ${book.period.to}`
  return printableTable({
    title,
    subtitle: options.office,
    header: registerBookColumns.map((c) => c[locale]),
    rows: book.entries.map(cells),
    landscape: true,
  })
}
