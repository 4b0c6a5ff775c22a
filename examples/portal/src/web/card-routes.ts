import { type Ak1Service, isAk1Error, issuanceSteps, type Standard } from '@ak1/core'
import type { Context, Hono } from 'hono'
import { cardPage } from './card-view'
import { formText, type PageContext } from './page'

type Env = { Variables: { ctx: PageContext } }

/** The fields of the report form; an error on any other path is shown above the form. */
const reportFields = new Set([
  'kind',
  'employer',
  'position',
  'startDate',
  'contacts.mobile',
  'contacts.email',
])

/** A report for the library from the report form: only the fields its kind takes, none left empty. */
export function reportFrom(cardNumber: string, form: Record<string, unknown>): Record<string, unknown> {
  const kind = formText(form, 'kind')
  const given = (names: string[]) =>
    Object.fromEntries(names.map((n) => [n, formText(form, n)]).filter(([, v]) => v))
  if (kind === 'employed') return { kind, cardNumber, ...given(['employer', 'position', 'startDate']) }
  if (kind === 'changed_details') {
    const contacts = {
      ...(formText(form, 'contacts.mobile') ? { mobile: formText(form, 'contacts.mobile') } : {}),
      ...(formText(form, 'contacts.email') ? { email: formText(form, 'contacts.email') } : {}),
    }
    return { kind, cardNumber, ...(Object.keys(contacts).length ? { contacts } : {}) }
  }
  return { kind, cardNumber }
}

function statusOf(code: string): 403 | 404 | 409 | 422 {
  return code === 'FORBIDDEN' ? 403 : code === 'NOT_FOUND' ? 404 : code === 'VALIDATION' ? 422 : 409
}

/**
 * The card holder's screens: the card page (`/kartu/:number`), its reprint (the stored PDF, counted
 * and audited by the library) and the report form. Every action goes through the service; a refusal shows the library's own words.
 */
export function mountCards(
  app: Hono<Env>,
  service: Ak1Service,
  standard: Standard,
  signIn: (c: Context<Env>) => Response,
): void {
  const cardStep = issuanceSteps(standard).cardStep
  const printRole = standard.steps.find((s) => s.id === cardStep)?.role

  const screen = async (
    c: Context<Env>,
    number: string,
    extra: {
      values?: Record<string, string>
      errors?: Record<string, string[]>
      problem?: string
      done?: string
    },
    status: 200 | 403 | 404 | 409 | 422 = 200,
  ) => {
    const ctx = c.get('ctx')
    const card = await service.cards.get(number)
    return c.html(cardPage(ctx, { card, canPrint: ctx.actor?.role === printRole, ...extra }), status)
  }

  app.get('/kartu/:number', async (c) => {
    const ctx = c.get('ctx')
    if (!ctx.actor) return signIn(c)
    const done = c.req.query('selesai')
    try {
      return await screen(
        c,
        c.req.param('number'),
        done ? { done: ctx.t(`Tersimpan: ${done}`, `Saved: ${done}`) } : {},
      )
    } catch (error) {
      if (isAk1Error(error) && error.code === 'NOT_FOUND') return c.notFound()
      throw error
    }
  })

  app.post('/kartu/:number/cetak', async (c) => {
    const ctx = c.get('ctx')
    if (!ctx.actor) return signIn(c)
    const number = c.req.param('number')
    try {
      const card = await service.cards.get(number)
      const printed = await service.renderCard(card.caseId, { actor: ctx.actor })
      return c.body(printed.bytes as Uint8Array<ArrayBuffer>, 200, {
        'content-type': printed.contentType,
        'content-disposition': `attachment; filename="${printed.filename.replace(/[^A-Za-z0-9._-]/g, '_')}"`,
        'cache-control': 'no-store',
      })
    } catch (error) {
      if (!isAk1Error(error)) throw error
      return screen(c, number, { problem: error.localized(ctx.lang) }, statusOf(error.code))
    }
  })

  app.post('/kartu/:number/lapor', async (c) => {
    const ctx = c.get('ctx')
    if (!ctx.actor) return signIn(c)
    const number = c.req.param('number')
    const form = await c.req.parseBody()
    const values: Record<string, string> = {}
    for (const name of reportFields) values[name] = formText(form, name)
    const version = Number(formText(form, 'expectedVersion'))
    const commandId = formText(form, 'commandId')
    try {
      await service.cards.report(reportFrom(number, form), {
        actor: ctx.actor,
        ...(Number.isInteger(version) && version > 0 ? { expectedVersion: version } : {}),
        ...(commandId ? { commandId } : {}),
      })
      return c.redirect(
        `/kartu/${encodeURIComponent(number)}?selesai=${encodeURIComponent(values.kind ?? '')}`,
        303,
      )
    } catch (error) {
      if (!isAk1Error(error)) throw error
      const errors: Record<string, string[]> = {}
      const other: string[] = []
      const issues =
        'issues' in error
          ? (error.issues as Array<{ path: Array<string | number>; message: string; messageEn: string }>)
          : []
      for (const issue of issues) {
        const name = issue.path.join('.')
        const message = ctx.lang === 'en' ? issue.messageEn : issue.message
        if (reportFields.has(name)) errors[name] = [...(errors[name] ?? []), message]
        else other.push(`${name}: ${message}`)
      }
      const problem =
        issues.length === 0
          ? error.localized(ctx.lang)
          : other.length
            ? other.join(' ')
            : ctx.t('Periksa kembali isian yang ditandai.', 'Check the marked fields.')
      return screen(c, number, { values, errors, problem }, statusOf(error.code))
    }
  })
}
