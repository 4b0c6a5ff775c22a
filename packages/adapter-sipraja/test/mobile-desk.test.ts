import { existsSync, readFileSync } from 'node:fs'
import { createSqliteStore } from '@ak1/adapter-sqlite'
import type { Ak1Logger } from '@ak1/core'
import { sampleApplication } from '@ak1/core/testing'
import { afterEach, describe, expect, it } from 'vitest'
import { createSiprajaSimulator, type SiprajaSimulator } from '../src/index'
import { deskActors, deskService, eventFor, fakeClock, nextForward, tempDir } from './helpers/desk'
import { applicationsOf, approvers, labelOf } from './helpers/mobile'

const passphrase = 'Camat-Balongbendo#7731'
const cleanups: Array<() => Promise<void> | void> = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

async function desk() {
  const tmp = tempDir('ak1-sipraja-desk-')
  cleanups.push(() => tmp.remove())
  const simulator: SiprajaSimulator = createSiprajaSimulator({ approvers: approvers(passphrase) })
  const { url } = await simulator.start()
  cleanups.push(() => simulator.close())
  const filename = tmp.file('desk.sqlite')
  // Unencrypted on purpose: the passphrase check reads the file as it lies on disk.
  const store = createSqliteStore({ filename, plaintext: true })
  cleanups.push(() => store.close())
  const logs: string[] = []
  const log = (level: string) => (object: Record<string, unknown>, message?: string) => {
    logs.push(JSON.stringify({ level, object, message }))
  }
  const logger: Ak1Logger = { info: log('info'), warn: log('warn'), error: log('error') }
  const clock = fakeClock()
  const { service, gateway } = deskService(simulator, url, store, { clock, logger })
  return { simulator, store, filename, logs, clock, gateway, service }
}

describe('a tatap-muka case through the mobile protocol', () => {
  it('files the application with its photo, records the approvals in order (the Camat e-signs at SIGN), and serves the AK1 and AK2 documents', async () => {
    const { simulator, store, filename, logs, clock, gateway, service } = await desk()
    const petugas = deskActors[0] as (typeof deskActors)[number]
    const nik = '3515125405010001'
    let view = await service.submit(sampleApplication(), { actor: petugas, channel: 'tatap_muka' })
    const scan = (text: string) => new TextEncoder().encode(text)
    view = await service.attach(
      view.id,
      scan('pas foto 3x4 Siti'),
      { contentType: 'image/jpeg', itemId: 'pas_foto' },
      { actor: petugas },
    )
    view = await service.attach(
      view.id,
      scan('ijazah SMK Siti'),
      { contentType: 'application/pdf', itemId: 'ijazah:sma' },
      { actor: petugas },
    )
    const seen: string[] = []
    for (let guard = 0; guard < 40 && !view.final; guard++) {
      const next = await nextForward(service, view.id)
      expect(next, `someone moves the case on from ${view.state}`).not.toBeNull()
      if (!next) break
      if (next.action.type === 'SIGN') {
        // The Camat is at the desk: the final approval in SIPRAJA, e-signed, before @ak1 records SIGN.
        const signed = await gateway.sign({
          nik,
          caseRef: view.trackingCode,
          officer: next.actor.id,
          passphrase,
        })
        expect(signed).toEqual({ status: 'Bisa Diambil', changed: true })
      }
      view = await service.act(view.id, eventFor(next.action), {
        actor: next.actor,
        expectedVersion: view.version,
      })
      clock.advance(10 * 60_000)
      for (let i = 0; i < 3; i++) await service.runOutbox()
      const app = applicationsOf(simulator, nik).at(-1)
      if (app) seen.push(labelOf(app) ?? '')
    }
    clock.advance(60 * 60_000)
    for (let i = 0; i < 3; i++) await service.runOutbox()

    const done = await service.get(view.id)
    expect(done.state).toBe('selesai')
    expect(done.incidents).toEqual([])
    expect(done.deliveries.filter((d) => d.kind === 'sipraja').every((d) => d.status === 'sent')).toBe(true)

    // One application in SIPRAJA, filed from the desk, with the photo and the scanned ijazah.
    const apps = applicationsOf(simulator, nik)
    expect(apps).toHaveLength(1)
    const app = apps[0]!
    expect(simulator.mobile.files.get(app.layanan.file_code ?? '')?.content_type).toBe('image/jpeg')
    // Both scans as attachments (the photo is also the application's pas_foto), each once.
    expect(app.attachments.map((a) => a.desc.split(' ')[0])).toEqual(['pas_foto', 'ijazah:sma'])
    expect(app.layanan).toMatchObject({ no_hp: '+6281234567890', besar_upah_pyd: expect.any(String) })
    // Its approvals, in the chain's order, the last one e-signed.
    expect(app.approvals.map((a) => [a.name, a.status, a.esigned])).toEqual([
      ['Operator Kecamatan', '2', false],
      ['Admin Kecamatan', '2', false],
      ['Camat Balongbendo', '2', true],
    ])
    const times = app.approvals.map((a) => a.tglinsert ?? '')
    expect([...times].sort()).toEqual(times)
    expect(seen).toContain('Menunggu')
    expect(seen.at(-1)).toBe('Bisa Diambil')
    // The documents, afterwards.
    const ak1 = await gateway.document({ nik, caseRef: done.trackingCode, kind: 'ak1' })
    const ak2 = await gateway.document({ nik, caseRef: done.trackingCode, kind: 'ak2' })
    expect(Buffer.from(ak1 ?? []).toString('latin1')).toMatch(
      new RegExp(`^%PDF-1\\.4\\n% SIPRAJA AK/I ${app.kode_transaksi}`),
    )
    expect(Buffer.from(ak2 ?? []).toString('latin1')).toContain(`AK/II ${app.kode_transaksi}`)
    expect(app.documents).toEqual({
      ak1: `ak1_${app.kode_transaksi}.pdf`,
      ak2: `ak2_${app.kode_transaksi}.pdf`,
    })

    // The passphrase (and its base64, as the app sends it) is in no log, outbox row, store file or simulator record.
    const secrets = [passphrase, Buffer.from(passphrase).toString('base64').replace(/=/g, '')]
    const outbox = JSON.stringify(await store.listOutbox(view.id))
    expect(outbox).toContain('set_status')
    expect(logs.length).toBeGreaterThan(0)
    await store.close()
    const files = [filename, `${filename}-wal`]
      .filter(existsSync)
      .map((f) => readFileSync(f).toString('latin1'))
    // The store file is read as it is on disk (unencrypted: the tracking code is there in clear).
    expect(files.join('')).toContain(done.trackingCode)
    const { approvers: _chain, ...mobileState } = simulator.mobile
    const haystacks = {
      logs: logs.join('\n'),
      outbox,
      store: files.join(''),
      requests: JSON.stringify(simulator.requests),
      simulator: JSON.stringify([...mobileState.applications.values()]),
    }
    for (const [where, text] of Object.entries(haystacks)) {
      for (const secret of secrets) expect(text.includes(secret), `${where} holds the passphrase`).toBe(false)
    }
  })

  it('refuses a wrong passphrase without signing, and the message does not echo it', async () => {
    const { simulator, gateway, service } = await desk()
    const petugas = deskActors[0] as (typeof deskActors)[number]
    const nik = '3515125405010001'
    let view = await service.submit(sampleApplication(), { actor: petugas, channel: 'tatap_muka' })
    view = await service.attach(
      view.id,
      new TextEncoder().encode('foto'),
      { contentType: 'image/jpeg', itemId: 'pas_foto' },
      { actor: petugas },
    )
    await gateway.ensureAccount({ nik, name: 'Siti Rahmawati' }, { idempotencyKey: 'k-acc' })
    await gateway.setStatus(
      { nik, caseRef: view.trackingCode, status: 'Menunggu' },
      { idempotencyKey: 'k-file' },
    )
    const wrong = 'Salah-Passphrase-0000'
    const error = await gateway
      .sign({ nik, caseRef: view.trackingCode, officer: 'camat-1', passphrase: wrong })
      .catch((e: Error) => e)
    expect(error).toMatchObject({ code: 'ADAPTER', retryable: false })
    expect(String((error as Error).message)).toContain('Passphrase salah')
    expect(`${(error as Error).message} ${JSON.stringify(error)}`).not.toContain(wrong)
    const app = applicationsOf(simulator, nik)[0]
    expect(app?.approvals.map((a) => a.status)).toEqual(['2', '2', null])
    expect(labelOf(app)).toBe('Menunggu')
  })
})
