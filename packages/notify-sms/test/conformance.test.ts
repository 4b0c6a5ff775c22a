import { describeNotifier } from '@ak1/core/conformance'
import { createSmsNotifier } from '../src/index'
import { startGateway } from './gateway-simulator'
import { startSmsc } from './smsc-simulator'

describeNotifier({
  name: 'sms over HTTP (gateway simulator on 127.0.0.1)',
  create: async () => {
    const gateway = await startGateway({ token: 'tkn' })
    const notifier = createSmsNotifier({ http: { url: gateway.url, token: 'tkn', sender: 'KEC-BLB' } })
    return { notifier, received: gateway.received, cleanup: gateway.close }
  },
})

describeNotifier({
  name: 'sms over SMPP (smpp package server on 127.0.0.1)',
  create: async () => {
    const smsc = await startSmsc()
    const notifier = createSmsNotifier({
      smpp: { url: smsc.url, systemId: 'kecblb', password: 'rahasia', sourceAddr: 'KEC-BLB' },
    })
    return {
      notifier,
      received: smsc.received,
      cleanup: async () => {
        await notifier.close()
        await smsc.close()
      },
    }
  },
})
