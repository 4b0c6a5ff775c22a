/**
 * `@ak1/card-pdf`: the AK-1 card (two pages on A4 with crop marks) and the AK/II biodata record of
 * an `@ak1` case, as PDF, with embedded fonts.
 *
 * ```sh
 * npm install @ak1/card-pdf @ak1/core
 * ```
 * ```ts
 * import { cardPhotoRef, createCardRenderer } from '@ak1/card-pdf'
 * const renderer = createCardRenderer()
 * const view = await service.get(caseId)
 * const photo = { bytes: await readPhoto(cardPhotoRef(view).sha256), contentType: cardPhotoRef(view).contentType }
 * const { bytes, sha256 } = await renderer.renderCard({ case: view, standard, photo })
 * ```
 * @packageDocumentation
 */

export { type CardPhoto, type CardRenderInput, cardPhotoRef } from './card-data'
export { type CardFonts, dejaVuFonts } from './fonts'
export type { CardRendererOptions } from './options'
export { type CardRenderer, createCardRenderer, type RenderedPdf } from './renderer'
