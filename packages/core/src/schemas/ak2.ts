import { z } from 'zod'
import type { ValidationIssue } from '../errors/errors'
import {
  courseSchema,
  desiredJobSchema,
  educationSchema,
  languageSkillSchema,
  line,
  paragraph,
  workExperienceSchema,
} from './application'

/**
 * The fields of the AK/II (the job seeker's biodata and interview record behind the AK-1 card) an
 * interview step can record: formal education, courses and training, work experience, languages,
 * skills, the job and place wanted, height and weight, and the interviewer's notes.
 */
export const ak2Fields = [
  'education',
  'courses',
  'workHistory',
  'languages',
  'skills',
  'desiredJob',
  'physical',
  'notes',
] as const
/** One field of the AK/II. */
export type Ak2Field = (typeof ak2Fields)[number]

/** What each AK/II field is called on the form, in Bahasa Indonesia and English. */
export const ak2FieldLabels: Record<Ak2Field, { id: string; en: string }> = {
  education: { id: 'pendidikan formal', en: 'formal education' },
  courses: { id: 'pendidikan non-formal (kursus/pelatihan)', en: 'courses and training' },
  workHistory: { id: 'pengalaman kerja', en: 'work experience' },
  languages: { id: 'bahasa yang dikuasai', en: 'languages' },
  skills: { id: 'keterampilan', en: 'skills' },
  desiredJob: { id: 'jabatan dan lokasi kerja yang diinginkan', en: 'the job and place wanted' },
  physical: { id: 'tinggi dan berat badan', en: 'height and weight' },
  notes: { id: 'catatan pewawancara', en: "the interviewer's notes" },
}

/**
 * The AK/II fields an interview records when its step names none: every field, and these required
 * (an empty list is an answer: "no work experience" is recorded as `workHistory: []`).
 */
export const defaultAk2Settings: { fields: readonly Ak2Field[]; required: readonly Ak2Field[] } = {
  fields: ak2Fields,
  required: ['education', 'workHistory', 'skills', 'desiredJob'],
}

/** Height and weight as measured or stated at the interview. */
export const physicalSchema = z.strictObject({
  heightCm: z.number().int().min(50).max(250).optional(),
  weightKg: z.number().int().min(20).max(300).optional(),
})

/**
 * The content of the AK/II as an interview records it: each field optional here (which ones the
 * interview must record is the step's `ak2.required`), objects strict, lists and texts capped. The
 * sub-schemas are the application's (one rule, one place).
 */
export const ak2RecordSchema = z.strictObject({
  education: educationSchema.optional(),
  courses: z.array(courseSchema).max(30, { abort: true }).optional(),
  workHistory: z.array(workExperienceSchema).max(30, { abort: true }).optional(),
  languages: z.array(languageSkillSchema).max(20, { abort: true }).optional(),
  skills: z.array(line(100)).max(30, { abort: true }).optional(),
  desiredJob: desiredJobSchema.optional(),
  physical: physicalSchema.optional(),
  notes: paragraph(2000).optional(),
})

/** An AK/II record (personal data: kept sealed with the case's application). */
export type Ak2Record = z.output<typeof ak2RecordSchema>
/** What an interview event may carry as `ak2`. */
export type Ak2RecordInput = z.input<typeof ak2RecordSchema>

/**
 * The rules of an AK/II record against the interview step's settings: every required field given,
 * no field the step does not record. Issues name `event.ak2.<field>`, in Bahasa Indonesia and
 * English.
 */
export function ak2SettingsIssues(
  record: Ak2Record,
  settings: { fields: readonly Ak2Field[]; required: readonly Ak2Field[] },
  stepName: string,
): ValidationIssue[] {
  const issues: ValidationIssue[] = []
  for (const field of settings.required) {
    if (record[field] === undefined) {
      const label = ak2FieldLabels[field]
      issues.push({
        path: ['event', 'ak2', field],
        rule: 'ak2_required',
        message: `${label.id} wajib diisi pada kartu AK/II di langkah "${stepName}" (isi daftar kosong bila memang tidak ada)`,
        messageEn: `${label.en} is required on the AK/II at step "${stepName}" (give an empty list when there is none)`,
      })
    }
  }
  for (const field of ak2Fields) {
    if (record[field] !== undefined && !settings.fields.includes(field)) {
      issues.push({
        path: ['event', 'ak2', field],
        rule: 'ak2_field_not_recorded',
        message: `${ak2FieldLabels[field].id} tidak dicatat pada kartu AK/II menurut standar langkah "${stepName}"`,
        messageEn: `${ak2FieldLabels[field].en} is not recorded on the AK/II at step "${stepName}" by the standard`,
      })
    }
  }
  return issues
}
