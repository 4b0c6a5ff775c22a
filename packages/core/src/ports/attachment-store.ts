/** A stored attachment. */
export interface AttachmentRecord {
  sha256: string
  contentType: string
  size: number
  bytes: Uint8Array
}

/** Optional behaviour an attachment store declares instead of being probed. */
export interface AttachmentStoreCapabilities {
  /** Bytes are stored encrypted. */
  encryption?: boolean
}

/**
 * Files by their sha256 (scans, photos). Storing the same bytes twice keeps one copy; a lookup that
 * misses answers `null`; an infrastructure failure throws. `describeAttachmentStore` checks this.
 */
export interface AttachmentStore {
  readonly id: string
  readonly capabilities: AttachmentStoreCapabilities
  /** Stores bytes under their sha256; storing the same bytes again is a no-op. */
  putAttachment(attachment: AttachmentRecord): Promise<void>
  /** The attachment, or `null`. */
  getAttachment(sha256: string): Promise<AttachmentRecord | null>
}
