import { ensureBuilt } from './helpers/child'

/** Builds a missing or stale dist once, before any test file starts child processes on it. */
export function setup(): void {
  ensureBuilt()
}
