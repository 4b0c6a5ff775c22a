import type { SiprajaSimulator } from '@ak1/adapter-sipraja'
import type { Actor, Ak1Service, CaseView } from '@ak1/core'
import { demoActor } from './web/session'

/** One obviously-demo applicant: "DEMO" in the name, a NIK with serial 99xx, example.com e-mail. */
export interface DemoPerson {
  name: string
  nik: string
  birthDate: string
  sex: 'L' | 'P'
  mobile: string
  email: string
}

/** A NIK of Kecamatan Balongbendo (35.15.12) agreeing with the birth date and sex. */
export function demoNik(birthDate: string, sex: 'L' | 'P', serial: number): string {
  const [y, m, d] = birthDate.split('-') as [string, string, string]
  const day = Number(d) + (sex === 'P' ? 40 : 0)
  return `351512${String(day).padStart(2, '0')}${m}${y.slice(2)}${String(serial).padStart(4, '0')}`
}

/** A demo person; `index` picks the name and the serial (99xx). */
export function demoPerson(index: number, birthDate = '2001-05-14', sex: 'L' | 'P' = 'P'): DemoPerson {
  const names = ['Satu', 'Dua', 'Tiga', 'Empat', 'Lima', 'Enam', 'Tujuh', 'Delapan', 'Sembilan']
  return {
    name: `Demo Pemohon ${names[index % names.length]}`,
    nik: demoNik(birthDate, sex, 9900 + index),
    birthDate,
    sex,
    mobile: `+62812000099${String(index).padStart(2, '0')}`,
    email: `demo.pemohon${index}@example.com`,
  }
}

/** A complete tatap-muka application of a demo person, with SD, SMP and SMA(K). */
export function demoApplication(person: DemoPerson): Record<string, unknown> {
  const birthYear = Number(person.birthDate.slice(0, 4))
  return {
    applicant: {
      nik: person.nik,
      kk: '3515120101199999',
      fullName: person.name,
      birthPlace: 'Sidoarjo',
      birthDate: person.birthDate,
      sex: person.sex,
      religion: 'islam',
      maritalStatus: 'belum_kawin',
      address: {
        street: 'Jl. Contoh Demo No. 1',
        rt: '001',
        rw: '001',
        desa: 'Balongbendo',
        kecamatan: 'Balongbendo',
        kabupaten: 'Sidoarjo',
        postcode: '61263',
      },
    },
    contacts: { mobile: person.mobile, email: person.email },
    education: [
      { level: 'sd', school: 'SD Negeri Contoh', graduationYear: birthYear + 12 },
      { level: 'smp', school: 'SMP Negeri Contoh', graduationYear: birthYear + 15 },
      {
        level: 'sma',
        type: 'smk',
        school: 'SMK Negeri Contoh',
        major: 'Akuntansi',
        graduationYear: birthYear + 18,
      },
    ],
    desiredJob: { category: 'Administrasi', location: 'dalam_negeri' },
    form: { completed: true },
  }
}

const act = async (service: Ak1Service, view: CaseView, actor: Actor) => {
  const [action] = (await service.availableActions(view.id, actor)).filter(
    (a) => !a.type.endsWith('_INCIDENT'),
  )
  if (!action) throw new Error(`demo seed: ${actor.role} has no action at ${view.state}`)
  const event =
    action.type === 'ACCEPT' || action.type === 'HAND_OVER'
      ? { type: action.type, verified: action.needs ?? [] }
      : ({ type: action.type } as { type: 'SIGN' | 'COMPLETE' })
  return service.act(view.id, event, { actor, expectedVersion: view.version })
}

/** Moves a case forward by the roles that are awaited, until it reaches `state`. */
async function advanceTo(service: Ak1Service, view: CaseView, state: string): Promise<CaseView> {
  let current = view
  for (let i = 0; i < 20 && current.state !== state && !current.final; i++) {
    current = await act(service, current, demoActor(current.awaiting ?? 'petugas'))
    await service.runOutbox()
  }
  return current
}

/**
 * Seeds a few demo cases in different states when the store has none: one just received at the
 * loket, one at verification, one returned for a missing ijazah, one waiting for the Camat, and one
 * whose SIPRAJA upload failed for good (an incident to retry or resolve).
 */
export async function seedDemoCases(service: Ak1Service, sipraja: SiprajaSimulator): Promise<number> {
  const existing = await service.list({ limit: 1 })
  if (existing.items.length) return 0
  const petugas = demoActor('petugas')
  const submit = (index: number, birthDate?: string, sex?: 'L' | 'P') =>
    service.submit(demoApplication(demoPerson(index, birthDate, sex)), {
      actor: petugas,
      channel: 'tatap_muka',
    })

  await submit(1, '2001-05-14', 'P')
  const second = await submit(2, '1999-08-17', 'L')
  await advanceTo(service, second, 'verifikasi')

  const third = await submit(3, '2002-01-09', 'P')
  await service.act(
    third.id,
    { type: 'RETURN', missing: ['ijazah:sma'], reason: 'Fotokopi ijazah SMA belum dibawa' },
    { actor: petugas, expectedVersion: third.version },
  )

  const fourth = await submit(4, '2000-11-30', 'L')
  await advanceTo(service, fourth, 'tanda_tangan')
  await service.runOutbox()

  const fifth = await submit(5, '1998-03-21', 'P')
  const atScan = await advanceTo(service, fifth, 'pemindaian')
  await service.runOutbox()
  sipraja.failNext(1, { status: 422 })
  await act(service, atScan, demoActor('operator'))
  for (let i = 0; i < 5; i++) await service.runOutbox()
  sipraja.heal()
  return 5
}
