import type { AttachmentStore } from './attachment-store'
import type { CaseStore } from './case-store'
import type { SequenceAllocator } from './sequence-allocator'
import type { WorkQueue } from './work-queue'

/**
 * A store that implements the four storage ports at once, as `createMemoryStore` and
 * `createSqliteStore` do: what `createAk1Service({ store })` takes. Its `capabilities` are the union
 * of the ports' flags.
 */
export interface Ak1Store extends CaseStore, WorkQueue, SequenceAllocator, AttachmentStore {
  readonly id: string
  readonly capabilities: CaseStore['capabilities'] &
    WorkQueue['capabilities'] &
    SequenceAllocator['capabilities'] &
    AttachmentStore['capabilities']
}
