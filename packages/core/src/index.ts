/**
 * `@ak1/core`: the AK-1 (Kartu Pencari Kerja) service of an Indonesian kecamatan office, run
 * exactly as its Standar Pelayanan (SK) describes it.
 *
 * ```sh
 * npm install @ak1/core
 * ```
 * ```ts
 * import { balongbendo, defineStandard } from '@ak1/core'
 * const standard = defineStandard({ ...balongbendo, hash: undefined, version: '2024.1' })
 * console.log(standard.steps.map((s) => s.id))
 * ```
 * @packageDocumentation
 */

export * from './engine/index'
export * from './errors/errors'
export { type ParseOptionsSettings, parseOptions, type RuleText } from './i18n/parse-options'
export * from './notices/index'
export type * from './ports/attachment-store'
export type * from './ports/case-store'
export { type Clock, systemClock } from './ports/clock'
export type * from './ports/notifier'
export type * from './ports/sequence-allocator'
export type * from './ports/sipraja'
export type * from './ports/store'
export type * from './ports/work-queue'
export * from './procedure/index'
export * from './schemas/index'
export * from './sla/index'
export * from './standard/index'
export { balongbendo, balongbendoInput } from './standards/balongbendo'
