/**
 * The interfaces adapters implement, and the errors they throw.
 *
 * ```ts
 * import type { CaseStore } from '@ak1/core/ports'
 * import { AdapterError, ConflictError, parseOptions } from '@ak1/core/ports'
 * ```
 * @packageDocumentation
 */
export * from '../errors/errors'
export { type ParseOptionsSettings, parseOptions, type RuleText } from '../i18n/parse-options'
export type * from './case-store'
export * from './clock'
export type * from './notifier'
export type * from './sipraja'
