import { escapeHtml } from '../notices/render'
import type { ServiceReport, Spread } from './service-report'

type Row = [section: string, measure: string, value: string]

const targetText = (t: ServiceReport['steps'][number]['target']) =>
  t === null ? '' : 'minutes' in t ? `${t.minutes} menit` : `${t.workingDays} hari kerja`
const num = (v: number | null) => (v === null ? '' : String(v))
const share = (v: number | null) => (v === null ? '' : `${(v * 100).toFixed(1)}%`)

function spreadRows(section: string, label: string, s: Spread): Row[] {
  return [
    [section, `${label}: jumlah`, String(s.count)],
    [section, `${label}: median (menit kerja)`, num(s.median)],
    [section, `${label}: persentil 90 (menit kerja)`, num(s.p90)],
  ]
}

/** The report as rows of (bagian, ukuran, nilai), in Indonesian, for CSV and HTML. */
export function serviceReportRows(report: ServiceReport): Row[] {
  const c = report.cases
  const rows: Row[] = [
    ['Periode', 'Dari', report.period.from],
    ['Periode', 'Sampai', report.period.to],
    ['Berkas', 'Diterima', String(c.received)],
    ['Berkas', 'Selesai', String(c.completed)],
    ['Berkas', 'Ditolak', String(c.rejected)],
    ['Berkas', 'Dibatalkan', String(c.withdrawn)],
    ['Berkas', 'Masih berjalan', String(c.open)],
    ['Berkas', 'Dikembalikan ke pemohon (berkas)', String(c.returnedCases)],
    ['Berkas', 'Dikembalikan ke pemohon (kali)', String(c.returns)],
    ...Object.entries(c.byChannel).map(([k, v]): Row => ['Berkas per saluran', k, String(v)]),
    ['Waktu', 'Selesai tepat waktu', share(report.onTimeShare)],
    ...spreadRows('Waktu', 'Waktu penyelesaian', report.completion),
    ...report.steps.flatMap((s) => [
      ['Langkah', `${s.name}: target`, targetText(s.target)] as Row,
      ...spreadRows('Langkah', s.name, s.actual),
    ]),
    ['Insiden', 'Dibuka', String(report.incidents.opened)],
    ['Insiden', 'Ditutup', String(report.incidents.closed)],
    ['Pengaduan', 'Jumlah', String(report.complaints.total)],
    ...Object.entries(report.complaints.byType).map(([k, v]): Row => ['Pengaduan per jenis', k, String(v)]),
    ...Object.entries(report.complaints.byChannel).map(
      ([k, v]): Row => ['Pengaduan per saluran', k, String(v)],
    ),
    ...Object.entries(report.complaints.byState).map(([k, v]): Row => ['Pengaduan per status', k, String(v)]),
    ['Pengaduan', 'Tenggat terpenuhi', String(report.complaints.deadlinesMet)],
    ['Pengaduan', 'Tenggat terlewat', String(report.complaints.deadlinesMissed)],
  ]
  const skm = report.skm
  if (skm) {
    rows.push(
      ['SKM', 'Jumlah responden', String(skm.responses)],
      ['SKM', 'Indeks', skm.index === null ? '' : skm.index.toFixed(4)],
      ['SKM', 'Nilai konversi', skm.converted === null ? '' : skm.converted.toFixed(2)],
      ['SKM', 'Mutu pelayanan', skm.grade ? `${skm.grade} (${skm.gradeLabel!.id})` : ''],
    )
  }
  return rows
}

const csvCell = (value: string) => {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe
}

/** Rows as CSV (RFC 4180, CRLF, header row), with spreadsheet formulas neutralised. */
export function toCsv(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return `${[header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`
}

/** A printable A4 HTML page holding one table. */
export function printableTable(options: {
  title: string
  subtitle: string
  header: readonly string[]
  rows: readonly (readonly string[])[]
  landscape?: boolean
}): string {
  const head = options.header.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('')
  const body = options.rows
    .map((r) => `<tr>${r.map((v) => `<td>${escapeHtml(v)}</td>`).join('')}</tr>`)
    .join('\n')
  return `<!doctype html>
<html lang="id"><head><meta charset="utf-8"><title>${escapeHtml(options.title)}</title>
<style>body{font:11pt sans-serif}table{border-collapse:collapse;width:100%}th,td{border:1px solid #000;padding:4px;vertical-align:top;text-align:left}@page{size:A4${options.landscape ? ' landscape' : ''};margin:12mm}</style>
</head><body><h1>${escapeHtml(options.title)}</h1><p>${escapeHtml(options.subtitle)}</p>
<table><thead><tr>${head}</tr></thead><tbody>
${body}
</tbody></table></body></html>
`
}

const reportHeader = ['Bagian', 'Ukuran', 'Nilai'] as const

/** The service report as CSV. */
export function serviceReportCsv(report: ServiceReport): string {
  return toCsv(reportHeader, serviceReportRows(report))
}

/** The service report as a printable HTML page. */
export function serviceReportHtml(report: ServiceReport, office: string): string {
  return printableTable({
    title: `Laporan Pelayanan AK-1 ${report.period.from} s.d. ${report.period.to}`,
    subtitle: office,
    header: reportHeader,
    rows: serviceReportRows(report),
  })
}
