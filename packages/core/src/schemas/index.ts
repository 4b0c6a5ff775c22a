export {
  type Ak2Field,
  type Ak2Record,
  type Ak2RecordInput,
  ak2FieldLabels,
  ak2Fields,
  ak2RecordSchema,
  defaultAk2Settings,
  physicalSchema,
} from './ak2'
export {
  type Address,
  type Applicant,
  type Application,
  type ApplicationForm,
  type ApplicationInput,
  type AttachmentRef,
  addressSchema,
  applicantSchema,
  applicationSchema,
  attachmentRefSchema,
  type Contacts,
  type Course,
  contactsSchema,
  courseSchema,
  type DesiredJob,
  desiredJobSchema,
  type EducationEntry,
  educationEntrySchema,
  educationSchema,
  formSchema,
  type LanguageSkill,
  languageSkillSchema,
  normalizeMobile,
  type ParseApplicationOptions,
  parseApplication,
  photoSchema,
  type SafeParseApplicationResult,
  safeParseApplication,
  type WorkExperience,
  workExperienceSchema,
} from './application'
export { type ChecklistItem, checklistFor, checklistItemSchema } from './checklist'
export * from './enums'
export { actorIdProblem, actorIdSchema } from './identity'
export { type NikParts, type ParseNikOptions, parseNik } from './nik'
export { indonesiaProvinceCodes } from './province-codes'
