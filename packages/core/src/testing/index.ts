/**
 * `@ak1/core/testing`: fakes and conformance suites for tests of embeddings and adapters.
 *
 * ```ts
 * import { createMemoryStore, describeCaseStore, sampleApplication } from '@ak1/core/testing'
 * ```
 * @packageDocumentation
 */
export * from './application'
export * from './delivery'
export * from './store'
