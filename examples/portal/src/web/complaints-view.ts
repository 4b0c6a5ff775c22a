import {
  type BukuPengaduanRow,
  bukuPengaduanColumns,
  type ComplaintView,
  type ServiceReport,
  serviceReportRows,
  skmElements,
} from '@ak1/core'
import { html } from 'hono/html'
import { csrfField, type Html, notice, type PageContext, page, roleName, when } from './page'

/** What the Buku Pengaduan screen shows. */
export interface ComplaintsScreen {
  entries: ComplaintView[]
  missed: string[]
  period: { from: string; to: string }
  problem?: string
  done?: string
}

const stateNames: Record<string, [string, string]> = {
  dicatat: ['Dicatat', 'Recorded'],
  dilaporkan: ['Dilaporkan ke Kepala Seksi', 'Reported to the section head'],
  ditindaklanjuti: ['Ditindaklanjuti', 'Followed up'],
  selesai: ['Selesai', 'Closed'],
}

/** The actions the signed-in officer may take on an entry (the library checks them again). */
function entryActions(ctx: PageContext, e: ComplaintView): Html {
  const { t, actor, standard } = ctx
  const role = actor?.role
  const rec = standard.complaints.recordedBy
  const head = `demo-${(standard.complaints.followUpRole ?? '').replaceAll('_', '-')}`
  const form = (action: string, label: string, extra: Html | string = '') =>
    html`<form method="post" action="/pengaduan/${e.id}/${action}" class="inline">${csrfField(ctx)}
      <input type="hidden" name="expectedVersion" value="${e.version}">${extra}
      <button type="submit">${label}</button></form>`
  if (e.state === 'dicatat' && role === rec)
    return form(
      'laporkan',
      t('Laporkan ke Kepala Seksi', 'Report to the section head'),
      html`<input type="hidden" name="to" value="${head}">`,
    )
  if (e.state === 'dilaporkan' && actor?.id === e.assignee?.id)
    return form(
      'tindak-lanjut',
      t('Simpan tindak lanjut', 'Save the follow-up'),
      html`<label for="hasil-${e.id}">${t('Hasil tindak lanjut', 'Follow-up result')}</label>
      <textarea id="hasil-${e.id}" name="result" rows="2"></textarea>`,
    )
  if (e.state === 'ditindaklanjuti' && actor?.id === e.assignee?.id) return form('tutup', t('Tutup', 'Close'))
  return html``
}

/** The Buku Pengaduan screen: the entries, a new entry, the day's kotak saran opening, missed days. */
export function complaintsPage(ctx: PageContext, s: ComplaintsScreen): Html {
  const { t, standard } = ctx
  const channels = standard.complaints.channels.map((c) => c.kind).filter((k) => k !== 'kotak_saran')
  const body = html`
  ${s.problem ? notice('error', s.problem) : ''}${s.done ? notice('ok', s.done) : ''}
  <p><a href="/buku-pengaduan?dari=${s.period.from}&amp;sampai=${s.period.to}">${t('Cetak Buku Pengaduan', 'Print the complaints book')}</a>
   · <a href="/laporan?dari=${s.period.from}&amp;sampai=${s.period.to}">${t('Laporan pelayanan', 'Service report')}</a>
   · <a href="/skm">${t('Survei kepuasan (SKM)', 'Satisfaction survey (SKM)')}</a></p>
  <h2>${t('Buku Pengaduan', 'Complaints book')}</h2>
  <div class="scroll"><table class="list"><thead><tr><th scope="col">No.</th><th scope="col">${t('Tanggal', 'Date')}</th>
    <th scope="col">${t('Jenis', 'Type')}</th><th scope="col">${t('Saluran', 'Channel')}</th>
    <th scope="col">${t('Status', 'State')}</th><th scope="col">${t('Tindakan', 'Action')}</th></tr></thead>
  <tbody>${s.entries.map(
    (
      e,
    ) => html`<tr data-entry="${e.id}" data-number="${e.number}"><td>${e.number}/${e.year}</td><td>${when(ctx, e.recordedAt)}</td><td>${e.type}</td>
      <td>${e.channel}</td><td class="state">${t(...(stateNames[e.state] ?? [e.state, e.state]))}</td><td>${entryActions(ctx, e)}</td></tr>`,
  )}</tbody></table></div>
  <h2>${t('Catat pengaduan, saran atau masukan', 'Record a complaint, suggestion or input')}</h2>
  <form method="post" action="/pengaduan" class="card">${csrfField(ctx)}
    <label for="p-type">${t('Jenis', 'Type')}</label>
    <select id="p-type" name="type"><option value="pengaduan">pengaduan</option><option value="saran">saran</option><option value="masukan">masukan</option></select>
    <label for="p-channel">${t('Saluran', 'Channel')}</label>
    <select id="p-channel" name="channel">${channels.map((c) => html`<option value="${c}">${c}</option>`)}</select>
    <label for="p-section">${t('Seksi', 'Section')}</label><input id="p-section" name="section" value="pelayanan">
    <label for="p-content">${t('Isi', 'Content')}</label><textarea id="p-content" name="content" rows="3"></textarea>
    <label for="p-code">${t('Kode lacak berkas (bila ada)', 'Tracking code of the case (if any)')}</label><input id="p-code" name="trackingCode">
    <label for="p-name">${t('Nama (boleh kosong)', 'Name (optional)')}</label><input id="p-name" name="name">
    <label for="p-phone">${t('Nomor HP (boleh kosong)', 'Mobile (optional)')}</label><input id="p-phone" name="phone">
    <button type="submit">${t('Catat', 'Record')}</button>
  </form>
  <h2>${t('Kotak saran hari ini', "Today's suggestion box")}</h2>
  <form method="post" action="/kotak-saran" class="card">${csrfField(ctx)}
    <label for="k-notes">${t('Catatan yang ditemukan, satu per baris (kosongkan bila tidak ada)', 'Notes found, one per line (empty when none)')}</label>
    <textarea id="k-notes" name="notes" rows="3"></textarea>
    <button type="submit">${t('Catat pembukaan kotak saran', 'Record the opening')}</button>
  </form>
  <h2>${t('Hari kerja tanpa pembukaan kotak saran', 'Working days without an opening')}</h2>
  <ul id="missed">${s.missed.length ? s.missed.map((d) => html`<li>${d}</li>`) : html`<li>${t('Tidak ada', 'None')}</li>`}</ul>
  <p class="muted">${t('Dicatat oleh', 'Recorded by')} ${roleName(ctx, standard.complaints.recordedBy ?? '')}; ${t('ditindaklanjuti oleh', 'followed up by')} ${roleName(ctx, standard.complaints.followUpRole ?? '')}.</p>`
  return page(ctx, t('Pengaduan', 'Complaints'), body)
}

/** The printable Buku Pengaduan of a period (contacts masked). */
export function bookPage(
  ctx: PageContext,
  rows: BukuPengaduanRow[],
  period: { from: string; to: string },
): Html {
  const { t } = ctx
  const body = html`<p>${period.from} – ${period.to}</p>
  <div class="scroll"><table class="list"><thead><tr>${bukuPengaduanColumns.map((c) => html`<th scope="col">${ctx.lang === 'en' ? c.en : c.id}</th>`)}</tr></thead>
  <tbody>${rows.map((r) => html`<tr>${bukuPengaduanColumns.map((c) => html`<td>${r[c.key]}</td>`)}</tr>`)}</tbody></table></div>`
  return page(ctx, t('Buku Pengaduan', 'Complaints book'), body, { printable: true })
}

/** The SKM form: nine elements, 1 to 4. */
export function skmPage(ctx: PageContext, extra: { problem?: string; done?: string } = {}): Html {
  const { t } = ctx
  const body = html`
  ${extra.problem ? notice('error', extra.problem) : ''}${extra.done ? notice('ok', extra.done) : ''}
  <p>${t('Nilai 1 (tidak baik) sampai 4 (sangat baik). Tanggapan tidak dikaitkan dengan nama Anda.', 'Score 1 (poor) to 4 (very good). Your answer is not linked to your name.')}</p>
  <form method="post" action="/skm" class="card">${csrfField(ctx)}
  ${skmElements.map(
    (e) => html`<label for="skm-${e.id}">${ctx.lang === 'en' ? e.label.en : e.label.id}</label>
    <select id="skm-${e.id}" name="${e.id}">${[4, 3, 2, 1].map((n) => html`<option value="${n}">${n}</option>`)}</select>`,
  )}
  <label for="skm-code">${t('Kode lacak berkas (bila ada)', 'Tracking code (if any)')}</label><input id="skm-code" name="trackingCode">
  <button type="submit">${t('Kirim', 'Send')}</button></form>`
  return page(ctx, t('Survei Kepuasan Masyarakat', 'Satisfaction survey'), body)
}

/** The service report of a period, with links to its CSV and the buku register. */
export function reportPage(ctx: PageContext, report: ServiceReport): Html {
  const { t } = ctx
  const q = `dari=${report.period.from}&sampai=${report.period.to}`
  const body = html`<p><a href="/laporan.csv?${q}">CSV</a> · <a href="/buku-register?${q}">${t('Buku register', 'Register book')}</a></p>
  <div class="scroll"><table class="list" id="laporan"><thead><tr><th scope="col">${t('Bagian', 'Section')}</th><th scope="col">${t('Ukuran', 'Measure')}</th><th scope="col">${t('Nilai', 'Value')}</th></tr></thead>
  <tbody>${serviceReportRows(report).map(([a, b, c]) => html`<tr><td>${a}</td><td>${b}</td><td>${c}</td></tr>`)}</tbody></table></div>`
  return page(
    ctx,
    `${t('Laporan pelayanan', 'Service report')} ${report.period.from} – ${report.period.to}`,
    body,
    { printable: true },
  )
}
