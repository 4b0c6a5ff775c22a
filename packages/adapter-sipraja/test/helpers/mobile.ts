import { type Application, parseApplication } from '@ak1/core'
import { sampleApplication } from '@ak1/core/testing'
import {
  createSiprajaGateway,
  labelOfValStatus,
  type MobileCaseFiling,
  type MobileSiprajaGateway,
  type SimulatedApplication,
  type SimulatedApprover,
  type SiprajaSimulator,
  type SiprajaUser,
} from '../../src/index'

/** SIPRAJA users of the kecamatan's officers (invented ids; a kabupaten configures its own). */
export const officers: Record<string, SiprajaUser> = {
  'operator-1': { user_id: '901', kecamatan_id: '35.15.12', kelurahan_id: '', role_id: '7' },
  'admin-1': { user_id: '902', kecamatan_id: '35.15.12', kelurahan_id: '', role_id: '6' },
  'camat-1': { user_id: '903', kecamatan_id: '35.15.12', kelurahan_id: '', role_id: '5' },
}

/** SIPRAJA's approval chain for AK-1 in the simulator: operator, admin, then the Camat who e-signs. */
export function approvers(passphrase?: string): SimulatedApprover[] {
  return [
    { user: officers['operator-1'] as SiprajaUser, name: 'Operator Kecamatan', authorType: 'kecamatan' },
    { user: officers['admin-1'] as SiprajaUser, name: 'Admin Kecamatan', authorType: 'kecamatan' },
    {
      user: officers['camat-1'] as SiprajaUser,
      name: 'Camat Balongbendo',
      authorType: 'camat',
      ...(passphrase ? { passphrase } : {}),
    },
  ]
}

/** Balongbendo's steps on SIPRAJA's chain: the operator approves on leaving verifikasi, the admin on leaving validasi. */
export const balongbendoApprovedAt = { validasi: 'operator-1', tanda_tangan: 'admin-1' }

/** What the applicant sees for an application the simulator holds. */
export function labelOf(app: SimulatedApplication | undefined): string | null {
  if (!app) return null
  if (app.approvals.some((a) => a.status === '3')) return labelOfValStatus('Ditolak')
  return labelOfValStatus(app.approvals.every((a) => a.status === '2') ? null : 'Menunggu')
}

/** The simulator's applications of a NIK, oldest first. */
export function applicationsOf(simulator: SiprajaSimulator, nik: string): SimulatedApplication[] {
  return [...simulator.mobile.applications.values()].filter((a) => a.pemohon.nik === nik)
}

/** A tiny JPEG-typed photo (the bytes only need to be stored). */
export const photo = { bytes: new TextEncoder().encode('pas foto 3x4'), contentType: 'image/jpeg' }

/** The sample application for another NIK (born 1 January 1990, male, as the conformance NIKs are). */
export function applicationFor(nik: string): Application {
  const base = sampleApplication()
  return parseApplication({
    ...base,
    applicant: { ...base.applicant, nik, birthDate: '1990-01-01', sex: 'L' },
  })
}

/** A mobile gateway on the simulator; `applicationOf` defaults to the sample application. */
export function mobileGateway(
  simulator: SiprajaSimulator,
  url: string,
  extra: {
    applicationOf?: (ref: { nik: string; caseRef: string }) => Promise<MobileCaseFiling | null>
    finalApproval?: 'esign' | 'plain'
    timeoutMs?: number
    approvedAt?: Record<string, string>
  } = {},
): MobileSiprajaGateway {
  return createSiprajaGateway({
    protocol: 'mobile',
    baseUrl: url,
    officers,
    approvers: ['operator-1', 'admin-1', 'camat-1'],
    applicationOf: extra.applicationOf ?? (async ({ nik }) => ({ application: applicationFor(nik), photo })),
    enrol: async (account) => ({ kode: simulator.mobile.codes.get(account.nik) ?? '' }),
    timeoutMs: extra.timeoutMs ?? 5_000,
    ...(extra.finalApproval ? { finalApproval: extra.finalApproval } : {}),
    ...(extra.approvedAt ? { approvedAt: extra.approvedAt } : {}),
  })
}
