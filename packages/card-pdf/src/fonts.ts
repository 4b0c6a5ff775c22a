import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'

/** The TrueType fonts a renderer embeds: a regular and a bold face. */
export interface CardFonts {
  regular: Uint8Array
  bold: Uint8Array
}

let cached: CardFonts | undefined

/**
 * DejaVu Sans (regular and bold) from the `dejavu-fonts-ttf` package: Latin with every diacritic an
 * Indonesian name may carry (é, ñ, ü, ł, ...), plus Greek and Cyrillic. Read once per process.
 */
export function dejaVuFonts(): CardFonts {
  if (cached) return cached
  const require = createRequire(import.meta.url)
  const file = (name: string) => new Uint8Array(readFileSync(require.resolve(`dejavu-fonts-ttf/ttf/${name}`)))
  cached = { regular: file('DejaVuSans.ttf'), bold: file('DejaVuSans-Bold.ttf') }
  return cached
}
