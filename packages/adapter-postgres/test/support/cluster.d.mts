/**
 * A throwaway PostgreSQL cluster of the tests' own: `initdb` into a temporary folder, started with
 * `pg_ctl` on a free loopback port. The server refuses to run as root, so as root every command runs
 * as the `postgres` user (`su postgres -c`), which must own the folder. TCP connections need the
 * superuser's password (scram-sha-256), so a wrong password is really refused.
 */
export interface TestCluster {
  readonly port: number
  readonly dir: string
  /** A connection string to the cluster (superuser `postgres` by default). */
  url(options?: { user?: string; password?: string; database?: string }): string
  /** CPU seconds the server's processes used so far (Linux `/proc`; 0 where unavailable), over restarts. */
  cpuSeconds(): number
  /** `pg_ctl restart -m fast`: the server goes away and comes back on the same port. */
  restart(): void
  /** A streaming replica of this cluster, made with `pg_basebackup`. */
  startReplica(): Promise<TestCluster>
  stop(): void
}

/** The superuser's password of every test cluster. */
export declare const superuserPassword: string

/** Starts a fresh cluster. Call `stop()` after the tests (it also deletes the folder). */
export declare function startCluster(): Promise<TestCluster>
