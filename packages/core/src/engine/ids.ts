import { randomBytes } from 'node:crypto'

const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'

/**
 * A generator of case ids: 26-character Crockford base-32 ULIDs (48-bit time, 80-bit random),
 * sortable by creation. Ids made in the same millisecond (or with a clock that stands still or goes
 * back, as a fake clock may) stay strictly increasing within the process.
 * @internal
 */
export function createIdGenerator(): (at: Date) => string {
  let lastTime = -1
  let lastRandom: number[] = []
  return (at) => {
    let time = Math.max(0, Math.floor(at.getTime()))
    let random: number[]
    if (time <= lastTime) {
      time = lastTime
      random = increment(lastRandom)
    } else {
      const bytes = randomBytes(16)
      random = Array.from({ length: 16 }, (_, i) => bytes[i]! % 32)
      // Leave headroom so increments within one millisecond never overflow.
      random[0] = random[0]! % 16
    }
    lastTime = time
    lastRandom = random
    return encodeTime(time) + random.map((d) => alphabet[d]).join('')
  }
}

function encodeTime(time: number): string {
  let out = ''
  let t = time
  for (let i = 0; i < 10; i++) {
    out = alphabet[t % 32]! + out
    t = Math.floor(t / 32)
  }
  return out
}

function increment(digits: number[]): number[] {
  const out = digits.slice()
  for (let i = out.length - 1; i >= 0; i--) {
    if (out[i]! < 31) {
      out[i] = out[i]! + 1
      return out
    }
    out[i] = 0
  }
  return out
}
