import { z } from 'zod'
import { requirementSchema, type Standard } from '../standard/schema'
import type { Application } from './application'
import { educationLabels, educationLevels } from './enums'
import { derivedWording } from './requirement-wording'

const label = z.string().min(1).max(2000)
const stepId = z.string().min(1).max(100)

/**
 * One document the applicant must bring (or may bring), derived from a requirement of the
 * standard. Per-level requirements give one item per completed level, with id `<requirement>:<level>`
 * (`ijazah:sma`); other items carry the requirement id unchanged. The schema lets a store or an
 * adapter check a checklist it reads back.
 */
export const checklistItemSchema = z.strictObject({
  /** Stable id within the checklist, e.g. `ktp_asli`, `ijazah:sma`. */
  id: z.string().min(1).max(100),
  /** The requirement of the standard the item comes from. */
  requirementId: z.string().min(1).max(100),
  /** The education level, for per-level items. */
  level: z.enum(educationLevels).optional(),
  /** Indonesian label; per-level items name the level (and the school type, e.g. SMK). */
  label,
  /** English label, when the standard gives one. */
  labelEn: label.optional(),
  /** original shown, copy handed in, certified copy, photo, form, certificate, previous card. */
  kind: requirementSchema.shape.kind,
  /** Either/or: the applicant brings one of these; verifying the item means one of them was shown. */
  alternatives: z
    .array(
      z.strictObject({
        id: z.string().min(1).max(100),
        label,
        labelEn: label.optional(),
        kind: requirementSchema.shape.kind,
      }),
    )
    .optional(),
  /** The full wording for the applicant, derived from the label, quantity, attributes and alternatives. */
  wording: label.optional(),
  wordingEn: label.optional(),
  /** How many (two 3x4 photos). */
  quantity: z.number().int().positive(),
  /** A required item not verified blocks acceptance; optional ones ("bila ada") do not. */
  required: z.boolean(),
  /** Accepted variants, e.g. `berwarna`, `hitam_putih`. */
  variants: z.array(label),
  /** The step at which the item is verified, per channel (`tatap_muka`, `online`). */
  checkedAt: z.strictObject({ tatap_muka: stepId.optional(), online: stepId.optional() }),
})

/** One line of the document checklist: see {@link checklistItemSchema}. */
export type ChecklistItem = z.output<typeof checklistItemSchema>

/**
 * The document checklist one applicant must bring, in the order of the standard's requirements:
 * one ijazah and one daftar nilai per completed level, lowest first (the application's rules make
 * them run from SD up to the highest level), items with `onlyIf: 'has_courses'` (the SK's
 * "Sertifikat Kursus / keahlian bila ada") only when courses were declared, `has_work_history` only
 * when work history was declared, and `available` ("jika ada") always, never required. An item with
 * attributes or alternatives carries its derived `wording` ("Pas foto 3x4, latar merah, 2 lembar").
 *
 * @example
 * ```ts
 * checklistFor(balongbendo, parseApplication(input)).map((item) => item.id)
 * // ['ktp_asli', 'kk_asli', 'fotokopi_ktp', 'ijazah:sd', 'ijazah:smp', 'ijazah:sma', 'daftar_nilai:sd', ...]
 * ```
 */
export function checklistFor(
  standard: Pick<Standard, 'requirements'>,
  application: Pick<Application, 'education' | 'courses'> &
    Partial<Pick<Application, 'workHistory'>> & { previousCardNumber?: string | undefined },
): ChecklistItem[] {
  const levels = [...new Map(application.education.map((e) => [e.level, e])).values()].sort(
    (a, b) => educationLevels.indexOf(a.level) - educationLevels.indexOf(b.level),
  )
  const items: ChecklistItem[] = []
  for (const requirement of standard.requirements) {
    if (requirement.onlyIf === 'has_courses' && application.courses.length === 0) continue
    if (requirement.onlyIf === 'has_work_history' && (application.workHistory ?? []).length === 0) continue
    const base = {
      requirementId: requirement.id,
      kind: requirement.kind,
      quantity: requirement.quantity,
      required: requirement.onlyIf === 'available' ? false : requirement.required,
      variants: [...requirement.variants],
      checkedAt: { ...requirement.checkedAt },
      ...(requirement.alternatives ? { alternatives: requirement.alternatives.map((a) => ({ ...a })) } : {}),
      ...derivedWording(requirement),
    }
    if (!requirement.perEducationLevel) {
      items.push({ id: requirement.id, label: requirement.label, ...withEn(requirement.labelEn), ...base })
      continue
    }
    for (const entry of levels) {
      const name =
        entry.type && entry.type !== entry.level
          ? `${educationLabels[entry.level]} (${educationLabels[entry.type]})`
          : educationLabels[entry.level]
      items.push({
        id: `${requirement.id}:${entry.level}`,
        level: entry.level,
        label: `${requirement.label}: jenjang ${name}`,
        ...withEn(requirement.labelEn === undefined ? undefined : `${requirement.labelEn}: level ${name}`),
        ...base,
      })
    }
  }
  const previous = application.previousCardNumber
  // A renewal layanan lists the old card among its own requirements (kind `previous_card`).
  if (previous !== undefined && !standard.requirements.some((r) => r.kind === 'previous_card')) {
    // Registering again: the old card is shown where the originals are (optional: the SK names no
    // such requirement, so it never blocks acceptance).
    const original = standard.requirements.find((r) => r.kind === 'original')
    items.push({
      id: 'kartu_ak1_lama',
      requirementId: 'kartu_ak1_lama',
      label: `Kartu AK-1 lama No. ${previous} (pendaftaran ulang)`,
      labelEn: `Earlier AK-1 card No. ${previous} (registering again)`,
      kind: 'original',
      quantity: 1,
      required: false,
      variants: [],
      checkedAt: { ...(original?.checkedAt ?? {}) },
    })
  }
  return items
}

function withEn(labelEn: string | undefined): { labelEn?: string } {
  return labelEn === undefined ? {} : { labelEn }
}
