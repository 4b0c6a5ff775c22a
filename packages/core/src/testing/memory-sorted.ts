// A sorted set of string keys for the memory store's ordered indexes (ids, due instants): a binary
// search finds a key or where a page starts, so a page reads only what it returns.

/** Keys in code-unit order, as a database's binary collation sorts. @internal */
export interface SortedKeys extends Iterable<string> {
  readonly size: number
  add(key: string): void
  delete(key: string): void
  /** The keys after `key` (all when `undefined`), in order. */
  after(key: string | undefined): Generator<string, void, undefined>
}

/** An empty {@link SortedKeys}. @internal */
export function createSortedKeys(): SortedKeys {
  const keys: string[] = []
  /** The first index whose key is not below `key`. */
  const lowerBound = (key: string): number => {
    let lo = 0
    let hi = keys.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (keys[mid]! < key) lo = mid + 1
      else hi = mid
    }
    return lo
  }
  return {
    get size() {
      return keys.length
    },
    add(key) {
      // Ids are made in order, so most keys go at the end.
      if (keys.length === 0 || keys[keys.length - 1]! < key) {
        keys.push(key)
        return
      }
      const at = lowerBound(key)
      if (keys[at] !== key) keys.splice(at, 0, key)
    },
    delete(key) {
      const at = lowerBound(key)
      if (keys[at] === key) keys.splice(at, 1)
    },
    *after(key) {
      let i = key === undefined ? 0 : lowerBound(key)
      if (key !== undefined && keys[i] === key) i++
      // A key deleted while iterating shifts the rest left: re-find the position from the last key.
      while (i < keys.length) {
        const current = keys[i]!
        yield current
        i = keys[i] === current ? i + 1 : lowerBound(current)
        if (keys[i] === current) i++
      }
    },
    [Symbol.iterator]() {
      return this.after(undefined)
    },
  }
}

/** A due instant and an id as one key that sorts by instant, then id. @internal */
export function dueKey(dueMs: number, id: string): string {
  return `${String(Math.max(0, dueMs)).padStart(15, '0')}|${id}`
}

/** The instant and id of a {@link dueKey}. @internal */
export function splitDueKey(key: string): { dueMs: number; id: string } {
  return { dueMs: Number(key.slice(0, 15)), id: key.slice(16) }
}
