import { describe, expect, it } from 'vitest'
import { createAk1Service } from '../src/engine/service'
import { ValidationError } from '../src/errors/errors'
import { balongbendo } from '../src/standards/balongbendo'
import { createMemoryStore, sampleApplication } from '../src/testing/index'
import { driveToEnd, fakeClock, officers, tamperable } from './service-helpers'

async function finishedCase() {
  const t = tamperable(createMemoryStore())
  const service = createAk1Service({ standard: balongbendo, store: t.store, clock: fakeClock() })
  const c = await service.submit(sampleApplication(), { actor: officers.petugas, channel: 'tatap_muka' })
  await driveToEnd(service, c)
  return { service, id: c.id, tamper: t.set }
}

describe('audit tamper detection', () => {
  it('accepts the untouched trail of a finished case', async () => {
    const { service, id } = await finishedCase()
    expect(await service.verifyAudit(id)).toEqual({ ok: true, entries: 10 })
  })

  it('finds an edited entry', async () => {
    const { service, id, tamper } = await finishedCase()
    tamper((entries) =>
      entries.map((e) => (e.seq === 6 ? { ...e, actor: { id: 'camat-2', role: 'camat' } } : e)),
    )
    expect(await service.verifyAudit(id)).toMatchObject({ ok: false, brokenAt: 6 })
  })

  it('finds reordered entries', async () => {
    const { service, id, tamper } = await finishedCase()
    tamper((entries) => {
      const out = entries.slice()
      ;[out[3], out[4]] = [out[4]!, out[3]!]
      return out
    })
    expect(await service.verifyAudit(id)).toMatchObject({ ok: false, brokenAt: 4 })
  })

  it('finds a deleted entry, in the middle and at the end', async () => {
    const { service, id, tamper } = await finishedCase()
    tamper((entries) => entries.filter((e) => e.seq !== 2))
    expect(await service.verifyAudit(id)).toMatchObject({ ok: false, brokenAt: 2 })
    tamper((entries) => entries.slice(0, -1))
    expect(await service.verifyAudit(id)).toMatchObject({ ok: false, brokenAt: 10 })
  })
})

describe('attachments', () => {
  it('stores bytes by sha256, records the reference once, and audits ATTACH without personal data', async () => {
    const store = createMemoryStore()
    const service = createAk1Service({
      standard: balongbendo,
      store,
      clock: fakeClock(),
      attachmentMaxBytes: 1000,
    })
    const c = await service.submit(sampleApplication(), { actor: officers.petugas, channel: 'tatap_muka' })
    const bytes = new TextEncoder().encode('%PDF-1.4 scan of an ijazah')
    const meta = { contentType: 'application/pdf', itemId: 'ijazah:sma', filename: 'ijazah.pdf' }
    const once = await service.attach(c.id, bytes, meta, { actor: officers.operator })
    const twice = await service.attach(c.id, bytes, meta, { actor: officers.operator })
    expect(once.attachments).toHaveLength(1)
    expect(twice.version).toBe(once.version)
    const [ref] = once.attachments
    expect(ref).toMatchObject({
      contentType: 'application/pdf',
      size: bytes.byteLength,
      itemId: 'ijazah:sma',
    })
    expect((await store.getAttachment(ref!.sha256))?.bytes).toEqual(bytes)
    const timeline = await service.timeline(c.id)
    expect(timeline.at(-1)).toMatchObject({ event: 'ATTACH', details: { sha256: ref!.sha256 } })
    expect(await service.verifyAudit(c.id)).toMatchObject({ ok: true })

    const big = new Uint8Array(1001)
    await expect(
      service.attach(c.id, big, { contentType: 'application/pdf' }, { actor: officers.operator }),
    ).rejects.toMatchObject({
      code: 'VALIDATION',
      issues: [{ path: ['bytes'], rule: 'attachment_too_large' }],
    })
    await expect(
      service.attach(c.id, bytes, { contentType: 'text/html' }, { actor: officers.operator }),
    ).rejects.toBeInstanceOf(ValidationError)
    expect((await service.get(c.id)).version).toBe(once.version)
  })
})
