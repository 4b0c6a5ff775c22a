import { parseApplication, type ValidationError } from '@ak1/core'
import { isAk1Error } from '@ak1/core/ports'
import { sampleApplication } from '@ak1/core/testing'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  createSiprajaSimulator,
  fromSiprajaSubmission,
  type SiprajaSimulator,
  type SiprajaSubmission,
  siprajaSubmissionSchema,
  siprajaWageBands,
} from '../src/index'

const now = new Date('2026-04-14T01:00:00.000Z')
const regions = {
  kecamatanNames: { '35.15.12': 'Balongbendo' },
  desaNames: { '35.15.12.2001': 'Balongbendo' },
}

/** What SIPRAJA holds for an SMK graduate from Balongbendo with two jobs behind her. */
function smaGraduate(): SiprajaSubmission {
  return {
    pemohon: {
      nik: '3515125405010001',
      no_kk: '3515120101190003',
      nama: 'Siti Rahmawati',
      tempat_lahir: 'Sidoarjo',
      tanggal_lahir: '14-05-2001',
      jenis_kelamin: 'Perempuan',
      agama: 'ISLAM',
      status_kawin: 'Belum Kawin',
      alamat: 'Jl. Raya Balongbendo No. 12',
      email: 'siti.rahmawati@example.com',
      kecamatan: '35.15.12',
      kode_desa: '35.15.12.2001',
    },
    layanan: {
      rt: '3',
      rw: 1,
      kode_pos: 61263,
      no_hp: '0812-3456-7890',
      umur: 24,
      berat_badan: '52',
      instagram: '',
      sekolah_sd: 'SD Negeri Balongbendo 1',
      lulus_sd: 2013,
      ipk_sd: '25.40',
      sekolah_smp: 'SMP Negeri 1 Balongbendo',
      lulus_smp: '2016',
      ipk_smp: 33.1,
      sekolah_slta: 'SMK Negeri 1 Krian',
      jurusan_slta: 'Akuntansi',
      lulus_slta: '2019',
      ipk_slta: '85.20',
      sekolah_d3: '',
      category: 'Administrasi',
      sub_category: 'Staf keuangan',
      lokasi_pyd: 'Dalam Negeri',
      wilayah_lain: 'Sidoarjo',
      besar_upah_pyd: 'Rp 4.500.000 - 5.500.000',
      bahasa_asing: 'Inggris, Mandarin',
      data_kursus: 'Komputer akuntansi (MYOB)\nBahasa Inggris dasar',
      pengalaman: 'Dua tahun di bagian keuangan',
      kpk_jabatan: [
        {
          jabatan: 'Staf administrasi',
          uraian_tugas: 'Mencatat transaksi harian dan menyusun laporan kas',
          lama_kerja: '2 tahun',
          pemberi_kerja: 'CV Sumber Rejeki, Krian',
        },
        { jabatan: 'Kasir', lama_kerja: '6 bulan', pemberi_kerja: 'Toko Makmur, Balongbendo' },
      ],
    },
  }
}

function validationError(run: () => unknown): ValidationError {
  let caught: unknown
  try {
    run()
  } catch (error) {
    caught = error
  }
  expect(isAk1Error(caught) && caught.code).toBe('VALIDATION')
  return caught as ValidationError
}
/** Core's sample application, which the SIPRAJA fixture below describes. */
const sample = sampleApplication()
const paths = (error: ValidationError) => error.issues.map((i) => i.path.join('.'))

describe('fromSiprajaSubmission', () => {
  it('maps a full SIPRAJA payload of an SMA graduate with two jobs to a valid application', () => {
    const application = fromSiprajaSubmission(smaGraduate(), { ...regions, now })
    // The result is what core's own parser accepts unchanged.
    expect(parseApplication(application, { now })).toEqual(application)
    // The SIPRAJA fixture describes core's sample applicant: the same person, mapped back.
    expect(application.applicant).toEqual(sample.applicant)
    expect(application.contacts).toEqual(sample.contacts)
    expect(application.education).toEqual([
      { level: 'sd', school: 'SD Negeri Balongbendo 1', graduationYear: 2013, grade: '25.40' },
      { level: 'smp', school: 'SMP Negeri 1 Balongbendo', graduationYear: 2016, grade: '33.1' },
      {
        level: 'sma',
        school: 'SMK Negeri 1 Krian',
        major: 'Akuntansi',
        graduationYear: 2019,
        grade: '85.20',
      },
    ])
    expect(application.workHistory).toEqual([
      {
        position: 'Staf administrasi',
        duties: 'Mencatat transaksi harian dan menyusun laporan kas',
        length: '2 tahun',
        employer: 'CV Sumber Rejeki, Krian',
      },
      { position: 'Kasir', length: '6 bulan', employer: 'Toko Makmur, Balongbendo' },
    ])
    expect(application.desiredJob).toEqual({
      category: 'Administrasi',
      subCategory: 'Staf keuangan',
      location: 'dalam_negeri',
      place: 'Sidoarjo',
      wage: { min: 4_500_000, max: 5_500_000 },
    })
    expect(application.languages).toEqual([{ name: 'Inggris' }, { name: 'Mandarin' }])
    expect(application.courses.map((c) => c.name)).toEqual([
      'Komputer akuntansi (MYOB)',
      'Bahasa Inggris dasar',
    ])
    expect(application.form).toEqual({ completed: true })
  })

  it('maps doktor to s3 and slta to sma, a man, Kawin Tercatat, Katholik, abroad, one wage amount', () => {
    const payload = smaGraduate()
    Object.assign(payload.pemohon, {
      nik: '3515121408800002',
      tanggal_lahir: '14-08-1980',
      jenis_kelamin: 'L',
      agama: 'Katholik',
      status_kawin: 'KAWIN TERCATAT',
      kecamatan: 'Balongbendo',
      kode_desa: '',
      nama_desa: 'Jeruklegi',
    })
    Object.assign(payload.layanan, {
      sekolah_sd: 'SD Negeri Krian 2',
      lulus_sd: '1992',
      sekolah_smp: 'SMP Negeri 1 Krian',
      lulus_smp: '1995',
      sekolah_slta: 'SMA Negeri 1 Sidoarjo',
      lulus_slta: '1998',
      sekolah_s1: 'Universitas Airlangga',
      lulus_s1: '2002',
      sekolah_s2: 'Institut Teknologi Sepuluh Nopember',
      lulus_s2: '2006',
      sekolah_doktor: 'Universitas Gadjah Mada',
      jurusan_doktor: '17',
      lulus_doktor: 2012,
      ipk_doktor: '3,90',
      lokasi_pyd: 'luar_negeri',
      besar_upah_pyd: '25000000',
    })
    const application = fromSiprajaSubmission(payload, { majorNames: { '17': 'Ilmu Ekonomi' }, now })
    expect(application.education.map((e) => e.level)).toEqual(['sd', 'smp', 'sma', 's1', 's2', 's3'])
    expect(application.education.at(-1)).toMatchObject({ major: 'Ilmu Ekonomi', grade: '3,90' })
    expect(application.applicant).toMatchObject({
      sex: 'L',
      religion: 'katolik',
      maritalStatus: 'kawin_tercatat',
      address: { kecamatan: 'Balongbendo', desa: 'Jeruklegi' },
    })
    expect(application.desiredJob).toMatchObject({ location: 'luar_negeri', wage: { min: 25_000_000 } })
  })

  it('refuses a tanggal_lahir that is not a real dd-MM-yyyy date, naming SIPRAJA field', () => {
    for (const bad of ['2001-14-05', '31-02-2001', '14/13/2001', '14.05.2001']) {
      const payload = smaGraduate()
      payload.pemohon.tanggal_lahir = bad
      const error = validationError(() => fromSiprajaSubmission(payload, { ...regions, now }))
      expect(paths(error)).toEqual(['pemohon.tanggal_lahir'])
      expect(error.message).toContain('pemohon.tanggal_lahir: harus berupa tanggal dd-MM-yyyy')
      expect(error.messageEn).toContain('must be a real date dd-MM-yyyy')
    }
  })

  it('accepts every value the app offers: the four upah_pyd bands, both lokasi_pyd, the register form labels, its yyyy-MM-dd birth date', () => {
    // Values of the selects in www/pages/tipe-c/kartupencarikerja_new.html and www/pages/register.html
    // (kreatifa/sipraja-android); the date input of register.html stores yyyy-MM-dd.
    const bands: Array<[string, { min: number; max?: number }]> = [
      ['< 1.000.000', { min: 0, max: 999_999 }],
      ['1.000.000 - 2.000.000', { min: 1_000_000, max: 2_000_000 }],
      ['2.500.000 - 5.000.000', { min: 2_500_000, max: 5_000_000 }],
      ['> 5.000.000', { min: 5_000_001 }],
    ]
    expect(bands.map(([band]) => band)).toEqual([...siprajaWageBands])
    for (const [band, wage] of bands) {
      for (const lokasi of ['Dalam Negeri', 'Luar Negeri']) {
        const payload = smaGraduate()
        payload.layanan.besar_upah_pyd = band
        payload.layanan.lokasi_pyd = lokasi
        const application = fromSiprajaSubmission(payload, { ...regions, now })
        expect(application.desiredJob.wage).toEqual(wage)
        expect(application.desiredJob.location).toBe(
          lokasi === 'Luar Negeri' ? 'luar_negeri' : 'dalam_negeri',
        )
      }
    }
    const labels = {
      agama: ['Islam', 'Kristen', 'Katholik', 'Hindu', 'Budha', 'Konghucu'],
      status_kawin: ['Kawin', 'Belum Kawin', 'Cerai Mati', 'Cerai Hidup'],
    }
    for (const agama of labels.agama) {
      const payload = smaGraduate()
      payload.pemohon.agama = agama
      expect(() => fromSiprajaSubmission(payload, { ...regions, now })).not.toThrow()
    }
    for (const status of labels.status_kawin) {
      const payload = smaGraduate()
      payload.pemohon.status_kawin = status
      expect(() => fromSiprajaSubmission(payload, { ...regions, now })).not.toThrow()
    }
    const iso = smaGraduate()
    iso.pemohon.tanggal_lahir = '2001-05-14'
    expect(fromSiprajaSubmission(iso, { ...regions, now }).applicant.birthDate).toBe('2001-05-14')
    const man = smaGraduate()
    man.pemohon.nik = '3515121405010001'
    man.pemohon.jenis_kelamin = 'Laki-Laki'
    expect(fromSiprajaSubmission(man, { ...regions, now }).applicant.sex).toBe('L')
    const ids = smaGraduate()
    ids.layanan.category = '12'
    ids.layanan.sub_category = '121'
    const named = fromSiprajaSubmission(ids, {
      ...regions,
      now,
      categoryNames: { '12': 'Administrasi' },
      subCategoryNames: { '121': 'Staf keuangan' },
    })
    expect(named.desiredJob).toMatchObject({ category: 'Administrasi', subCategory: 'Staf keuangan' })
  })

  it('names pemohon.nik when the NIK is malformed or disagrees with tanggal_lahir', () => {
    const short = smaGraduate()
    short.pemohon.nik = '35151254050100'
    const malformed = validationError(() => fromSiprajaSubmission(short, { ...regions, now }))
    expect(paths(malformed)).toEqual(['pemohon.nik'])
    expect(malformed.issues[0]?.rule).toBe('nik_length')

    const older = smaGraduate()
    older.pemohon.tanggal_lahir = '14-05-2000'
    const mismatch = validationError(() => fromSiprajaSubmission(older, { ...regions, now }))
    expect(paths(mismatch)).toEqual(['pemohon.nik'])
    expect(mismatch.issues[0]?.rule).toBe('nik_birth_date_mismatch')
  })

  it('names SIPRAJA fields for every other problem, mapping and core rules alike', () => {
    const payload = smaGraduate()
    Object.assign(payload.pemohon, { agama: 'Jedi', jenis_kelamin: 'X', kecamatan: '35.15.99' })
    payload.layanan.lulus_smp = '16'
    payload.layanan.besar_upah_pyd = 'lima juta'
    const mapping = validationError(() => fromSiprajaSubmission(payload, { ...regions, now }))
    expect(paths(mapping).sort()).toEqual(
      [
        'pemohon.agama',
        'pemohon.jenis_kelamin',
        'pemohon.kecamatan',
        'layanan.lulus_smp',
        'layanan.besar_upah_pyd',
      ].sort(),
    )

    const rules = smaGraduate()
    rules.layanan.no_hp = '12345'
    rules.layanan.rt = '0'
    rules.layanan.lulus_slta = '2015'
    const job = rules.layanan.kpk_jabatan?.[1]
    if (job) job.jabatan = 'Kasir\u0000'
    const core = validationError(() => fromSiprajaSubmission(rules, { ...regions, now }))
    expect(paths(core).sort()).toEqual(
      ['layanan.no_hp', 'layanan.rt', 'layanan.lulus_slta', 'layanan.kpk_jabatan.1.jabatan'].sort(),
    )
  })

  it('reports missing required SIPRAJA fields, including no_kk, and a wrong shape', () => {
    const payload = smaGraduate()
    delete payload.pemohon.no_kk
    delete payload.layanan.category
    payload.layanan.kpk_jabatan = [{ jabatan: 'Kasir' }]
    const error = validationError(() => fromSiprajaSubmission(payload, { ...regions, now }))
    expect(paths(error).sort()).toEqual(
      [
        'pemohon.no_kk',
        'layanan.category',
        'layanan.kpk_jabatan.0.lama_kerja',
        'layanan.kpk_jabatan.0.pemberi_kerja',
      ].sort(),
    )
    const shape = validationError(() => fromSiprajaSubmission({ pemohon: [], layanan: { kpk_jabatan: 'x' } }))
    expect(paths(shape).sort()).toEqual(['layanan.kpk_jabatan', 'pemohon'])
  })

  it('siprajaSubmissionSchema ignores SIPRAJA members it does not know and empty strings', () => {
    const parsed = siprajaSubmissionSchema.parse({
      pemohon: { nik: '3515125405010001', id: 991, nama: '' },
      layanan: { kode_transaksi: 'X', rt: 3 },
    })
    expect(parsed.pemohon).toEqual({ nik: '3515125405010001' })
    expect(parsed.layanan).toEqual({ rt: '3', kpk_jabatan: [] })
  })
})

describe('POST /v1/submissions on the simulator', () => {
  let simulator: SiprajaSimulator
  let url: string
  beforeEach(async () => {
    simulator = createSiprajaSimulator({ token: 't', submission: regions, now: () => now })
    url = (await simulator.start()).url
  })
  afterEach(() => simulator.close())

  const post = (body: unknown, token = 't') =>
    fetch(`${url}/v1/submissions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })

  it('answers the mapped application', async () => {
    const response = await post(smaGraduate())
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({
      application: fromSiprajaSubmission(smaGraduate(), { ...regions, now }),
    })
  })

  it('answers 422 with the issues under SIPRAJA names, and 401 without the token', async () => {
    const payload = smaGraduate()
    payload.pemohon.tanggal_lahir = '31-02-2001'
    const response = await post(payload)
    expect(response.status).toBe(422)
    const body = (await response.json()) as { error: { code: string; issues: { path: string[] }[] } }
    expect(body.error.code).toBe('VALIDATION')
    expect(body.error.issues.map((i) => i.path.join('.'))).toEqual(['pemohon.tanggal_lahir'])
    expect((await post(smaGraduate(), 'wrong')).status).toBe(401)
  })
})
