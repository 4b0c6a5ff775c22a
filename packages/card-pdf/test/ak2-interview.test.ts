import { readFileSync } from 'node:fs'
import {
  type Actor,
  type Ak1Service,
  type Ak2RecordInput,
  type CaseEvent,
  type CaseView,
  parseStandardJson,
  ValidationError,
} from '@ak1/core'
import { sampleApplication } from '@ak1/core/testing'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createCardRenderer } from '../src/index'
import { pageText, samplePhoto } from './support/poppler'
import { handClock, openService, tempDir } from './support/sqlite-service'

/** Kota Pekalongan's standard as shipped: its `wawancara` step fills the AK/II. */
const pekalongan = parseStandardJson(
  readFileSync(new URL('../../../examples/standards/kota-pekalongan.json', import.meta.url), 'utf8'),
)
const petugas: Actor = { id: 'petugas-1', role: 'petugas' }
const application = sampleApplication()
const applicant: Actor = { id: 'pemohon-1', role: 'pemohon', nik: application.applicant.nik }

/** What the interviewer records: values the application does not hold, so the print can only show them from here. */
const interview: Ak2RecordInput = {
  education: [
    { level: 'sd', school: 'SD Negeri 3 Kraton', graduationYear: 2011 },
    { level: 'smp', school: 'SMP Negeri 6 Pekalongan', graduationYear: 2014 },
    {
      level: 'sma',
      type: 'smk',
      school: 'SMK Negeri 2 Pekalongan',
      major: 'Teknik Las',
      graduationYear: 2017,
    },
  ],
  courses: [{ name: 'Pengelasan SMAW 3G', organizer: 'BLK Kota Pekalongan', year: 2019 }],
  workHistory: [{ position: 'Juru las', length: '3 tahun', employer: 'PT Batik Baja Utama' }],
  languages: [{ name: 'Bahasa Jawa' }],
  skills: ['Las listrik SMAW', 'Membaca gambar teknik'],
  desiredJob: { category: 'Operator fabrikasi logam', location: 'dalam_negeri', place: 'Kota Semarang' },
  physical: { heightCm: 168, weightKg: 61 },
  notes: 'Bersedia kerja bergilir; sertifikat BNSP dalam proses',
}

const day = '2026-04-14T01:00:00.000Z'

describe('Kota Pekalongan: the interview step fills the AK/II (on SQLite, printed with poppler read-back)', () => {
  let tmp: ReturnType<typeof tempDir>
  let opened: ReturnType<typeof openService>
  let service: Ak1Service
  let clock: ReturnType<typeof handClock>

  beforeEach(() => {
    tmp = tempDir('ak1-ak2-')
    clock = handClock(day)
    opened = openService(tmp.file(), clock, { standard: pekalongan })
    service = opened.service
  })
  afterEach(() => {
    opened.close()
    tmp.remove()
  })

  /** Submits and moves the case to the interview step. */
  async function atInterview(): Promise<CaseView> {
    let view = await service.submit(application, { actor: petugas, channel: 'tatap_muka' })
    const [accept] = await service.availableActions(view.id, petugas)
    view = await service.act(
      view.id,
      { type: 'ACCEPT', verified: accept?.needs ?? [] },
      { actor: petugas, expectedVersion: view.version },
    )
    view = await service.act(view.id, { type: 'COMPLETE' }, { actor: petugas, expectedVersion: view.version })
    expect(view.state).toBe('wawancara')
    return view
  }

  const refusal = async (view: CaseView, event: CaseEvent) => {
    try {
      await service.act(view.id, event, { actor: petugas, expectedVersion: view.version })
    } catch (error) {
      return error as ValidationError
    }
    throw new Error('the interview was accepted')
  }

  it('refuses an interview without a required AK/II field, naming it in Indonesian, and writes nothing', async () => {
    const view = await atInterview()
    const trail = (await service.timeline(view.id)).length
    const { skills: _s, ...withoutSkills } = interview
    const e = await refusal(view, { type: 'COMPLETE', ak2: withoutSkills })
    expect(e).toBeInstanceOf(ValidationError)
    expect(e.issues).toEqual([
      expect.objectContaining({
        path: ['event', 'ak2', 'skills'],
        rule: 'ak2_required',
        message: expect.stringMatching(/^keterampilan wajib diisi pada kartu AK\/II di langkah "Wawancara/),
      }),
    ])
    // A COMPLETE with no AK/II at all names every required field.
    const bare = await refusal(view, { type: 'COMPLETE' })
    expect(bare.issues.map((i) => i.path.at(-1))).toEqual([
      'education',
      'workHistory',
      'skills',
      'desiredJob',
    ])
    // A bad value inside a field is named by its path too.
    const bad = await refusal(view, {
      type: 'COMPLETE',
      ak2: { ...interview, physical: { heightCm: 1680 } },
    })
    expect(bad.issues[0]).toMatchObject({
      path: ['event', 'ak2', 'physical', 'heightCm'],
      message: 'maksimal 250',
    })
    const after = await service.get(view.id)
    expect(after.version).toBe(view.version)
    expect(after.state).toBe('wawancara')
    expect(after.ak2).toBeUndefined()
    expect(await service.timeline(view.id)).toHaveLength(trail)
  })

  it('stores what the interview recorded as sealed personal data, shows it on the case, audits the field names', async () => {
    const view = await atInterview()
    const done = await service.act(
      view.id,
      { type: 'COMPLETE', ak2: interview },
      {
        actor: petugas,
        expectedVersion: view.version,
      },
    )
    expect(done.state).toBe('ipk_online')
    expect(done.ak2).toMatchObject({ ...interview, stepId: 'wawancara', recordedAt: day })
    const read = await service.get(view.id)
    expect(read.ak2?.skills).toEqual(interview.skills)
    // The application stays as submitted: the AK/II is beside it, not inside it.
    expect(read.application).not.toHaveProperty('ak2')
    expect((read.application as { skills: string[] }).skills).toEqual(application.skills)
    const entry = (await service.timeline(view.id)).at(-1)!
    expect(entry).toMatchObject({ event: 'COMPLETE', from: 'wawancara', to: 'ipk_online' })
    expect((entry.details as { ak2Fields: string[] }).ak2Fields).toEqual(Object.keys(interview))
    expect(JSON.stringify(entry.details)).not.toContain('SMAW')
    // Sealed on disk: none of the recorded values is in the SQLite file or its WAL in clear.
    opened.close()
    const disk = Buffer.concat(
      ['', '-wal'].flatMap((suffix) => {
        try {
          return [readFileSync(tmp.file() + suffix)]
        } catch {
          return []
        }
      }),
    )
    expect(disk.length).toBeGreaterThan(0)
    for (const value of [
      'Las listrik SMAW',
      'PT Batik Baja Utama',
      'BNSP dalam proses',
      'SMK Negeri 2 Pekalongan',
    ]) {
      expect(disk.includes(Buffer.from(value))).toBe(false)
    }
    opened = openService(tmp.file(), clock, { standard: pekalongan })
    expect((await opened.service.get(view.id)).ak2?.notes).toBe(interview.notes)
  })

  it('prints on the AK/II PDF what the interview recorded', async () => {
    let view = await atInterview()
    const jpeg = await samplePhoto('jpeg')
    view = await service.attach(
      view.id,
      jpeg,
      { contentType: 'image/jpeg', itemId: 'pas_foto' },
      { actor: petugas },
    )
    view = await service.act(
      view.id,
      { type: 'COMPLETE', ak2: interview },
      {
        actor: petugas,
        expectedVersion: view.version,
      },
    )
    view = await service.act(view.id, { type: 'COMPLETE' }, { actor: petugas })
    view = await service.act(view.id, { type: 'COMPLETE' }, { actor: applicant })
    view = await service.act(view.id, { type: 'COMPLETE' }, { actor: petugas })
    expect(view.card?.number).toBeDefined()
    const pdf = await createCardRenderer().renderAk2({
      case: await service.get(view.id),
      standard: pekalongan,
      photo: { bytes: jpeg, contentType: 'image/jpeg' },
    })
    const text = Array.from({ length: pdf.pages }, (_, i) => pageText(pdf.bytes, i + 1)).join(' ')
    expect(text).toContain('SMA (SMK) SMK Negeri 2 Pekalongan Teknik Las 2017')
    expect(text).toContain('Pengelasan SMAW 3G, BLK Kota Pekalongan, 2019')
    expect(text).toContain('Juru las, PT Batik Baja Utama (3 tahun)')
    expect(text).toContain('Keterampilan : Las listrik SMAW, Membaca gambar teknik')
    expect(text).toContain('Operator fabrikasi logam, dalam negeri, Kota Semarang')
    expect(text).toContain('HASIL WAWANCARA')
    expect(text).toContain('Tanggal Wawancara : 14 April 2026')
    expect(text).toContain('Tinggi / Berat Badan : 168 cm / 61 kg')
    expect(text).toContain('Catatan Pewawancara : Bersedia kerja bergilir; sertifikat BNSP dalam proses')
    // The application's own values that the interview replaced are not printed.
    expect(application.skills?.length).toBeGreaterThan(0)
    for (const skill of application.skills ?? []) expect(text).not.toContain(skill)
  })
})
