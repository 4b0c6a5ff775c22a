import { randomUUID } from 'node:crypto'
import type { CaseView, NextAction, TimelineEntry } from '@ak1/core'
import { html } from 'hono/html'
import {
  csrfField,
  duration,
  type Html,
  notice,
  type PageContext,
  page,
  roleName,
  slaBadge,
  stateName,
  when,
} from './page'

/** What the case page shows: the case, its timeline, and what this actor may do now. */
export interface CasePageData {
  view: CaseView
  timeline: TimelineEntry[]
  /** The actor's own actions (from `availableActions`). */
  actions: NextAction[]
  /** The applicant's actions an officer may take on their behalf (the applicant is at the desk). */
  onBehalfActions: NextAction[]
  problem?: string
  done?: string
}

function checklistLabel(ctx: PageContext, view: CaseView, id: string): string {
  const item = view.checklist.find((i) => i.id === id)
  if (!item) return id
  return ctx.lang === 'en' ? (item.labelEn ?? item.label) : item.label
}

function slaSection(ctx: PageContext, view: CaseView): Html {
  const { t } = ctx
  const sla = view.sla
  const budget = sla.budgetMinutes ?? sla.elapsedMinutes + sla.remainingMinutes
  const used = budget > 0 ? Math.min(100, Math.round((sla.elapsedMinutes / budget) * 100)) : 0
  const clockState =
    {
      not_started: t('belum mulai', 'not started'),
      running: t('berjalan', 'running'),
      paused: t('dijeda (menunggu pemohon)', 'paused (waiting on the applicant)'),
      stopped: t('berhenti', 'stopped'),
    }[sla.state ?? (sla.paused ? 'paused' : 'running')] ?? ''
  return html`<section class="card" aria-labelledby="sla-h">
  <h2 id="sla-h">${t('Waktu layanan (SLA)', 'Service time (SLA)')} ${slaBadge(ctx, sla.status)}</h2>
  <p class="sla-bar"><label for="sla-progress">${t('Waktu kerja terpakai', 'Working time used')}: ${used}%</label>
  <progress id="sla-progress" class="sla-${sla.status}" max="100" value="${used}">${used}%</progress></p>
  <dl class="facts">
    <dt>${t('Tenggat', 'Due')}</dt><dd><span id="sla-due">${when(ctx, sla.dueAt)}</span>${
      sla.provisional
        ? html` <span class="provisional" id="sla-provisional">(${t('perkiraan', 'estimate')}: ${t(sla.provisional.reason, sla.provisional.reasonEn)})</span>`
        : ''
    }</dd>
    <dt>${t('Tenggat awal', 'Planned due')}</dt><dd>${when(ctx, sla.plannedDueAt)}</dd>
    <dt>${t('Jam layanan', 'Clock')}</dt><dd>${clockState}</dd>
    <dt>${t('Waktu kerja terpakai', 'Working time used')}</dt><dd>${duration(ctx, sla.elapsedMinutes)}</dd>
    <dt>${t('Sisa waktu kerja', 'Working time left')}</dt><dd>${duration(ctx, sla.remainingMinutes)}</dd>
    <dt>${t('Dijeda', 'Paused')}</dt><dd id="sla-paused">${duration(ctx, sla.pausedMinutes)}</dd>
    <dt>${t('Versi kalender', 'Calendar version')}</dt><dd>${sla.calendarVersion}</dd>
  </dl>
</section>`
}

function checklistSection(ctx: PageContext, view: CaseView): Html {
  const { t } = ctx
  const rows = view.checklist.map(
    (item) => html`<tr>
      <td>${ctx.lang === 'en' ? (item.labelEn ?? item.label) : item.label}${item.required ? '' : html` <em>(${t('bila ada', 'if any')})</em>`}</td>
      <td>${item.verified ? html`<span class="ok-mark">✔</span> ${roleName(ctx, item.verified.role)} (${item.verified.by}), ${stateName(ctx, item.verified.stepId)}, ${when(ctx, item.verified.at)}` : t('belum diperiksa', 'not checked yet')}</td>
    </tr>`,
  )
  return html`<section class="card" aria-labelledby="cl-h"><h2 id="cl-h">${t('Daftar periksa berkas', 'Document checklist')}</h2>
  <div class="scroll"><table><thead><tr><th scope="col">${t('Berkas', 'Document')}</th><th scope="col">${t('Diperiksa oleh', 'Verified by')}</th></tr></thead>
  <tbody>${rows}</tbody></table></div></section>`
}

function actionForm(
  ctx: PageContext,
  view: CaseView,
  action: NextAction,
  onBehalf: boolean,
  incidentId?: string,
): Html {
  const { t } = ctx
  const labels: Record<string, string> = {
    ACCEPT: t('Terima: berkas sudah diperiksa', 'Accept: documents checked'),
    RETURN: t('Kembalikan ke pemohon', 'Return to the applicant'),
    RESUBMIT: t('Ajukan ulang (atas nama pemohon)', 'Resubmit (for the applicant)'),
    REJECT: t('Tolak permohonan', 'Reject the application'),
    SIGN: t('Tanda tangani', 'Sign'),
    COMPLETE: t('Selesaikan tahap ini', 'Complete this step'),
    HAND_OVER: t('Serahkan kartu', 'Hand over the card'),
    WITHDRAW: t('Batalkan (atas nama pemohon)', 'Withdraw (for the applicant)'),
    RETRY_INCIDENT: t('Kirim ulang', 'Retry'),
    RESOLVE_INCIDENT: t('Tandai selesai', 'Mark resolved'),
  }
  const key = `${action.type}${incidentId ? `-${incidentId}` : ''}`
  const box = (name: string, ids: readonly string[]) =>
    html`<fieldset class="ticks"><legend>${
      name === 'verified'
        ? t('Centang berkas yang sudah diperiksa', 'Tick the documents checked')
        : t('Berkas yang kurang', 'Missing documents')
    }</legend>${ids.map(
      (
        id,
      ) => html`<div class="check"><input type="checkbox" name="${name}" value="${id}" id="${key}-${name}-${id}">
      <label for="${key}-${name}-${id}">${checklistLabel(ctx, view, id)}</label></div>`,
    )}</fieldset>`
  const reason = (required: boolean, label: string) => html`<div class="field">
    <label for="${key}-reason">${label}</label>
    <p class="hint" id="${key}-reason-hint">${t('Tulis tentang berkas, bukan tentang orangnya: tanpa NIK, nama, nomor HP atau alamat.', 'Write about the documents, not the person: no NIK, name, phone number or address.')}</p>
    <textarea id="${key}-reason" name="${action.type.endsWith('INCIDENT') ? 'note' : 'reason'}" aria-describedby="${key}-reason-hint"${required ? html` required` : ''}></textarea></div>`
  let extra: Html | string = ''
  if ((action.type === 'ACCEPT' || action.type === 'HAND_OVER') && action.needs?.length)
    extra = box('verified', action.needs ?? [])
  else if (action.type === 'RETURN')
    extra = html`${box(
      'missing',
      view.checklist.map((i) => i.id),
    )}${reason(true, t('Alasan', 'Reason'))}`
  else if (action.type === 'REJECT') extra = reason(true, t('Alasan penolakan', 'Reason for rejection'))
  else if (action.type === 'WITHDRAW') extra = reason(false, t('Alasan (tidak wajib)', 'Reason (optional)'))
  else if (action.type === 'RESOLVE_INCIDENT')
    extra = reason(true, t('Apa yang dilakukan', 'What was done instead'))
  const danger = ['REJECT', 'WITHDRAW', 'RETURN'].includes(action.type)
  return html`<form method="post" action="/kasus/${view.id}/aksi" class="action${danger ? ' danger' : ''}" data-action="${action.type}">
    ${csrfField(ctx)}
    <input type="hidden" name="type" value="${action.type}">
    <input type="hidden" name="expectedVersion" value="${view.version}">
    <input type="hidden" name="commandId" value="${randomUUID()}">
    ${onBehalf ? html`<input type="hidden" name="onBehalf" value="ya">` : ''}
    ${incidentId ? html`<input type="hidden" name="outboxId" value="${incidentId}">` : ''}
    ${extra}
    <button type="submit">${labels[action.type] ?? action.type}</button>
  </form>`
}

function incidentsSection(ctx: PageContext, data: CasePageData): Html {
  const { t } = ctx
  const { view, actions } = data
  const retry = actions.find((a) => a.type === 'RETRY_INCIDENT')
  const resolve = actions.find((a) => a.type === 'RESOLVE_INCIDENT')
  const rows = view.incidents.map(
    (incident) => html`<li class="incident">
      <p><strong>${incident.kind}</strong> · ${incident.status} · ${when(ctx, incident.openedAt)}</p>
      <p class="error-text">${incident.error ?? ''}</p>
      ${['open', 'failed'].includes(incident.status) && retry ? actionForm(ctx, view, retry, false, incident.outboxId) : ''}
      ${['open', 'failed'].includes(incident.status) && resolve ? actionForm(ctx, view, resolve, false, incident.outboxId) : ''}
    </li>`,
  )
  const deliveries = view.deliveries.map(
    (d) =>
      html`<tr${d.aggregate ? html` data-aggregate="${d.aggregate}"` : ''}><td>${d.template ?? d.action ?? d.kind}${d.aggregate === 'card' ? html` <span class="muted">(${t('kartu', 'card')})</span>` : ''}</td><td>${d.channel ?? 'SIPRAJA'}</td><td><span class="badge delivery-${d.status}">${d.status}</span></td><td>${d.attempts}</td><td>${when(ctx, d.at)}</td></tr>`,
  )
  return html`<section class="card" aria-labelledby="dl-h"><h2 id="dl-h">${t('Pengiriman dan insiden', 'Deliveries and incidents')}</h2>
  ${view.incidents.length ? html`<ul class="incidents">${rows}</ul>` : html`<p>${t('Tidak ada insiden.', 'No incidents.')}</p>`}
  <div class="scroll"><table><thead><tr><th scope="col">${t('Pesan', 'Message')}</th><th scope="col">${t('Saluran', 'Channel')}</th><th scope="col">Status</th><th scope="col">${t('Percobaan', 'Attempts')}</th><th scope="col">${t('Waktu', 'Time')}</th></tr></thead>
  <tbody>${deliveries}</tbody></table></div></section>`
}

function timelineSection(ctx: PageContext, timeline: TimelineEntry[]): Html {
  const { t } = ctx
  return html`<section class="card" aria-labelledby="tl-h"><h2 id="tl-h">${t('Riwayat', 'Timeline')}</h2>
  <ol class="timeline">${timeline.map(
    (e) => html`<li><p>${when(ctx, e.at)} · <strong>${e.event}</strong></p>
      <p>${e.from ? stateName(ctx, e.from) : t('Permohonan masuk', 'Application received')} → ${stateName(ctx, e.to)}</p>
      <p class="muted">${roleName(ctx, e.actor.role)} (${e.actor.id})</p></li>`,
  )}</ol></section>`
}

/** The holder's pas foto upload, while the case is open (the print step puts it on the card). */
function photoForm(ctx: PageContext, view: CaseView): Html {
  const { t } = ctx
  if (view.final || !view.checklist.some((i) => i.kind === 'photo')) return html``
  const has = view.attachments.some((a) =>
    view.checklist.some((i) => i.kind === 'photo' && i.id === a.itemId),
  )
  return html`<section class="card" aria-labelledby="foto-h"><h2 id="foto-h">${t('Pas foto untuk kartu', 'Photo for the card')}</h2>
  <p id="photo-state">${has ? t('Pas foto sudah diunggah.', 'A photo is uploaded.') : t('Belum ada pas foto; kartu tidak dapat dicetak tanpanya.', 'No photo yet; the card cannot be printed without one.')}</p>
  <form method="post" action="/kasus/${view.id}/foto" enctype="multipart/form-data" id="photo-form">
    ${csrfField(ctx)}
    <div class="field"><label for="photo-file">${t('Berkas pas foto 3x4 (JPEG atau PNG)', '3x4 photo file (JPEG or PNG)')}</label>
    <input type="file" id="photo-file" name="photo" accept="image/jpeg,image/png"></div>
    <button type="submit">${t('Unggah pas foto', 'Upload the photo')}</button>
  </form></section>`
}

/** The case page: facts, SLA bar, checklist, actions the library allows, deliveries, incidents, timeline. */
export function casePage(ctx: PageContext, data: CasePageData): Html {
  const { t } = ctx
  const { view } = data
  const stepActions = data.actions.filter((a) => !a.type.endsWith('_INCIDENT'))
  const forms = [
    ...stepActions.map((a) => actionForm(ctx, view, a, false)),
    ...data.onBehalfActions.map((a) => actionForm(ctx, view, a, true)),
  ]
  const body = html`
  ${data.problem ? notice('error', data.problem) : ''}
  ${data.done ? notice('ok', data.done) : ''}
  <section class="card" aria-labelledby="facts-h"><h2 id="facts-h">${t('Berkas', 'Case')} <span id="tracking-code">${view.trackingCode}</span></h2>
  <dl class="facts">
    <dt>${t('Tahap', 'Step')}</dt><dd id="case-state">${stateName(ctx, view.state)}</dd>
    <dt>${t('Menunggu', 'Waiting for')}</dt><dd>${view.awaiting ? roleName(ctx, view.awaiting) : '-'}</dd>
    <dt>${t('Jalur', 'Channel')}</dt><dd>${view.channel === 'tatap_muka' ? t('Tatap muka', 'In person') : 'Online (SIPRAJA)'}</dd>
    <dt>${t('Versi', 'Version')}</dt><dd>${view.version}</dd>
    ${view.registerNumber ? html`<dt>${t('Nomor register', 'Register number')}</dt><dd>${view.registerNumber}</dd>` : ''}
    ${view.card ? html`<dt>${t('Nomor kartu AK-1', 'AK-1 card number')}</dt><dd>${view.card.number}</dd><dt>${t('Berlaku sampai', 'Valid until')}</dt><dd>${when(ctx, view.card.validUntil)}</dd>` : ''}
    ${view.returned ? html`<dt>${t('Dikembalikan karena', 'Returned for')}</dt><dd>${view.returned.missing.map((m) => checklistLabel(ctx, view, m)).join(', ')}: ${view.returned.reason}</dd>` : ''}
  </dl>
  <p><a href="/kasus/${view.id}/tanda-terima">${t('Tanda terima', 'Receipt')}</a>${
    view.final && view.card
      ? html` · <a id="card-link" href="/kartu/${encodeURIComponent(view.card.number)}">${t('Kartu AK-1 dan wajib lapor', 'AK-1 card and reporting')}</a>`
      : ''
  }</p>
  </section>
  ${photoForm(ctx, view)}
  <section class="card" aria-labelledby="act-h"><h2 id="act-h">${t('Tindakan Anda', 'Your actions')}</h2>
  ${forms.length ? forms : html`<p>${t('Tidak ada tindakan untuk peran Anda pada tahap ini.', 'There is no action for your role at this step.')}</p>`}
  </section>
  ${slaSection(ctx, view)}
  ${checklistSection(ctx, view)}
  ${incidentsSection(ctx, data)}
  ${timelineSection(ctx, data.timeline)}`
  return page(ctx, `${t('Berkas', 'Case')} ${view.trackingCode}`, body)
}
