import type { OutboxRow } from '../ports/work-queue'

/**
 * A case's outbox rows for one command, read from the store only when something needs them: an
 * incident decision, the print step, or a view's `deliveries` and `incidents`. Most commands need
 * none of them, and a caller that reads only the new version never pays for the read.
 * @internal
 */
export interface CaseRows {
  /** The rows as they stood before the command's commit (read once, on the first call). */
  before(): readonly OutboxRow[]
  /**
   * A fresh read for a view made once the commit is done, which then holds this commit's rows
   * itself; `undefined` when the store cannot read synchronously (the view then adds this commit's
   * rows to {@link before}).
   */
  readonly live: (() => readonly OutboxRow[]) | undefined
  /** Set by the pipeline once the commit is stored. */
  committed: boolean
}

/** Rows read lazily through `read` (a synchronous read of the store). @internal */
export function lazyCaseRows(read: () => readonly OutboxRow[]): CaseRows {
  let before: readonly OutboxRow[] | undefined
  return {
    before: () => {
      before ??= read()
      return before
    },
    live: read,
    committed: false,
  }
}

/** Rows already read (a store without a synchronous read, or none at all). @internal */
export function readCaseRows(rows: readonly OutboxRow[]): CaseRows {
  return { before: () => rows, live: undefined, committed: false }
}
