import { deflateRawSync, inflateRawSync } from 'node:zlib'

/** First byte of a compressed value; JSON text never starts with it, nor does a sealed blob (1). */
const marker = 2
/** Shorter texts are kept as they are. */
const threshold = 512

/** The text, or for a long one `0x02 | deflate(text)`. */
export function pack(text: string): string | Buffer {
  if (text.length < threshold) return text
  return Buffer.concat([Buffer.from([marker]), deflateRawSync(text)])
}

/** Whether a stored value (or an opened blob) is a packed text. */
export function isPacked(value: Uint8Array): boolean {
  return value[0] === marker
}

/** The text of a packed value. */
export function unpack(value: Uint8Array): string {
  return inflateRawSync(value.subarray(1)).toString()
}

/** The text of an opened value, packed or not. */
export function textOf(value: Buffer): string {
  return isPacked(value) ? unpack(value) : value.toString()
}
