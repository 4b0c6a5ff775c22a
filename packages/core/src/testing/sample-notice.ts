// The sample notices of `@ak1/core/testing`, which the Notifier checks send too; no test runner
// needed to load them.
import type { NoticeMessage } from '../ports/notifier'
import type { NoticeChannel } from '../standard/schema'

/** Sample recipients per channel. */
export const sampleRecipients: Readonly<Record<NoticeChannel, string>> = {
  sms: '+6281234567890',
  email: 'pemohon@example.com',
}

let counter = 0
/** A valid message for a channel, with a fresh message id. */
export function sampleNotice(channel: NoticeChannel, fields: Partial<NoticeMessage> = {}): NoticeMessage {
  counter += 1
  const base: NoticeMessage = {
    messageId: `conformance.${Date.now().toString(36)}.${counter}`,
    channel,
    to: sampleRecipients[channel],
    template: 'diterima',
    locale: 'id',
    text: `Permohonan AK-1 diterima. Kode: AK1-TEST-${counter}`,
    caseId: `case-${counter}`,
  }
  if (channel === 'email') {
    base.subject = `Permohonan AK-1 diterima: AK1-TEST-${counter}`
    base.html = `<p>Permohonan AK-1 diterima. Kode: <b>AK1-TEST-${counter}</b></p>`
  }
  return { ...base, ...fields }
}
