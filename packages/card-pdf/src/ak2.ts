import type { PDFDocument, PDFImage } from 'pdf-lib'
import type { PrintableCard } from './card-data'
import { A4, box, type Faces, type Frame, MM, rule, text } from './draw'

const MARGIN = 18
const WIDTH = 210 - 2 * MARGIN
const BOTTOM = 297 - MARGIN

/** A writing position that moves to a new A4 page when the next block does not fit. */
interface Cursor {
  frame: Frame
  y: number
}

function newPage(doc: PDFDocument): Frame {
  const page = doc.addPage([A4.width, A4.height])
  return { page, x: MARGIN * MM, top: A4.height - MARGIN * MM, widthMm: WIDTH, heightMm: 297 - 2 * MARGIN }
}

function ensure(doc: PDFDocument, c: Cursor, heightMm: number): void {
  if (c.y + heightMm > BOTTOM - MARGIN) {
    c.frame = newPage(doc)
    c.y = 0
  }
}

function letterhead(c: Cursor, card: PrintableCard, faces: Faces): void {
  const f = c.frame
  const o = { widthMm: WIDTH, align: 'center' as const }
  c.y += text(f, card.letterhead.government, 0, c.y, { font: faces.bold, size: 11, ...o })
  c.y += text(f, card.letterhead.office, 0, c.y, { font: faces.bold, size: 14, ...o })
  c.y += text(f, card.letterhead.address, 0, c.y, { font: faces.regular, size: 9, ...o })
  c.y += text(f, card.letterhead.contact, 0, c.y, { font: faces.regular, size: 9, ...o }) + 1.5
  rule(f, 0, c.y, WIDTH, 1.4)
  rule(f, 0, c.y + 0.8, WIDTH, 0.4)
  c.y += 5
  c.y += text(f, card.layout.labels.ak2Title, 0, c.y, { font: faces.bold, size: 12, ...o }) + 4
}

/** A label and its value on one row, wrapped; labels 55 mm wide. */
function row(doc: PDFDocument, c: Cursor, faces: Faces, label: string, value: string, widthMm = WIDTH): void {
  const size = 10
  const valueX = 58
  const lines = Math.max(1, value.split('\n').length)
  ensure(doc, c, lines * 4.4 + 1)
  text(c.frame, label, 0, c.y, { font: faces.regular, size, widthMm: 55 })
  text(c.frame, ':', 55, c.y, { font: faces.regular, size })
  c.y += text(c.frame, value || '-', valueX, c.y, { font: faces.bold, size, widthMm: widthMm - valueX }) + 1.2
}

function heading(doc: PDFDocument, c: Cursor, faces: Faces, label: string): void {
  ensure(doc, c, 12)
  c.y += 2
  c.y += text(c.frame, label.toUpperCase(), 0, c.y, { font: faces.bold, size: 10.5 }) + 0.8
  rule(c.frame, 0, c.y, WIDTH, 0.4)
  c.y += 1.5
}

function educationTable(doc: PDFDocument, c: Cursor, card: PrintableCard, faces: Faces): void {
  const l = card.layout.labels
  const cols = [
    { x: 0, w: 24 },
    { x: 25, w: 62 },
    { x: 88, w: 46 },
    { x: 135, w: 20 },
    { x: 156, w: WIDTH - 156 },
  ]
  const cells = (values: string[], font: Faces['regular']) => {
    ensure(doc, c, 9)
    const used = values.map((v, i) =>
      text(c.frame, v, cols[i]!.x, c.y, { font, size: 9.5, widthMm: cols[i]!.w }),
    )
    c.y += Math.max(...used) + 1
  }
  cells(
    [l.educationLevel, l.educationSchool, l.educationMajor, l.educationYear, l.educationGrade],
    faces.bold,
  )
  rule(c.frame, 0, c.y, WIDTH, 0.3)
  c.y += 1
  if (card.educationRows.length === 0) cells(['-', '', '', '', ''], faces.regular)
  for (const r of card.educationRows) cells([r.level, r.school, r.major, r.year, r.grade], faces.regular)
}

/** Draws the AK/II biodata record on A4 pages: identity, contacts, education, work, wishes, signatures. @internal */
export function drawAk2(doc: PDFDocument, card: PrintableCard, faces: Faces, photo: PDFImage): void {
  const c: Cursor = { frame: newPage(doc), y: 0 }
  const l = card.layout.labels
  letterhead(c, card, faces)
  // The photo at the top right, beside the identity rows.
  const photoTop = c.y
  const scaled = photo.scaleToFit(30 * MM, 40 * MM)
  c.frame.page.drawImage(photo, {
    x: c.frame.x + (WIDTH - 30) * MM + (30 * MM - scaled.width) / 2,
    y: c.frame.top - (photoTop + 40) * MM + (40 * MM - scaled.height) / 2,
    ...scaled,
  })
  box(c.frame, WIDTH - 30, photoTop, 30, 40)
  const narrow = WIDTH - 34
  row(doc, c, faces, l.jobSeekerNumber, card.jobSeekerNumber, narrow)
  row(doc, c, faces, l.nik, card.nik, narrow)
  row(doc, c, faces, l.name, card.name, narrow)
  row(doc, c, faces, l.birth, card.birth, narrow)
  row(doc, c, faces, l.sex, card.sex, narrow)
  row(doc, c, faces, l.maritalStatus, card.maritalStatus, narrow)
  row(doc, c, faces, l.religion, card.religion, narrow)
  c.y = Math.max(c.y, photoTop + 42)
  row(doc, c, faces, l.address, card.address)
  row(doc, c, faces, l.contacts, card.contacts.join(', '))
  heading(doc, c, faces, l.formalEducation)
  educationTable(doc, c, card, faces)
  heading(doc, c, faces, l.nonFormalEducation)
  row(doc, c, faces, l.nonFormalEducation, card.nonFormalEducation.join('\n'))
  heading(doc, c, faces, l.workHistory)
  row(doc, c, faces, l.workHistory, card.workHistory.join('\n'))
  row(doc, c, faces, l.languages, card.languages.join(', '))
  row(doc, c, faces, l.skills, card.skills.join(', '))
  row(doc, c, faces, l.desiredJob, card.desiredJob)
  if (card.interview) {
    heading(doc, c, faces, l.interview)
    row(doc, c, faces, l.interviewedAt, card.interview.at)
    if (card.interview.physical) row(doc, c, faces, l.physical, card.interview.physical)
    if (card.interview.notes) row(doc, c, faces, l.interviewNotes, card.interview.notes)
  }
  row(doc, c, faces, l.issuedBy, card.issuedBy)
  row(doc, c, faces, l.issuedAt, card.issuedAt)
  // Signatures: the job seeker (left) and the registering officer (right).
  ensure(doc, c, 34)
  c.y += 6
  const half = WIDTH / 2
  const o = (w: number) => ({ widthMm: w, align: 'center' as const })
  text(c.frame, l.holderSignature, 0, c.y, { font: faces.regular, size: 10, ...o(half) })
  text(c.frame, l.officer, half, c.y, { font: faces.regular, size: 10, ...o(half) })
  c.y += 20
  text(c.frame, card.name, 0, c.y, { font: faces.bold, size: 10, ...o(half) })
  text(c.frame, '(.................................)', half, c.y, { font: faces.bold, size: 10, ...o(half) })
}
