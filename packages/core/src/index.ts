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
 * The browser-safe part (standard, schemas, checklist, calendar, messages) is also
 * `@ak1/core/model`.
 * @packageDocumentation
 */

export * from './card/index'
export * from './complaints/index'
export * from './engine/index'
export * from './model/index'
export type * from './ports/attachment-store'
export type * from './ports/case-store'
export type * from './ports/notifier'
export type * from './ports/records'
export type * from './ports/sequence-allocator'
export type * from './ports/sipraja'
export type * from './ports/store'
export type * from './ports/work-queue'
export * from './procedure/index'
export * from './reports/index'
export * from './survey/index'
