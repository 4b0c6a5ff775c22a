import { hexToBytes, utf8ToBytes } from '@noble/hashes/utils.js'
import { sha256Hex } from '../util/sha256'

/**
 * The head of one aggregate's audit trail at the time of a checkpoint: its id, its length (the last
 * `seq`) and the hash of its last entry.
 */
export interface CheckpointLeaf {
  caseId: string
  seq: number
  hash: string
}

const LEAF = new Uint8Array([0])
const NODE = new Uint8Array([1])

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let at = 0
  for (const p of parts) {
    out.set(p, at)
    at += p.length
  }
  return out
}

/**
 * The hash of one leaf, as in RFC 6962 (Certificate Transparency): SHA-256 over a 0x00 byte and the
 * leaf's text `caseId \n seq \n hash`, so a leaf can never be taken for an inner node.
 */
export function leafHash(leaf: CheckpointLeaf): string {
  return sha256Hex(concat(LEAF, utf8ToBytes(`${leaf.caseId}\n${leaf.seq}\n${leaf.hash}`)))
}

function nodeHash(left: string, right: string): string {
  return sha256Hex(concat(NODE, hexToBytes(left), hexToBytes(right)))
}

/** Largest power of two below `n` (n >= 2). */
function split(n: number): number {
  let k = 1
  while (k * 2 < n) k *= 2
  return k
}

function rootOfHashes(hashes: readonly string[], from: number, to: number): string {
  const n = to - from
  if (n === 1) return hashes[from]!
  const k = split(n)
  return nodeHash(rootOfHashes(hashes, from, from + k), rootOfHashes(hashes, from + k, to))
}

/** Leaves in the order the tree takes them: by `caseId`, compared by UTF-16 code units. */
export function sortLeaves(leaves: readonly CheckpointLeaf[]): CheckpointLeaf[] {
  return [...leaves].sort((a, b) => (a.caseId < b.caseId ? -1 : a.caseId > b.caseId ? 1 : 0))
}

/**
 * The Merkle tree hash of RFC 6962 section 2.1 over the leaves in the order given (the hash of the
 * empty string for none). Pure and browser-safe: an office or a kabupaten can recompute a
 * checkpoint's root from its exported leaves anywhere.
 */
export function merkleRoot(leaves: readonly CheckpointLeaf[]): string {
  if (leaves.length === 0) return sha256Hex(new Uint8Array(0))
  return rootOfHashes(leaves.map(leafHash), 0, leaves.length)
}

/**
 * The audit path of leaf `index` (RFC 6962 section 2.1.1): the sibling hashes from the leaf up to
 * the root, so one case can be shown to be in a checkpoint without the other cases' leaves.
 */
export function inclusionProof(leaves: readonly CheckpointLeaf[], index: number): string[] {
  if (!Number.isInteger(index) || index < 0 || index >= leaves.length) {
    throw new RangeError(`leaf ${index} is not in a tree of ${leaves.length}`)
  }
  const hashes = leaves.map(leafHash)
  const path = (m: number, from: number, to: number): string[] => {
    const n = to - from
    if (n === 1) return []
    const k = split(n)
    return m < k
      ? [...path(m, from, from + k), rootOfHashes(hashes, from + k, to)]
      : [...path(m - k, from + k, to), rootOfHashes(hashes, from, from + k)]
  }
  return path(index, 0, hashes.length)
}

/**
 * Checks an audit path (RFC 9162 section 2.1.3.2): true when `leaf` at `index` of a tree of `size`
 * leaves with `proof` hashes up to `root`.
 */
export function verifyInclusion(
  leaf: CheckpointLeaf,
  index: number,
  size: number,
  proof: readonly string[],
  root: string,
): boolean {
  if (!Number.isInteger(index) || index < 0 || index >= size) return false
  let fn = index
  let sn = size - 1
  let r = leafHash(leaf)
  for (const p of proof) {
    if (sn === 0) return false
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r)
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2)
          sn = Math.floor(sn / 2)
        }
      }
    } else {
      r = nodeHash(r, p)
    }
    fn = Math.floor(fn / 2)
    sn = Math.floor(sn / 2)
  }
  return sn === 0 && r === root
}
