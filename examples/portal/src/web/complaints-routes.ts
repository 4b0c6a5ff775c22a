import { type Ak1Service, isAk1Error, registerBookHtml, serviceReportCsv, skmElementIds } from '@ak1/core'
import type { Context, Hono } from 'hono'
import { bookPage, complaintsPage, reportPage, skmPage } from './complaints-view'
import { formText, type PageContext } from './page'

type Env = { Variables: { ctx: PageContext } }

/** The period of a report screen: `?dari=&sampai=`, by default the current month so far. */
function periodOf(c: Context<Env>, now: Date): { from: string; to: string } {
  const today = new Date(now.getTime() + 7 * 3_600_000).toISOString().slice(0, 10)
  return { from: c.req.query('dari') ?? `${today.slice(0, 8)}01`, to: c.req.query('sampai') ?? today }
}

/**
 * The screens of the SK's "Pengaduan Layanan", the SKM and the reports: the Buku Pengaduan (record,
 * report to the Kepala Seksi, follow-up, close), the daily kotak saran, the printable book, the
 * survey form and the service report with the buku register. Every action goes through the service;
 * a refusal shows the library's own message.
 */
export function mountComplaints(
  app: Hono<Env>,
  service: Ak1Service,
  signIn: (c: Context<Env>) => Response,
  clock: () => Date = () => new Date(),
): void {
  const screen = async (c: Context<Env>, extra: { problem?: string; done?: string } = {}, status = 200) => {
    const ctx = c.get('ctx')
    const period = periodOf(c, clock())
    const from = new Date(clock().getTime() - 14 * 86_400_000).toISOString().slice(0, 10)
    const [entries, missed] = await Promise.all([
      service.complaints.list({ limit: 200 }),
      service.complaints.missedOpenings({ from, to: period.to }),
    ])
    return c.html(complaintsPage(ctx, { entries: entries.items, missed, period, ...extra }), status as 200)
  }
  const refused = (c: Context<Env>, error: unknown) => {
    if (!isAk1Error(error)) throw error
    const status =
      error.code === 'FORBIDDEN'
        ? 403
        : error.code === 'NOT_FOUND'
          ? 404
          : error.code === 'VALIDATION'
            ? 422
            : 409
    return screen(c, { problem: error.localized(c.get('ctx').lang) }, status)
  }
  const staff = (c: Context<Env>) => c.get('ctx').actor

  app.get('/pengaduan', (c) =>
    staff(c) ? screen(c, c.req.query('selesai') ? { done: c.req.query('selesai')! } : {}) : signIn(c),
  )

  app.post('/pengaduan', async (c) => {
    const actor = staff(c)
    if (!actor) return signIn(c)
    const form = await c.req.parseBody()
    const complainant = Object.fromEntries(
      [
        ['name', formText(form, 'name')],
        ['phone', formText(form, 'phone')],
      ].filter(([, v]) => v),
    )
    const entry = {
      type: formText(form, 'type'),
      channel: formText(form, 'channel'),
      section: formText(form, 'section'),
      content: formText(form, 'content'),
      ...(formText(form, 'trackingCode')
        ? { trackingCode: formText(form, 'trackingCode').toUpperCase() }
        : {}),
      ...(Object.keys(complainant).length ? { complainant } : {}),
    }
    try {
      const view = await service.complaints.record(entry, { actor })
      return c.redirect(`/pengaduan?selesai=${encodeURIComponent(`${view.number}/${view.year}`)}`, 303)
    } catch (error) {
      return refused(c, error)
    }
  })

  type Step = (
    id: string,
    form: Record<string, unknown>,
    options: { actor: NonNullable<PageContext['actor']>; expectedVersion?: number },
  ) => Promise<unknown>
  const step = (path: string, run: Step) =>
    app.post(`/pengaduan/:id/${path}`, async (c) => {
      const actor = staff(c)
      if (!actor) return signIn(c)
      const form = await c.req.parseBody()
      const version = Number(formText(form, 'expectedVersion'))
      try {
        await run(c.req.param('id'), form, {
          actor,
          ...(Number.isInteger(version) && version > 0 ? { expectedVersion: version } : {}),
        })
        return c.redirect(`/pengaduan?selesai=${path}`, 303)
      } catch (error) {
        return refused(c, error)
      }
    })
  step('laporkan', (id, form, o) => service.complaints.report(id, { to: formText(form, 'to') }, o))
  step('tindak-lanjut', (id, form, o) =>
    service.complaints.followUp(id, { result: formText(form, 'result') }, o),
  )
  step('tutup', (id, _form, o) => service.complaints.close(id, o))

  app.post('/kotak-saran', async (c) => {
    const actor = staff(c)
    if (!actor) return signIn(c)
    const form = await c.req.parseBody()
    const notes = formText(form, 'notes')
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter(Boolean)
      .map((content) => ({ type: 'saran', section: 'umum', content }))
    try {
      const { opening } = await service.complaints.openBox({ notes }, { actor })
      return c.redirect(
        `/pengaduan?selesai=${encodeURIComponent(`kotak saran ${opening.day}: ${opening.notesFound}`)}`,
        303,
      )
    } catch (error) {
      return refused(c, error)
    }
  })

  app.get('/buku-pengaduan', async (c) => {
    if (!staff(c)) return signIn(c)
    const period = periodOf(c, clock())
    return c.html(bookPage(c.get('ctx'), await service.complaints.book(period), period))
  })

  app.get('/skm', (c) =>
    c.html(
      skmPage(
        c.get('ctx'),
        c.req.query('terima') ? { done: c.get('ctx').t('Terima kasih.', 'Thank you.') } : {},
      ),
    ),
  )
  app.post('/skm', async (c) => {
    const ctx = c.get('ctx')
    const form = await c.req.parseBody()
    const scores = Object.fromEntries(skmElementIds.map((e) => [e, Number(formText(form, e))]))
    const code = formText(form, 'trackingCode').toUpperCase()
    try {
      const found = code ? (await service.list({ trackingCode: code, limit: 1 })).items[0] : undefined
      await service.survey.record(found ? { scores, caseId: found.id } : { scores })
      return c.redirect('/skm?terima=1', 303)
    } catch (error) {
      if (!isAk1Error(error)) throw error
      return c.html(
        skmPage(ctx, { problem: error.localized(ctx.lang) }),
        error.code === 'VALIDATION' ? 422 : 409,
      )
    }
  })

  app.get('/laporan', async (c) => {
    if (!staff(c)) return signIn(c)
    return c.html(reportPage(c.get('ctx'), await service.report(periodOf(c, clock()))))
  })
  app.get('/laporan.csv', async (c) => {
    if (!staff(c)) return signIn(c)
    const csv = serviceReportCsv(await service.report(periodOf(c, clock())))
    return c.body(csv, 200, { 'content-type': 'text/csv; charset=utf-8' })
  })
  app.get('/buku-register', async (c) => {
    if (!staff(c)) return signIn(c)
    const book = await service.registerBook(periodOf(c, clock()))
    return c.html(
      registerBookHtml(book, { office: c.get('ctx').standard.office.name, locale: c.get('ctx').lang }),
    )
  })
}
