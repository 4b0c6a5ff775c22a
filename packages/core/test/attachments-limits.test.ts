import { describe, expect, it } from 'vitest'
import { createAk1Service } from '../src/engine/service'
import { ValidationError } from '../src/errors/errors'
import { defineStandard } from '../src/standard/define-standard'
import { balongbendo, balongbendoInput } from '../src/standards/balongbendo'
import { createMemoryStore, sampleApplication } from '../src/testing/index'
import { fakeClock, officers } from './service-helpers'

const application = sampleApplication()
const nik = application.applicant.nik
const pemohon = { id: 'pemohon-1', role: 'pemohon', nik }
const pdf = (text: string) => new TextEncoder().encode(`%PDF-1.4 ${text}`)
const meta = { contentType: 'application/pdf' }

function office(limits?: { maxCount?: number; maxTotalBytes?: number }) {
  const standard = limits
    ? defineStandard({ ...balongbendoInput, version: '2026.limits', attachments: limits })
    : balongbendo
  const store = createMemoryStore()
  const service = createAk1Service({ standard, store, clock: fakeClock() })
  return { store, service }
}

describe('attachments per case', () => {
  it('defaults to 50 files and 100 MiB per case, leaving the Balongbendo standard hash as it was', () => {
    expect(balongbendo.attachments).toEqual({ maxCount: 50, maxTotalBytes: 104_857_600 })
    const explicit = defineStandard({
      ...balongbendoInput,
      attachments: { maxCount: 50, maxTotalBytes: 104_857_600 },
    })
    expect(explicit.hash).toBe(balongbendo.hash)
    const other = defineStandard({ ...balongbendoInput, attachments: { maxCount: 20 } })
    expect(other.hash).not.toBe(balongbendo.hash)
  })

  it('refuses the file past the count limit of the standard in Indonesian, changing nothing', async () => {
    const { service } = office({ maxCount: 3 })
    const c = await service.submit(application, { actor: officers.petugas, channel: 'tatap_muka' })
    let view = c
    for (let i = 0; i < 3; i++)
      view = await service.attach(c.id, pdf(`scan ${i}`), meta, { actor: officers.petugas })
    expect(view.attachments).toHaveLength(3)
    const error = await service
      .attach(c.id, pdf('scan 4'), meta, { actor: officers.petugas })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ValidationError)
    expect(error).toMatchObject({
      issues: [{ path: ['bytes'], rule: 'attachment_count_limit' }],
      message: expect.stringContaining('standar pelayanan membatasi 3 berkas per kasus'),
    })
    expect((error as ValidationError).localized('en')).toContain('allows 3 files per case')
    const after = await service.get(c.id)
    expect(after.version).toBe(view.version)
    expect(after.attachments).toHaveLength(3)
  })

  it('refuses a file that would bring the case over its total bytes', async () => {
    const { service } = office({ maxTotalBytes: 40 })
    const c = await service.submit(application, { actor: officers.petugas, channel: 'tatap_muka' })
    const first = await service.attach(c.id, pdf('x'.repeat(20)), meta, { actor: officers.petugas })
    await expect(
      service.attach(c.id, pdf('y'.repeat(20)), meta, { actor: officers.petugas }),
    ).rejects.toMatchObject({
      issues: [
        {
          rule: 'attachment_total_limit',
          message: expect.stringContaining('melebihi batas standar pelayanan 40 byte'),
        },
      ],
    })
    // The same file again is no new file: nothing to refuse, nothing written.
    const again = await service.attach(c.id, pdf('x'.repeat(20)), meta, { actor: officers.petugas })
    expect(again.version).toBe(first.version)
    expect(again.attachments).toHaveLength(1)
  })

  it('keeps the files out of the case body and the stored command result, and reads them from the trail', async () => {
    const { service, store } = office()
    const c = await service.submit(application, { actor: officers.petugas, channel: 'tatap_muka' })
    const shas: string[] = []
    let view = c
    for (let i = 0; i < 5; i++) {
      view = await service.attach(
        c.id,
        pdf(`lampiran ${i}`),
        { ...meta, itemId: 'ijazah:sma' },
        {
          actor: officers.petugas,
          commandId: `attach-${i}`,
        },
      )
      shas.push(view.attachments.at(-1)!.sha256)
    }
    expect(view.attachments.map((a) => a.sha256)).toEqual(shas)
    expect(view.attachments[0]).toMatchObject({ itemId: 'ijazah:sma', contentType: 'application/pdf' })
    const stored = await store.load(c.id)
    expect(JSON.stringify(stored?.data)).not.toContain(shas[0])
    expect((stored!.data as { files?: unknown }).files).toEqual({
      count: 5,
      bytes: view.attachments.reduce((n, a) => n + a.size, 0),
    })
    const last = await store.getCommand('attach-4', balongbendo.office.code)
    expect(JSON.stringify(last?.result)).not.toContain(shas[0])
    // A replay of the command still answers with the files.
    const replay = await service.attach(
      c.id,
      pdf('lampiran 4'),
      { ...meta, itemId: 'ijazah:sma' },
      {
        actor: officers.petugas,
        commandId: 'attach-4',
      },
    )
    expect(replay.attachments.map((a) => a.sha256)).toEqual(shas)
    expect((await service.get(c.id)).attachments.map((a) => a.sha256)).toEqual(shas)
  })

  it('lets the applicant attach to their own case only while it waits on them', async () => {
    const { service } = office()
    const c = await service.submit(application, { actor: officers.petugas, channel: 'tatap_muka' })
    // At penerimaan the office holds the case.
    await expect(service.attach(c.id, pdf('foto'), meta, { actor: pemohon })).rejects.toMatchObject({
      code: 'FORBIDDEN',
      rule: 'not_awaiting_applicant',
    })
    const returned = await service.act(
      c.id,
      { type: 'RETURN', missing: ['kk_asli'], reason: 'KK asli tidak dibawa' },
      { actor: officers.petugas },
    )
    expect(returned.awaiting).toBe('pemohon')
    const attached = await service.attach(c.id, pdf('kk'), meta, { actor: pemohon })
    expect(attached.attachments).toHaveLength(1)
    const stranger = { id: 'pemohon-2', role: 'pemohon', nik: '3515125405010002' }
    await expect(service.attach(c.id, pdf('lain'), meta, { actor: stranger })).rejects.toMatchObject({
      code: 'FORBIDDEN',
      rule: 'not_applicant',
    })
  })
})
