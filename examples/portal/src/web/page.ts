import type { Actor, Standard } from '@ak1/core'
import { html, raw } from 'hono/html'

/** Rendered HTML (hono's escaped string, possibly async). */
export type Html = ReturnType<typeof html>

/** The two languages of the screens: Bahasa Indonesia first, English on request. */
export type Lang = 'id' | 'en'

/** Picks the text of the page's language. */
export type Translate = (id: string, en: string) => string

/** A translator for `lang`. */
export function translator(lang: Lang): Translate {
  return (id, en) => (lang === 'en' ? en : id)
}

/** What every page needs: language, the signed-in actor, the CSRF token, the standard. */
export interface PageContext {
  lang: Lang
  t: Translate
  actor: Actor | null
  csrf: string
  standard: Standard
  /** The request path with its query, for the language switch. */
  path: string
}

/** A posted form field as trimmed text; `''` when absent or a file. */
export function formText(form: Record<string, unknown>, name: string): string {
  const v = form[name]
  return typeof v === 'string' ? v.trim() : ''
}

/** The hidden CSRF field every form carries. */
export function csrfField(ctx: PageContext): Html {
  return html`<input type="hidden" name="_csrf" value="${ctx.csrf}">`
}

/** The name of a role in the page's language. */
export function roleName(ctx: PageContext, roleId: string): string {
  const role = ctx.standard.roles.find((r) => r.id === roleId)
  if (!role) return roleId
  return ctx.lang === 'en' ? (role.nameEn ?? role.name) : role.name
}

/** The name of a step or a final state in the page's language. */
export function stateName(ctx: PageContext, state: string): string {
  const { t } = ctx
  const fixed: Record<string, string> = {
    selesai: t('Selesai', 'Done'),
    ditolak: t('Ditolak', 'Rejected'),
    dibatalkan: t('Dibatalkan', 'Withdrawn'),
    dikembalikan: t('Dikembalikan ke pemohon', 'Returned to the applicant'),
  }
  if (fixed[state]) return fixed[state]
  const step = ctx.standard.steps.find((s) => s.id === state)
  if (!step) return state
  return ctx.lang === 'en' ? (step.nameEn ?? step.name) : step.name
}

const wibFormat = (lang: Lang) =>
  new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'id-ID', {
    timeZone: 'Asia/Jakarta',
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  })

/** An instant as office time (WIB), in a `<time>` element carrying the ISO value. */
export function when(ctx: PageContext, iso: string | null | undefined): Html {
  if (!iso) return html`<span>-</span>`
  return html`<time datetime="${iso}">${wibFormat(ctx.lang).format(new Date(iso))} WIB</time>`
}

/** Working minutes as hours and minutes. */
export function duration(ctx: PageContext, minutes: number): string {
  const h = Math.floor(minutes / 60)
  const m = Math.round(minutes % 60)
  return h ? `${h} ${ctx.t('jam', 'h')} ${m} ${ctx.t('mnt', 'min')}` : `${m} ${ctx.t('mnt', 'min')}`
}

/** The SLA status as a labelled badge. */
export function slaBadge(ctx: PageContext, status: string): Html {
  const { t } = ctx
  const label =
    {
      on_track: t('Tepat waktu', 'On track'),
      at_risk: t('Berisiko', 'At risk'),
      breached: t('Terlambat', 'Breached'),
    }[status] ?? status
  return html`<span class="badge sla-${status}">${label}</span>`
}

/** The page shell: header with the office, navigation, the demo user, the language switch. */
export function page(
  ctx: PageContext,
  title: string,
  body: Html,
  options: { printable?: boolean } = {},
): Html {
  const { t, actor } = ctx
  const other = ctx.lang === 'en' ? 'id' : 'en'
  const switchHref = `/bahasa?ke=${other}&kembali=${encodeURIComponent(ctx.path)}`
  const nav = [
    ['/', t('Beranda', 'Home')],
    ['/loket', t('Loket', 'Front desk')],
    ['/kerja', t('Daftar kerja', 'Worklists')],
    ['/lacak', t('Lacak berkas', 'Track a case')],
    ['/pengaduan', t('Pengaduan', 'Complaints')],
    ['/kotak-keluar', t('Kotak keluar', 'Outbox')],
  ]
  return html`<!doctype html>
<html lang="${ctx.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · AK-1 ${ctx.standard.office.name}</title>
<link rel="stylesheet" href="/assets/style.css">
<script src="/assets/app.js" defer></script>
</head>
<body${options.printable ? raw(' class="printable"') : ''}>
<a class="skip" href="#isi">${t('Langsung ke isi', 'Skip to content')}</a>
<header class="top">
  <div class="brand"><strong>AK-1</strong> ${ctx.standard.office.name}
    <span class="demo-flag">${t('DEMO: data contoh', 'DEMO: sample data')}</span></div>
  <nav aria-label="${t('Menu utama', 'Main menu')}"><ul>
    ${nav.map(([href, label]) => html`<li><a href="${href}">${label}</a></li>`)}
  </ul></nav>
  <div class="who">
    ${
      actor
        ? html`<span>${t('Masuk sebagai', 'Signed in as')} <strong>${roleName(ctx, actor.role)}</strong> (${actor.id})</span>
      <form method="post" action="/keluar">${csrfField(ctx)}<button type="submit" class="link">${t('Keluar', 'Sign out')}</button></form>`
        : html`<a href="/masuk">${t('Masuk (demo)', 'Sign in (demo)')}</a>`
    }
    <a href="${switchHref}" lang="${other}" hreflang="${other}">${other === 'en' ? 'English' : 'Bahasa Indonesia'}</a>
  </div>
</header>
<main id="isi">
<h1>${title}</h1>
${body}
</main>
<footer><p>${t(
    'Contoh penyematan pustaka @ak1. Semua data di sini adalah data contoh (DEMO).',
    'An example embedding of the @ak1 library. All data here is sample data (DEMO).',
  )} SK ${ctx.standard.decree.number}</p></footer>
</body>
</html>`
}

/** A message box: `error` (role alert), `ok` or `info`. */
export function notice(kind: 'error' | 'ok' | 'info', text: string | Html): Html {
  return kind === 'error'
    ? html`<div class="notice error" role="alert">${text}</div>`
    : html`<div class="notice ${kind}" role="status">${text}</div>`
}
