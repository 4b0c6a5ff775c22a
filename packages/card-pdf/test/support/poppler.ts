import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { PDFDocument, rgb } from 'pdf-lib'

/** Where test artifacts (page images) are kept for people to look at; gitignored. */
export const artifactDir = fileURLToPath(new URL('../../test-artifacts/', import.meta.url))

const work = mkdtempSync(join(tmpdir(), 'ak1-card-pdf-'))
let n = 0

function file(bytes: Uint8Array, ext: string): string {
  const path = join(work, `f${++n}.${ext}`)
  writeFileSync(path, bytes)
  return path
}

const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { encoding: 'utf8' })

/** The text of one page as poppler's `pdftotext -raw` reads it (content order), whitespace collapsed. */
export function pageText(pdf: Uint8Array, page: number): string {
  const path = file(pdf, 'pdf')
  return run('pdftotext', ['-raw', '-f', String(page), '-l', String(page), path, '-']).replace(/\s+/g, ' ')
}

/** `pdfinfo`'s fields. */
export function pdfInfo(pdf: Uint8Array): Record<string, string> {
  const out: Record<string, string> = {}
  for (const line of run('pdfinfo', [file(pdf, 'pdf')]).split('\n')) {
    const at = line.indexOf(':')
    if (at > 0) out[line.slice(0, at).trim()] = line.slice(at + 1).trim()
  }
  return out
}

/** The images `pdfimages -list` finds on a page: [width, height, type]. */
export function pageImages(pdf: Uint8Array, page: number): Array<{ width: number; height: number }> {
  const lines = run('pdfimages', ['-list', '-f', String(page), '-l', String(page), file(pdf, 'pdf')])
    .split('\n')
    .slice(2)
    .filter((l) => l.trim())
  return lines.map((l) => {
    const cols = l.trim().split(/\s+/)
    return { width: Number(cols[3]), height: Number(cols[4]) }
  })
}

/** Renders a page to PNG with `pdftoppm` and keeps it under {@link artifactDir}; returns its bytes. */
export function keepPagePng(pdf: Uint8Array, page: number, name: string, dpi = 150): Uint8Array {
  mkdirSync(artifactDir, { recursive: true })
  const base = join(artifactDir, name)
  run('pdftoppm', [
    '-png',
    '-singlefile',
    '-r',
    String(dpi),
    '-f',
    String(page),
    '-l',
    String(page),
    file(pdf, 'pdf'),
    base,
  ])
  return new Uint8Array(readFileSync(`${base}.png`))
}

/**
 * A 3x4 "photo" (a head and shoulders on a blue background) as real JPEG or PNG bytes: drawn with
 * pdf-lib and rasterised by `pdftoppm`, so no image fixture lives in the repository.
 */
export async function samplePhoto(kind: 'jpeg' | 'png'): Promise<Uint8Array> {
  const doc = await PDFDocument.create()
  const page = doc.addPage([90, 120])
  page.drawRectangle({ x: 0, y: 0, width: 90, height: 120, color: rgb(0.55, 0.7, 0.95) })
  page.drawEllipse({ x: 45, y: 30, xScale: 40, yScale: 30, color: rgb(0.15, 0.2, 0.35) })
  page.drawEllipse({ x: 45, y: 72, xScale: 20, yScale: 25, color: rgb(0.85, 0.68, 0.55) })
  const base = join(work, `photo${++n}`)
  run('pdftoppm', [
    kind === 'jpeg' ? '-jpeg' : '-png',
    '-singlefile',
    '-r',
    '200',
    file(await doc.save(), 'pdf'),
    base,
  ])
  return new Uint8Array(readFileSync(`${base}.${kind === 'jpeg' ? 'jpg' : 'png'}`))
}
