import { describeNotifier } from '@ak1/core/conformance'
import { createEmailNotifier } from '../src/index'
import { startSmtpSink } from './support/smtp-sink'

describeNotifier({
  name: 'smtp (nodemailer against a real smtp-server)',
  create: async () => {
    const sink = await startSmtpSink()
    const notifier = createEmailNotifier({
      smtp: { host: '127.0.0.1', port: sink.port },
      from: 'Kecamatan Balongbendo <kec.balongbendo@example.go.id>',
    })
    return { notifier, received: () => sink.received(), cleanup: () => sink.close() }
  },
})
