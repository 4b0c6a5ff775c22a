// The print step of the real service on an encrypted SQLite file: the card is rendered, stored by its
// sha256 and recorded on the case; renderCard returns that same file, each reprint counted and
// audited; a case without a photo is refused at the print step and nothing is written.
import { createHash } from 'node:crypto'
import { join } from 'node:path'
import { createSiprajaGateway, createSiprajaSimulator } from '@ak1/adapter-sipraja'
import { balongbendo, type CaseView, isAk1Error, ValidationError } from '@ak1/core'
import { sampleApplication } from '@ak1/core/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { longDate as wib } from './support/dates'
import { artifactDir, keepPagePng, pageText, samplePhoto } from './support/poppler'
import { drive, handClock, officers, openService, tempDir } from './support/sqlite-service'

const tmp = tempDir('ak1-card-print-')
afterAll(() => tmp.remove())

const operator = officers[1]!

let jpeg: Uint8Array
beforeAll(async () => {
  jpeg = await samplePhoto('jpeg')
})

describe('renderCard on the service (SQLite, encrypted)', () => {
  it('prints a Balongbendo case at the print step, every field of both pages in the PDF, and reprints the same file', async () => {
    const clock = handClock('2026-04-14T01:00:00.000Z')
    const s = openService(tmp.file('print.sqlite'), clock)
    const app = sampleApplication({
      courses: [{ name: 'Pelatihan Operator Komputer', organizer: 'BLK Sidoarjo', year: 2020 }],
    })
    let registeredAt = ''
    const view = await drive(s.service, clock, {
      application: app,
      photo: { bytes: jpeg, contentType: 'image/jpeg' },
      stopAt: 'pemberitahuan',
      before: (v) => {
        if (v.state === 'registrasi') registeredAt = clock.now().toISOString()
        // Printed two days after registration: the reporting dates still count from registration.
        if (v.state === 'pencetakan') clock.advance(2 * 86_400_000)
      },
    })
    const card = view.card!
    expect(card.pdf?.sha256).toMatch(/^[0-9a-f]{64}$/)
    expect(card.prints).toBe(1)
    expect(wib(card.registeredAt!)).toBe(wib(registeredAt))
    expect(wib(card.issuedAt)).not.toBe(wib(registeredAt))
    const printStep = (await s.service.timeline(view.id)).find((e) => e.from === 'pencetakan')!
    expect(printStep.details).toMatchObject({ cardPdf: card.pdf!.sha256, cardNumber: card.number })

    const first = await s.service.renderCard(view.id, { actor: operator })
    expect(first.sha256).toBe(card.pdf!.sha256)
    expect(createHash('sha256').update(first.bytes).digest('hex')).toBe(first.sha256)
    expect(first.prints).toBe(2)
    const page1 = pageText(first.bytes, 1)
    const a = app.applicant!
    expect(page1).toContain('KECAMATAN BALONG BENDO')
    expect(page1).toContain(`No. Pendaftaran Pencari Kerja ${card.number}`)
    expect(page1).toContain(`NIK ${a.nik}`)
    expect(page1).toContain('Tanda tangan pencari kerja')
    // Counted from registration (the register-book entry), not from printing.
    const regDay = new Date(registeredAt)
    card.reportingDueDates.forEach((due, i) => {
      expect(page1).toContain(`Laporan ke-${i + 1} Tgl. wajib lapor ${wib(due)}`)
      const expected = new Date(regDay)
      expected.setUTCMonth(regDay.getUTCMonth() + 6 * (i + 1))
      expect(wib(due)).toBe(wib(expected.toISOString()))
    })
    const page2 = pageText(first.bytes, 2)
    expect(page2).toContain(`Nama Lengkap : ${a.fullName}`)
    expect(page2).toContain(`Tempat/Tgl. Lahir : ${a.birthPlace}, ${wib(`${a.birthDate}T12:00:00+07:00`)}`)
    expect(page2).toContain('Jenis Kelamin : Perempuan')
    expect(page2).toContain('Status Perkawinan : Belum Kawin')
    expect(page2).toContain('Agama : Islam')
    const addr = a.address!
    expect(page2).toContain(
      `Alamat : ${addr.street}, RT ${addr.rt}/RW ${addr.rw}, ${addr.desa}, Kec. ${addr.kecamatan}, ${addr.kabupaten} ${addr.postcode}`,
    )
    for (const e of app.education ?? []) expect(page2).toContain(e.school)
    expect(page2).toContain('Pendidikan Non Formal : Pelatihan Operator Komputer, BLK Sidoarjo, 2020')
    expect(page2).toContain('Diterbitkan oleh Kecamatan Balong Bendo, Pemerintah Kab. Sidoarjo')
    expect(page2).toContain(`Tgl. terbit: ${wib(card.issuedAt)}`)
    expect(page2).toContain(`Berlaku s.d.: ${wib(card.validUntil)}`)
    expect(page2).toContain('Camat Balong Bendo')
    keepPagePng(first.bytes, 1, 'service-ak1-page1')
    keepPagePng(first.bytes, 2, 'service-ak1-page2')
    console.log(
      `card pages kept: ${join(artifactDir, 'service-ak1-page1.png')}, ${join(artifactDir, 'service-ak1-page2.png')}`,
    )

    const again = await s.service.renderCard(view.id, { actor: operator, commandId: 'reprint-1' })
    expect(again.sha256).toBe(first.sha256)
    expect(Buffer.from(again.bytes).equals(Buffer.from(first.bytes))).toBe(true)
    expect(again.prints).toBe(3)
    // The same command again is not a second reprint.
    expect((await s.service.renderCard(view.id, { actor: operator, commandId: 'reprint-1' })).prints).toBe(3)
    const reprints = (await s.service.timeline(view.id)).filter((e) => e.event === 'CARD_REPRINTED')
    expect(reprints.map((e) => (e.details as { prints: number }).prints)).toEqual([2, 3])
    expect(reprints.every((e) => e.actor.id === operator.id)).toBe(true)
    expect((await s.service.verifyAudit(view.id)).ok).toBe(true)
    const forbidden = await s.service
      .renderCard(view.id, { actor: { id: 'x', role: 'pemohon' } })
      .catch((e) => e)
    expect(isAk1Error(forbidden) && forbidden.code).toBe('FORBIDDEN')
    await s.close()
  })

  it('refuses the print step without a photo, naming the field, and writes nothing', async () => {
    const clock = handClock('2026-04-14T01:00:00.000Z')
    const s = openService(tmp.file('nophoto.sqlite'), clock)
    const atPrint: CaseView = await drive(s.service, clock, { stopAt: 'pencetakan' })
    const before = await s.service.timeline(atPrint.id)
    const error = await s.service
      .act(atPrint.id, { type: 'COMPLETE' }, { actor: operator, expectedVersion: atPrint.version })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ValidationError)
    const issue = (error as ValidationError).issues[0]!
    expect(issue.path).toEqual(['photo'])
    expect(issue.message).toContain('pas foto 3x4 pemohon wajib ada')
    const after = await s.service.get(atPrint.id)
    expect(after.version).toBe(atPrint.version)
    expect(after.state).toBe('pencetakan')
    expect(after.card).toBeUndefined()
    expect(await s.service.timeline(atPrint.id)).toEqual(before)
    const render = await s.service.renderCard(atPrint.id, { actor: operator }).catch((e: unknown) => e)
    expect((render as ValidationError).issues[0]).toMatchObject({ path: ['caseId'], rule: 'card_not_issued' })
    expect(balongbendo.card.countFrom).toBe('registration')
    await s.close()
  })

  it('uploads the printed card to SIPRAJA through the outbox where the gateway takes a result file (/v1)', async () => {
    const simulator = createSiprajaSimulator({ token: 't' })
    const { url } = await simulator.start()
    try {
      const clock = handClock('2026-04-14T01:00:00.000Z')
      const sipraja = createSiprajaGateway({ baseUrl: url, token: 't', timeoutMs: 5_000 })
      expect(sipraja.capabilities?.resultUpload).toBe(true)
      const s = openService(tmp.file('sipraja.sqlite'), clock, { sipraja })
      let view = await drive(s.service, clock, {
        photo: { bytes: jpeg, contentType: 'image/jpeg' },
        stopAt: 'pemberitahuan',
      })
      for (let i = 0; i < 3; i++) await s.service.runOutbox()
      view = await s.service.get(view.id)
      const pdf = view.card!.pdf!
      const upload = view.deliveries.find((d) => d.id.endsWith('.sipraja.card'))
      expect(upload?.status).toBe('sent')
      const held = simulator.cases.get(view.trackingCode)!.attachments.get(pdf.sha256)
      expect(held).toMatchObject({
        sha256: pdf.sha256,
        content_type: 'application/pdf',
        item_id: 'kartu_ak1',
        size: pdf.size,
      })
      // A reprint uploads nothing more.
      await s.service.renderCard(view.id, { actor: operator })
      for (let i = 0; i < 2; i++) await s.service.runOutbox()
      const cardWrites = simulator.requests.filter(
        (r) => r.method === 'PUT' && r.path.endsWith(`/attachments/${pdf.sha256}`),
      )
      expect(cardWrites).toHaveLength(1)
      await s.close()
    } finally {
      await simulator.close()
    }
  })
})
