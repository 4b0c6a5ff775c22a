import type { CaseView } from '../engine/types'
import type { Standard } from '../standard/schema'

/** The photo's bytes, as the service reads them from its attachment store. */
export interface CardPhoto {
  bytes: Uint8Array
  /** `image/jpeg` or `image/png`. */
  contentType: string
}

/**
 * What a card renderer prints: a case, the standard it was submitted under, and the holder's photo.
 * The service builds it from the case, its pinned standard and the attachment store.
 */
export interface CardRenderInput {
  /** The case, after the card was issued (`card` set). */
  case: CaseView
  /** The standard the case pinned: letterhead, labels, layout, signer. */
  standard: Standard
  /** The 3x4 photo; without one the card is not printed. */
  photo?: CardPhoto | null
  /**
   * The reporting dates (`YYYY-MM-DD`), when the caller has them as days. Absent: the case's
   * `card.reportingDueDates`, read in the office zone.
   */
  reportingDates?: readonly string[]
}

/** A rendered PDF, ready to store by its hash. */
export interface RenderedCardPdf {
  bytes: Uint8Array
  /** Lowercase hex SHA-256 of `bytes`. */
  sha256: string
  contentType: 'application/pdf'
  /** A file name, e.g. `AK1-0042_AK1_balongbendo_2026.pdf`. */
  filename: string
  pages: number
}

/**
 * Renders the printed AK-1 card of a case, plugged into the service as `createAk1Service({ card })`
 * (`createCardRenderer` of `@ak1/card-pdf`). Core does no rendering and carries no fonts. The same
 * input must give the same bytes, so a reprint is the same file.
 */
export interface CardRenderer {
  readonly id: string
  /**
   * The AK-1 card as PDF.
   * @throws {ValidationError} naming `photo` when the photo is missing or not a JPEG/PNG.
   */
  renderCard(input: CardRenderInput): Promise<RenderedCardPdf>
}

const images = new Set(['image/jpeg', 'image/png'])

/**
 * The reference of the photo to print: the newest JPEG or PNG attached for a checklist item of kind
 * `photo` (Balongbendo's `pas_foto`), else the application's first photo; `null` when the case
 * holds none. The service reads its bytes from the attachment store by `sha256`.
 */
export function cardPhotoOf(
  view: Pick<CaseView, 'checklist' | 'attachments' | 'application'>,
): { sha256: string; contentType: string } | null {
  const photoItems = new Set(view.checklist.filter((i) => i.kind === 'photo').map((i) => i.id))
  const attached = view.attachments
    .filter((a) => a.itemId !== undefined && photoItems.has(a.itemId) && images.has(a.contentType))
    .at(-1)
  if (attached) return { sha256: attached.sha256, contentType: attached.contentType }
  const photos =
    (view.application as { photos?: Array<{ sha256: string; contentType: string }> } | null)?.photos ?? []
  const first = photos.find((p) => images.has(p.contentType))
  return first ? { sha256: first.sha256, contentType: first.contentType } : null
}
