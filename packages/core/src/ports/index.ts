/**
 * The interfaces adapters implement, and the errors they throw.
 *
 * ```ts
 * import type { Ak1Store, CaseStore, WorkQueue } from '@ak1/core/ports'
 * import { AdapterError, ConflictError, parseOptions } from '@ak1/core/ports'
 * ```
 * @packageDocumentation
 */
export * from '../errors/errors'
export { type ParseOptionsSettings, parseOptions, type RuleText } from '../i18n/parse-options'
export type * from './attachment-store'
export type * from './case-store'
export * from './clock'
export * from './codec'
export type * from './notifier'
export * from './paging'
export type * from './records'
export type * from './sequence-allocator'
export type * from './sipraja'
export type * from './store'
export * from './stream'
export type * from './work-queue'
