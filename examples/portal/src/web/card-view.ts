import { randomUUID } from 'node:crypto'
import type { CardView } from '@ak1/core'
import { html } from 'hono/html'
import { csrfField, type Html, notice, type PageContext, page, roleName, when } from './page'

/** What the card page shows: the holder's card record and what this officer may do with it. */
export interface CardPageData {
  card: CardView
  /** Whether this officer's role prints the card (the standard's print step role). */
  canPrint: boolean
  /** The report form's values and its errors by field, after a refused report. */
  values?: Record<string, string>
  errors?: Record<string, string[]>
  problem?: string
  done?: string
}

/** A card state's name in the page's language. */
export function cardStateName(ctx: PageContext, state: string): string {
  const { t } = ctx
  return (
    {
      aktif: t('Aktif', 'Active'),
      ditutup: t('Ditutup (sudah bekerja)', 'Closed (employed)'),
      kedaluwarsa: t('Kedaluwarsa', 'Expired'),
      tidak_lapor: t('Tidak lapor (gugur)', 'Lapsed (report missed)'),
    }[state] ?? state
  )
}

/** The WIB day of an instant, as a short date. */
function day(ctx: PageContext, iso: string): string {
  return new Intl.DateTimeFormat(ctx.lang === 'en' ? 'en-GB' : 'id-ID', {
    timeZone: 'Asia/Jakarta',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
  }).format(new Date(iso))
}

function timingName(ctx: PageContext, timing: string): string {
  const { t } = ctx
  return (
    { early: t('lebih awal', 'early'), on_time: t('tepat waktu', 'on time'), late: t('terlambat', 'late') }[
      timing
    ] ?? timing
  )
}

function reportingSection(ctx: PageContext, card: CardView): Html {
  const { t } = ctx
  const rows = card.reporting.map((slot) => {
    const status = slot.report
      ? html`<span class="badge card-report-${slot.report.timing}">✔ ${t('Sudah lapor', 'Reported')}, ${timingName(ctx, slot.report.timing)}</span> ${when(ctx, slot.report.at)} · ${roleName(ctx, slot.report.by.role)} (${slot.report.by.id})`
      : slot.missedAt
        ? html`<span class="badge card-report-missed">✘ ${t('Terlewat', 'Missed')}</span> ${when(ctx, slot.missedAt)}`
        : html`<span class="badge card-report-open">${t('Belum lapor', 'Not reported yet')}</span>`
    return html`<tr data-report="${slot.index}"><th scope="row">${t('Laporan ke', 'Report')} ${slot.index}</th>
      <td>${slot.dueDate}</td><td>${day(ctx, slot.opensAt)} – ${day(ctx, new Date(Date.parse(slot.closesAt) - 1).toISOString())}</td><td class="report-status">${status}</td></tr>`
  })
  return html`<section class="card" aria-labelledby="lapor-h"><h2 id="lapor-h">${t('Tanggal wajib lapor', 'Reporting dates')}</h2>
  <div class="scroll"><table id="card-reporting"><thead><tr><th scope="col">${t('Laporan', 'Report')}</th><th scope="col">${t('Wajib lapor', 'Due')}</th><th scope="col">${t('Diterima antara', 'Accepted between')}</th><th scope="col">Status</th></tr></thead>
  <tbody>${rows}</tbody></table></div></section>`
}

function reportsSection(ctx: PageContext, card: CardView): Html {
  const { t } = ctx
  const items: Html[] = card.reporting
    .filter((s) => s.report)
    .map(
      (s) =>
        html`<li>${when(ctx, s.report!.at)}: ${t('masih mencari kerja', 'still seeking work')} (${t('laporan ke', 'report')} ${s.index}, ${timingName(ctx, s.report!.timing)})</li>`,
    )
  const { details, employment } = card
  if (details.address)
    items.push(
      html`<li>${t('Alamat baru', 'New address')}: ${details.address.street}, RT ${details.address.rt}/RW ${details.address.rw}, ${details.address.desa}</li>`,
    )
  if (details.contacts)
    items.push(
      html`<li>${t('Kontak baru', 'New contacts')}: ${[details.contacts.mobile, details.contacts.email].filter(Boolean).join(', ')}</li>`,
    )
  if (details.education?.length)
    items.push(
      html`<li>${t('Pendidikan baru', 'New education')}: ${details.education.map((e) => `${e.level.toUpperCase()} ${e.school}`).join(', ')}</li>`,
    )
  if (employment)
    items.push(
      html`<li id="card-employment">${when(ctx, employment.reportedAt)}: ${t('sudah bekerja di', 'employed at')} ${employment.employer}, ${employment.position}, ${t('sejak', 'since')} ${employment.startDate}</li>`,
    )
  return html`<section class="card" aria-labelledby="laporan-h"><h2 id="laporan-h">${t('Laporan yang tercatat', 'Reports recorded')}</h2>
  ${items.length ? html`<ul id="card-reports">${items}</ul>` : html`<p id="card-reports">${t('Belum ada laporan.', 'No report yet.')}</p>`}</section>`
}

function field(
  name: string,
  label: string,
  data: CardPageData,
  o: { type?: string; autocomplete?: string; inputmode?: string } = {},
): Html {
  const id = `r-${name.replaceAll('.', '-')}`
  const errs = data.errors?.[name] ?? []
  return html`<div class="field${errs.length ? ' has-error' : ''}" data-field="${name}">
  <label for="${id}">${label}</label>
  <input id="${id}" name="${name}" type="${o.type ?? 'text'}" value="${data.values?.[name] ?? ''}" aria-describedby="${id}-err"${
    errs.length ? html` aria-invalid="true"` : ''
  } autocomplete="${o.autocomplete ?? 'off'}"${o.inputmode ? html` inputmode="${o.inputmode}"` : ''}>
  <p class="field-error" id="${id}-err" aria-live="polite">${errs.join(' ')}</p>
</div>`
}

function reportForm(ctx: PageContext, data: CardPageData): Html {
  const { t } = ctx
  const { card } = data
  const kind = data.values?.kind ?? 'still_seeking'
  const kinds: Array<[string, string]> = [
    ['still_seeking', t('Masih mencari kerja (lapor berkala)', 'Still seeking work (periodic report)')],
    ['employed', t('Sudah bekerja (kartu ditutup)', 'Employed (the card is closed)')],
    ['changed_details', t('Perubahan data', 'Changed details')],
  ]
  const kindErrs = data.errors?.kind ?? []
  return html`<section class="card" aria-labelledby="rf-h"><h2 id="rf-h">${t('Catat laporan pencari kerja', "Record the job seeker's report")}</h2>
  <form method="post" action="/kartu/${encodeURIComponent(card.cardNumber)}/lapor" id="report-form" novalidate>
    ${csrfField(ctx)}
    <input type="hidden" name="expectedVersion" value="${card.version}">
    <input type="hidden" name="commandId" value="${randomUUID()}">
    <fieldset class="ticks${kindErrs.length ? ' has-error' : ''}" data-field="kind" aria-describedby="r-kind-err"><legend>${t('Isi laporan', 'The report')}</legend>
    ${kinds.map(
      ([value, label]) =>
        html`<div class="check"><input type="radio" name="kind" value="${value}" id="r-kind-${value}"${
          value === kind ? html` checked` : ''
        }><label for="r-kind-${value}">${label}</label></div>`,
    )}
    <p class="field-error" id="r-kind-err" aria-live="polite">${kindErrs.join(' ')}</p></fieldset>
    <fieldset><legend>${t('Bila sudah bekerja', 'When employed')}</legend>
    ${field('employer', t('Pemberi kerja', 'Employer'), data, { autocomplete: 'organization' })}
    ${field('position', t('Jabatan', 'Position'), data, { autocomplete: 'organization-title' })}
    ${field('startDate', t('Mulai bekerja', 'Start date'), data, { type: 'date' })}
    </fieldset>
    <fieldset><legend>${t('Bila ada perubahan data', 'When details changed')}</legend>
    ${field('contacts.mobile', t('Nomor HP baru', 'New mobile number'), data, { type: 'tel', inputmode: 'tel' })}
    ${field('contacts.email', t('E-mail baru', 'New e-mail'), data, { type: 'email' })}
    </fieldset>
    <button type="submit">${t('Simpan laporan', 'Save the report')}</button>
  </form></section>`
}

/**
 * The card page of one holder: the card's state, its reporting dates with done, late and missed
 * marks, the reports recorded, the print / reprint action for the print step's role, and the form
 * on which an officer records a report (errors beside their field).
 */
export function cardPage(ctx: PageContext, data: CardPageData): Html {
  const { t } = ctx
  const { card } = data
  const body = html`
  ${data.problem ? notice('error', data.problem) : ''}
  ${data.done ? notice('ok', data.done) : ''}
  <section class="card" aria-labelledby="kartu-h"><h2 id="kartu-h">${t('Kartu AK-1', 'AK-1 card')} <span id="card-number">${card.cardNumber}</span></h2>
  <dl class="facts">
    <dt>${t('Pemegang', 'Holder')}</dt><dd>${card.holderName}</dd>
    <dt>Status</dt><dd id="card-state" data-state="${card.state}">${cardStateName(ctx, card.state)}</dd>
    <dt>${t('Terdaftar', 'Registered')}</dt><dd>${when(ctx, card.registeredAt)}</dd>
    <dt>${t('Dicetak', 'Printed')}</dt><dd>${when(ctx, card.issuedAt)}</dd>
    <dt>${t('Berlaku sampai', 'Valid until')}</dt><dd id="card-valid-until">${card.validUntil}</dd>
    ${card.previousCardNumber ? html`<dt>${t('Memperbarui kartu', 'Renews card')}</dt><dd>${card.previousCardNumber}</dd>` : ''}
    <dt>${t('Versi', 'Version')}</dt><dd>${card.version}</dd>
  </dl>
  <p><a href="/kasus/${card.caseId}">${t('Berkas permohonan', 'The application case')}</a></p>
  ${
    data.canPrint
      ? html`<form method="post" action="/kartu/${encodeURIComponent(card.cardNumber)}/cetak" id="print-form">${csrfField(ctx)}
    <button type="submit">${t('Cetak ulang kartu (PDF)', 'Reprint the card (PDF)')}</button></form>`
      : ''
  }
  </section>
  ${reportingSection(ctx, card)}
  ${reportsSection(ctx, card)}
  ${card.state === 'aktif' ? reportForm(ctx, data) : ''}`
  return page(ctx, `${t('Kartu', 'Card')} ${card.cardNumber}`, body)
}
