import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createSqliteStore, type SqliteStore } from '@ak1/adapter-sqlite'
import {
  type Actor,
  type Ak1Service,
  balongbendoInput,
  createAk1Service,
  createStandardCatalog,
  defineStandard,
  parseStandardJson,
  type Standard,
  ValidationError,
} from '@ak1/core'
import { sampleApplication } from '@ak1/core/testing'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { clockAt, drive } from './support/drive'

/** Tarakan's renewal SOP as shipped. */
const tarakan: Standard = parseStandardJson(
  readFileSync(new URL('../standards/tarakan-perpanjangan.json', import.meta.url), 'utf8'),
)
/** A registration layanan of the same office, for the test only (Tarakan's own is not encoded). */
const registration = defineStandard({
  ...balongbendoInput,
  id: 'ak1-uji-tarakan',
  hash: undefined,
  office: { ...balongbendoInput.office, code: 'tarakan' },
} as Parameters<typeof defineStandard>[0])

const tuesday = '2026-04-14T01:00:00.000Z'
const application = sampleApplication()
const petugas: Actor = { id: 'petugas-1', role: 'petugas' }
const officers: Actor[] = [
  petugas,
  { id: 'operator-1', role: 'operator' },
  { id: 'admin-1', role: 'admin' },
  { id: 'camat-1', role: 'camat' },
]

describe('Tarakan: a renewal (perpanjangan) that reads the previous card and branches by itself (SQLite)', () => {
  let dir: string
  let store: SqliteStore
  let clock: ReturnType<typeof clockAt>
  let reg: Ak1Service
  let renewal: Ak1Service

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ak1-renewal-'))
    store = createSqliteStore({ filename: join(dir, 'ak1.sqlite'), encryptionKey: '5c'.repeat(32) })
    clock = clockAt(tuesday)
    reg = createAk1Service({ standard: registration, store, clock })
    renewal = createAk1Service({ standard: tarakan, store, clock })
  })
  afterEach(() => {
    store.close()
    rmSync(dir, { recursive: true, force: true })
  })

  /** A card handed over by the registration layanan: its record is open (`aktif`). */
  async function registeredCard() {
    const c = await reg.submit(application, { actor: petugas, channel: 'tatap_muka' })
    await drive(reg, c, officers)
    const number = (await reg.get(c.id)).card?.number
    if (!number) throw new Error('no card')
    return reg.cards.get(number)
  }

  /** What a failed submission could have left: cases of the office (the registration's one). */
  async function footprint() {
    // A reader that knows both layanan of the office, so it can list every case.
    const both = createAk1Service({ standard: createStandardCatalog([registration, tarakan]), store, clock })
    const cases = await both.list({})
    return { cases: cases.items.map((c) => c.standard.id) }
  }

  it('renews a still-valid card: 5+5+10+2 minutes, linked to the old card, which ends diperpanjang', async () => {
    expect(tarakan.steps.map((s) => s.target)).toEqual([
      { minutes: 5 },
      { minutes: 5 },
      { minutes: 10 },
      { minutes: 2 },
    ])
    const old = await registeredCard()
    expect(old.state).toBe('aktif')
    const c = await renewal.submit(
      { ...application, previousCardNumber: old.cardNumber },
      { actor: petugas, channel: 'tatap_muka' },
    )
    // Numbers per layanan: the renewal's first number is 1 although the office already used 1.
    expect(c.trackingCode).toBe('PERP-260414-00001')
    expect(c.checklist.map((i) => i.id)).toEqual(['kartu_lama'])
    const path = await drive(renewal, c, [petugas])
    expect(path).toEqual([
      'pemeriksaan_kartu',
      'petugas:pencatatan',
      'petugas:pencetakan',
      'petugas:penyerahan',
      'petugas:selesai',
    ])
    const done = await renewal.get(c.id)
    expect(done.card?.number).toBe('P-tarakan-2026-000001')
    expect(done.renewal).toEqual({
      previousCardNumber: old.cardNumber,
      previousValidUntil: old.validUntil,
      checkedAt: tuesday,
    })
    const check = (await renewal.timeline(c.id)).find((e) => e.from === 'pemeriksaan_kartu')
    expect(check).toMatchObject({
      event: 'ACCEPT',
      to: 'pencatatan',
      details: { previousCardNumber: old.cardNumber, previousValidUntil: old.validUntil },
    })
    // The old card ends, linked to the new one, with its own audit entry; the new card names the old.
    const ended = await renewal.cards.get(old.cardNumber)
    expect(ended).toMatchObject({
      state: 'diperpanjang',
      renewedBy: { caseId: c.id, cardNumber: done.card?.number },
    })
    const trail = await store.timeline(old.id)
    expect(trail.map((e) => e.event)).toEqual(['CARD_OPENED', 'CARD_RENEWED'])
    expect(trail.at(-1)).toMatchObject({
      from: 'aktif',
      to: 'diperpanjang',
      details: { cardNumber: old.cardNumber, renewedBy: done.card?.number, renewalCaseId: c.id },
    })
    const fresh = await renewal.cards.get(done.card!.number)
    expect(fresh).toMatchObject({ state: 'aktif', previousCardNumber: old.cardNumber })
    // The statistics count the old card as renewed (not lost between the columns), the new one as active.
    const stats = await renewal.cards.statistics({ from: '2026-01-01', to: '2026-12-31' })
    expect(stats.total).toEqual({ registered: 2, placed: 0, expired: 0, lapsed: 0, renewed: 1, active: 1 })
    // The old card's reminders and deadlines are gone: nothing of it is due any more.
    const due = await store.claimDue({
      now: '2030-01-01T00:00:00.000Z',
      limit: 100,
      owner: 't',
      leaseMs: 1000,
    })
    expect(due.filter((r) => r.caseId === old.id)).toEqual([])
  })

  it('refuses an expired card by itself at the check step, with the standard wording, and links nothing', async () => {
    const old = await registeredCard()
    clock.set('2028-06-06T01:00:00.000Z')
    expect(old.validUntil < '2028-06-06').toBe(true)
    const c = await renewal.submit(
      { ...application, previousCardNumber: old.cardNumber },
      { actor: petugas, channel: 'tatap_muka' },
    )
    // The officer only confirms the old card was shown; the engine reads its record and branches.
    const path = await drive(renewal, c, [petugas])
    expect(path).toEqual(['pemeriksaan_kartu', 'petugas:ditolak'])
    const done = await renewal.get(c.id)
    expect(done.renewal).toBeUndefined()
    expect(done.card).toBeUndefined()
    const last = (await renewal.timeline(c.id)).at(-1)!
    expect(last).toMatchObject({
      event: 'REJECT',
      from: 'pemeriksaan_kartu',
      to: 'ditolak',
      details: {
        reason: `Kartu AK/I lama sudah tidak berlaku (berakhir ${old.validUntil}); silakan daftar baru (layanan ak1)`,
        renewalCheck: 'refused',
        previousValidUntil: old.validUntil,
      },
    })
    expect((await renewal.cards.get(old.cardNumber)).state).not.toBe('diperpanjang')
  })

  it('refuses an unknown card number, or a card of another NIK, naming previousCardNumber; nothing is written', async () => {
    const old = await registeredCard()
    const before = await footprint()
    const refusal = async (app: unknown) => {
      try {
        await renewal.submit(app, { actor: petugas, channel: 'tatap_muka' })
      } catch (error) {
        return error as ValidationError
      }
      throw new Error('the renewal was accepted')
    }
    const unknown = await refusal({ ...application, previousCardNumber: 'P-tarakan-2026-999999' })
    expect(unknown).toBeInstanceOf(ValidationError)
    expect(unknown.issues).toEqual([
      expect.objectContaining({
        path: ['previousCardNumber'],
        rule: 'previous_card_unknown',
        message: 'kartu AK-1 lama nomor P-tarakan-2026-999999 tidak ditemukan untuk NIK pemohon ini',
      }),
    ])
    // Another person (same birth date and sex, another serial) naming this holder's card.
    const other = sampleApplication({ applicant: { nik: `${application.applicant.nik.slice(0, 12)}0099` } })
    const stranger = await refusal({ ...other, previousCardNumber: old.cardNumber })
    expect(stranger.issues[0]).toMatchObject({ path: ['previousCardNumber'], rule: 'previous_card_unknown' })
    // A renewal must name the old card at all.
    const none = await refusal(application)
    expect(none.issues[0]).toMatchObject({
      path: ['previousCardNumber'],
      rule: 'previous_card_required',
      message: 'nomor kartu AK/I lama wajib diisi untuk perpanjangan',
    })
    expect(await footprint()).toEqual(before)
    expect(before.cases).toEqual(['ak1-uji-tarakan'])
    expect((await renewal.cards.get(old.cardNumber)).state).toBe('aktif')
  })

  it('one service holds both layanan: a submission names the layanan, and an unknown one is refused', async () => {
    const office = createAk1Service({
      standard: createStandardCatalog([registration, tarakan]),
      store,
      clock,
    })
    const first = await office.submit(application, { actor: petugas, channel: 'tatap_muka' })
    expect(first.standard.id).toBe(registration.id)
    await drive(office, first, officers)
    const old = (await office.get(first.id)).card!
    const renewed = await office.submit(
      { ...application, previousCardNumber: old.number },
      { actor: petugas, channel: 'tatap_muka', service: tarakan.service },
    )
    expect(renewed.standard.id).toBe(tarakan.id)
    expect(renewed.checklist.map((i) => i.id)).toEqual(['kartu_lama'])
    const before = await footprint()
    const wrong = await office
      .submit(application, { actor: petugas, channel: 'tatap_muka', service: 'kartu-kuning' })
      .catch((error: unknown) => error as ValidationError)
    expect(wrong).toBeInstanceOf(ValidationError)
    expect((wrong as ValidationError).issues[0]).toMatchObject({
      path: ['service'],
      rule: 'unknown_service',
      message: expect.stringContaining(tarakan.service),
    })
    expect(await footprint()).toEqual(before)
  })

  it('refuses two layanan of one office that count apart with the same number format', () => {
    const twin = defineStandard({
      ...balongbendoInput,
      id: 'ak1-uji-tarakan-kembar',
      service: 'ak1_kembar',
      hash: undefined,
      office: { ...balongbendoInput.office, code: 'tarakan' },
      numbering: { ...registration.numbering, sequenceScope: 'service' },
    } as Parameters<typeof defineStandard>[0])
    expect(() => createStandardCatalog([registration, twin])).toThrow(
      expect.objectContaining({ code: 'CONFIG', keys: ['numbering.trackingCode'] }),
    )
    expect(() => createStandardCatalog([registration, twin])).toThrow(/nomor akan kembar/)
    const apart = defineStandard({
      ...balongbendoInput,
      id: 'ak1-uji-tarakan-beda',
      service: 'ak1_beda',
      hash: undefined,
      office: { ...balongbendoInput.office, code: 'tarakan' },
      numbering: {
        trackingCode: 'B-{yy}{mm}{dd}-{seq:5}',
        registerNumber: '{seq:4}/B/{office}/{yyyy}',
        cardNumber: 'B-{office}-{yyyy}-{seq:6}',
        sequenceScope: 'service',
      },
    } as Parameters<typeof defineStandard>[0])
    expect(createStandardCatalog([registration, apart]).standards).toHaveLength(2)
  })
})
