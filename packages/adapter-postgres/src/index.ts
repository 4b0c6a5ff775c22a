/**
 * `@ak1/adapter-postgres`: the @ak1 store on PostgreSQL, for a kabupaten that runs all its kecamatan
 * on one database behind several application servers.
 *
 * ```sh
 * npm install @ak1/core @ak1/adapter-postgres
 * ```
 *
 * Work in progress: this release holds the validated options, the error mapping and the versioned
 * schema migration under an advisory lock; the ports arrive with the engine restructure.
 * @packageDocumentation
 */

export type { PostgresCommonOptions, PostgresConnection, PostgresStoreOptions } from './options'
