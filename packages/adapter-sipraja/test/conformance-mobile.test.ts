import { describeSiprajaGateway } from '@ak1/core/conformance'
import { createSiprajaSimulator } from '../src/index'
import { applicationFor, applicationsOf, approvers, labelOf, mobileGateway, photo } from './helpers/mobile'

describeSiprajaGateway({
  name: 'mobile protocol against the simulator (last approval not e-signed)',
  create: async () => {
    const simulator = createSiprajaSimulator({ approvers: approvers() })
    const { url, close } = await simulator.start()
    const nikOf = new Map<string, string>()
    const gateway = mobileGateway(simulator, url, {
      finalApproval: 'plain',
      applicationOf: async ({ nik, caseRef }) => {
        if (caseRef) nikOf.set(caseRef, nik)
        return { application: applicationFor(nik), photo }
      },
    })
    const latest = (ref: string) => applicationsOf(simulator, nikOf.get(ref) ?? '').at(-1)
    return {
      gateway,
      inspect: {
        status: (ref) => labelOf(latest(ref)),
        attachmentCount: (ref) => latest(ref)?.attachments.length ?? 0,
      },
      cleanup: close,
    }
  },
})
