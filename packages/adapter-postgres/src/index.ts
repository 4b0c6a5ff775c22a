/**
 * `@ak1/adapter-postgres`: the @ak1 store on PostgreSQL, for a kabupaten that runs all its kecamatan
 * on one database behind several application servers.
 *
 * ```sh
 * npm install @ak1/core @ak1/adapter-postgres
 * ```
 * @packageDocumentation
 */

export type { AggregateSnapshot } from './import'
export type {
  EncryptionKeyInput,
  EncryptionKeyring,
  PostgresCommonOptions,
  PostgresConnection,
  PostgresStoreOptions,
} from './options'
export type { OfficeClaimOptions } from './queue'
export { type ResealOptions, type ResealReport, resealPostgresStore } from './reseal'
export { type OfficeRolesOptions, setupOfficeRoles } from './roles'
export { createPostgresStore, type PostgresStore } from './store'
