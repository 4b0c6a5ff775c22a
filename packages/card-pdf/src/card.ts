import type { PDFDocument, PDFImage } from 'pdf-lib'
import type { PrintableCard } from './card-data'
import { A4, box, cropMarks, type Faces, type Frame, MM, rule, text } from './draw'

const MARGIN = 4

/** The card's frame on an A4 sheet: centred across, 20 mm from the top (so front and back line up in duplex). */
function cardFrame(doc: PDFDocument, card: PrintableCard): Frame {
  const page = doc.addPage([A4.width, A4.height])
  const { widthMm, heightMm } = card.layout
  return { page, x: (A4.width - widthMm * MM) / 2, top: A4.height - 20 * MM, widthMm, heightMm }
}

/** The letterhead and title band; returns its height in millimetres. */
function header(f: Frame, card: PrintableCard, faces: Faces): number {
  const size = card.layout.fontSizePt
  const labels = card.layout.labels
  const inner = f.widthMm - 2 * MARGIN
  text(f, labels.formCode, MARGIN, MARGIN, { font: faces.bold, size, widthMm: inner, align: 'right' })
  let y = MARGIN
  y += text(f, card.letterhead.government, MARGIN, y, {
    font: faces.bold,
    size: size - 0.5,
    widthMm: inner - 15,
  })
  y += text(f, card.letterhead.office, MARGIN, y, { font: faces.bold, size: size + 0.5, widthMm: inner - 15 })
  y += text(f, card.letterhead.address, MARGIN, y, {
    font: faces.regular,
    size: size - 1.5,
    widthMm: inner - 15,
  })
  y += 1
  rule(f, MARGIN, y, inner)
  y += 1.5
  y += text(f, labels.title, MARGIN, y, { font: faces.bold, size: size + 1, widthMm: inner, align: 'center' })
  return y + 1.5
}

/** A label over its value, both in the left column; returns the height used. */
function field(
  f: Frame,
  card: PrintableCard,
  faces: Faces,
  label: string,
  value: string,
  x: number,
  y: number,
  w: number,
): number {
  const size = card.layout.fontSizePt
  let used = text(f, label, x, y, { font: faces.regular, size: size - 1, widthMm: w, muted: true })
  used += text(f, value, x, y + used, { font: faces.bold, size: size + 1, widthMm: w })
  return used + 1.2
}

/** Page 1: number, NIK, photo, the holder's signature and the reporting boxes. */
function front(doc: PDFDocument, card: PrintableCard, faces: Faces, photo: PDFImage): void {
  const f = cardFrame(doc, card)
  if (card.layout.cropMarks) cropMarks(f)
  const labels = card.layout.labels
  const size = card.layout.fontSizePt
  const headerBottom = header(f, card, faces)
  let y = headerBottom
  const leftW = f.widthMm * 0.45
  y += field(f, card, faces, labels.jobSeekerNumber, card.jobSeekerNumber, MARGIN, y, leftW - MARGIN)
  y += field(f, card, faces, labels.nik, card.nik, MARGIN, y, leftW - MARGIN)
  // The photo: 3x4, as tall as the space left allows (40 mm at most).
  const photoH = Math.max(12, Math.min(40, f.heightMm - y - MARGIN - 4))
  const photoW = (photoH * 3) / 4
  const scaled = photo.scaleToFit(photoW * MM, photoH * MM)
  f.page.drawImage(photo, {
    x: f.x + MARGIN * MM + (photoW * MM - scaled.width) / 2,
    y: f.top - (y + photoH) * MM + (photoH * MM - scaled.height) / 2,
    width: scaled.width,
    height: scaled.height,
  })
  box(f, MARGIN, y, photoW, photoH)
  text(f, labels.photo, MARGIN, y + photoH + 0.5, {
    font: faces.regular,
    size: size - 2,
    widthMm: photoW,
    muted: true,
  })
  // The holder's signature, beside the photo.
  const sigX = MARGIN + photoW + 3
  const sigW = leftW - sigX
  box(f, sigX, y, sigW, photoH, true)
  text(f, labels.holderSignature, sigX, y + photoH + 0.5, {
    font: faces.regular,
    size: size - 2,
    widthMm: sigW,
    muted: true,
  })
  reportingBoxes(f, card, faces, leftW + 3, headerBottom - 0.5)
}

/** The reporting boxes, two per row, in the right column from `topMm` down. */
function reportingBoxes(f: Frame, card: PrintableCard, faces: Faces, xMm: number, topMm: number): void {
  const { labels, fontSizePt: size } = card.layout
  const width = f.widthMm - xMm - MARGIN
  let y = topMm
  y += text(f, labels.reporting, xMm, y, { font: faces.bold, size, widthMm: width, align: 'center' }) + 0.8
  const rows = Math.max(1, Math.ceil(card.reporting.length / 2))
  const gap = 2
  const boxW = (width - gap) / 2
  const boxH = (f.heightMm - MARGIN - y - gap * (rows - 1)) / rows
  card.reporting.forEach((r, i) => {
    const bx = xMm + (i % 2) * (boxW + gap)
    const by = y + Math.floor(i / 2) * (boxH + gap)
    box(f, bx, by, boxW, boxH)
    let ty = by + 1
    ty += text(f, labels.reportingBox.replace('{n}', String(r.index)), bx + 1.5, ty, {
      font: faces.bold,
      size: size - 0.5,
      widthMm: boxW - 3,
    })
    ty += text(f, labels.reportingDue, bx + 1.5, ty, {
      font: faces.regular,
      size: size - 1.5,
      widthMm: boxW - 3,
      muted: true,
    })
    text(f, r.date, bx + 1.5, ty, { font: faces.bold, size: size - 0.5, widthMm: boxW - 3 })
  })
}

/** Page 2: the holder's identity, education, the issuing office and the officer's signature block. */
function back(doc: PDFDocument, card: PrintableCard, faces: Faces): void {
  const f = cardFrame(doc, card)
  if (card.layout.cropMarks) cropMarks(f)
  const { labels, fontSizePt: size } = card.layout
  const labelW = f.widthMm * 0.27
  const valueX = MARGIN + labelW + 2
  const valueW = f.widthMm - valueX - MARGIN
  const values: Record<string, string> = {
    name: card.name,
    birth: card.birth,
    sex: card.sex,
    maritalStatus: card.maritalStatus,
    religion: card.religion,
    address: card.address,
    formalEducation: card.formalEducation.join('\n') || '-',
    nonFormalEducation: card.nonFormalEducation.join('\n') || '-',
  }
  let y = MARGIN + 1
  for (const key of card.layout.page2) {
    text(f, labels[key], MARGIN, y, { font: faces.regular, size, widthMm: labelW, muted: true })
    text(f, ':', MARGIN + labelW, y, { font: faces.regular, size })
    y += text(f, values[key] ?? '-', valueX, y, { font: faces.bold, size, widthMm: valueW }) + 0.8
  }
  // The issuing office (left) and the signer (right), at the bottom.
  const blockTop = Math.max(y + 2, f.heightMm - MARGIN - 26)
  const half = (f.widthMm - 2 * MARGIN) / 2
  let ly = blockTop
  ly += text(f, labels.issuedBy, MARGIN, ly, {
    font: faces.regular,
    size: size - 1,
    widthMm: half - 2,
    muted: true,
  })
  ly += text(f, card.issuedBy, MARGIN, ly, { font: faces.bold, size: size - 0.5, widthMm: half - 2 }) + 0.8
  ly += text(f, `${labels.issuedAt}: ${card.issuedAt}`, MARGIN, ly, {
    font: faces.regular,
    size: size - 1,
    widthMm: half - 2,
  })
  text(f, `${labels.validUntil}: ${card.validUntil}`, MARGIN, ly, {
    font: faces.regular,
    size: size - 1,
    widthMm: half - 2,
  })
  const sx = MARGIN + half
  let sy = blockTop
  sy += text(f, card.signer.title, sx, sy, {
    font: faces.bold,
    size: size - 0.5,
    widthMm: half,
    align: 'center',
  })
  sy += 12
  const name = card.signer.name ?? '(.................................)'
  sy += text(f, name, sx, sy, { font: faces.bold, size: size - 0.5, widthMm: half, align: 'center' })
  if (card.signer.nip)
    text(f, `NIP. ${card.signer.nip}`, sx, sy, {
      font: faces.regular,
      size: size - 1,
      widthMm: half,
      align: 'center',
    })
}

/** Draws the AK-1 card: page 1 (front) and page 2 (back), each on an A4 sheet with crop marks. @internal */
export function drawCard(doc: PDFDocument, card: PrintableCard, faces: Faces, photo: PDFImage): void {
  front(doc, card, faces, photo)
  back(doc, card, faces)
}
