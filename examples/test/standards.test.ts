import { readdirSync, readFileSync } from 'node:fs'
import {
  type Actor,
  type Ak1Service,
  balongbendoInput,
  type CaseEvent,
  type CaseView,
  ConfigError,
  createAk1Service,
  defineStandard,
  parseStandardJson,
  renewalDecision,
  type Standard,
  standardJsonSchema,
} from '@ak1/core'
import { createMemoryStore, sampleApplication } from '@ak1/core/testing'
import Ajv2020 from 'ajv/dist/2020.js'
import { describe, expect, it } from 'vitest'

const dir = new URL('../standards/', import.meta.url)
const files = readdirSync(dir).filter((f) => f.endsWith('.json'))
const read = (name: string) => readFileSync(new URL(name, dir), 'utf8')
const load = (name: string): Standard => parseStandardJson(read(name))
const schemaFile = new URL('../../packages/core/standard.schema.json', import.meta.url)

/** Tuesday 14 April 2026, 08.00 WIB (09.00 WITA): a plain working day. */
const tuesday = '2026-04-14T01:00:00.000Z'
function clockAt(iso: string) {
  let t = Date.parse(iso)
  return { now: () => new Date(t), set: (at: string) => (t = Date.parse(at)) }
}

const application = sampleApplication()
const petugas: Actor = { id: 'petugas-1', role: 'petugas' }
const applicant: Actor = { id: 'pemohon-1', role: 'pemohon', nik: application.applicant.nik }

/** Moves a case on with the first forward action the first of `actors` is offered, until it ends. */
async function drive(service: Ak1Service, start: CaseView, actors: Actor[]): Promise<string[]> {
  const path: string[] = [start.state]
  let view = start
  for (let guard = 0; guard < 20 && !view.final; guard++) {
    let moved = false
    for (const actor of actors) {
      const actions = await service.availableActions(view.id, actor)
      const action = actions.find((a) => ['ACCEPT', 'COMPLETE', 'SIGN', 'HAND_OVER'].includes(a.type))
      if (!action) continue
      const event = (
        action.type === 'ACCEPT' || action.type === 'HAND_OVER'
          ? { type: action.type, verified: action.needs ?? [] }
          : { type: action.type }
      ) as CaseEvent
      view = await service.act(view.id, event, { actor, expectedVersion: view.version })
      path.push(`${actor.role}:${view.state}`)
      moved = true
      break
    }
    if (!moved) throw new Error(`no actor can move the case on from ${view.state}`)
  }
  return path
}

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
    const first = await drive(service, view, [petugas]).catch((e: Error) => e.message)
    expect(first).toBe('no actor can move the case on from cek_draf')
    view = await service.get(submitted.id)
    expect(view.state).toBe('cek_draf')
    expect(view.registerNumber).toMatch(/^0001\/AK1\/kota_pekalongan\/2026$/)
    expect(await service.availableActions(view.id, petugas)).toEqual([])
    const path = await drive(service, view, [applicant, petugas])
    expect(path).toEqual(['cek_draf', 'pemohon:pencetakan', 'petugas:penyerahan', 'petugas:selesai'])
    const timeline = await service.timeline(view.id)
    expect(timeline.map((e) => e.from)).toContain('wawancara')
  })
})

describe('Tarakan: a renewal (perpanjangan) that reads the previous card and branches on its validity', () => {
  /** A registration layanan of the same office, for the test only (Tarakan's own is not encoded). */
  const registration = defineStandard({
    ...balongbendoInput,
    id: 'ak1-uji-tarakan',
    hash: undefined,
    office: { ...balongbendoInput.office, code: 'tarakan' },
  } as Parameters<typeof defineStandard>[0])
  const officers: Actor[] = [
    petugas,
    { id: 'operator-1', role: 'operator' },
    { id: 'admin-1', role: 'admin' },
    { id: 'camat-1', role: 'camat' },
  ]

  async function registeredCard(
    clock: ReturnType<typeof clockAt>,
    store: ReturnType<typeof createMemoryStore>,
  ) {
    const reg = createAk1Service({ standard: registration, store, clock })
    const c = await reg.submit(application, { actor: petugas, channel: 'tatap_muka' })
    await drive(reg, c, officers)
    const card = (await reg.get(c.id)).card
    if (!card) throw new Error('no card')
    return { card, trackingCode: c.trackingCode }
  }

  it('renews a still-valid card: 5+5+10+2 minutes within 1 working day, numbered in its own sequence', async () => {
    const standard = load('tarakan-perpanjangan.json')
    expect(standard.steps.map((s) => s.target)).toEqual([
      { minutes: 5 },
      { minutes: 5 },
      { minutes: 10 },
      { minutes: 2 },
    ])
    const clock = clockAt(tuesday)
    const store = createMemoryStore()
    const { card, trackingCode } = await registeredCard(clock, store)
    expect(trackingCode).toMatch(/-00001$/)
    const renewal = createAk1Service({ standard, store, clock })
    const c = await renewal.submit(application, { actor: petugas, channel: 'tatap_muka' })
    // Sequences per layanan: the renewal's first number is 1 although the office already used 1.
    expect(c.trackingCode).toMatch(/^PERP-260414-00001$/)
    expect(renewalDecision(standard, card, clock.now())).toEqual({ valid: true, stepId: 'pemeriksaan_kartu' })
    const path = await drive(renewal, c, [petugas])
    expect(path.at(-1)).toBe('petugas:selesai')
    expect((await renewal.get(c.id)).card?.number).toMatch(/^P-tarakan-2026-000001$/)
  })

  it('sends an expired card back for a new registration (the case ends ditolak with the reason)', async () => {
    const standard = load('tarakan-perpanjangan.json')
    const clock = clockAt(tuesday)
    const store = createMemoryStore()
    const { card } = await registeredCard(clock, store)
    clock.set('2028-06-06T01:00:00.000Z')
    const renewal = createAk1Service({ standard, store, clock })
    const c = await renewal.submit(application, { actor: petugas, channel: 'tatap_muka' })
    const decision = renewalDecision(standard, card, clock.now())
    if (decision.valid) throw new Error('the card should have expired')
    expect(decision.redirectService).toBe('ak1')
    const done = await renewal.act(c.id, decision.event, { actor: petugas })
    expect(done.state).toBe('ditolak')
    const last = (await renewal.timeline(c.id)).at(-1)
    expect(JSON.stringify(last?.details)).toContain(`berakhir ${card.validUntil}; silakan mendaftar baru`)
  })
})
