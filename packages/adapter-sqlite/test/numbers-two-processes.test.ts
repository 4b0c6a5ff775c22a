import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Child, ensureBuilt, fixture, startChild } from './helpers/child'
import { tempDir } from './helpers/temp'

interface Submitted {
  cases: Array<{ id: string; trackingCode: string }>
  retries: number
}
interface Registered {
  numbers: Array<{ id: string; registerNumber: string }>
  retries: number
}

async function answer<T>(child: Child, command: string): Promise<T> {
  const before = child.lines.length
  child.write(`${command}\n`)
  await child.waitForLines(before + 1)
  return child.lines[before] as T
}

const oneTo = (n: number) => Array.from({ length: n }, (_, i) => i + 1)
const sorted = (values: number[]) => [...values].sort((a, b) => a - b)

describe('numbers taken inside the commit, two processes on one SQLite file', () => {
  let tmp: ReturnType<typeof tempDir>
  beforeAll(() => {
    ensureBuilt()
    tmp = tempDir('ak1-sqlite-numbers-')
  })
  afterAll(() => tmp?.remove())

  it('400 submissions get tracking codes 1..400 and 400 registrations register numbers 1..400, no gap', async () => {
    const file = tmp.file()
    const a = startChild(fixture('service-numbers.mjs'), [file])
    const b = startChild(fixture('service-numbers.mjs'), [file])
    try {
      // Eight at a time from each process, both at once.
      const [sa, sb] = await Promise.all([
        answer<Submitted>(a, 'submit 200'),
        answer<Submitted>(b, 'submit 200'),
      ])
      const cases = [...sa.cases, ...sb.cases]
      const trackingSeqs = cases.map((c) => Number(c.trackingCode.slice(c.trackingCode.lastIndexOf('-') + 1)))
      expect(sorted(trackingSeqs)).toEqual(oneTo(400))
      console.log(`submissions: ${sa.retries + sb.retries} commits retried`)

      const idsA = sa.cases.map((c) => c.id)
      const idsB = sb.cases.map((c) => c.id)
      await Promise.all([answer(a, `advance ${idsA.join(',')}`), answer(b, `advance ${idsB.join(',')}`)])
      // A commit made to fail after taking the register number changes nothing and uses no number.
      expect(await answer(a, `fail-once ${idsA[0]}`)).toEqual({ failed: 'ADAPTER' })
      const [ra, rb] = await Promise.all([
        answer<Registered>(a, `register ${idsA.join(',')}`),
        answer<Registered>(b, `register ${idsB.join(',')}`),
      ])
      const numbers = [...ra.numbers, ...rb.numbers].map((n) => Number(n.registerNumber.split('/')[0]))
      expect(sorted(numbers)).toEqual(oneTo(400))
      console.log(`registrations: ${ra.retries + rb.retries} commits retried`)
      a.write('quit\n')
      b.write('quit\n')
    } finally {
      a.kill('SIGTERM')
      b.kill('SIGTERM')
      await Promise.all([a.exited, b.exited])
    }
    const db = new Database(file, { readonly: true })
    try {
      const sequences = db.prepare('SELECT name, value FROM ak1_sequences ORDER BY name').all()
      expect(sequences).toEqual([
        { name: 'register', value: 400 },
        { name: 'tracking', value: 400 },
      ])
      expect(db.prepare('SELECT count(*) FROM ak1_cases WHERE state = ?').pluck().get('pencetakan')).toBe(400)
    } finally {
      db.close()
    }
  }, 600_000)
})
