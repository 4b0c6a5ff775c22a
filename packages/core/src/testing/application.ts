// The fast-check arbitraries of `@ak1/core/arbitraries`: valid, invalid and adversarial
// applications. The sample application is in sample-application.ts (no fast-check needed).
import * as fc from 'fast-check'
import {
  type ApplicationInput,
  type EducationLevel,
  educationLevels,
  educationTypesByLevel,
  indonesiaProvinceCodes,
  jobLocations,
  languageLevels,
  maritalStatuses,
  religions,
} from '../schemas/index'

/** Graduation years never pass this year, so generated applications stay valid whatever today is. */
const LATEST_YEAR = 2025

const letters = 'abcdefghijklmnopqrstuvwxyz'
const syllables = ['su', 'ti', 'ra', 'ma', 'wa', 'di', 'an', 'to', 'ni', 'ko', 'yu', 'har', 'jo', 'ek', 'sri']
const unicodeWords = ['José', 'Đức', 'Nguyễn', 'Ñoño', 'Ōta', '中文', 'Müller', 'Zoë']

const word = fc
  .array(fc.constantFrom(...syllables), { minLength: 1, maxLength: 4 })
  .map((parts) => parts.join(''))
  .map((w) => w.charAt(0).toUpperCase() + w.slice(1))

const nameArb = fc
  .tuple(
    fc.array(
      fc.oneof({ weight: 5, arbitrary: word }, { weight: 1, arbitrary: fc.constantFrom(...unicodeWords) }),
      {
        minLength: 1,
        maxLength: 4,
      },
    ),
    fc.constantFrom('', ' ', '  '),
  )
  .map(([words, pad]) => `${pad}${words.join(pad.length > 1 ? '  ' : ' ')}${pad}`)

const textArb = fc
  .array(
    fc.oneof(
      { weight: 6, arbitrary: word },
      { weight: 1, arbitrary: fc.constantFrom(...unicodeWords, 'No.', '12', '😀', 'RT/RW', '&') },
    ),
    { minLength: 1, maxLength: 6 },
  )
  .map((words) => words.join(' '))

const digits = (n: number) =>
  fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: n, maxLength: n })
const pad = (n: number, width: number) => String(n).padStart(width, '0')

const dateArb = fc
  .date({ min: new Date('1950-01-01T00:00:00Z'), max: new Date('2007-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10))

/** A real province code, as NIKs and KKs start with. */
const provinceArb = fc.constantFrom(...Object.keys(indonesiaProvinceCodes))

/** A NIK for the date and sex, written plain or with spaces or dots. */
function nikFor(birthDate: string, sex: 'L' | 'P') {
  const [y, m, d] = birthDate.split('-')
  const day = Number(d) + (sex === 'P' ? 40 : 0)
  return fc
    .tuple(
      provinceArb,
      digits(4),
      fc.integer({ min: 1, max: 9999 }),
      fc.constantFrom('plain', 'spaces', 'dots'),
    )
    .map(([province, area, serial, style]) => {
      const parts = [`${province}${area}`, `${pad(day, 2)}${m}${y?.slice(2)}`, pad(serial, 4)]
      return style === 'plain' ? parts.join('') : parts.join(style === 'spaces' ? ' ' : '.')
    })
}

const mobileArb = fc
  .tuple(fc.constantFrom('0', '+62', '62', '+62 ', '0'), fc.integer({ min: 8, max: 11 }), fc.boolean())
  .chain(([prefix, rest, dashed]) =>
    digits(rest).map((tail) => {
      const national = `8${tail}`
      return `${prefix}${dashed ? national.replace(/(\d{3})(\d{4})/, '$1-$2-') : national}`
    }),
  )

const emailArb = fc
  .tuple(
    fc.string({ unit: fc.constantFrom(...letters), minLength: 1, maxLength: 12 }),
    fc.constantFrom('example.com', 'mail.co.id', 'sidoarjokab.go.id'),
  )
  .map(([local, domain]) => `${local}@${domain}`)

const hex64 = fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 64, maxLength: 64 })
const attachmentArb = (types: string[]) =>
  fc.record({
    sha256: hex64,
    contentType: fc.constantFrom(...types),
    size: fc.integer({ min: 1, max: 20_000_000 }),
  })

function optional<T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> {
  return fc.option(arb, { nil: undefined })
}

/** Drops members whose value is `undefined`, as JSON would. */
function compact<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T
}

const tertiary = educationLevels.slice(3) as EducationLevel[]

function educationArb(birthYear: number) {
  return fc
    .tuple(
      fc.integer({ min: -1, max: 2 }),
      fc.subarray(tertiary),
      fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 12, maxLength: 12 }),
      fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }),
    )
    .chain(([schoolTop, extra, gaps, typed]) => {
      const levels: EducationLevel[] =
        extra.length > 0
          ? ['sd', 'smp', 'sma', ...extra]
          : (['sd', 'smp', 'sma'] as const).slice(0, schoolTop + 1)
      let yearNow = birthYear + 11
      const entries = levels.map((level, i) => {
        yearNow += level === 'sd' ? 1 : 2 + (gaps[i] ?? 0)
        return { level, graduationYear: Math.min(yearNow, LATEST_YEAR), index: i }
      })
      return fc.tuple(
        ...entries.map((e) =>
          fc
            .record({
              school: textArb,
              major: optional(textArb),
              grade: optional(fc.constantFrom('3.45', '27.50', 'A', '85')),
              type:
                e.index < 3 && typed[e.index]
                  ? fc.constantFrom(...educationTypesByLevel[e.level as 'sd'])
                  : fc.constant(undefined),
            })
            .map((extraFields) =>
              compact({ level: e.level, graduationYear: e.graduationYear, ...extraFields }),
            ),
        ),
      )
    })
    .chain((entries) =>
      fc.shuffledSubarray(entries, { minLength: entries.length, maxLength: entries.length }),
    )
}

/**
 * Valid AK-1 applications: consistent NIKs (men and women, both centuries of birth), education
 * chains from SD up with ordered years (never after 2025), mobiles in every accepted spelling,
 * Unicode names and texts, optional members present or not.
 *
 * @example
 * ```ts
 * fc.assert(fc.property(arbitraryApplication(), (input) => { parseApplication(input) }))
 * ```
 */
export function arbitraryApplication(): fc.Arbitrary<ApplicationInput> {
  return fc
    .tuple(dateArb, fc.constantFrom('L' as const, 'P' as const))
    .chain(([birthDate, sex]) =>
      fc.record({
        applicant: fc.record({
          nik: nikFor(birthDate, sex),
          kk: fc.tuple(provinceArb, digits(14)).map(([province, rest]) => province + rest),
          fullName: nameArb,
          birthPlace: textArb,
          birthDate: fc.constant(birthDate),
          sex: fc.constant(sex),
          religion: fc.constantFrom(...religions),
          maritalStatus: fc.constantFrom(...maritalStatuses),
          address: fc.record({
            street: textArb,
            rt: fc.integer({ min: 1, max: 999 }).map((n) => (n % 2 ? String(n) : pad(n, 3))),
            rw: fc.integer({ min: 1, max: 999 }).map(String),
            desa: textArb,
            kecamatan: textArb,
            kabupaten: textArb,
            postcode: fc.integer({ min: 10000, max: 99999 }).map(String),
          }),
        }),
        contacts: fc.record({ mobile: mobileArb, email: optional(emailArb) }).map(compact),
        education: educationArb(Number(birthDate.slice(0, 4))),
        courses: optional(
          fc.array(
            fc
              .record({
                name: textArb,
                organizer: optional(textArb),
                year: optional(fc.integer({ min: 1990, max: LATEST_YEAR })),
                certificateNumber: optional(textArb),
              })
              .map(compact),
            { maxLength: 3 },
          ),
        ),
        workHistory: optional(
          fc.array(
            fc
              .record({
                position: textArb,
                duties: optional(fc.tuple(textArb, textArb).map(([a, b]) => `${a}\n${b}`)),
                length: fc.constantFrom('6 bulan', '1 tahun', '2 tahun 3 bulan'),
                employer: textArb,
              })
              .map(compact),
            { maxLength: 3 },
          ),
        ),
        languages: optional(
          fc.array(
            fc.record({ name: word, level: optional(fc.constantFrom(...languageLevels)) }).map(compact),
            {
              maxLength: 3,
            },
          ),
        ),
        skills: optional(fc.array(textArb, { maxLength: 4 })),
        desiredJob: fc
          .record({
            category: textArb,
            subCategory: optional(textArb),
            location: fc.constantFrom(...jobLocations),
            place: optional(textArb),
            wage: optional(
              fc
                .tuple(
                  fc.integer({ min: 0, max: 20_000_000 }),
                  optional(fc.integer({ min: 0, max: 10_000_000 })),
                )
                .map(([min, more]) => compact({ min, max: more === undefined ? undefined : min + more })),
            ),
          })
          .map(compact),
        photos: optional(fc.array(attachmentArb(['image/jpeg', 'image/png']), { maxLength: 2 })),
        form: fc
          .record({
            completed: fc.constant(true as const),
            attachment: optional(attachmentArb(['application/pdf'])),
          })
          .map(compact),
      }),
    )
    .map((application) => compact(application) as ApplicationInput)
}

/** An invalid application, the field it breaks and the rule it breaks there. */
export interface InvalidApplicationCase {
  /** The input, refused by `parseApplication`. */
  input: unknown
  /** Path of the field at fault; the error has an issue at this path or below it. */
  path: (string | number)[]
  /** The rule an issue at `path` names. */
  rule: string
}

type Json = Record<string, unknown>
const clone = (value: ApplicationInput) => structuredClone(value) as unknown as Json

function setAt(root: Json, path: (string | number)[], value: unknown): Json {
  let node: Json = root
  for (const key of path.slice(0, -1)) node = node[key] as Json
  const last = path[path.length - 1] as string
  if (value === DELETE) delete node[last]
  else Object.defineProperty(node, last, { value, enumerable: true, writable: true, configurable: true })
  return root
}
const DELETE = Symbol('delete')

const stringPaths: (string | number)[][] = [
  ['applicant', 'nik'],
  ['applicant', 'kk'],
  ['applicant', 'fullName'],
  ['applicant', 'birthPlace'],
  ['applicant', 'birthDate'],
  ['applicant', 'address', 'street'],
  ['applicant', 'address', 'rt'],
  ['applicant', 'address', 'desa'],
  ['applicant', 'address', 'postcode'],
  ['contacts', 'mobile'],
  ['desiredJob', 'category'],
]
const lineTextPaths: (string | number)[][] = [
  ['applicant', 'birthPlace'],
  ['applicant', 'address', 'street'],
  ['applicant', 'address', 'kecamatan'],
  ['desiredJob', 'category'],
]
const objectPaths: (string | number)[][] = [
  [],
  ['applicant'],
  ['applicant', 'address'],
  ['contacts'],
  ['desiredJob'],
  ['form'],
]
// Leaving out an enumeration member is `invalid_value` in zod (undefined is not one of the values).
const requiredPaths: Array<[(string | number)[], string]> = [
  [['applicant'], 'invalid_type'],
  [['contacts'], 'invalid_type'],
  [['education'], 'invalid_type'],
  [['desiredJob'], 'invalid_type'],
  [['form'], 'invalid_type'],
  [['applicant', 'nik'], 'invalid_type'],
  [['applicant', 'kk'], 'invalid_type'],
  [['applicant', 'fullName'], 'invalid_type'],
  [['applicant', 'sex'], 'invalid_value'],
  [['applicant', 'address', 'rw'], 'invalid_type'],
  [['contacts', 'mobile'], 'invalid_type'],
  [['desiredJob', 'location'], 'invalid_value'],
]

/**
 * Applications that are each wrong in one known way, with the field and rule the error must name:
 * NIKs of the wrong length, with letters, an impossible date, serial 0000, a birth date or sex the
 * NIK contradicts; unknown and `__proto__` keys; numbers where strings belong; huge strings;
 * control characters; missing members; values outside the enumerations; bad mobiles and postcodes;
 * three photos; an unfinished form; a missing level below the highest; input that is not an object.
 *
 * @example
 * ```ts
 * fc.assert(fc.property(arbitraryInvalidApplication(), ({ input }) => !safeParseApplication(input).success))
 * ```
 */
export function arbitraryInvalidApplication(): fc.Arbitrary<InvalidApplicationCase> {
  const valid = arbitraryApplication()
  const mutate = (
    f: (app: ApplicationInput) => fc.Arbitrary<InvalidApplicationCase>,
  ): fc.Arbitrary<InvalidApplicationCase> => valid.chain(f)
  const nikPath = ['applicant', 'nik']
  const plainNik = (app: ApplicationInput) => app.applicant.nik.replace(/[\s.]/g, '')
  return fc.oneof(
    mutate((app) =>
      fc.integer({ min: 1, max: 15 }).map((n) => ({
        input: setAt(clone(app), nikPath, plainNik(app).slice(0, n)),
        path: nikPath,
        rule: 'nik_length',
      })),
    ),
    mutate((app) =>
      fc.tuple(fc.integer({ min: 0, max: 15 }), fc.constantFrom('O', 'l', 'x', '٣', '?')).map(([i, ch]) => {
        const nik = plainNik(app)
        return {
          input: setAt(clone(app), nikPath, `${nik.slice(0, i)}${ch}${nik.slice(i + 1)}`),
          path: nikPath,
          rule: 'nik_digits',
        }
      }),
    ),
    mutate((app) =>
      fc.constant({
        input: setAt(clone(app), nikPath, `${plainNik(app).slice(0, 12)}0000`),
        path: nikPath,
        rule: 'nik_serial',
      }),
    ),
    mutate((app) =>
      fc.constantFrom('00', '32', '40', '72', '99').map((day) => {
        const nik = plainNik(app)
        return {
          input: setAt(clone(app), nikPath, `${nik.slice(0, 6)}${day}${nik.slice(8)}`),
          path: nikPath,
          rule: 'nik_birth_date',
        }
      }),
    ),
    mutate((app) =>
      fc.constant({
        input: setAt(clone(app), ['applicant', 'sex'], app.applicant.sex === 'L' ? 'P' : 'L'),
        path: nikPath,
        rule: 'nik_sex_mismatch',
      }),
    ),
    mutate((app) =>
      fc.integer({ min: 1, max: 400 }).map((days) => {
        const shifted = new Date(Date.parse(`${app.applicant.birthDate}T00:00:00Z`) - days * 86_400_000)
        return {
          input: setAt(clone(app), ['applicant', 'birthDate'], shifted.toISOString().slice(0, 10)),
          path: nikPath,
          rule: 'nik_birth_date_mismatch',
        }
      }),
    ),
    mutate((app) =>
      fc
        .tuple(
          fc.constantFrom(...objectPaths),
          fc.constantFrom('extra', 'isAdmin', '__proto__', 'constructor', 'Nik'),
        )
        .map(([path, key]) => ({
          input: setAt(clone(app), [...path, key], { polluted: true }),
          path,
          rule: 'unrecognized_keys',
        })),
    ),
    mutate((app) =>
      fc
        .tuple(
          fc.constantFrom(...stringPaths),
          fc.oneof(fc.integer(), fc.double(), fc.constant(3515125405010001)),
        )
        .map(([path, n]) => ({ input: setAt(clone(app), path, n), path, rule: 'invalid_type' })),
    ),
    mutate((app) =>
      fc
        .tuple(
          fc.constantFrom(...lineTextPaths),
          fc.integer({ min: 201, max: 200_000 }),
          fc.constantFrom('a', 'é', '中', '😀'),
        )
        .map(([path, n, ch]) => ({ input: setAt(clone(app), path, ch.repeat(n)), path, rule: 'too_big' })),
    ),
    mutate((app) =>
      fc
        .tuple(
          fc.constantFrom(...lineTextPaths),
          fc.constantFrom('\u0000', '\u0007', '\n', '\u2028', '\uD800', '\uDC00x'),
        )
        .map(([path, bad]) => ({
          input: setAt(clone(app), path, `Desa${bad}Kemangsen`),
          path,
          rule: 'text_chars',
        })),
    ),
    mutate((app) =>
      fc
        .constantFrom(...requiredPaths)
        .map(([path, rule]) => ({ input: setAt(clone(app), path, DELETE), path, rule })),
    ),
    mutate((app) =>
      fc
        .tuple(
          fc.constantFrom<(string | number)[]>(
            ['applicant', 'religion'],
            ['applicant', 'maritalStatus'],
            ['applicant', 'sex'],
            ['desiredJob', 'location'],
          ),
          fc.constantFrom('Islam', 'Belum Kawin', 'l', 'luar negeri', '', 'KAWIN'),
        )
        .map(([path, value]) => ({ input: setAt(clone(app), path, value), path, rule: 'invalid_value' })),
    ),
    mutate((app) =>
      fc
        .constantFrom(
          '12345',
          '031-8971003',
          '+1 202 555 0100',
          '0812',
          '08123456789012',
          '+62 21 555 0100',
          'nomor saya',
        )
        .map((mobile) => ({
          input: setAt(clone(app), ['contacts', 'mobile'], mobile),
          path: ['contacts', 'mobile'],
          rule: 'mobile_format',
        })),
    ),
    mutate((app) =>
      fc.constantFrom('6126', '612633', 'ABCDE', '61 263').map((postcode) => ({
        input: setAt(clone(app), ['applicant', 'address', 'postcode'], postcode),
        path: ['applicant', 'address', 'postcode'],
        rule: 'postcode_format',
      })),
    ),
    mutate((app) =>
      attachmentArb(['image/jpeg']).map((ref) => ({
        input: setAt(clone(app), ['photos'], [ref, ref, ref]),
        path: ['photos'],
        rule: 'too_big',
      })),
    ),
    mutate((app) =>
      fc.constantFrom(false, 'ya', 1).map((completed) => ({
        input: setAt(clone(app), ['form', 'completed'], completed),
        path: ['form', 'completed'],
        rule: 'form_completed',
      })),
    ),
    mutate((app) => {
      const birthYear = Number(app.applicant.birthDate.slice(0, 4))
      return fc.constantFrom<EducationLevel>('sma', 's1', 'd3').map((level) => ({
        input: setAt(
          clone(app),
          ['education'],
          [{ level, school: 'Sekolah', graduationYear: Math.min(birthYear + 18, LATEST_YEAR) }],
        ),
        path: ['education'],
        rule: 'education_missing_level',
      }))
    }),
    fc
      .oneof(fc.constant(null), fc.constant(undefined), fc.string(), fc.integer(), fc.array(fc.anything()))
      .map((input) => ({
        input,
        path: [],
        rule: 'invalid_type',
      })),
  )
}

/**
 * Anything an attacker or a broken client might send: arbitrary JSON-like values, valid
 * applications with one member replaced by an arbitrary value, `__proto__` and `constructor` keys,
 * huge and odd Unicode strings. Some are valid, most are not; none may crash a parser.
 */
export function arbitraryAdversarialInput(): fc.Arbitrary<unknown> {
  const allPaths = [
    ...stringPaths,
    ...objectPaths.filter((p) => p.length > 0),
    ['education'],
    ['photos'],
    ['skills'],
  ]
  return fc.oneof(
    fc.anything({ withNullPrototype: true, withBigInt: true, withDate: true, withMap: true, withSet: true }),
    fc
      .tuple(arbitraryApplication(), fc.constantFrom(...allPaths), fc.anything({ maxDepth: 2 }))
      .map(([app, path, value]) => setAt(clone(app), path, value)),
    fc
      .tuple(
        arbitraryApplication(),
        fc.constantFrom(...stringPaths),
        fc.string({ unit: 'binary', maxLength: 300 }),
      )
      .map(([app, path, value]) => setAt(clone(app), path, value)),
    fc
      .tuple(
        arbitraryApplication(),
        fc.constantFrom(...objectPaths),
        fc.constantFrom('__proto__', 'constructor', 'prototype'),
      )
      .map(([app, path, key]) =>
        JSON.parse(JSON.stringify(setAt(clone(app), [...path, key], { isAdmin: true }))),
      ),
    fc.json({ maxDepth: 3 }).map((text) => JSON.parse(text) as unknown),
  )
}
