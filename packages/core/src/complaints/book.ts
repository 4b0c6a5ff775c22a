import { printableTable, toCsv } from '../reports/render'
import type { ComplaintRecord } from './types'

/** The columns of the paper Buku Pengaduan, in order, Indonesian and English. */
export const bukuPengaduanColumns = [
  { key: 'number', id: 'No.', en: 'No.' },
  { key: 'date', id: 'Tanggal', en: 'Date' },
  { key: 'name', id: 'Nama', en: 'Name' },
  { key: 'contact', id: 'Kontak', en: 'Contact' },
  { key: 'channel', id: 'Saluran', en: 'Channel' },
  { key: 'content', id: 'Isi Pengaduan/Saran/Masukan', en: 'Complaint, suggestion or input' },
  { key: 'followUp', id: 'Tindak Lanjut', en: 'Follow-up' },
  { key: 'followUpDate', id: 'Tanggal Tindak Lanjut', en: 'Follow-up date' },
  { key: 'officer', id: 'Petugas', en: 'Officer' },
] as const

/** One row of the book, as text. */
export type BukuPengaduanRow = Record<(typeof bukuPengaduanColumns)[number]['key'], string>

/**
 * Masks a contact for the book: a phone keeps its first 5 and last 3 digits (`+6281******789` for `+6281234567789`), an
 * e-mail its first letter and domain (`b***@gmail.com`).
 */
export function maskContact(contact: string): string {
  const at = contact.indexOf('@')
  if (at > 0) return `${contact[0]}***${contact.slice(at)}`
  if (contact.length <= 8) return '*'.repeat(contact.length)
  return `${contact.slice(0, 5)}${'*'.repeat(contact.length - 8)}${contact.slice(-3)}`
}

/**
 * The rows of the Buku Pengaduan in register-number order. Contacts are masked unless `reveal` is
 * set; the engine sets it only for a caller who gave a reason, and audits that reading.
 */
export function bukuPengaduanRows(
  records: Iterable<ComplaintRecord>,
  options: { dayOf: (iso: string) => string; reveal?: boolean; anonymous?: string },
): BukuPengaduanRow[] {
  const rows = [...records]
    .filter((r) => r.number !== null)
    .sort((a, b) => a.year - b.year || a.number! - b.number!)
  return rows.map((r) => {
    const contact = [r.complainant?.phone, r.complainant?.email].filter((c): c is string => !!c)
    return {
      number: `${r.number}/${r.year}`,
      date: options.dayOf(r.recordedAt),
      name: r.complainant?.name ?? options.anonymous ?? 'Anonim',
      contact: contact.map((c) => (options.reveal ? c : maskContact(c))).join(', '),
      channel: r.channel,
      content: r.content,
      followUp: r.followUp?.result ?? '',
      followUpDate: r.followUp ? options.dayOf(r.followUp.at) : '',
      officer: r.followUp?.by ?? '',
    }
  })
}

/**
 * The book as CSV (RFC 4180, CRLF, a header row). A cell that a spreadsheet would read as a formula
 * (starting with `=`, `+`, `-`, `@`) is prefixed with `'`.
 */
export function bukuPengaduanCsv(rows: readonly BukuPengaduanRow[], locale: 'id' | 'en' = 'id'): string {
  return toCsv(
    bukuPengaduanColumns.map((c) => c[locale]),
    rows.map((row) => bukuPengaduanColumns.map((c) => row[c.key])),
  )
}

/** The book as a printable HTML page (A4 landscape) with the paper book's columns. */
export function bukuPengaduanHtml(
  rows: readonly BukuPengaduanRow[],
  options: { title: string; office: string; locale?: 'id' | 'en' },
): string {
  const locale = options.locale ?? 'id'
  return printableTable({
    title: options.title,
    subtitle: options.office,
    header: bukuPengaduanColumns.map((c) => c[locale]),
    rows: rows.map((row) => bukuPengaduanColumns.map((c) => row[c.key])),
    landscape: true,
  })
}
