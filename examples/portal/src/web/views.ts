import type { CaseView } from '@ak1/core'
import { html } from 'hono/html'
import type { CapturedMessage } from '../capture/messages'
import {
  csrfField,
  type Html,
  notice,
  type PageContext,
  page,
  roleName,
  slaBadge,
  stateName,
  when,
} from './page'
import { staffRoles } from './session'

/** The front page: what the portal is and where to go. */
export function homePage(ctx: PageContext): Html {
  const { t } = ctx
  const body = html`
  ${notice('info', t('Ini adalah portal DEMO. Semua permohonan, nama dan NIK di sini adalah data contoh.', 'This is a DEMO portal. Every application, name and NIK here is sample data.'))}
  <p>${t(
    'Layanan Kartu Pencari Kerja (AK-1) Kecamatan Balongbendo, dijalankan oleh pustaka @ak1 sesuai Standar Pelayanan.',
    'The job-seeker card (AK-1) service of Kecamatan Balongbendo, run by the @ak1 library as its service standard describes it.',
  )}</p>
  <ul class="tiles">
    <li><a href="/loket">${t('Loket: permohonan baru', 'Front desk: new application')}</a></li>
    <li><a href="/kerja">${t('Daftar kerja per peran', 'Worklists per role')}</a></li>
    <li><a href="/lacak">${t('Lacak berkas (untuk pemohon)', 'Track a case (for applicants)')}</a></li>
    <li><a href="/kotak-keluar">${t('Kotak keluar: e-mail dan SMS terkirim', 'Outbox: e-mails and SMS sent')}</a></li>
  </ul>
  <p>${t('Biaya', 'Fee')}: ${ctx.standard.fee.note ?? '-'}. ${t('Waktu penyelesaian', 'Completion time')}: ${ctx.standard.completion.workingDays} ${t('hari kerja', 'working days')}.</p>`
  return page(ctx, t('Layanan AK-1 (Kartu Pencari Kerja)', 'AK-1 service (job-seeker card)'), body)
}

/** The demo role picker: one demo user per role the standard names. */
export function loginPage(ctx: PageContext, next: string): Html {
  const { t } = ctx
  const roles = staffRoles(ctx.standard)
  const body = html`
  ${notice('info', t('DEMO: pilih peran untuk masuk. Portal sungguhan memakai login kantor lewat kait authenticate(request).', 'DEMO: pick a role to sign in. A real portal uses the office login through the authenticate(request) hook.'))}
  <form method="post" action="/masuk" class="card">
    ${csrfField(ctx)}
    <input type="hidden" name="next" value="${next}">
    <fieldset><legend>${t('Peran', 'Role')}</legend>
    ${roles.map(
      (
        r,
        i,
      ) => html`<div class="check"><input type="radio" name="role" id="role-${r.id}" value="${r.id}"${i === 0 ? html` checked` : ''}>
      <label for="role-${r.id}">${roleName(ctx, r.id)} <span class="muted">(demo-${r.id.replaceAll('_', '-')})</span></label></div>`,
    )}
    </fieldset>
    <button type="submit">${t('Masuk', 'Sign in')}</button>
  </form>`
  return page(ctx, t('Masuk (demo)', 'Sign in (demo)'), body)
}

/** Sorts cases by due time, the earliest first; cases without one (paused, stopped) last. */
export function byDue(a: CaseView, b: CaseView): number {
  const x = a.sla.dueAt ?? '9999'
  const y = b.sla.dueAt ?? '9999'
  return x < y ? -1 : x > y ? 1 : a.trackingCode.localeCompare(b.trackingCode)
}

function caseTable(ctx: PageContext, cases: CaseView[], caption: string): Html {
  const { t } = ctx
  if (!cases.length) return html`<p>${t('Tidak ada berkas.', 'No cases.')}</p>`
  return html`<div class="scroll"><table class="worklist"><caption>${caption}</caption>
  <thead><tr><th scope="col">${t('Kode lacak', 'Tracking code')}</th><th scope="col">${t('Tahap', 'Step')}</th><th scope="col">${t('Tenggat', 'Due')}</th><th scope="col">SLA</th></tr></thead>
  <tbody>${cases.map(
    (c) =>
      html`<tr><td><a href="/kasus/${c.id}">${c.trackingCode}</a></td><td>${stateName(ctx, c.state)}</td><td>${when(ctx, c.sla.dueAt)}</td><td>${slaBadge(ctx, c.sla.status)}${c.incidents.length ? html` <span class="badge incident">${t('insiden', 'incident')}</span>` : ''}</td></tr>`,
  )}</tbody></table></div>`
}

/** A role's worklist (sorted by due time), the returned cases and the cases with an incident. */
export function worklistPage(
  ctx: PageContext,
  role: string,
  lists: { awaiting: CaseView[]; returned: CaseView[]; incidents: CaseView[] },
): Html {
  const { t } = ctx
  const tabs = staffRoles(ctx.standard).map(
    (r) =>
      html`<li><a href="/kerja/${r.id}"${r.id === role ? html` aria-current="page"` : ''}>${roleName(ctx, r.id)}</a></li>`,
  )
  const body = html`
  <nav aria-label="${t('Peran', 'Roles')}"><ul class="tabs">${tabs}</ul></nav>
  <section class="card" aria-labelledby="wl-h"><h2 id="wl-h">${t('Menunggu', 'Waiting for')} ${roleName(ctx, role)}</h2>
  ${caseTable(ctx, lists.awaiting, t('Urut menurut tenggat, paling awal di atas', 'Sorted by due time, earliest first'))}</section>
  <section class="card" aria-labelledby="rt-h"><h2 id="rt-h">${t('Dikembalikan ke pemohon', 'Returned to the applicant')}</h2>
  ${caseTable(ctx, lists.returned, t('Menunggu berkas dari pemohon', 'Waiting for documents from the applicant'))}</section>
  <section class="card" aria-labelledby="in-h"><h2 id="in-h">${t('Berkas dengan insiden pengiriman', 'Cases with a delivery incident')}</h2>
  ${caseTable(ctx, lists.incidents, t('Pengiriman gagal yang perlu ditangani', 'Failed deliveries to handle'))}</section>`
  return page(ctx, `${t('Daftar kerja', 'Worklist')}: ${roleName(ctx, role)}`, body)
}

/** A NIK with all but its first two and last four digits hidden. */
export function maskNik(nik: string): string {
  return nik.length > 6
    ? `${nik.slice(0, 2)}${'*'.repeat(nik.length - 6)}${nik.slice(-4)}`
    : '*'.repeat(nik.length)
}

/** A name with all but the first letter of each word hidden. */
export function maskName(name: string): string {
  return name
    .split(/\s+/)
    .map((w) => `${w.slice(0, 1)}${'*'.repeat(Math.max(0, w.length - 1))}`)
    .join(' ')
}

interface Applicant {
  nik?: string
  fullName?: string
}
const applicantOf = (view: CaseView) =>
  ((view.application as { applicant?: Applicant }).applicant ?? {}) as Applicant

/** The printable tanda terima: tracking code, due date, what was handed in. */
export function receiptPage(ctx: PageContext, view: CaseView): Html {
  const { t, lang } = ctx
  const applicant = applicantOf(view)
  const handedIn = view.checklist.filter((i) => i.verified)
  const body = html`
  <section class="receipt card">
  <p>${ctx.standard.office.name} · SK ${ctx.standard.decree.number}</p>
  <dl class="facts">
    <dt>${t('Kode lacak', 'Tracking code')}</dt><dd id="receipt-code"><strong>${view.trackingCode}</strong></dd>
    <dt>${t('Nama pemohon', 'Applicant')}</dt><dd>${applicant.fullName ?? '-'}</dd>
    <dt>NIK</dt><dd id="receipt-nik">${maskNik(applicant.nik ?? '')}</dd>
    <dt>${t('Diterima', 'Received')}</dt><dd>${when(ctx, view.sla.receivedAt ?? view.createdAt)}</dd>
    <dt>${t('Perkiraan selesai', 'Expected by')}</dt><dd id="receipt-due">${when(ctx, view.sla.dueAt ?? view.sla.plannedDueAt)}</dd>
    <dt>${t('Biaya', 'Fee')}</dt><dd>${ctx.standard.fee.note ?? '-'}</dd>
  </dl>
  <h2>${t('Berkas yang diserahkan', 'Documents handed in')}</h2>
  ${handedIn.length ? html`<ul id="receipt-items">${handedIn.map((i) => html`<li>${lang === 'en' ? (i.labelEn ?? i.label) : i.label}</li>`)}</ul>` : html`<p>${t('Berkas belum diperiksa.', 'Documents not checked yet.')}</p>`}
  <p>${t('Lacak berkas Anda di halaman Lacak berkas dengan kode lacak dan tanggal lahir.', 'Track your case on the Track a case page with the tracking code and your date of birth.')}</p>
  </section>
  <p class="no-print"><button type="button" data-print>${t('Cetak', 'Print')}</button> <a href="/kasus/${view.id}">${t('Kembali ke berkas', 'Back to the case')}</a></p>`
  return page(ctx, t('Tanda terima berkas AK-1', 'AK-1 application receipt'), body, { printable: true })
}

/** The public tracking page: the form, and the case found (NIK and name masked) or a refusal. */
export function trackingPage(
  ctx: PageContext,
  input: { code: string; birthDate: string },
  result: { view?: CaseView; refused?: string },
): Html {
  const { t } = ctx
  const view = result.view
  const applicant = view ? applicantOf(view) : {}
  const body = html`
  <p>${t('Masukkan kode lacak dari tanda terima dan tanggal lahir pemohon.', "Enter the tracking code from the receipt and the applicant's date of birth.")}</p>
  <form method="post" action="/lacak" class="card">
    ${csrfField(ctx)}
    <div class="field"><label for="lacak-code">${t('Kode lacak', 'Tracking code')}</label>
      <input id="lacak-code" name="code" value="${input.code}" required autocomplete="off"></div>
    <div class="field"><label for="lacak-birth">${t('Tanggal lahir', 'Date of birth')}</label>
      <input id="lacak-birth" name="birthDate" type="date" value="${input.birthDate}" required></div>
    <button type="submit">${t('Lacak', 'Track')}</button>
  </form>
  ${result.refused ? notice('error', result.refused) : ''}
  ${
    view
      ? html`<section class="card" aria-labelledby="res-h"><h2 id="res-h">${t('Berkas', 'Case')} ${view.trackingCode}</h2>
    <dl class="facts">
      <dt>${t('Nama', 'Name')}</dt><dd>${maskName(applicant.fullName ?? '')}</dd>
      <dt>NIK</dt><dd id="track-nik">${maskNik(applicant.nik ?? '')}</dd>
      <dt>${t('Status', 'Status')}</dt><dd id="track-state">${stateName(ctx, view.state)}</dd>
      <dt>${t('Perkiraan selesai', 'Expected by')}</dt><dd id="track-due">${when(ctx, view.sla.dueAt)}</dd>
      ${view.returned ? html`<dt>${t('Perlu dilengkapi', 'To complete')}</dt><dd>${view.returned.missing.join(', ')}</dd>` : ''}
    </dl></section>`
      : ''
  }`
  return page(ctx, t('Lacak berkas', 'Track a case'), body)
}

/** Every e-mail and SMS the capture servers received, newest first. */
export function outboxPage(ctx: PageContext, messages: readonly CapturedMessage[]): Html {
  const { t } = ctx
  const items = [...messages].reverse().map(
    (m) => html`<li class="message message-${m.channel}">
      <p><span class="badge">${m.channel === 'email' ? 'E-mail' : 'SMS'}</span> ${when(ctx, m.at)} · ${t('kepada', 'to')} ${m.to}</p>
      ${m.subject ? html`<p><strong>${m.subject}</strong></p>` : ''}
      <pre>${m.text}</pre></li>`,
  )
  const body = html`
  ${notice('info', t('DEMO: pesan ditangkap oleh server SMTP dan gateway SMS tiruan di 127.0.0.1, tidak dikirim ke luar.', 'DEMO: messages are captured by a stand-in SMTP server and SMS gateway on 127.0.0.1, never sent out.'))}
  <p><a href="/kotak-keluar">${t('Muat ulang', 'Reload')}</a></p>
  ${items.length ? html`<ul class="messages">${items}</ul>` : html`<p>${t('Belum ada pesan.', 'No messages yet.')}</p>`}`
  return page(ctx, t('Kotak keluar', 'Outbox'), body)
}
