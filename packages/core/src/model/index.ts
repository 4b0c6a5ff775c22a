/**
 * The browser-safe part of `@ak1/core`: the Standar Pelayanan model (`defineStandard`,
 * `balongbendo`, `createStandardCatalog`), the application schemas (`parseApplication`,
 * `parseNik`), the document checklist, the working calendar and SLA clock
 * (`createWorkingCalendar`, `indonesiaHolidays`), the notice texts and the errors with their
 * messages in Bahasa Indonesia and English. Nothing here imports a `node:*` module, so a portal's
 * form can validate with the library's own rules in the browser.
 *
 * ```ts
 * import { parseApplication, ValidationError } from '@ak1/core/model'
 * try {
 *   parseApplication(formData)
 * } catch (error) {
 *   if (error instanceof ValidationError) showErrors(error.issues) // each with path and message
 * }
 * ```
 * @packageDocumentation
 */

export * from '../errors/errors'
export { type ParseOptionsSettings, parseOptions, type RuleText } from '../i18n/parse-options'
export * from '../notices/index'
export { type Clock, systemClock } from '../ports/clock'
export * from '../schemas/index'
export * from '../sla/index'
export * from '../standard/index'
export { balongbendo, balongbendoInput } from '../standards/balongbendo'
