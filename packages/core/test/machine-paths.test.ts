import { describe, expect, it } from 'vitest'
import { machineStart, machineTransition } from '../src/procedure/reference'
import type { EffectIntent } from '../src/procedure/types'
import { balongbendo } from '../src/standards/balongbendo'
import { checklistOf, maxReturns, officer, runPath, simplePaths } from './procedure-fixtures'

/**
 * The effects Balongbendo's SK asks for, written out by hand per event (independent of the step
 * table's encoding): notices to the applicant, SIPRAJA writes, and the SIPRAJA status once the
 * applicant's account exists.
 */
function balongbendoEffects(from: string, event: string, to: string, account: boolean): EffectIntent[] {
  const sms = ['sms', 'email'] as const
  const notice = (template: string): EffectIntent => ({ kind: 'notice', template, channels: [...sms] })
  const status = (label: string): EffectIntent[] =>
    account ? [{ kind: 'sipraja', action: 'set_status', status: label }] : []
  switch (event) {
    case 'ACCEPT':
      return []
    case 'COMPLETE':
      if (from === 'pemindaian')
        return [
          { kind: 'sipraja', action: 'ensure_account' },
          { kind: 'sipraja', action: 'upload_attachments' },
          { kind: 'sipraja', action: 'set_status', status: 'Menunggu' },
        ]
      if (from === 'pencetakan') return [notice('kartu_siap'), ...status('Bisa Diambil')]
      return []
    case 'SIGN':
      expect(to).toBe('pengarsipan')
      return [notice('berkas_jadi')]
    case 'RETURN':
      return [notice('dikembalikan'), ...status('Belum Dikirim')]
    case 'RESUBMIT':
      return status('Menunggu')
    case 'REJECT':
      return [notice('ditolak'), ...status('Ditolak')]
    case 'HAND_OVER':
      return status('Selesai')
    case 'WITHDRAW':
      return status('Dibatalkan')
    default:
      throw new Error(`unexpected ${event}`)
  }
}

describe('model-based: every simple path of the Balongbendo machine (at most two returns)', () => {
  for (const channel of ['tatap_muka', 'online'] as const) {
    it(`${channel}: each path ends where its last event leads, with the SK's effects, same as XState`, () => {
      const paths = simplePaths(balongbendo, channel)
      const byFinal: Record<string, number> = { selesai: 0, ditolak: 0, dibatalkan: 0 }
      let withTwoReturns = 0
      let transitions = 0
      for (const path of paths) {
        const events = path.steps.map((s) => s.event).filter((e) => !e.type.startsWith('xstate.'))
        const returns = events.filter((e) => e.type === 'RETURN').length
        expect(returns).toBeLessThanOrEqual(maxReturns)
        if (returns === maxReturns) withTwoReturns++
        let account = channel === 'online'
        const visited: string[] = []
        const end = runPath(balongbendo, channel, events, ({ from, event, result }) => {
          transitions++
          visited.push(result.state)
          if (from === null) {
            expect(result.state).toBe('penerimaan')
            expect(result.audit).toMatchObject({ event: 'SUBMIT', from: null, to: 'penerimaan' })
            const received = { kind: 'notice', template: 'diterima', channels: ['sms', 'email'] }
            expect(result.effects).toEqual(
              channel === 'online'
                ? [
                    { kind: 'sipraja', action: 'ensure_account' },
                    received,
                    { kind: 'sipraja', action: 'set_status', status: 'Menunggu' },
                  ]
                : [received],
            )
            return
          }
          expect(result.effects).toEqual(balongbendoEffects(from, event, result.state, account))
          if (from === 'pemindaian') account = true
          expect(result.audit).toMatchObject({ event, from, to: result.state })
        })
        const last = events[events.length - 1]?.type
        const expectedEnd = { HAND_OVER: 'selesai', REJECT: 'ditolak', WITHDRAW: 'dibatalkan' }[
          last as string
        ]
        expect(end.state).toBe(expectedEnd)
        expect(end.final).toBe(true)
        expect(end.awaiting).toBeNull()
        expect(String(path.state.value)).toBe(end.state)
        if (channel === 'online') expect(visited).not.toContain('pemindaian')
        byFinal[end.state] = (byFinal[end.state] ?? 0) + 1
      }
      console.log(
        `${channel}: ${paths.length} paths ran (${transitions} transitions): ` +
          `${byFinal.selesai} selesai, ${byFinal.ditolak} ditolak, ${byFinal.dibatalkan} dibatalkan; ` +
          `${withTwoReturns} with two returns`,
      )
      expect(byFinal.selesai).toBeGreaterThan(0)
      expect(byFinal.ditolak).toBeGreaterThan(0)
      expect(byFinal.dibatalkan).toBeGreaterThan(0)
      expect(withTwoReturns).toBeGreaterThan(0)
    })
  }

  it('the happy paths have exactly the SK order of steps, per channel', () => {
    for (const channel of ['tatap_muka', 'online'] as const) {
      const paths = simplePaths(balongbendo, channel).filter(
        (p) => String(p.state.value) === 'selesai' && p.steps.every((s) => s.event.type !== 'RETURN'),
      )
      expect(paths).toHaveLength(1)
      const events = (paths[0]?.steps ?? []).map((s) => s.event).filter((e) => !e.type.startsWith('xstate.'))
      const end = runPath(balongbendo, channel, events, () => {})
      expect(end.snapshot.context.visits).toEqual(
        channel === 'online'
          ? [
              'unggah',
              'penerimaan',
              'verifikasi',
              'validasi',
              'tanda_tangan',
              'pemberitahuan',
              'pengarsipan',
              'registrasi',
              'pencetakan',
              'penyerahan',
            ]
          : [
              'penerimaan',
              'pemindaian',
              'verifikasi',
              'validasi',
              'tanda_tangan',
              'pemberitahuan',
              'pengarsipan',
              'registrasi',
              'pencetakan',
              'penyerahan',
            ],
      )
    }
  })

  it('the XState machine refuses what applyEvent refuses: incomplete checklist, engine events', () => {
    const checklist = checklistOf(balongbendo)
    const start = machineStart(balongbendo, { channel: 'tatap_muka', checklist })
    const incomplete = machineTransition(balongbendo, start.snapshot, {
      type: 'ACCEPT',
      verified: ['pas_foto'],
      actor: officer('petugas'),
    })
    expect(incomplete.changed).toBe(false)
    for (const type of ['RETRY_INCIDENT', 'RESOLVE_INCIDENT'] as const) {
      const refused = machineTransition(balongbendo, start.snapshot, {
        type,
        outboxId: 'o1',
        note: 'x',
        actor: officer('admin'),
      })
      expect(refused.changed).toBe(false)
    }
  })
})
