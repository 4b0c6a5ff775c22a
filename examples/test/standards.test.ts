import { readdirSync, readFileSync } from 'node:fs'
import {
  type Actor,
  ConfigError,
  createAk1Service,
  parseStandardJson,
  type Standard,
  standardJsonSchema,
} from '@ak1/core'
import { createMemoryStore, sampleApplication } from '@ak1/core/testing'
import Ajv2020 from 'ajv/dist/2020.js'
import { describe, expect, it } from 'vitest'
import { clockAt, drive } from './support/drive'

const dir = new URL('../standards/', import.meta.url)
const files = readdirSync(dir).filter((f) => f.endsWith('.json'))
const read = (name: string) => readFileSync(new URL(name, dir), 'utf8')
const load = (name: string): Standard => parseStandardJson(read(name))
const schemaFile = new URL('../../packages/core/standard.schema.json', import.meta.url)

/** Tuesday 14 April 2026, 08.00 WIB (09.00 WITA): a plain working day. */
const tuesday = '2026-04-14T01:00:00.000Z'

const application = sampleApplication()
const petugas: Actor = { id: 'petugas-1', role: 'petugas' }
const applicant: Actor = { id: 'pemohon-1', role: 'pemohon', nik: application.applicant.nik }

describe('the standards shipped as JSON files under examples/standards', () => {
  it('ships three standards, each valid against the published JSON Schema', () => {
    expect(files.sort()).toEqual(['jembrana.json', 'kota-pekalongan.json', 'tarakan-perpanjangan.json'])
    const ajv = new Ajv2020({ strict: false, allErrors: true, logger: false })
    const validate = ajv.compile(JSON.parse(readFileSync(schemaFile, 'utf8')))
    for (const file of files) {
      const ok = validate(JSON.parse(read(file)))
      expect({ file, errors: ok ? null : validate.errors }).toEqual({ file, errors: null })
    }
    // The schema can fail: a requirement of an unknown kind is refused by it.
    const bad = JSON.parse(read('jembrana.json'))
    bad.requirements[0].kind = 'asli_atau_fotokopi'
    expect(validate(bad)).toBe(false)
  })

  it('publishes the schema generated from the zod schema (run `npm run schema -w @ak1/core` after a change)', () => {
    expect(JSON.parse(readFileSync(schemaFile, 'utf8'))).toEqual(
      JSON.parse(JSON.stringify(standardJsonSchema())),
    )
  })

  it('cites a source for each standard and marks what the sources do not give', () => {
    for (const file of files) {
      const s = load(file)
      expect(s.provenance?.sources.length).toBeGreaterThan(0)
      expect(s.provenance?.assumptions.map((a) => a.path)).toEqual(
        expect.arrayContaining(['validFrom', 'decree.number']),
      )
    }
  })

  it('answers a mistake in a file with a ConfigError naming the path in the file', () => {
    const broken = JSON.parse(read('kota-pekalongan.json'))
    broken.requirements[4].alternatives = [{ id: 'merah', label: 'Pas foto latar merah', kind: 'photo' }]
    broken.calendar.hours = { mon: { open: '16.00', close: '08.00' } }
    const e = (() => {
      try {
        parseStandardJson(JSON.stringify(broken))
      } catch (error) {
        return error as ConfigError
      }
    })()
    expect(e).toBeInstanceOf(ConfigError)
    expect(e?.keys).toEqual(['requirements.4.alternatives', 'calendar.hours.mon.close'])
    broken.steps[0].kind = 'periksa'
    expect(() => parseStandardJson(JSON.stringify(broken))).toThrow(/steps\.0\.kind: /)
    expect(() => parseStandardJson('{ "id": ')).toThrow(/Berkas standar bukan JSON yang sah/)
  })
})

describe('Jembrana (Disnakerperin): ± 15 menit, Karirhub and SIAPkerja as data, the Pengantar Kerja signs', () => {
  it('runs a case from submission to the signed card, with a 15-minute completion time', async () => {
    const standard = load('jembrana.json')
    expect(standard.steps.map((s) => s.system?.id ?? null)).toEqual([
      'siapkerja',
      'karirhub',
      null,
      null,
      null,
    ])
    const clock = clockAt(tuesday)
    const service = createAk1Service({ standard, store: createMemoryStore(), clock })
    const submitted = await service.submit(application, { actor: petugas, channel: 'tatap_muka' })
    // 09.00 WITA plus 15 working minutes.
    expect(submitted.sla.plannedDueAt).toBe('2026-04-14T01:15:00.000Z')
    expect(submitted.checklist.find((i) => i.id === 'pas_foto')?.wording).toBe(
      'Pas foto 3x4, berwarna, terbaru, 2 lembar',
    )
    const path = await drive(service, submitted, [petugas, { id: 'pk-1', role: 'pengantar_kerja' }])
    expect(path).toEqual([
      'pemeriksaan',
      'petugas:pencetakan',
      'petugas:paraf',
      'petugas:tanda_tangan',
      'pengantar_kerja:selesai',
    ])
    const done = await service.get(submitted.id)
    expect(done.card?.number).toMatch(/^jembrana-2026-\d{6}$/)
  })
})

describe('Kota Pekalongan (Disperinaker): registration book, interview on the AK/II, IPK Online, a draft the applicant checks', () => {
  it('runs a case to the handed-over card; only the applicant confirms the draft', async () => {
    const standard = load('kota-pekalongan.json')
    const service = createAk1Service({ standard, store: createMemoryStore(), clock: clockAt(tuesday) })
    const submitted = await service.submit(application, { actor: petugas, channel: 'tatap_muka' })
    const letter = submitted.checklist.find((i) => i.id === 'surat_pengalaman_kerja')
    expect(letter).toMatchObject({
      required: false,
      wording: 'Fotokopi surat keterangan pengalaman kerja (bila ada)',
    })
    let view = submitted
    // The interview fills the AK/II (the step's required fields; see packages/card-pdf for the print).
    const ak2 = {
      wawancara: {
        ak2: {
          education: application.education,
          workHistory: [],
          skills: ['Menjahit'],
          desiredJob: { category: 'Penjahit', location: 'dalam_negeri' },
        },
      },
    }
    const first = await drive(service, view, [petugas], ak2).catch((e: Error) => e.message)
    expect(first).toBe('no actor can move the case on from cek_draf')
    view = await service.get(submitted.id)
    expect(view.state).toBe('cek_draf')
    expect(view.registerNumber).toMatch(/^0001\/AK1\/kota_pekalongan\/2026$/)
    expect(await service.availableActions(view.id, petugas)).toEqual([])
    const path = await drive(service, view, [applicant, petugas])
    expect(path).toEqual(['cek_draf', 'pemohon:pencetakan', 'petugas:penyerahan', 'petugas:selesai'])
    const timeline = await service.timeline(view.id)
    expect(timeline.find((e) => e.from === 'wawancara')?.details).toMatchObject({
      ak2Fields: ['education', 'workHistory', 'skills', 'desiredJob'],
    })
    expect((await service.get(view.id)).ak2?.skills).toEqual(['Menjahit'])
  })
})
