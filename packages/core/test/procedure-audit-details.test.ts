import { describe, expect, it } from 'vitest'
import { procedureEventSchemas } from '../src/procedure/input'
import { applyParsedEvent, auditedEventFields } from '../src/procedure/transition'
import type { CaseEvent } from '../src/procedure/types'
import { balongbendo } from '../src/standards/balongbendo'
import { ctx, officer, walkTo } from './procedure-fixtures'

describe('audit details of a procedure event: an allow-list, not the whole payload', () => {
  it('a field an event carries that is not on the list never reaches the audit entry', () => {
    const at = walkTo(balongbendo, 'online', 'verifikasi')
    // The engine hands applyParsedEvent events it parsed itself; a future field (here a NIK and an
    // AK/II part) must still stay out of the chain, which is never erased.
    const event = {
      type: 'RETURN',
      missing: ['pas_foto'],
      reason: 'Foto buram',
      nik: '3515014101950003',
      ak2: { desiredJob: 'Operator mesin' },
    } as unknown as CaseEvent
    const r = applyParsedEvent(balongbendo, at.snapshot, event, officer('operator'), ctx)
    expect(r.audit.details).toEqual({ stepId: 'verifikasi', missing: ['pas_foto'], reason: 'Foto buram' })
    expect(JSON.stringify(r.audit)).not.toContain('3515014101950003')
    expect(JSON.stringify(r.audit)).not.toContain('Operator mesin')
  })

  it('every field of every procedure event today is on the list, so no detail read today disappears', () => {
    const fields = Object.values(procedureEventSchemas).flatMap((schema) =>
      Object.keys(schema.shape).filter((key) => key !== 'type'),
    )
    expect(new Set(fields)).toEqual(new Set(['verified', 'missing', 'reason']))
    for (const field of fields) expect(auditedEventFields).toContain(field)
  })

  it('keeps the payload order of the listed fields, so an entry hashes as it did before the list', () => {
    const at = walkTo(balongbendo, 'online', 'verifikasi')
    const event = { type: 'RETURN', reason: 'Foto buram', missing: ['pas_foto'] } as CaseEvent
    const r = applyParsedEvent(balongbendo, at.snapshot, event, officer('operator'), ctx)
    expect(Object.keys(r.audit.details as object)).toEqual(['stepId', 'reason', 'missing'])
  })
})
