import { createHash } from 'node:crypto'
import type { CardRenderer as CoreCardRenderer, RenderedCardPdf } from '@ak1/core'
import fontkit from '@pdf-lib/fontkit'
import { PDFDocument } from 'pdf-lib'
import { drawAk2 } from './ak2'
import { drawCard } from './card'
import { type CardRenderInput, type PrintableCard, printableCard } from './card-data'
import type { Faces } from './draw'
import { type CardFonts, dejaVuFonts } from './fonts'
import { type CardRendererOptions, parseRendererOptions } from './options'

/** A rendered PDF, ready to store by its hash. */
export type RenderedPdf = RenderedCardPdf

/**
 * Renders the AK-1 card and the AK/II record of a case; plugs into `createAk1Service({ card })` as
 * core's `CardRenderer`.
 */
export interface CardRenderer extends CoreCardRenderer {
  /** The renderer's id. */
  readonly id: string
  /** The AK-1 card: two A4 pages (front, back) with crop marks. */
  renderCard(input: CardRenderInput): Promise<RenderedPdf>
  /** The AK/II biodata record on A4. */
  renderAk2(input: CardRenderInput): Promise<RenderedPdf>
}

async function newDocument(card: PrintableCard, fonts: CardFonts, title: string, creator: string) {
  const doc = await PDFDocument.create({ updateMetadata: false })
  doc.registerFontkit(fontkit)
  // Fixed subset names and dates: the same case renders to the same bytes.
  const faces: Faces = {
    regular: await doc.embedFont(fonts.regular, { subset: true, customName: 'AKSANS+DejaVuSans' }),
    bold: await doc.embedFont(fonts.bold, { subset: true, customName: 'AKBOLD+DejaVuSans-Bold' }),
  }
  const photo =
    card.photo.contentType === 'image/png'
      ? await doc.embedPng(card.photo.bytes)
      : await doc.embedJpg(card.photo.bytes)
  doc.setTitle(`${title} ${card.jobSeekerNumber}`)
  doc.setSubject(card.letterhead.office)
  doc.setCreator(creator)
  doc.setProducer('pdf-lib')
  doc.setLanguage('id-ID')
  doc.setCreationDate(card.issuedInstant)
  doc.setModificationDate(card.issuedInstant)
  return { doc, faces, photo }
}

async function finish(doc: PDFDocument, prefix: string, card: PrintableCard): Promise<RenderedPdf> {
  const bytes = await doc.save({ useObjectStreams: false })
  return {
    bytes,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    contentType: 'application/pdf',
    filename: `${prefix}-${card.jobSeekerNumber.replace(/[^A-Za-z0-9._-]+/g, '_')}.pdf`,
    pages: doc.getPageCount(),
  }
}

/**
 * Creates the renderer of the AK-1 card and the AK/II biodata record. Every printed value comes from
 * the case and its pinned standard (letterhead, number, labels, layout, signer); fonts are embedded
 * (DejaVu Sans by default) so every Indonesian name prints as written. The same input gives the
 * same bytes.
 *
 * @throws {ConfigError} naming the bad option keys.
 * @example
 * ```ts
 * const renderer = createCardRenderer()
 * const view = await service.get(caseId)
 * const ref = cardPhotoRef(view)
 * const photo = { bytes: (await store.getAttachment(ref.sha256))!.bytes, contentType: ref.contentType }
 * const pdf = await renderer.renderCard({ case: view, standard: balongbendo, photo })
 * ```
 */
export function createCardRenderer(options: CardRendererOptions = {}): CardRenderer {
  const parsed = parseRendererOptions(options)
  const fonts = () => parsed.fonts ?? dejaVuFonts()
  return {
    id: parsed.id,
    async renderCard(input) {
      const card = printableCard(input)
      const { doc, faces, photo } = await newDocument(card, fonts(), card.layout.labels.title, parsed.creator)
      drawCard(doc, card, faces, photo)
      return finish(doc, 'AK1', card)
    },
    async renderAk2(input) {
      const card = printableCard(input)
      const { doc, faces, photo } = await newDocument(
        card,
        fonts(),
        card.layout.labels.ak2Title,
        parsed.creator,
      )
      drawAk2(doc, card, faces, photo)
      return finish(doc, 'AK2', card)
    },
  }
}
