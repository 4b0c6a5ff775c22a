// The loket form <-> the library's application shape, in both directions, with no Node import: the
// server and the browser bundle share it, so a field error lands beside the same input either way.

/** The education levels the loket form offers a row for, lowest first. */
export const formLevels = ['sd', 'smp', 'sma', 'd3', 's1', 's2'] as const

/** The flat form values, by input name. */
export type FormValues = Record<string, string>

/** The application built from the form, and which level each `education` index holds. */
export interface FormApplication {
  application: Record<string, unknown>
  levels: string[]
}

const text = (values: FormValues, name: string) => (values[name] ?? '').trim()
const optional = (value: string) => (value === '' ? undefined : value)

/**
 * Builds the application `@ak1/core` validates from the form's values. Empty optional inputs are
 * left out; an education row counts when its school is filled in.
 */
export function toApplication(values: FormValues): FormApplication {
  const levels: string[] = []
  const education: Record<string, unknown>[] = []
  for (const level of formLevels) {
    const school = text(values, `edu.${level}.school`)
    if (!school) continue
    const year = text(values, `edu.${level}.year`)
    levels.push(level)
    education.push({
      level,
      school,
      graduationYear: /^\d+$/.test(year) ? Number(year) : year,
      major: optional(text(values, `edu.${level}.major`)),
      grade: optional(text(values, `edu.${level}.grade`)),
    })
  }
  const course = text(values, 'course.name')
  const application = {
    applicant: {
      nik: text(values, 'applicant.nik'),
      kk: text(values, 'applicant.kk'),
      fullName: text(values, 'applicant.fullName'),
      birthPlace: text(values, 'applicant.birthPlace'),
      birthDate: text(values, 'applicant.birthDate'),
      sex: text(values, 'applicant.sex'),
      religion: text(values, 'applicant.religion'),
      maritalStatus: text(values, 'applicant.maritalStatus'),
      address: {
        street: text(values, 'applicant.address.street'),
        rt: text(values, 'applicant.address.rt'),
        rw: text(values, 'applicant.address.rw'),
        desa: text(values, 'applicant.address.desa'),
        kecamatan: text(values, 'applicant.address.kecamatan'),
        kabupaten: text(values, 'applicant.address.kabupaten'),
        postcode: text(values, 'applicant.address.postcode'),
      },
    },
    contacts: {
      mobile: text(values, 'contacts.mobile'),
      email: optional(text(values, 'contacts.email')),
    },
    education,
    courses: course ? [{ name: course }] : [],
    desiredJob: {
      category: text(values, 'desiredJob.category'),
      location: text(values, 'desiredJob.location'),
    },
    form: { completed: values['form.completed'] === 'ya' },
  }
  return { application: JSON.parse(JSON.stringify(application)), levels }
}

/** The input name a validation issue's path points at, or `''` for the form as a whole. */
export function fieldOf(path: ReadonlyArray<string | number>, levels: readonly string[]): string {
  if (path[0] === 'education') {
    if (typeof path[1] !== 'number') return 'education'
    const level = levels[path[1]] ?? 'sd'
    const member = path[2] === 'graduationYear' ? 'year' : String(path[2] ?? 'school')
    return `edu.${level}.${member}`
  }
  if (path[0] === 'courses') return 'course.name'
  if (path[0] === 'form') return 'form.completed'
  if (path[0] === 'desiredJob') return `desiredJob.${String(path[1] ?? 'category')}`
  return path.map(String).join('.')
}

/** One issue as the screens show it. */
export interface IssueLike {
  path: ReadonlyArray<string | number>
  message: string
  messageEn: string
}

/** Issues grouped by input name, in the page's language. */
export function errorsByField(
  issues: readonly IssueLike[],
  levels: readonly string[],
  lang: 'id' | 'en',
): Record<string, string[]> {
  const out: Record<string, string[]> = {}
  for (const issue of issues) {
    const field = fieldOf(issue.path, levels)
    const list = out[field] ?? []
    list.push(lang === 'en' ? issue.messageEn : issue.message)
    out[field] = list
  }
  return out
}
