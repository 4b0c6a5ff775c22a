import { ConfigError } from '@ak1/core'
import { z } from 'zod'
import type { CardFonts } from './fonts'

const bytes = z.custom<Uint8Array>((v) => v instanceof Uint8Array && v.byteLength > 0, {
  message: 'harus berupa Uint8Array berisi berkas TTF',
})

const optionsSchema = z.strictObject({
  /** @default 'card-pdf' */
  id: z.string().min(1).max(64).default('card-pdf'),
  /** @default DejaVu Sans from `dejavu-fonts-ttf` */
  fonts: z.strictObject({ regular: bytes, bold: bytes }).optional(),
  /** PDF metadata: the application that made the file. @default '@ak1/card-pdf' */
  creator: z.string().min(1).max(200).default('@ak1/card-pdf'),
})

/** Options of {@link createCardRenderer}. */
export interface CardRendererOptions {
  /** The renderer's id, as reported in errors and audit details. @default 'card-pdf' */
  id?: string
  /** TrueType faces to embed instead of DejaVu Sans (they must cover the names printed). */
  fonts?: CardFonts
  /** PDF metadata: the creator. @default '@ak1/card-pdf' */
  creator?: string
}

/** Validated options. @internal */
export type ParsedCardRendererOptions = z.output<typeof optionsSchema>

/** @internal */
export function parseRendererOptions(options: CardRendererOptions): ParsedCardRendererOptions {
  const result = optionsSchema.safeParse(options ?? {})
  if (result.success) return result.data
  const keys = [...new Set(result.error.issues.map((i) => i.path.join('.') || '(root)'))]
  throw new ConfigError(`Opsi createCardRenderer tidak valid: ${keys.join(', ')}`, {
    messageEn: `Invalid createCardRenderer options: ${keys.join(', ')}`,
    keys,
  })
}
