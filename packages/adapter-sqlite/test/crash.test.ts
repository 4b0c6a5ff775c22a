import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fixture, startChild } from './helpers/child'
import { tempDir } from './helpers/temp'
import { type Ack, verifyFile } from './helpers/verify-file'
import { type ServiceAck, verifyServiceFile } from './helpers/verify-service-file'

const kills = 20
// Each kill spawns a Node process and re-verifies the whole file: about 5-10 s per test on an idle
// machine, so the limit leaves room for a loaded 2-core CI runner.

describe('crash safety: a writer killed with SIGKILL at random moments', () => {
  let tmp: ReturnType<typeof tempDir>
  beforeAll(() => {
    tmp = tempDir('ak1-sqlite-crash-')
  })
  afterAll(() => tmp?.remove())

  it(`keeps every acknowledged commit whole, with its audit entry, outbox and due rows (${kills} kills)`, async () => {
    const file = tmp.file()
    const acks: Ack[] = []
    for (let run = 0; run < kills; run++) {
      const child = startChild(fixture('crash-writer.mjs'), [file, `r${run}`])
      // Once the child commits, let it run a random while (0-120 ms), then kill it without warning.
      await child.waitForLines(1)
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 120))
      child.kill('SIGKILL')
      const exit = await child.exited
      expect(exit.signal, exit.stderr).toBe('SIGKILL')
      const acked = child.lines as Ack[]
      expect(acked.length).toBeGreaterThan(0)
      acks.push(...acked)
      expect(verifyFile(file, acks), `after kill ${run + 1}`).toEqual([])
    }
    expect(new Set(acks.map((a) => a.command)).size).toBe(acks.length)
  }, 120_000)

  it(`the real engine (createAk1Service, submit and act) loses nothing acknowledged either (${kills} kills)`, async () => {
    const file = tmp.file('service.sqlite')
    const acks: ServiceAck[] = []
    for (let run = 0; run < kills; run++) {
      const child = startChild(fixture('crash-service.mjs'), [file, `s${run}`])
      await child.waitForLines(1)
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 150))
      child.kill('SIGKILL')
      const exit = await child.exited
      expect(exit.signal, exit.stderr).toBe('SIGKILL')
      acks.push(...(child.lines as ServiceAck[]))
      expect(await verifyServiceFile(file, acks), `after kill ${run + 1}`).toEqual([])
    }
    // Cases went all the way through the procedure across the kills.
    expect(acks.some((a) => a.final)).toBe(true)
  }, 120_000)

  it('the check finds a lost outbox row, an edited audit entry and a half-written command', async () => {
    const file = tmp.file('spoiled.sqlite')
    const child = startChild(fixture('crash-writer.mjs'), [file, 'x'])
    await child.waitForLines(20)
    child.kill('SIGKILL')
    await child.exited
    const acks = child.lines as Ack[]
    expect(verifyFile(file, acks)).toEqual([])
    const db = new Database(file)
    const [first, second, third] = acks
    db.prepare('DELETE FROM ak1_outbox WHERE id = ?').run(`${first!.command}:o2`)
    db.prepare(
      "UPDATE ak1_audit SET entry = replace(entry, 'petugas-1', 'petugas-2') WHERE case_id = ? AND seq = ?",
    ).run(second!.caseId, second!.seq)
    db.prepare('DELETE FROM ak1_due WHERE id = ?').run(`${third!.command}:d`)
    db.close()
    const problems = verifyFile(file, acks).join('\n')
    expect(problems).toContain(`acknowledged ${first!.command}: outbox o2 missing`)
    expect(problems).toContain(`case ${second!.caseId}: chain broken at ${second!.seq}`)
    expect(problems).toContain(`command ${third!.command}: due row missing`)
  })
})
