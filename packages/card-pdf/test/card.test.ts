import {
  balongbendo,
  balongbendoInput,
  type CaseView,
  ConfigError,
  defineStandard,
  ValidationError,
} from '@ak1/core'
import { sampleApplication } from '@ak1/core/testing'
import { beforeAll, describe, expect, it } from 'vitest'
import { cardPhotoRef, createCardRenderer } from '../src/index'
import { holderName, printedCase } from './support/case'
import { longDate } from './support/dates'
import { artifactDir, keepPagePng, pageImages, pageText, pdfInfo, samplePhoto } from './support/poppler'

const renderer = createCardRenderer()

let jpeg: Uint8Array
let png: Uint8Array
let view: CaseView

beforeAll(async () => {
  jpeg = await samplePhoto('jpeg')
  png = await samplePhoto('png')
  view = await printedCase({ bytes: jpeg, contentType: 'image/jpeg' })
})

function captureError(fn: () => Promise<unknown>): Promise<unknown> {
  return fn().then(
    () => {
      throw new Error('expected an error')
    },
    (error: unknown) => error,
  )
}

describe('renderCard: a Balongbendo case printed to PDF', () => {
  it('prints page 1 (number, NIK, photo, signature place, four reporting boxes with their dates) on A4', async () => {
    expect(view.state).toBe('selesai')
    const card = view.card!
    const pdf = await renderer.renderCard({
      case: view,
      standard: balongbendo,
      photo: { bytes: jpeg, contentType: 'image/jpeg' },
    })
    expect(pdf.pages).toBe(2)
    expect(pdfInfo(pdf.bytes)['Page size']).toContain('(A4)')
    const page1 = pageText(pdf.bytes, 1)
    expect(page1).toContain('PEMERINTAH KAB. SIDOARJO')
    expect(page1).toContain('KECAMATAN BALONG BENDO')
    expect(page1).toContain('KARTU TANDA BUKTI PENDAFTARAN PENCARI KERJA')
    expect(page1).toContain(`No. Pendaftaran Pencari Kerja ${card.number}`)
    expect(page1).toContain(`NIK ${sampleApplication().applicant?.nik}`)
    expect(page1).toContain('Tanda tangan pencari kerja')
    expect(card.reportingDueDates).toHaveLength(4)
    card.reportingDueDates.forEach((due, i) => {
      expect(page1).toContain(`Laporan ke-${i + 1} Tgl. wajib lapor ${longDate(due)}`)
    })
    // The photo is on page 1, at the JPEG's own size.
    expect(pageImages(pdf.bytes, 1)).toHaveLength(1)
    expect(pageImages(pdf.bytes, 2)).toHaveLength(0)
    const image = keepPagePng(pdf.bytes, 1, 'ak1-page1')
    expect([...image.subarray(1, 4)].map((b) => String.fromCharCode(b)).join('')).toBe('PNG')
    keepPagePng(pdf.bytes, 2, 'ak1-page2')
    expect(artifactDir).toContain('test-artifacts')
  })

  it('prints page 2: identity, address, formal and non-formal education, issuing office and signer', async () => {
    const pdf = await renderer.renderCard({
      case: view,
      standard: balongbendo,
      photo: { bytes: jpeg, contentType: 'image/jpeg' },
    })
    const page2 = pageText(pdf.bytes, 2)
    const app = sampleApplication()
    const a = app.applicant!
    expect(page2).toContain(`Nama Lengkap : ${holderName}`)
    expect(page2).toContain(
      `Tempat/Tgl. Lahir : ${a.birthPlace}, ${longDate(`${a.birthDate}T12:00:00+07:00`)}`,
    )
    expect(page2).toContain('Jenis Kelamin : Perempuan')
    expect(page2).toContain('Status Perkawinan : Belum Kawin')
    expect(page2).toContain('Agama : Islam')
    const addr = a.address!
    expect(page2).toContain(
      `Alamat : ${addr.street}, RT ${addr.rt}/RW ${addr.rw}, ${addr.desa}, Kec. ${addr.kecamatan}, ${addr.kabupaten} ${addr.postcode}`,
    )
    for (const e of app.education ?? []) {
      expect(page2).toContain(e.school)
      expect(page2).toContain(String(e.graduationYear))
    }
    expect(page2).toContain('SMA (SMK), SMK Negeri 1 Krian, Akuntansi, 2019')
    expect(page2).toContain('Pendidikan Non Formal : Pelatihan Operator Komputer, BLK Sidoarjo, 2020')
    expect(page2).toContain('Diterbitkan oleh Kecamatan Balong Bendo, Pemerintah Kab. Sidoarjo')
    expect(page2).toContain(`Tgl. terbit: ${longDate(view.card!.issuedAt)}`)
    expect(page2).toContain(`Berlaku s.d.: ${longDate(view.card!.validUntil)}`)
    expect(page2).toContain('Camat Balong Bendo')
    expect(page2).not.toContain(a.nik!)
  })

  it('renders the same case to the same bytes, so a reprint is the stored file', async () => {
    const input = { case: view, standard: balongbendo, photo: { bytes: jpeg, contentType: 'image/jpeg' } }
    const [first, second] = [await renderer.renderCard(input), await renderer.renderCard(input)]
    expect(second.sha256).toBe(first.sha256)
    expect(first.sha256).toMatch(/^[0-9a-f]{64}$/)
    expect(first.filename).toBe(`AK1-${view.card!.number}.pdf`)
    const other = await renderer.renderCard({ ...input, photo: { bytes: png, contentType: 'image/png' } })
    expect(other.sha256).not.toBe(first.sha256)
  })

  it('prints reporting dates given by the card record (counted from registration) instead of the case', async () => {
    const pdf = await renderer.renderCard({
      case: view,
      standard: balongbendo,
      photo: { bytes: png, contentType: 'image/png' },
      reportingDates: ['2026-10-14', '2027-04-14', '2027-10-14', '2028-04-14'],
    })
    const page1 = pageText(pdf.bytes, 1)
    expect(page1).toContain('Laporan ke-1 Tgl. wajib lapor 14 Oktober 2026')
    expect(page1).toContain('Laporan ke-4 Tgl. wajib lapor 14 April 2028')
  })

  it("takes labels, page 2's fields and the signer from the standard, not from code", async () => {
    const krian = defineStandard({
      ...balongbendoInput,
      card: {
        layout: {
          widthMm: 120,
          heightMm: 80,
          page2: ['name', 'birth', 'sex', 'address', 'formalEducation', 'nonFormalEducation'],
          signerTitle: 'a.n. Camat, Sekretaris Kecamatan',
          signerName: 'Drs. Bambang Sutrisno',
          signerNip: '19700101 199003 1 001',
          labels: { nik: 'Nomor Induk Kependudukan', reportingBox: 'Lapor #{n}' },
        },
      },
    })
    const pdf = await renderer.renderCard({
      case: view,
      standard: krian,
      photo: { bytes: jpeg, contentType: 'image/jpeg' },
    })
    const page1 = pageText(pdf.bytes, 1)
    expect(page1).toContain('Nomor Induk Kependudukan')
    expect(page1).toContain('Lapor #3')
    expect(page1).not.toContain('Laporan ke-')
    const page2 = pageText(pdf.bytes, 2)
    expect(page2).not.toContain('Agama')
    expect(page2).not.toContain('Status Perkawinan')
    expect(page2).toContain('a.n. Camat, Sekretaris Kecamatan')
    expect(page2).toContain('Drs. Bambang Sutrisno NIP. 19700101 199003 1 001')
    keepPagePng(pdf.bytes, 1, 'ak1-page1-small-relabelled')
  })
})

describe('renderAk2', () => {
  it('prints the AK/II biodata record from the same data', async () => {
    const pdf = await renderer.renderAk2({
      case: view,
      standard: balongbendo,
      photo: { bytes: png, contentType: 'image/png' },
    })
    expect(pdf.filename).toBe(`AK2-${view.card!.number}.pdf`)
    const text = Array.from({ length: pdf.pages }, (_, i) => pageText(pdf.bytes, i + 1)).join(' ')
    const app = sampleApplication()
    expect(text).toContain('KARTU PENDAFTARAN PENCARI KERJA (AK/II)')
    expect(text).toContain(`NIK : ${app.applicant?.nik}`)
    expect(text).toContain(`Nama Lengkap : ${holderName}`)
    expect(text).toContain(`No. Pendaftaran Pencari Kerja : ${view.card!.number}`)
    expect(text).toContain(`Kontak : ${app.contacts?.mobile}, ${app.contacts?.email}`)
    expect(text).toContain('SMA (SMK) SMK Negeri 1 Krian Akuntansi 2019 85.20')
    expect(text).toContain('Staf administrasi, CV Sumber Rejeki, Krian (2 tahun)')
    expect(text).toContain('Keterampilan : Microsoft Excel, Akuntansi dasar')
    expect(text).toContain('Administrasi, Staf keuangan, dalam negeri, Sidoarjo')
    expect(pageImages(pdf.bytes, 1)).toHaveLength(1)
    keepPagePng(pdf.bytes, 1, 'ak2-page1', 80)
  })
})

describe('refusals', () => {
  it('refuses to print without a photo, naming the field in Indonesian', async () => {
    for (const photo of [undefined, null, { bytes: new Uint8Array(), contentType: 'image/jpeg' }]) {
      const error = await captureError(() =>
        renderer.renderCard({ case: view, standard: balongbendo, photo }),
      )
      expect(error).toBeInstanceOf(ValidationError)
      expect((error as ValidationError).issues[0]).toMatchObject({ path: ['photo'], rule: 'photo_required' })
      expect((error as ValidationError).message).toContain('pas foto 3x4 pemohon wajib ada')
    }
  })

  it('refuses bytes that are not the JPEG or PNG they claim', async () => {
    const error = await captureError(() =>
      renderer.renderCard({
        case: view,
        standard: balongbendo,
        photo: { bytes: png, contentType: 'image/jpeg' },
      }),
    )
    expect((error as ValidationError).issues[0]?.path).toEqual(['photo', 'contentType'])
  })

  it('refuses a case whose card was not issued yet', async () => {
    const { card: _card, ...unprinted } = view
    const error = await captureError(() =>
      renderer.renderAk2({
        case: unprinted,
        standard: balongbendo,
        photo: { bytes: jpeg, contentType: 'image/jpeg' },
      }),
    )
    expect((error as ValidationError).issues[0]).toMatchObject({
      path: ['case', 'card'],
      rule: 'card_not_issued',
    })
  })

  it('refuses bad options with a ConfigError naming the keys', () => {
    expect(() => createCardRenderer({ fonts: { regular: 'x' as never, bold: new Uint8Array([1]) } })).toThrow(
      ConfigError,
    )
    try {
      createCardRenderer({ id: '' })
    } catch (error) {
      expect((error as ConfigError).keys).toEqual(['id'])
    }
  })
})

describe('cardPhotoRef', () => {
  it('picks the photo attached for the checklist item of kind photo, else the application photo', async () => {
    const attached = view.attachments.find((a) => a.itemId === 'pas_foto')!
    expect(cardPhotoRef(view)).toEqual({ sha256: attached.sha256, contentType: 'image/jpeg' })
    const bare = { ...view, attachments: [] }
    const first = (view.application as { photos: Array<{ sha256: string }> }).photos[0]!
    expect(cardPhotoRef(bare).sha256).toBe(first.sha256)
    const none = { ...bare, application: { ...(view.application as object), photos: [] } }
    expect(() => cardPhotoRef(none)).toThrow(ValidationError)
  })
})
