import { describe, expect, it } from 'vitest'
import { statusEffects } from '../src/engine/sipraja-option'
import type { Json } from '../src/ports/case-store'
import type { SiprajaGateway } from '../src/ports/sipraja'
import type { EffectIntent } from '../src/procedure/types'

const gateway = (statusAtEveryStep?: boolean) =>
  ({ id: 'g', ...(statusAtEveryStep === undefined ? {} : { statusAtEveryStep }) }) as SiprajaGateway

function decision(
  event: string,
  from: string | null,
  to: string,
  o: { reason?: string; account?: boolean; status?: string | null; final?: boolean } = {},
) {
  return {
    entry: {
      event,
      from,
      to,
      details: (o.reason === undefined ? { stepId: from } : { reason: o.reason }) as Json,
    },
    after: { state: to, final: o.final ?? false },
    data: { snapshot: { context: { account: o.account ?? true, status: o.status ?? 'Menunggu' } } },
  }
}
const setStatus = (status: string): EffectIntent => ({ kind: 'sipraja', action: 'set_status', status })

describe('statusEffects: the SIPRAJA status writes of a decision', () => {
  it('names the state entered and carries the reason of a REJECT as the note', () => {
    const d = decision('REJECT', 'validasi', 'ditolak', { reason: 'Ijazah tidak terbaca', final: true })
    expect(statusEffects([setStatus('Ditolak')], d, gateway())).toEqual([
      {
        kind: 'sipraja',
        action: 'set_status',
        status: 'Ditolak',
        step: 'ditolak',
        note: 'Ijazah tidak terbaca',
      },
    ])
  })

  it('carries a WITHDRAW reason, but never the details of other events as a note', () => {
    const w = decision('WITHDRAW', 'verifikasi', 'dibatalkan', { reason: 'Sudah bekerja', final: true })
    expect(statusEffects([setStatus('Dibatalkan')], w, gateway())[0]).toMatchObject({ note: 'Sudah bekerja' })
    const r = decision('RETURN', 'verifikasi', 'dikembalikan', { reason: 'KTP buram' })
    expect(statusEffects([setStatus('Belum Dikirim')], r, gateway())[0]).not.toHaveProperty('note')
  })

  it('adds a write of the unchanged label at each step only for a gateway with statusAtEveryStep', () => {
    const d = decision('ACCEPT', 'verifikasi', 'validasi')
    expect(statusEffects([], d, gateway())).toEqual([])
    expect(statusEffects([], d, gateway(false))).toEqual([])
    expect(statusEffects([], d, gateway(true))).toEqual([
      { kind: 'sipraja', action: 'set_status', status: 'Menunggu', step: 'validasi' },
    ])
    // Not before the account exists, not on a same-state entry, not twice.
    expect(
      statusEffects([], decision('ACCEPT', 'penerimaan', 'pemindaian', { account: false }), gateway(true)),
    ).toEqual([])
    expect(statusEffects([], decision('ATTACH', 'verifikasi', 'verifikasi'), gateway(true))).toEqual([])
    expect(statusEffects([setStatus('Menunggu')], d, gateway(true))).toHaveLength(1)
    expect(statusEffects([], d, false)).toEqual([])
  })
})
