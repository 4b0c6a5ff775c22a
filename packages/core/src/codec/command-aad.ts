/**
 * The additional data a sealed command result is bound to (every store seals command results this
 * way, so the binding lives beside the codec): its scope (the office) and its id, so a
 * result copied onto the same command id of another office does not open. JSON keeps the pair
 * unambiguous whatever characters the scope or id hold.
 * @internal
 */
export function commandAad(scope: string, id: string): string {
  return `command:${JSON.stringify([scope, id])}`
}

/** The binding of results sealed before the scope was part of it: the id alone. @internal */
export function legacyCommandAad(id: string): string {
  return `command:${id}`
}

/**
 * Opens a command result with `open`, bound to its scope and id, or else (a row sealed before the
 * scope was bound, until a key rotation re-seals it) to its id alone; the first failure otherwise.
 * @internal
 */
export function openCommandResult<V, T>(
  open: (value: V, aad: string) => T,
  row: { scope: string; id: string; result: V },
): T {
  try {
    return open(row.result, commandAad(row.scope, row.id))
  } catch (error) {
    try {
      return open(row.result, legacyCommandAad(row.id))
    } catch {
      throw error
    }
  }
}
