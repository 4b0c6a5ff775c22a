import type { Json, Sealer } from '@ak1/core/ports'
import { createRecordCodec, SealedWithoutKeyError } from '@ak1/core/ports'
import { encryptedWithoutKey, undecryptable, unreadable } from './encryption'

/** How the store encodes its sealed columns and computes its keyed lookups. @internal */
export interface ColumnCodec {
  writeText(text: string, aad: string, compress?: boolean): string | Buffer
  readText(value: string | Buffer, aad: string): string
  writeJson(value: Json | undefined, aad: string, compress?: boolean): string | Buffer
  readJson<T = Json>(value: string | Buffer, aad: string): T
  nikLookup(nik: string): string
  nikLookups(nik: string): string[]
  attachmentLookup(sha: string): string
  attachmentLookups(sha: string): string[]
}

/**
 * The encoding of the sealed columns: personal data goes through core's codec (clear, packed, or
 * sealed under the current key of `sealer()`). @internal
 */
export function createColumnCodec(sealer: () => Sealer | undefined): ColumnCodec {
  const codec = createRecordCodec(sealer)
  const writeText = (text: string, aad: string, compress = false) =>
    codec.encode(text, aad, compress) as string | Buffer
  const readText = (value: string | Buffer, aad: string): string => {
    try {
      return codec.decode(value, aad)
    } catch (error) {
      if (error instanceof SealedWithoutKeyError) throw encryptedWithoutKey()
      throw undecryptable(aad, error)
    }
  }
  const writeJson = (value: Json | undefined, aad: string, compress = false) =>
    writeText(JSON.stringify(value ?? null), aad, compress)
  const readJson = <T = Json>(value: string | Buffer, aad: string): T => {
    const text = readText(value, aad)
    try {
      return JSON.parse(text) as T
    } catch (error) {
      throw unreadable(aad, error)
    }
  }
  return {
    writeText,
    readText,
    writeJson,
    readJson,
    nikLookup: (nik) => codec.lookup('nik', nik),
    nikLookups: (nik) => codec.lookups('nik', nik),
    attachmentLookup: (sha) => codec.lookup('sha256', sha),
    attachmentLookups: (sha) => codec.lookups('sha256', sha),
  }
}
