import { ValidationError, type ValidationIssue } from '../errors/errors'
import { createWorkingCalendar } from '../sla/calendar'
import type { HolidaySet } from '../sla/holidays'
import { parseClockTime, weekdayKeys } from '../sla/hours'
import { issue } from './issue'
import type { Standard } from './schema'

/**
 * The rules `defineStandard` checks once the shape is valid, beyond ids and references: either/or
 * groups, the completion limit against the step targets, renewal services, step kinds that need
 * more than a role, and the opening hours. Each returns issues naming the field; `defineStandard`
 * throws them as one `ConfigError`.
 * @internal
 */
export function standardRules(s: Standard): ValidationIssue[] {
  return [
    ...requirementRules(s),
    ...completionRules(s),
    ...renewalRules(s),
    ...stepKindRules(s),
    ...hoursRules(s),
  ]
}

function requirementRules(s: Standard): ValidationIssue[] {
  const out: ValidationIssue[] = []
  s.requirements.forEach((r, i) => {
    if (r.alternatives !== undefined && r.alternatives.length < 2) {
      out.push(
        issue(
          ['requirements', i, 'alternatives'],
          'alternatives_min',
          `kelompok pilihan "${r.id}" hanya punya ${r.alternatives.length} anggota; pilihan (misalnya "KTP asli" atau "fotokopi KTP dilegalisir") harus minimal dua, atau hapus alternatives`,
          `the either/or group "${r.id}" has ${r.alternatives.length} member(s); a group needs at least two (e.g. "KTP asli" or "fotokopi KTP dilegalisir"), or drop alternatives`,
        ),
      )
    }
    const seen = new Set<string>()
    r.alternatives?.forEach((a, j) => {
      if (seen.has(a.id)) {
        out.push(
          issue(
            ['requirements', i, 'alternatives', j, 'id'],
            'unique',
            `pilihan "${a.id}" ganda`,
            `alternative "${a.id}" appears twice`,
          ),
        )
      }
      seen.add(a.id)
    })
  })
  return out
}

function completionRules(s: Standard): ValidationIssue[] {
  const c = s.completion
  const given = (['workingDays', 'hours', 'minutes'] as const).filter((k) => c[k] !== undefined)
  if (given.length !== 1) {
    return [
      issue(
        ['completion'],
        'completion_limit',
        `waktu penyelesaian harus diisi tepat satu dari workingDays, hours atau minutes (terisi: ${given.join(', ') || 'tidak ada'})`,
        `the completion time needs exactly one of workingDays, hours or minutes (given: ${given.join(', ') || 'none'})`,
      ),
    ]
  }
  if (c.workingDays !== undefined) return []
  const limit = c.minutes ?? (c.hours as number) * 60
  const key = c.minutes !== undefined ? 'minutes' : 'hours'
  const out: ValidationIssue[] = []
  for (const channel of ['tatap_muka', 'online'] as const) {
    if (s.channels[channel] === undefined) continue
    const steps = s.steps.filter((st) => st.channel === 'both' || st.channel === channel)
    const inDays = steps.findIndex((st) => st.target !== undefined && 'workingDays' in st.target)
    if (inDays !== -1) {
      out.push(
        issue(
          ['steps', s.steps.indexOf(steps[inDays] as Standard['steps'][number]), 'target'],
          'target_exceeds_completion',
          `target langkah dalam hari kerja tidak muat dalam waktu penyelesaian ${limit} menit (completion.${key}); nyatakan target dalam menit`,
          `a step target in working days does not fit a completion time of ${limit} minutes (completion.${key}); give the target in minutes`,
        ),
      )
      continue
    }
    const sum = steps.reduce((n, st) => n + (st.target && 'minutes' in st.target ? st.target.minutes : 0), 0)
    if (sum > limit) {
      out.push(
        issue(
          ['completion', key],
          'completion_below_steps',
          `waktu penyelesaian ${limit} menit lebih pendek dari jumlah target langkah jalur ${channel} (${sum} menit)`,
          `the completion time of ${limit} minutes is shorter than the sum of the ${channel} step targets (${sum} minutes)`,
        ),
      )
    }
  }
  return out
}

function renewalRules(s: Standard): ValidationIssue[] {
  const out: ValidationIssue[] = []
  if (s.serviceKind !== 'renewal') {
    if (s.renewal !== undefined) {
      out.push(
        issue(
          ['renewal'],
          'renewal_kind',
          'renewal hanya untuk layanan dengan serviceKind "renewal"',
          'renewal applies only to a service with serviceKind "renewal"',
        ),
      )
    }
    return out
  }
  if (!s.requirements.some((r) => r.kind === 'previous_card')) {
    out.push(
      issue(
        ['requirements'],
        'renewal_previous_card',
        'layanan perpanjangan wajib punya persyaratan kartu lama (kind "previous_card"), misalnya "Kartu AK/I lama"',
        'a renewal service needs a previous-card requirement (kind "previous_card"), e.g. "Kartu AK/I lama"',
      ),
    )
  }
  if (s.renewal === undefined) {
    out.push(
      issue(
        ['renewal'],
        'renewal_required',
        'layanan perpanjangan wajib mengisi renewal.checkStep (langkah yang memeriksa masa berlaku kartu lama)',
        'a renewal service needs renewal.checkStep (the step that checks whether the previous card is still valid)',
      ),
    )
    return out
  }
  const check = s.steps.find((st) => st.id === s.renewal?.checkStep)
  if (!check?.events.includes('REJECT')) {
    out.push(
      issue(
        ['renewal', 'checkStep'],
        'renewal_check_step',
        `langkah "${s.renewal.checkStep}" harus ada dan menerima REJECT (kartu kedaluwarsa dikembalikan untuk pendaftaran baru)`,
        `step "${s.renewal.checkStep}" must exist and accept REJECT (an expired card is sent back for a new registration)`,
      ),
    )
  }
  return out
}

function stepKindRules(s: Standard): ValidationIssue[] {
  const out: ValidationIssue[] = []
  s.steps.forEach((st, i) => {
    if (st.kind === 'external' && st.agency === undefined) {
      out.push(
        issue(
          ['steps', i, 'agency'],
          'agency_required',
          'langkah jenis external wajib menyebut instansi pelaksananya (agency), misalnya "Dinas Tenaga Kerja Kabupaten"',
          'an external step must name the agency that does it (agency), e.g. "Dinas Tenaga Kerja Kabupaten"',
        ),
      )
    }
    out.push(...ak2Rules(st, i))
    if (st.kind === 'applicant_check' && st.role !== s.applicant.role) {
      out.push(
        issue(
          ['steps', i, 'role'],
          'applicant_role',
          `langkah jenis applicant_check dilakukan oleh pemohon: peran harus "${s.applicant.role}"`,
          `an applicant_check step is done by the applicant: its role must be "${s.applicant.role}"`,
        ),
      )
    }
  })
  return out
}

/** An AK/II list only on an interview step, its required fields among those it records. */
function ak2Rules(st: Standard['steps'][number], i: number): ValidationIssue[] {
  if (st.ak2 === undefined) return []
  if (st.kind !== 'interview') {
    return [
      issue(
        ['steps', i, 'ak2'],
        'ak2_interview_only',
        'ak2 (isian kartu AK/II) hanya untuk langkah jenis interview',
        'ak2 (the AK/II fields) applies to an interview step only',
      ),
    ]
  }
  const fields = st.ak2.fields
  return st.ak2.required.flatMap((field, j) =>
    fields.includes(field)
      ? []
      : [
          issue(
            ['steps', i, 'ak2', 'required', j],
            'ak2_required_not_recorded',
            `isian wajib "${field}" tidak ada di ak2.fields langkah ini`,
            `required field "${field}" is not among this step's ak2.fields`,
          ),
        ],
  )
}

/**
 * The opening hours, checked by the working calendar's own rules (close after open, breaks inside),
 * so that a bad day fails here rather than in `createAk1Service`; and a cut-off the office is never
 * open at.
 */
function hoursRules(s: Standard): ValidationIssue[] {
  const ref = s.calendar
  const out: ValidationIssue[] = []
  try {
    createWorkingCalendar({
      timeZone: ref.timeZone,
      hours: ref.hours,
      holidays: (typeof ref.holidays === 'string' ? [] : ref.holidays) as unknown as HolidaySet,
      closures: ref.closures,
      extraWorkingDays: ref.extraWorkingDays,
      ramadan: ref.ramadan,
      cutoff: ref.cutoff,
    })
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error
    for (const i of error.issues) out.push({ ...i, path: ['calendar', ...i.path] })
  }
  const cutoff = ref.cutoff === undefined ? null : parseClockTime(ref.cutoff)
  if (cutoff !== null && ref.hours !== undefined) {
    const days = weekdayKeys.map((k) => ref.hours?.[k]).filter((d) => d != null)
    const opens = days.map((d) => parseClockTime(d.open) ?? 0)
    const closes = days.map((d) => parseClockTime(d.close) ?? 0)
    if (days.length && (cutoff <= Math.min(...opens) || cutoff > Math.max(...closes))) {
      out.push(
        issue(
          ['calendar', 'cutoff'],
          'cutoff_outside_hours',
          `batas waktu harian ${ref.cutoff} berada di luar jam buka kantor`,
          `the daily cut-off ${ref.cutoff} lies outside the office's opening hours`,
        ),
      )
    }
  }
  return out
}
