import { balongbendo, createAk1Service } from '@ak1/core'
import { createMemoryStore, createRecordingNotifier, sampleApplication } from '@ak1/core/testing'
import { afterEach, describe, expect, it } from 'vitest'
import { createEmailNotifier } from '../src/index'
import { type SmtpSink, startSmtpSink } from './support/smtp-sink'

let server: SmtpSink | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

describe('createEmailNotifier inside createAk1Service', () => {
  it("delivers the engine's rendered e-mail notices through the outbox, with the outbox row id as Message-ID", async () => {
    server = await startSmtpSink()
    const email = createEmailNotifier({
      smtp: { host: '127.0.0.1', port: server.port },
      from: 'Kecamatan Balongbendo <kec.balongbendo@example.go.id>',
    })
    const sms = createRecordingNotifier({ channels: ['sms'] })
    const service = createAk1Service({
      standard: balongbendo,
      store: createMemoryStore(),
      notifiers: [email, sms],
    })
    const petugas = { id: 'u-17', role: 'petugas' as const }
    const kasus = await service.submit(sampleApplication(), { actor: petugas, channel: 'tatap_muka' })
    const [action] = await service.availableActions(kasus.id, petugas)
    await service.act(kasus.id, { type: 'ACCEPT', verified: action?.needs ?? [] }, { actor: petugas })
    await service.runOutbox()

    const mails = server.messages()
    expect(mails.length).toBeGreaterThan(0)
    const applicant = sampleApplication().contacts.email
    const toApplicant = mails.filter((m) => m.envelope.to[0] === applicant)
    expect(toApplicant.length).toBeGreaterThan(0)
    for (const mail of toApplicant) {
      expect(mail.parsed.header('message-id')).toMatch(new RegExp(`^<${kasus.id.replace(/[.]/g, '\\.')}\\.`))
      expect(mail.parsed.subject?.length).toBeGreaterThan(0)
      expect(mail.parsed.text?.length).toBeGreaterThan(0)
      expect(mail.parsed.html).toContain('<')
    }
    const view = await service.get(kasus.id)
    expect(view.incidents ?? []).toEqual([])
  })
})
