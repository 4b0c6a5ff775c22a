/**
 * `@ak1/core/testing`: fakes and conformance suites for tests of embeddings and adapters.
 * @packageDocumentation
 */
export {}
