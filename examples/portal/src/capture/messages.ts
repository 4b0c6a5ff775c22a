/** One message a capture server received: what the outbox page shows. */
export interface CapturedMessage {
  /** `email` or `sms`. */
  channel: 'email' | 'sms'
  /** When it arrived (ISO). */
  at: string
  /** The address or number it was sent to. */
  to: string
  /** The e-mail subject; absent for an SMS. */
  subject?: string
  /** The text body. */
  text: string
  /** The notifier's message id (the outbox row id), when the message carries it. */
  reference?: string
}

/**
 * What the capture servers received, newest last. Kept in memory only: the messages hold contacts and
 * names, which must not reach the disk in clear.
 */
export interface MessageLog {
  readonly messages: readonly CapturedMessage[]
  add(message: CapturedMessage): void
}

/** An in-memory {@link MessageLog} that keeps the last `limit` messages. */
export function createMessageLog(limit = 500): MessageLog {
  const messages: CapturedMessage[] = []
  return {
    messages,
    add(message) {
      messages.push(message)
      if (messages.length > limit) messages.splice(0, messages.length - limit)
    },
  }
}
