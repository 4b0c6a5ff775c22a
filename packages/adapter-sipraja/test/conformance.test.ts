import { describeSiprajaGateway } from '@ak1/core/conformance'
import { createSiprajaGateway, createSiprajaSimulator } from '../src/index'

describeSiprajaGateway({
  name: 'http against the simulator',
  create: async () => {
    const simulator = createSiprajaSimulator({ token: 'conformance-token' })
    const { url, close } = await simulator.start()
    return {
      gateway: createSiprajaGateway({ baseUrl: url, token: 'conformance-token', timeoutMs: 5_000 }),
      inspect: {
        status: (caseRef) => simulator.cases.get(caseRef)?.status ?? null,
        attachmentCount: (caseRef) => simulator.cases.get(caseRef)?.attachments.size ?? 0,
      },
      cleanup: close,
    }
  },
})
