import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { type Actor, type Ak1Service, type CaseEvent, isAk1Error, type Standard } from '@ak1/core'
import { getConnInfo } from '@hono/node-server/conninfo'
import { type Context, Hono } from 'hono'
import { secureHeaders } from 'hono/secure-headers'
import type { MessageLog } from './capture/messages'
import { type AttemptLimiter, createAttemptLimiter } from './web/attempt-limiter'
import { mountCards } from './web/card-routes'
import { casePage } from './web/case-view'
import { mountComplaints } from './web/complaints-routes'
import { errorsByField, type FormValues, toApplication } from './web/loket-form'
import { loketPage } from './web/loket-view'
import { type Lang, type PageContext, translator } from './web/page'
import {
  type Authenticate,
  cookieOf,
  createSigner,
  demoAuthenticate,
  type Signer,
  safeEqual,
  sessionCookie,
  staffRoles,
} from './web/session'
import { byDue, homePage, loginPage, outboxPage, receiptPage, trackingPage, worklistPage } from './web/views'

/** Options of {@link createPortalApp}. */
export interface PortalOptions {
  service: Ak1Service
  /** The standard the service runs (roles, steps, requirements for the screens). */
  standard: Standard
  /** What the capture servers received, for the outbox page. */
  messages: MessageLog
  /** Who sends a request. @default the demo role picker's signed cookie */
  authenticate?: Authenticate
  /** Signs the demo session and CSRF cookies. @default a random secret */
  signer?: Signer
  /** Wrong attempts on the tracking page. @default 5 per client and per code in 15 minutes */
  trackingLimiter?: AttemptLimiter
  /** Folder of style.css. */
  assetsDir: string
  /** The browser script (the form rules of `@ak1/core/model`, bundled), served as /assets/app.js. */
  clientScript: string
}

type Env = { Variables: { ctx: PageContext } }

const csrfCookie = 'ak1_csrf'
const langCookie = 'ak1_lang'
const cookieFlags = 'Path=/; HttpOnly; SameSite=Strict'

const contentSecurityPolicy = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  baseUri: ["'none'"],
  objectSrc: ["'none'"],
}

/** Reads a form field that may be sent several times (checkboxes). */
const all = (form: Record<string, unknown>, name: string): string[] => {
  const value = form[name] ?? form[`${name}[]`]
  if (value === undefined) return []
  return (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string')
}
const one = (form: Record<string, unknown>, name: string): string => {
  const value = form[name]
  return typeof value === 'string' ? value : ''
}

function statusOf(error: unknown): 403 | 404 | 409 | 422 | 500 {
  if (!isAk1Error(error)) return 500
  return (
    ({ FORBIDDEN: 403, NOT_FOUND: 404, CONFLICT: 409, INVALID_TRANSITION: 409, VALIDATION: 422 } as const)[
      error.code as 'FORBIDDEN'
    ] ?? 500
  )
}

/** An event for the library from an action form. */
function eventFrom(form: Record<string, unknown>): CaseEvent {
  const type = one(form, 'type')
  const reason = one(form, 'reason').trim()
  const note = one(form, 'note').trim()
  switch (type) {
    case 'ACCEPT':
      return { type, verified: all(form, 'verified') }
    case 'HAND_OVER':
      return { type, verified: all(form, 'verified') }
    case 'RETURN':
      return { type, missing: all(form, 'missing'), reason }
    case 'REJECT':
      return { type, reason }
    case 'WITHDRAW':
      return reason ? { type, reason } : { type }
    case 'RETRY_INCIDENT':
      return note
        ? { type, outboxId: one(form, 'outboxId'), note }
        : { type, outboxId: one(form, 'outboxId') }
    case 'RESOLVE_INCIDENT':
      return { type, outboxId: one(form, 'outboxId'), note }
    default:
      // SIGN, COMPLETE, RESUBMIT, or anything else: the library checks the type.
      return { type } as CaseEvent
  }
}

/**
 * The front-desk portal as a Hono app: loket, worklists, case pages, tanda terima, tracking and the
 * outbox page. Every action goes through `service`; the screens show what `availableActions` allows
 * and the reason the library gives when it refuses.
 */
export function createPortalApp(options: PortalOptions): Hono<Env> {
  const { service, standard, messages } = options
  const signer = options.signer ?? createSigner()
  const authenticate = options.authenticate ?? demoAuthenticate(signer, standard)
  const limiter = options.trackingLimiter ?? createAttemptLimiter()
  const assets = {
    'style.css': readFileSync(join(options.assetsDir, 'style.css'), 'utf8'),
    'app.js': options.clientScript,
  }
  const app = new Hono<Env>()

  app.use('*', secureHeaders({ contentSecurityPolicy, referrerPolicy: 'same-origin' }))
  app.use('*', async (c, next) => {
    const lang: Lang = cookieOf(c.req.raw, langCookie) === 'en' ? 'en' : 'id'
    let csrfSeed = cookieOf(c.req.raw, csrfCookie)
    if (!csrfSeed || !/^[A-Za-z0-9_-]{20,64}$/.test(csrfSeed)) {
      csrfSeed = randomBytes(24).toString('base64url')
      c.header('Set-Cookie', `${csrfCookie}=${csrfSeed}; ${cookieFlags}`, { append: true })
    }
    const csrf = signer.mac(`csrf:${csrfSeed}`)
    if (c.req.method === 'POST') {
      const form = await c.req.parseBody({ all: true })
      const sent = typeof form._csrf === 'string' ? form._csrf : ''
      if (!safeEqual(sent, csrf)) {
        return c.text(
          lang === 'en'
            ? 'The form has expired (CSRF token). Reload the page.'
            : 'Formulir kedaluwarsa (token CSRF). Muat ulang halaman.',
          403,
        )
      }
    }
    const url = new URL(c.req.url)
    c.set('ctx', {
      lang,
      t: translator(lang),
      actor: await authenticate(c.req.raw),
      csrf,
      standard,
      path: `${url.pathname}${url.search}`,
    })
    await next()
  })

  const signIn = (c: Context<Env>) =>
    c.redirect(`/masuk?lanjut=${encodeURIComponent(c.get('ctx').path)}`, 303)

  app.get('/assets/:name', (c) => {
    const name = c.req.param('name') as keyof typeof assets
    if (!(name in assets) || !assets[name]) return c.notFound()
    const type = name.endsWith('.css') ? 'text/css; charset=utf-8' : 'text/javascript; charset=utf-8'
    return c.body(assets[name], 200, { 'content-type': type, 'cache-control': 'no-cache' })
  })

  app.get('/', (c) => c.html(homePage(c.get('ctx'))))

  app.get('/bahasa', (c) => {
    const lang = c.req.query('ke') === 'en' ? 'en' : 'id'
    const back = c.req.query('kembali') ?? '/'
    c.header('Set-Cookie', `${langCookie}=${lang}; Path=/; SameSite=Lax; Max-Age=31536000`, { append: true })
    return c.redirect(back.startsWith('/') && !back.startsWith('//') ? back : '/', 303)
  })

  app.get('/masuk', (c) => c.html(loginPage(c.get('ctx'), c.req.query('lanjut') ?? '/kerja')))
  app.post('/masuk', async (c) => {
    const form = await c.req.parseBody()
    const role = one(form, 'role')
    if (!staffRoles(standard).some((r) => r.id === role))
      return c.html(loginPage(c.get('ctx'), '/kerja'), 400)
    const next = one(form, 'next')
    c.header('Set-Cookie', `${sessionCookie}=${signer.sign(role)}; ${cookieFlags}`, { append: true })
    return c.redirect(next.startsWith('/') && !next.startsWith('//') ? next : '/kerja', 303)
  })
  app.post('/keluar', (c) => {
    c.header('Set-Cookie', `${sessionCookie}=; ${cookieFlags}; Max-Age=0`, { append: true })
    return c.redirect('/', 303)
  })

  app.get('/loket', (c) =>
    c.html(
      loketPage(
        c.get('ctx'),
        { 'applicant.address.kecamatan': 'Balongbendo', 'applicant.address.kabupaten': 'Sidoarjo' },
        {},
      ),
    ),
  )
  app.post('/loket', async (c) => {
    const ctx = c.get('ctx')
    if (!ctx.actor) return signIn(c)
    const form = await c.req.parseBody()
    const values: FormValues = {}
    for (const [k, v] of Object.entries(form)) if (typeof v === 'string' && k !== '_csrf') values[k] = v
    const { application, levels } = toApplication(values)
    try {
      const view = await service.submit(application, { actor: ctx.actor, channel: 'tatap_muka' })
      return c.redirect(`/kasus/${view.id}?selesai=SUBMIT`, 303)
    } catch (error) {
      if (isAk1Error(error) && error.code === 'VALIDATION' && 'issues' in error) {
        const errors = errorsByField(error.issues as never, levels, ctx.lang)
        return c.html(
          loketPage(
            ctx,
            values,
            errors,
            ctx.t('Periksa kembali isian yang ditandai.', 'Check the marked fields.'),
          ),
          422,
        )
      }
      if (!isAk1Error(error)) throw error
      return c.html(loketPage(ctx, values, {}, error.localized(ctx.lang)), statusOf(error))
    }
  })

  app.get('/kerja', (c) => {
    const ctx = c.get('ctx')
    if (!ctx.actor) return signIn(c)
    return c.redirect(`/kerja/${ctx.actor.role}`, 303)
  })
  app.get('/kerja/:role', async (c) => {
    const ctx = c.get('ctx')
    if (!ctx.actor) return signIn(c)
    const role = c.req.param('role')
    if (!staffRoles(standard).some((r) => r.id === role)) return c.notFound()
    const [awaiting, returned, incidents] = await Promise.all([
      service.list({ awaiting: role, final: false, limit: 500 }),
      service.list({ state: 'dikembalikan', limit: 500 }),
      service.list({ incident: true, limit: 500 }),
    ])
    return c.html(
      worklistPage(ctx, role, {
        awaiting: awaiting.items.sort(byDue),
        returned: returned.items.sort(byDue),
        incidents: incidents.items.sort(byDue),
      }),
    )
  })

  const renderCase = async (
    c: Context<Env>,
    id: string,
    extra: { problem?: string; done?: string } = {},
    status = 200,
  ) => {
    const ctx = c.get('ctx')
    const actor = ctx.actor as Actor
    const view = await service.get(id)
    const nik = (view.application as { applicant?: { nik?: string } }).applicant?.nik
    const behalf = standard.applicant.onBehalfRoles.includes(actor.role) && nik
    const [timeline, actions, forApplicant] = await Promise.all([
      service.timeline(id),
      service.availableActions(id, actor),
      behalf ? service.availableActions(id, { ...actor, onBehalfOf: nik }) : Promise.resolve([]),
    ])
    const onBehalfActions = forApplicant.filter((a) => a.type === 'RESUBMIT' || a.type === 'WITHDRAW')
    return c.html(casePage(ctx, { view, timeline, actions, onBehalfActions, ...extra }), status as 200)
  }

  app.get('/kasus/:id', async (c) => {
    const ctx = c.get('ctx')
    if (!ctx.actor) return signIn(c)
    const done = c.req.query('selesai')
    try {
      return await renderCase(
        c,
        c.req.param('id'),
        done ? { done: ctx.t(`Tersimpan: ${done}`, `Saved: ${done}`) } : {},
      )
    } catch (error) {
      if (isAk1Error(error) && error.code === 'NOT_FOUND') return c.notFound()
      throw error
    }
  })

  app.post('/kasus/:id/aksi', async (c) => {
    const ctx = c.get('ctx')
    if (!ctx.actor) return signIn(c)
    const id = c.req.param('id')
    const form = await c.req.parseBody({ all: true })
    const event = eventFrom(form)
    let actor = ctx.actor
    if (one(form, 'onBehalf') === 'ya') {
      const view = await service.get(id)
      const nik = (view.application as { applicant?: { nik?: string } }).applicant?.nik
      if (nik) actor = { ...actor, onBehalfOf: nik }
    }
    const version = Number(one(form, 'expectedVersion'))
    const commandId = one(form, 'commandId')
    try {
      await service.act(id, event, {
        actor,
        ...(Number.isInteger(version) && version > 0 ? { expectedVersion: version } : {}),
        ...(commandId ? { commandId } : {}),
      })
      return c.redirect(`/kasus/${id}?selesai=${encodeURIComponent(event.type)}`, 303)
    } catch (error) {
      if (!isAk1Error(error) || error.code === 'NOT_FOUND') throw error
      return renderCase(c, id, { problem: error.localized(ctx.lang) }, statusOf(error))
    }
  })

  // The holder's pas foto, which the print step puts on the card (the checklist's photo item).
  app.post('/kasus/:id/foto', async (c) => {
    const ctx = c.get('ctx')
    if (!ctx.actor) return signIn(c)
    const id = c.req.param('id')
    const form = await c.req.parseBody()
    const file = form.photo
    const item = (await service.get(id)).checklist.find((i) => i.kind === 'photo')
    try {
      if (!(file instanceof File) || file.size === 0 || !item) {
        const problem = ctx.t('Pilih berkas pas foto (JPEG atau PNG).', 'Choose a photo file (JPEG or PNG).')
        return await renderCase(c, id, { problem }, 422)
      }
      const bytes = new Uint8Array(await file.arrayBuffer())
      const meta = { contentType: file.type, itemId: item.id, filename: file.name || 'pas-foto' }
      await service.attach(id, bytes, meta, { actor: ctx.actor })
      return c.redirect(`/kasus/${id}?selesai=${encodeURIComponent(ctx.t('pas foto', 'photo'))}`, 303)
    } catch (error) {
      if (!isAk1Error(error) || error.code === 'NOT_FOUND') throw error
      return renderCase(c, id, { problem: error.localized(ctx.lang) }, statusOf(error))
    }
  })

  app.get('/kasus/:id/tanda-terima', async (c) => {
    const ctx = c.get('ctx')
    if (!ctx.actor) return signIn(c)
    return c.html(receiptPage(ctx, await service.get(c.req.param('id'))))
  })

  app.get('/lacak', (c) => c.html(trackingPage(c.get('ctx'), { code: '', birthDate: '' }, {})))
  app.post('/lacak', async (c) => {
    const ctx = c.get('ctx')
    const form = await c.req.parseBody()
    const code = one(form, 'code').trim().toUpperCase().slice(0, 40)
    const birthDate = one(form, 'birthDate').trim().slice(0, 10)
    let client = 'unknown'
    try {
      client = getConnInfo(c).remote.address ?? 'unknown'
    } catch {
      // not behind @hono/node-server (app.request in a unit test): one shared client key
    }
    const keys = [`client:${client}`, `code:${code}`]
    const input = { code, birthDate }
    const blocked = limiter.blockedUntil(keys)
    if (blocked !== null) {
      const minutes = Math.max(1, Math.ceil((blocked - Date.now()) / 60_000))
      const refused = ctx.t(
        `Terlalu banyak percobaan yang salah. Coba lagi dalam ${minutes} menit.`,
        `Too many wrong attempts. Try again in ${minutes} minutes.`,
      )
      return c.html(trackingPage(ctx, input, { refused }), 429)
    }
    const found = code ? await service.list({ trackingCode: code, limit: 1 }) : { items: [] }
    const view = found.items[0]
    const birth = (view?.application as { applicant?: { birthDate?: string } } | undefined)?.applicant
      ?.birthDate
    if (!view || !birthDate || birth !== birthDate) {
      limiter.fail(keys)
      const refused = ctx.t(
        'Kode lacak dan tanggal lahir tidak cocok dengan berkas mana pun.',
        'The tracking code and date of birth match no case.',
      )
      return c.html(trackingPage(ctx, input, { refused }), 404)
    }
    return c.html(trackingPage(ctx, input, { view }))
  })

  mountComplaints(app, service, signIn)
  mountCards(app, service, standard, signIn)

  app.get('/kotak-keluar', (c) => {
    const ctx = c.get('ctx')
    if (!ctx.actor) return signIn(c)
    return c.html(outboxPage(ctx, messages.messages))
  })

  app.notFound((c) =>
    c.text(c.get('ctx')?.t('Halaman tidak ditemukan', 'Page not found') ?? 'Halaman tidak ditemukan', 404),
  )
  app.onError((error, c) => {
    console.error(error instanceof Error ? `${error.name}: ${error.message}` : error)
    const status = statusOf(error)
    const ctx = c.get('ctx')
    const text = isAk1Error(error)
      ? error.localized(ctx?.lang ?? 'id')
      : (ctx?.t('Terjadi kesalahan.', 'Something went wrong.') ?? 'Terjadi kesalahan.')
    return c.text(text, status === 500 ? 500 : status)
  })
  return app
}
