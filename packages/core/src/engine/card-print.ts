import { type CardPhoto, type CardRenderer, cardPhotoOf } from '../card/renderer'
import { ConfigError, ForbiddenError, ValidationError } from '../errors/errors'
import type { Json, StoredCase } from '../ports/case-store'
import type { OutboxRow } from '../ports/work-queue'
import type { Actor } from '../procedure/types'
import { attachmentsFromTrail } from './attachments'
import { type CaseData, caseDataJson } from './case-data'
import type { EngineContext, Runtime } from './context'
import { type Decision, nextCase, sameStateEntry } from './decision'
import type { ParsedActOptions, Pipeline } from './pipeline'
import type { CaseCard, CaseView } from './types'
import { viewOf } from './views'

/** The printed card as {@link Ak1Service.renderCard} returns it: the stored file and its count. */
export interface PrintedCard {
  caseId: string
  cardNumber: string
  bytes: Uint8Array
  /** Lowercase hex SHA-256: the key the file is stored under in the attachment store. */
  sha256: string
  contentType: string
  filename: string
  /** How many times the card was printed so far (1 at the print step, plus each reprint). */
  prints: number
}

function photoError(rule: string, message: string, messageEn: string): ValidationError {
  return new ValidationError([{ path: ['photo'], rule, message, messageEn }])
}

/**
 * Prints cards for the service: at the print step (before its commit: the photo is checked, the
 * card rendered and stored by sha256, the sha recorded on the case, all or nothing) and on
 * `renderCard` (the stored file again, the reprint counted and audited). @internal
 */
export function createCardPrinter(ctx: EngineContext, pipeline: Pipeline) {
  const renderer: CardRenderer | undefined = ctx.options.card

  /** The holder's photo, read from the attachment store; a clear error on `photo` when missing. */
  const photoOf = async (view: CaseView): Promise<CardPhoto> => {
    // The case body keeps only file totals; the files themselves are read from the trail.
    const files =
      view.attachments.length > 0
        ? view.attachments
        : attachmentsFromTrail(await ctx.port('timeline', () => ctx.store.timeline(view.id)))
    const ref = cardPhotoOf({ ...view, attachments: files })
    const missing = () =>
      photoError(
        'photo_required',
        'pas foto 3x4 pemohon wajib ada untuk mencetak kartu AK-1; unggah foto (JPEG atau PNG) ke berkas kasus',
        "the applicant's 3x4 photo is required to print the AK-1 card; attach a photo (JPEG or PNG) to the case",
      )
    if (!ref) throw missing()
    const file = await ctx.port('getAttachment', () => ctx.store.getAttachment(ref.sha256))
    if (!file) throw missing()
    return { bytes: file.bytes, contentType: ref.contentType }
  }

  const render = async (rt: Runtime, view: CaseView): Promise<NonNullable<CaseCard['pdf']>> => {
    if (!renderer) {
      throw new ConfigError(
        'Tidak ada pencetak kartu: berikan opsi card (createCardRenderer dari @ak1/card-pdf)',
        {
          messageEn: 'No card renderer: give the card option (createCardRenderer of @ak1/card-pdf)',
          keys: ['card'],
        },
      )
    }
    const photo = await photoOf(view)
    const pdf = await renderer.renderCard({ case: view, standard: rt.standard, photo })
    await ctx.port('putAttachment', () =>
      ctx.store.putAttachment({
        sha256: pdf.sha256,
        contentType: pdf.contentType,
        size: pdf.bytes.byteLength,
        bytes: pdf.bytes,
      }),
    )
    return {
      sha256: pdf.sha256,
      size: pdf.bytes.byteLength,
      filename: pdf.filename,
      contentType: pdf.contentType,
    }
  }

  const viewAfter = (rt: Runtime, d: Decision, rows: readonly OutboxRow[]): CaseView =>
    viewOf(rt, { ...d.after, data: caseDataJson(d.data) }, rows, d.at)

  /**
   * Whether an event on a case is its print step: the COMPLETE of the runtime's card step, with no
   * card issued yet. Read from the standard's issuance marks, not from a step id in code.
   */
  const isPrintStep = (rt: Runtime, stored: StoredCase, data: CaseData, event: { type: string }) =>
    event.type === 'COMPLETE' &&
    rt.cardStep !== null &&
    stored.state === rt.cardStep &&
    data.card === undefined

  /**
   * Runs inside the print step's decision, before its commit: with a renderer configured, the photo
   * must be there (else a `ValidationError` on `photo` and nothing is written); the card is rendered,
   * stored by its sha256, and the sha recorded on the case and in the audit entry. A card whose number
   * is only taken in the commit is rendered just after it ({@link afterPrintStep}).
   */
  const duringPrintStep = async (rt: Runtime, d: Decision, rows: readonly OutboxRow[]): Promise<void> => {
    if (!renderer) return
    const card = d.data.card
    if (card === undefined) {
      await photoOf(viewAfter(rt, d, rows))
      return
    }
    const pdf = await render(rt, viewAfter(rt, d, rows))
    d.data.card = { ...card, pdf, prints: 1 }
    ;(d.entry.details as Record<string, Json>).cardPdf = pdf.sha256
    // Where SIPRAJA takes the result file (the `/v1` contract), the card goes up through the outbox.
    const sipraja = ctx.options.sipraja || undefined
    if (sipraja?.capabilities?.resultUpload) {
      const earlier = d.extraOutbox
      const caseId = d.after.id
      const availableAt = d.at.toISOString()
      d.extraOutbox = (seq) => [
        ...(earlier?.(seq) ?? []),
        {
          id: `${caseId}.${seq}.sipraja.card`,
          caseId,
          kind: 'sipraja',
          payload: { action: 'upload_card' },
          availableAt,
        },
      ]
    }
  }

  /** Renders the card of a print step whose number was taken in its commit (no register step). */
  const afterPrintStep = async (view: CaseView, actor: Actor): Promise<CaseView> => {
    if (!renderer || view.card === undefined || view.card.pdf !== undefined) return view
    return (await print(view.id, { actor }, 'render')).view
  }

  const allowedRoles = (rt: Runtime): Set<string> => {
    const roles = new Set(ctx.incidentRoles)
    const step = rt.cardStep === null ? undefined : rt.steps.get(rt.cardStep)
    if (step?.role !== undefined) roles.add(step.role)
    return roles
  }

  const print = async (
    caseId: string,
    opts: ParsedActOptions,
    mode: 'render' | 'reprint',
  ): Promise<{ view: CaseView }> => {
    const actor = opts.actor as Actor
    const identity = { caseId, command: 'RENDER_CARD', payload: { mode }, actor }
    const view = await pipeline.onCase(opts, identity, async (stored, rows, data, rt, at) => {
      const card = data.card
      if (card === undefined) {
        throw new ValidationError([
          {
            path: ['caseId'],
            rule: 'card_not_issued',
            message: `kartu AK-1 kasus ${stored.trackingCode} belum diterbitkan (langkah pencetakan belum selesai)`,
            messageEn: `the AK-1 card of case ${stored.trackingCode} was not issued yet (the printing step is not done)`,
          },
        ])
      }
      if (!allowedRoles(rt).has(actor.role)) {
        throw new ForbiddenError('role', `Peran ${actor.role} tidak boleh mencetak kartu AK-1`, {
          messageEn: `Role ${actor.role} may not print the AK-1 card`,
        })
      }
      if (mode === 'render' && card.pdf !== undefined)
        return { view: viewOf(rt, stored, () => [...(rows.live ?? rows.before)()], at) }
      const after = nextCase(stored, at, {})
      let pdf = card.pdf
      let event = 'CARD_REPRINTED'
      if (pdf === undefined) {
        pdf = await render(
          rt,
          viewOf(rt, stored, () => [...rows.before()], at),
        )
        event = 'CARD_PRINTED'
      }
      const prints = card.pdf === undefined ? 1 : (card.prints ?? 1) + 1
      data.card = { ...card, pdf, prints }
      const entry = sameStateEntry(rt, stored, at, opts.commandId, actor, event, {
        cardNumber: card.number,
        cardPdf: pdf.sha256,
        prints,
      })
      return { rt, before: stored, after, data, entry, writeDue: false, command: 'RENDER_CARD', at }
    })
    return { view }
  }

  /**
   * The printed card of a case: the file stored at the print step (the same bytes), with the print
   * counted and audited as a reprint; rendered now when the print step stored none.
   */
  const renderCard = async (caseId: string, opts: ParsedActOptions): Promise<PrintedCard> => {
    const { view } = await print(caseId, opts, 'reprint')
    const card = view.card!
    const pdf = card.pdf!
    const file = await ctx.port('getAttachment', () => ctx.store.getAttachment(pdf.sha256))
    if (!file) {
      throw new ValidationError([
        {
          path: ['caseId'],
          rule: 'card_file_missing',
          message: `berkas kartu ${pdf.sha256} tidak ada di penyimpanan lampiran`,
          messageEn: `the card file ${pdf.sha256} is missing from the attachment store`,
        },
      ])
    }
    return {
      caseId: view.id,
      cardNumber: card.number,
      bytes: file.bytes,
      sha256: pdf.sha256,
      contentType: pdf.contentType,
      filename: pdf.filename,
      prints: card.prints ?? 1,
    }
  }

  return { isPrintStep, duringPrintStep, afterPrintStep, renderCard }
}
