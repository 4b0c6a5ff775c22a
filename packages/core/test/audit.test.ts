import * as fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  auditHash,
  canonicalJsonWithout,
  genesisHash,
  sealAuditEntry,
  verifyAuditChain,
} from '../src/engine/audit'
import type { AuditEntry } from '../src/ports/case-store'
import { canonicalJson, sha256Hex } from '../src/util/canonical-json'

function chain(n: number): AuditEntry[] {
  const out: AuditEntry[] = []
  for (let i = 0; i < n; i++) {
    const head = out.at(-1) ?? null
    out.push(
      sealAuditEntry(head && { seq: head.seq, hash: head.hash }, {
        caseId: 'C1',
        at: `2026-03-0${i + 1}T01:00:00.000Z`,
        actor: { id: `u-${i}`, role: 'petugas' },
        event: i === 0 ? 'SUBMIT' : 'ACCEPT',
        from: i === 0 ? null : 'penerimaan',
        to: 'verifikasi',
        standardId: 'ak1-balongbendo',
        standardVersion: '2023.1',
        commandId: `cmd-${i}`,
        details: { verified: ['ktp_asli'] },
      }),
    )
  }
  return out
}

const headOf = (entries: AuditEntry[]) => ({ seq: entries.at(-1)!.seq, hash: entries.at(-1)!.hash })

describe('the audit chain', () => {
  it('hashes the canonical JSON of the entry without its hash, chained from 64 zeros', () => {
    const [first, second] = chain(2)
    const { hash, ...rest } = first!
    expect(first!.prevHash).toBe(genesisHash)
    expect(hash).toBe(sha256Hex(canonicalJson(rest)))
    expect(second!.prevHash).toBe(first!.hash)
    expect(second!.seq).toBe(2)
  })

  it('verifies an untouched trail, also after a JSON round trip with keys in another order', () => {
    const entries = chain(4)
    const shuffled = entries.map(
      (e) => JSON.parse(JSON.stringify(Object.fromEntries(Object.entries(e).reverse()))) as AuditEntry,
    )
    expect(verifyAuditChain(shuffled, headOf(entries))).toEqual({ ok: true, entries: 4 })
  })

  it('finds an edited entry', () => {
    const entries = chain(4)
    entries[2] = { ...entries[2]!, actor: { id: 'someone-else', role: 'petugas' } }
    expect(verifyAuditChain(entries, headOf(entries))).toMatchObject({ ok: false, brokenAt: 3 })
  })

  it('finds an edited entry whose hash was recomputed, at the entry after it', () => {
    const entries = chain(4)
    const edited = { ...entries[1]!, details: { verified: [] } }
    entries[1] = { ...edited, hash: auditHash(edited) }
    expect(verifyAuditChain(entries, headOf(chain(4)))).toMatchObject({ ok: false, brokenAt: 3 })
  })

  it('finds reordered entries', () => {
    const entries = chain(4)
    const swapped = [entries[0]!, entries[2]!, entries[1]!, entries[3]!]
    expect(verifyAuditChain(swapped, headOf(entries))).toMatchObject({ ok: false, brokenAt: 2 })
  })

  it('finds a deleted entry in the middle and a deleted last entry', () => {
    const entries = chain(4)
    const head = headOf(entries)
    expect(verifyAuditChain([entries[0]!, entries[1]!, entries[3]!], head)).toMatchObject({
      ok: false,
      brokenAt: 3,
    })
    expect(verifyAuditChain(entries.slice(0, 3), head)).toMatchObject({ ok: false, brokenAt: 4 })
  })

  it('finds a renumbered trail after a deletion (seq and links rewritten but hashes stale)', () => {
    const entries = chain(3)
    const renumbered = [entries[0]!, { ...entries[2]!, seq: 2, prevHash: entries[0]!.hash }]
    expect(verifyAuditChain(renumbered)).toMatchObject({ ok: false, brokenAt: 2 })
  })
})

describe('the one-pass canonical JSON of audit entries', () => {
  it('writes exactly what canonicalJson writes, for any JSON-like object, leaving out hash', () => {
    const value = fc.oneof(fc.jsonValue(), fc.constant(undefined))
    fc.assert(
      fc.property(fc.dictionary(fc.string(), value), fc.jsonValue(), (obj, hash) => {
        const { hash: _ignored, ...rest } = obj
        expect(canonicalJsonWithout({ ...obj, hash }, 'hash')).toBe(canonicalJson(rest))
      }),
      { numRuns: 300 },
    )
  })
})
