/**
 * `@ak1/core/arbitraries`: fast-check arbitraries of valid, invalid and adversarial applications,
 * for property tests of a portal's forms or of the schemas. Needs `fast-check` (an optional peer
 * dependency of `@ak1/core`).
 *
 * ```ts
 * import { arbitraryApplication } from '@ak1/core/arbitraries'
 * import { parseApplication } from '@ak1/core'
 * import fc from 'fast-check'
 *
 * fc.assert(fc.property(arbitraryApplication(), (input) => { parseApplication(input) }))
 * ```
 * @packageDocumentation
 */
export {
  arbitraryAdversarialInput,
  arbitraryApplication,
  arbitraryInvalidApplication,
  type InvalidApplicationCase,
} from '../testing/application'
