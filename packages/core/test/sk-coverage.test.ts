import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { balongbendo } from '../src/index'

// The SK text as published (a copy of shared/domain/standar-pelayanan-ak1-balongbendo.txt).
const text = readFileSync(
  new URL('./fixtures/standar-pelayanan-ak1-balongbendo.txt', import.meta.url),
  'utf8',
)
const lines = text.split(/\r?\n/).map((l) => l.trim())

/** The numbered lines under a heading, up to the next blank-line-separated heading. */
function numberedLinesAfter(heading: string): string[] {
  const start = lines.indexOf(heading)
  expect(start, `heading ${heading}`).toBeGreaterThanOrEqual(0)
  const out: string[] = []
  for (const l of lines.slice(start + 1)) {
    if (/^\d+\.\s/.test(l)) out.push(l.replace(/^\d+\.\s+/, ''))
    else if (l !== '' && out.length > 0) break
  }
  return out
}

// How each requirement phrase of the SK is named in the preset. A requirement line that matches none
// of these fails the test, so a new SK line cannot slip through unmapped.
const requirementPhrases: Array<[RegExp, string]> = [
  [/KTP asli/i, 'ktp_asli'],
  [/(Kartu Keluarga|\bKK) asli/i, 'kk_asli'],
  [/(Fotokopi|Foto Copy) KTP/i, 'fotokopi_ktp'],
  [/Ijazah/i, 'ijazah'],
  [/Daftar nilai/i, 'daftar_nilai'],
  [/Sertifikat Kursus/i, 'sertifikat'],
  [/Foto berwarna.*3x4/i, 'pas_foto'],
  [/Blanko/i, 'formulir_ak1'],
]

// Which preset step each timed line of the SK (1.1 and 2.1) is.
const stepOfLine: Record<string, string> = {
  'Pemohon upload berkas secara online di aplikasi sipraja': 'unggah',
  'Petugas menerima dan memeriksa berkas pemohon di aplikasi': 'penerimaan',
  'Petugas memverifikasi berkas yang lengkap untuk diproses dan dilanjutkan ke Admin': 'verifikasi',
  'Petugas admin memvalidasi berkas untuk dilanjutkan TTD ke Camat': 'validasi',
  'Camat memeriksa dan menandatangani berkas AK-1': 'tanda_tangan',
  'Petugas melaksanakan pengarsipan berkas': 'pengarsipan',
  'Pemohon menerima kartu AK-1': 'penyerahan',
  'Operator Pelayanan Umum mencatat permohonan dalam buku register': 'registrasi',
  'Operator pelayanan melakukan pencetakan kartu AK-1': 'pencetakan',
}

const requirementLines = [
  ...numberedLinesAfter('Persyaratan'),
  ...numberedLinesAfter('Persyaratan Pelayanan :'),
]
const timedLines = lines.flatMap((l) => {
  const match = /^(?:-\s*)?(?:\d+(?:\.\d+)?\.?\s+)?(.+?)\s+-\s+(\d+)\s+(menit|hari)$/i.exec(l)
  return match
    ? [{ line: l, what: match[1] as string, amount: Number(match[2]), unit: match[3]?.toLowerCase() }]
    : []
})

describe('the Balongbendo preset covers its SK text', () => {
  it('finds the requirement lines and the timed steps in the text', () => {
    expect(requirementLines).toHaveLength(9)
    expect(timedLines).toHaveLength(9)
  })

  it.each(requirementLines)('has every requirement of the line "%s"', (line) => {
    const ids = requirementPhrases.filter(([phrase]) => phrase.test(line)).map(([, id]) => id)
    expect(ids.length, `no requirement of the preset matches: ${line}`).toBeGreaterThan(0)
    for (const id of ids) {
      const requirement = balongbendo.requirements.find((r) => r.id === id)
      expect(requirement, id).toBeDefined()
      if (!requirement) continue
      if (id === 'ijazah' || id === 'daftar_nilai') {
        // "dari jenjang sekolah SD s.d. ... Tertinggi": one per level.
        expect(line).toMatch(/SD s\.d\./)
        expect(requirement.perEducationLevel).toBe(true)
      }
      if (/bila ada/i.test(line) && id === 'sertifikat') {
        expect(requirement.required).toBe(false)
        expect(requirement.onlyIf).toBe('has_courses')
      }
      if (id === 'pas_foto') {
        expect(requirement.quantity).toBe(Number(/sebanyak (\d+)/.exec(line)?.[1]))
        if (/berwarna\/hitam putih/.test(line))
          expect(requirement.variants).toEqual(['berwarna', 'hitam_putih'])
      }
      if (/asli/i.test(line) && (id === 'ktp_asli' || id === 'kk_asli'))
        expect(requirement.kind).toBe('original')
      if (id === 'fotokopi_ktp') expect(requirement.kind).toBe('copy')
      if (id === 'formulir_ak1') expect(requirement.kind).toBe('form')
    }
  })

  it('has no requirement the SK does not name', () => {
    const named = new Set(
      requirementLines.flatMap((line) =>
        requirementPhrases.filter(([p]) => p.test(line)).map(([, id]) => id),
      ),
    )
    expect(balongbendo.requirements.map((r) => r.id).filter((id) => !named.has(id))).toEqual([])
  })

  it.each(timedLines)('has the step "$line" with the same duration', ({ line, what, amount, unit }) => {
    const stepId = stepOfLine[what]
    expect(stepId, `no step mapped for: ${line}`).toBeDefined()
    const step = balongbendo.steps.find((s) => s.id === stepId)
    expect(step, stepId).toBeDefined()
    // "hari" in the SK is read as working days (DOMAIN.md section 1).
    expect(step?.target).toEqual(unit === 'menit' ? { minutes: amount } : { workingDays: amount })
  })

  it('times every officer step the SK times, and adds only the scanning step the SK lists untimed', () => {
    const timedInSk = new Set(timedLines.map(({ what }) => stepOfLine[what]))
    const extra = balongbendo.steps.filter((s) => s.target && !timedInSk.has(s.id)).map((s) => s.id)
    expect(extra).toEqual(['pemindaian'])
    expect(text).toMatch(/operator pelayanan melakukan pemindaian berkas pemohon/)
  })

  it('has the completion time, fee, product, SK number and complaint contacts of the text', () => {
    const days = Number(/^(\d+) Hari$/m.exec(text)?.[1])
    expect(balongbendo.completion.workingDays).toBe(days)
    expect(text).toMatch(/Tidak dipungut biaya/)
    expect(balongbendo.fee.amount).toBe(0)
    expect(balongbendo.decree.number).toBe(/No\. SK : (\S+)/.exec(text)?.[1])
    const product = lines[lines.indexOf('Produk Pelayanan') + 2]?.replace(/^\d+\.\s+/, '')
    expect(balongbendo.products.map((p) => p.name)).toContain(product)
    const phone = /telepon (\S+),/.exec(text)?.[1]
    const email = /email di alamat (\S+) /.exec(text)?.[1]
    const values = balongbendo.complaints.channels.map((c) => c.value)
    expect(values).toContain(phone)
    expect(values).toContain(email)
  })

  it("has the office's address, postcode, phone and website of the letterhead", () => {
    const letterhead = /^JL\. (.+) (\d{5}) (\d+)$/im.exec(text)
    expect(letterhead, 'letterhead line').not.toBeNull()
    const [, address, postcode, phone] = letterhead as RegExpExecArray
    expect(balongbendo.office.address.toUpperCase()).toBe(`JL. ${address}`.toUpperCase())
    expect(balongbendo.office.postcode).toBe(postcode)
    expect(balongbendo.office.phone.replace(/\D/g, '')).toBe(phone)
    expect(balongbendo.office.website).toBe(/<(http[^>]+)>/.exec(text)?.[1])
    expect(text).toContain(`Kecamatan ${balongbendo.office.name.replace(/^Kecamatan /, '')}`)
  })

  it('has the complaint procedure of the text, step by step', () => {
    const procedure = numberedLinesAfter('Pengaduan Layanan').map((l) => l.replace(/\*\*/g, ''))
    expect(procedure).toHaveLength(4)
    expect(balongbendo.complaints.procedure).toEqual(procedure)
    expect(balongbendo.complaints.register).toBe('Buku Pengaduan')
  })
})
