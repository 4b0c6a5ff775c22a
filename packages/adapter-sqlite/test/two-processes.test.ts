import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Child, fixture, startChild } from './helpers/child'
import { tempDir } from './helpers/temp'
import { type Ack, verifyFile } from './helpers/verify-file'

const caseCount = 20
/** A case goes through six actions to its final state. */
const rounds = 6

interface Round {
  wins: Array<Ack & { race: number }>
  lost: Array<{ caseId: string; version: number; message: string }>
}

async function answer<T>(child: Child, command: string): Promise<T> {
  const before = child.lines.length
  child.write(`${command}\n`)
  await child.waitForLines(before + 1)
  return child.lines[before] as T
}

describe('two processes acting on the same cases at once', () => {
  let tmp: ReturnType<typeof tempDir>
  beforeAll(() => {
    tmp = tempDir('ak1-sqlite-race-')
  })
  afterAll(() => tmp?.remove())

  it('exactly one wins each case version, the other gets ConflictError; sequences stay gap-free', async () => {
    const file = tmp.file()
    const a = startChild(fixture('race-writer.mjs'), [file, 'a'])
    const b = startChild(fixture('race-writer.mjs'), [file, 'b'])
    try {
      expect(await answer(a, `create ${caseCount}`)).toEqual({ created: caseCount })
      const raceNumbers: number[] = []
      for (let round = 1; round <= rounds; round++) {
        // Both read every case at the same version before either writes.
        expect(await Promise.all([answer(a, 'load'), answer(b, 'load')])).toEqual([
          { loaded: caseCount },
          { loaded: caseCount },
        ])
        const [ra, rb] = await Promise.all([answer<Round>(a, 'go asc'), answer<Round>(b, 'go desc')])
        const wins = [...ra.wins, ...rb.wins]
        const lost = [...ra.lost, ...rb.lost]
        // One winner per case at version round + 1, and the other process lost that same version.
        expect(wins.map((w) => `${w.caseId}@${w.version}`).sort()).toEqual(
          Array.from({ length: caseCount }, (_, i) => `case-${String(i + 1).padStart(3, '0')}@${round + 1}`),
        )
        expect(lost.map((l) => `${l.caseId}@${l.version}`).sort()).toEqual(
          wins.map((w) => `${w.caseId}@${w.version}`).sort(),
        )
        for (const l of lost) expect(l.message).toMatch(/sudah berubah/)
        raceNumbers.push(...wins.map((w) => w.race))
      }
      expect([...raceNumbers].sort((x, y) => x - y)).toEqual(
        Array.from({ length: caseCount * rounds }, (_, i) => i + 1),
      )
      a.write('quit\n')
      b.write('quit\n')
    } finally {
      a.kill('SIGTERM')
      b.kill('SIGTERM')
      await Promise.all([a.exited, b.exited])
    }
    const acks = [...a.lines, ...b.lines].flatMap((l) => (l as Partial<Round>).wins ?? [])
    // Every case reached its final state, whole; register numbers 1..20 once each (in verifyFile).
    expect(verifyFile(file, acks)).toEqual([])
  }, 180_000)
})
