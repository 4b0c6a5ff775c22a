// The sample application of `@ak1/core/testing`: a complete Balongbendo job seeker, with no test
// runner or property-testing library needed to load it.
import type { ApplicationInput } from '../schemas/index'
import { sha256Hex } from '../util/canonical-json'

/** A deep partial of a value: every member optional, arrays replaced whole. */
export type DeepPartial<T> = T extends readonly unknown[]
  ? T
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> }
    : T

const photo = (name: string) => ({ sha256: sha256Hex(name), contentType: 'image/jpeg', size: 48_213 })

function baseSample(): ApplicationInput {
  return {
    applicant: {
      // A Sidoarjo (35.15) NIK: born 14 May 2001, a woman (14 + 40 = 54), serial 0001.
      nik: '3515125405010001',
      kk: '3515120101190003',
      fullName: 'Siti Rahmawati',
      birthPlace: 'Sidoarjo',
      birthDate: '2001-05-14',
      sex: 'P',
      religion: 'islam',
      maritalStatus: 'belum_kawin',
      address: {
        street: 'Jl. Raya Balongbendo No. 12',
        rt: '003',
        rw: '001',
        desa: 'Balongbendo',
        kecamatan: 'Balongbendo',
        kabupaten: 'Sidoarjo',
        postcode: '61263',
      },
    },
    contacts: { mobile: '+6281234567890', email: 'siti.rahmawati@example.com' },
    education: [
      { level: 'sd', school: 'SD Negeri Balongbendo 1', graduationYear: 2013, grade: '25.40' },
      { level: 'smp', school: 'SMP Negeri 1 Balongbendo', graduationYear: 2016, grade: '33.10' },
      {
        level: 'sma',
        type: 'smk',
        school: 'SMK Negeri 1 Krian',
        major: 'Akuntansi',
        graduationYear: 2019,
        grade: '85.20',
      },
    ],
    courses: [],
    workHistory: [
      {
        position: 'Staf administrasi',
        duties: 'Mencatat transaksi harian dan menyusun laporan kas',
        length: '2 tahun',
        employer: 'CV Sumber Rejeki, Krian',
      },
    ],
    languages: [{ name: 'Inggris', level: 'basic' }],
    skills: ['Microsoft Excel', 'Akuntansi dasar'],
    desiredJob: {
      category: 'Administrasi',
      subCategory: 'Staf keuangan',
      location: 'dalam_negeri',
      place: 'Sidoarjo',
      wage: { min: 4_500_000, max: 5_500_000 },
    },
    photos: [photo('pas-foto-1'), photo('pas-foto-2')],
    form: { completed: true },
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function deepMerge(
  target: Record<string, unknown>,
  source: Record<string, unknown>,
): Record<string, unknown> {
  for (const key of Object.keys(source)) {
    if (key === '__proto__' || key === 'constructor' || key === 'prototype') continue
    const value = source[key]
    const current = target[key]
    target[key] =
      isPlainObject(value) && isPlainObject(current)
        ? deepMerge({ ...current }, value)
        : structuredClone(value)
  }
  return target
}

/**
 * A valid Balongbendo application: Siti Rahmawati, SMK graduate from Desa Balongbendo, her NIK
 * consistent with her birth date and sex. Each call returns a fresh object.
 *
 * `overrides` are deep-merged (objects member by member, arrays replaced whole). The result is not
 * validated, so a test can break one field on purpose.
 *
 * @example
 * ```ts
 * const s1 = sampleApplication({ courses: [{ name: 'Menjahit', organizer: 'BLK Sidoarjo' }] })
 * expect(() => parseApplication(sampleApplication({ applicant: { sex: 'L' } }))).toThrow(ValidationError)
 * ```
 */
export function sampleApplication(overrides: DeepPartial<ApplicationInput> = {}): ApplicationInput {
  return deepMerge(
    baseSample() as unknown as Record<string, unknown>,
    overrides as Record<string, unknown>,
  ) as unknown as ApplicationInput
}
