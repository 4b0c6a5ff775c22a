import { type PDFFont, type PDFPage, rgb } from 'pdf-lib'

/** Points per millimetre. */
export const MM = 72 / 25.4
/** A4 in points. */
export const A4 = { width: 210 * MM, height: 297 * MM }

/** The two embedded faces. @internal */
export interface Faces {
  regular: PDFFont
  bold: PDFFont
}

const ink = rgb(0, 0, 0)
const muted = rgb(0.3, 0.3, 0.3)

/**
 * A rectangle on a page measured in millimetres from its top-left corner, as a designer reads a
 * card; converts to pdf-lib's points from the bottom-left. @internal
 */
export interface Frame {
  page: PDFPage
  /** Left edge, in points. */
  x: number
  /** Top edge, in points. */
  top: number
  widthMm: number
  heightMm: number
}

/** Splits text into lines no wider than `maxWidth` points (words longer than a line are cut). @internal */
export function wrap(text: string, font: PDFFont, size: number, maxWidth: number): string[] {
  const lines: string[] = []
  for (const paragraph of text.split('\n')) {
    let current = ''
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      const candidate = current ? `${current} ${word}` : word
      if (font.widthOfTextAtSize(candidate, size) <= maxWidth) {
        current = candidate
        continue
      }
      if (current) lines.push(current)
      current = word
      while (font.widthOfTextAtSize(current, size) > maxWidth && current.length > 1) {
        let cut = current.length - 1
        while (cut > 1 && font.widthOfTextAtSize(current.slice(0, cut), size) > maxWidth) cut--
        lines.push(current.slice(0, cut))
        current = current.slice(cut)
      }
    }
    lines.push(current)
  }
  return lines
}

/** Options of {@link text}. @internal */
export interface TextOptions {
  font: PDFFont
  size: number
  /** Width to wrap at, in millimetres; absent: one line. */
  widthMm?: number
  align?: 'left' | 'center' | 'right'
  muted?: boolean
}

/**
 * Draws text with its top at (`xMm`, `yMm`) inside a frame, wrapped to `widthMm`; returns the
 * height used in millimetres. @internal
 */
export function text(frame: Frame, value: string, xMm: number, yMm: number, o: TextOptions): number {
  const lineHeight = o.size * 1.22
  const width = o.widthMm === undefined ? Number.POSITIVE_INFINITY : o.widthMm * MM
  const lines = o.widthMm === undefined ? [value] : wrap(value, o.font, o.size, width)
  lines.forEach((line, i) => {
    const w = o.font.widthOfTextAtSize(line, o.size)
    let x = frame.x + xMm * MM
    if (o.align === 'center' && o.widthMm !== undefined) x += (width - w) / 2
    if (o.align === 'right' && o.widthMm !== undefined) x += width - w
    frame.page.drawText(line, {
      x,
      y: frame.top - yMm * MM - o.size * 0.9 - i * lineHeight,
      size: o.size,
      font: o.font,
      color: o.muted ? muted : ink,
    })
  })
  return (lines.length * lineHeight) / MM
}

/** A rectangle outline, in millimetres inside a frame. @internal */
export function box(frame: Frame, xMm: number, yMm: number, wMm: number, hMm: number, dashed = false): void {
  frame.page.drawRectangle({
    x: frame.x + xMm * MM,
    y: frame.top - (yMm + hMm) * MM,
    width: wMm * MM,
    height: hMm * MM,
    borderColor: ink,
    borderWidth: 0.5,
    ...(dashed ? { borderDashArray: [2, 2] } : {}),
  })
}

/** A horizontal rule, in millimetres inside a frame. @internal */
export function rule(frame: Frame, xMm: number, yMm: number, wMm: number, thickness = 0.6): void {
  const y = frame.top - yMm * MM
  frame.page.drawLine({
    start: { x: frame.x + xMm * MM, y },
    end: { x: frame.x + (xMm + wMm) * MM, y },
    thickness,
    color: ink,
  })
}

/** Crop marks at the four corners of a frame: 5 mm lines starting 2 mm outside it. @internal */
export function cropMarks(frame: Frame): void {
  const { page } = frame
  const left = frame.x
  const right = frame.x + frame.widthMm * MM
  const top = frame.top
  const bottom = frame.top - frame.heightMm * MM
  const gap = 2 * MM
  const len = 5 * MM
  const line = (x1: number, y1: number, x2: number, y2: number) =>
    page.drawLine({ start: { x: x1, y: y1 }, end: { x: x2, y: y2 }, thickness: 0.3, color: ink })
  for (const x of [left, right]) {
    const out = x === left ? -1 : 1
    for (const y of [top, bottom]) {
      const up = y === top ? 1 : -1
      line(x + out * gap, y, x + out * (gap + len), y)
      line(x, y + up * gap, x, y + up * (gap + len))
    }
  }
}
