// Section 3: the overdue list, a role's worklist and a case timeline through the service, with
// `queryCases` cases in the SQLite store.
//
// The cases are generated in bulk from templates: real cases are run through the engine (fixed
// clock) and the rows the store wrote after each command (case, audit, outbox, due) are captured,
// one template per state, including returned, rejected and withdrawn cases. Each generated case
// copies a template's rows with its own id, tracking code, NIK and instants, straight into the
// adapter's schema with SQL (indexes dropped during the load and rebuilt after, as a bulk import
// does). Copied audit entries keep the template's hashes, so their chains do not verify; reading
// them costs the same. 5 % of all cases are overdue, in every open state that has a due time.

import { createSqliteStore } from '@ak1/adapter-sqlite'
import { balongbendo, createAk1Service } from '@ak1/core'
import Database from 'better-sqlite3'
import { actors, applicationFor, planEvents } from './e2e.mjs'
import { percentile, random, round, tempDir } from './util.mjs'

/** "Now" of the measurement: Monday 16 March 2026, 10.00 WIB. */
const nowMs = Date.parse('2026-03-16T03:00:00.000Z')
const minute = 60_000
const day = 24 * 60 * minute

/** A clock that moves `stepMs` on every read, so captured rows have distinct, ordered instants. */
function steppingClock(startMs, stepMs) {
  let t = startMs
  return {
    now: () => {
      t += stepMs
      return new Date(t)
    },
  }
}

/** Runs template cases and captures the rows of each case after every command, keyed by state. */
async function captureTemplates(filename) {
  const store = createSqliteStore({ filename, plaintext: true })
  const service = createAk1Service({
    standard: balongbendo,
    store,
    clock: steppingClock(nowMs - 30 * day, minute),
  })
  const reader = new Database(filename, { readonly: true })
  const q = {
    case: reader.prepare('SELECT * FROM ak1_cases WHERE id = ?'),
    cold: reader.prepare('SELECT * FROM ak1_case_cold WHERE id = ?'),
    audit: reader.prepare('SELECT * FROM ak1_audit WHERE case_id = ? ORDER BY seq'),
    outbox: reader.prepare('SELECT * FROM ak1_outbox WHERE case_id = ? ORDER BY seq'),
    due: reader.prepare('SELECT * FROM ak1_due WHERE case_id = ?'),
  }
  const templates = new Map()
  const capture = (id) => {
    const row = q.case.get(id)
    templates.set(row.state, {
      case: row,
      cold: q.cold.get(id),
      audit: q.audit.all(id),
      outbox: q.outbox.all(id),
      due: q.due.all(id),
    })
  }
  try {
    const events = await planEvents(service)
    // The main path: a template in every state from penerimaan to selesai.
    let view = await service.submit(applicationFor(1), { actor: actors.petugas, channel: 'tatap_muka' })
    capture(view.id)
    for (const { event, actor } of events) {
      view = await service.act(view.id, event, { actor, expectedVersion: view.version })
      capture(view.id)
    }
    // Returned to the applicant (paused clock), rejected, withdrawn.
    const side = async (n, steps, last) => {
      let v = await service.submit(applicationFor(n), { actor: actors.petugas, channel: 'tatap_muka' })
      for (const { event, actor } of events.slice(0, steps)) {
        v = await service.act(v.id, event, { actor, expectedVersion: v.version })
      }
      v = await service.act(v.id, last.event, { actor: last.actor, expectedVersion: v.version })
      capture(v.id)
    }
    await side(2, 2, {
      event: { type: 'RETURN', missing: ['ijazah:sma'], reason: 'Ijazah SMA tidak terbaca' },
      actor: actors.operator,
    })
    await side(3, 3, { event: { type: 'REJECT', reason: 'Data tidak sesuai KTP' }, actor: actors.admin })
    const withdrawing = { ...actors.petugas, onBehalfOf: applicationFor(4).applicant.nik }
    await side(4, 1, { event: { type: 'WITHDRAW', reason: 'Pemohon membatalkan' }, actor: withdrawing })
  } finally {
    reader.close()
    await store.close()
  }
  return templates
}

const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
/** A 26-character sortable id like the engine's: 10 characters of time, 16 of counter. */
function caseId(createdMs, n) {
  let time = ''
  for (let t = createdMs, i = 0; i < 10; i++, t = Math.floor(t / 32)) time = alphabet[t % 32] + time
  let tail = ''
  for (let v = n, i = 0; i < 16; i++, v = Math.floor(v / 32)) tail = alphabet[v % 32] + tail
  return time + tail
}

/** Which template each generated case copies: open states share 55 %, final states 45 %. */
function stateWeights(templates) {
  const open = [...templates.keys()].filter((s) => templates.get(s).case.final === 0)
  const weights = open.map((s) => [s, 0.55 / open.length])
  weights.push(['selesai', 0.4], ['ditolak', 0.03], ['dibatalkan', 0.02])
  return weights.filter(([s]) => templates.has(s))
}

/** Writes `count` cases into a fresh store file; returns a sample of ids and the counts. */
function generate(filename, templates, count) {
  const db = new Database(filename)
  // A bulk load of a throw-away file: no journal (the WAL would write every page twice); the file is
  // put back in WAL mode, as the store runs it, before anything is measured.
  db.pragma('journal_mode = OFF')
  db.pragma('synchronous = OFF')
  db.pragma('cache_size = -262144')
  const indexes = db
    .prepare(
      "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ('ak1_cases', 'ak1_outbox', 'ak1_due')",
    )
    .all()
  for (const { name } of indexes) db.exec(`DROP INDEX ${name}`)
  const columns = (table) => db.prepare(`SELECT name FROM pragma_table_info('${table}')`).pluck().all()
  const insert = (table) => {
    const cols = columns(table)
    const stmt = db.prepare(
      `INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map((c) => `@${c}`).join(', ')})`,
    )
    return (row) => stmt.run(row)
  }
  const put = {
    case: insert('ak1_cases'),
    cold: insert('ak1_case_cold'),
    audit: insert('ak1_audit'),
    outbox: insert('ak1_outbox'),
    due: insert('ak1_due'),
  }
  const weights = stateWeights(templates)
  const overdueStates = [...templates.values()].filter((t) => t.case.final === 0 && t.case.due_ms !== null)
  const rnd = random(42)
  const firstMs = nowMs - 730 * day
  const sample = []
  const counts = { overdue: 0, byState: {} }
  const swap = (text, from, to) =>
    typeof text === 'string' ? text.replaceAll(from, to) : Buffer.from(text.toString().replaceAll(from, to))
  db.exec("INSERT OR IGNORE INTO ak1_offices (code) VALUES ('balongbendo')")
  const batch = db.transaction((from, to) => {
    for (let n = from; n < to; n++) {
      const createdMs = firstMs + Math.floor(((n + 0.5) / count) * 729 * day)
      const id = caseId(createdMs, n)
      let template
      let dueMs
      if (rnd() < 0.05 && overdueStates.length > 0) {
        template = overdueStates[Math.floor(rnd() * overdueStates.length)]
        dueMs = nowMs - 1 - Math.floor(rnd() * 30 * day)
        counts.overdue++
      } else {
        let r = rnd()
        let state = weights.at(-1)[0]
        for (const [s, w] of weights) {
          r -= w
          if (r < 0) {
            state = s
            break
          }
        }
        template = templates.get(state)
        dueMs = template.case.due_ms === null ? null : nowMs + 1 + Math.floor(rnd() * 3 * day)
      }
      const t = template.case
      counts.byState[t.state] = (counts.byState[t.state] ?? 0) + 1
      const createdAt = new Date(createdMs).toISOString()
      const updatedAt = new Date(Math.min(nowMs, createdMs + 2 * day)).toISOString()
      const serial = String(n).padStart(7, '0')
      put.case({
        ...t,
        id,
        tracking_code: `AK1-G-${serial}`,
        nik_lookup: `351512540501${serial.slice(-4)}`,
        created_at: createdAt,
        updated_at: updatedAt,
        due_at: dueMs === null ? null : new Date(dueMs).toISOString(),
        due_ms: dueMs,
      })
      if (template.cold) put.cold({ id, body: template.cold.body })
      for (const a of template.audit) put.audit({ ...a, case_id: id, entry: swap(a.entry, t.id, id) })
      for (const o of template.outbox) {
        put.outbox({
          ...o,
          seq: o.seq,
          id: o.id.replace(t.id, id),
          case_id: id,
          status: 'done',
          attempts: 1,
          finished_at: updatedAt,
          result: '{"status":"sent"}',
        })
      }
      for (const d of template.due) put.due({ ...d, id: d.id.replace(t.id, id), case_id: id })
      if (n % Math.max(1, Math.floor(count / 5000)) === 0) sample.push(id)
    }
  })
  const chunk = 20_000
  for (let n = 0; n < count; n += chunk) batch(n, Math.min(count, n + chunk))
  for (const { sql } of indexes) db.exec(sql)
  db.exec('ANALYZE')
  db.pragma('journal_mode = WAL')
  db.close()
  return { sample, counts }
}

/**
 * Latency of `samples` calls after a warm-up: wall time (the figure the targets are about) and the
 * process CPU time of each call, which tells a slow call from one the OS set aside on a busy machine.
 */
async function measure(samples, fn) {
  const warm = Math.min(50, samples)
  for (let i = 0; i < warm; i++) await fn(i)
  const wall = []
  const cpu = []
  for (let i = 0; i < samples; i++) {
    const c = process.cpuUsage()
    const t = performance.now()
    await fn(i)
    wall.push(performance.now() - t)
    const d = process.cpuUsage(c)
    cpu.push((d.user + d.system) / 1000)
  }
  return {
    samples,
    p50Ms: round(percentile(wall, 50), 3),
    p99Ms: round(percentile(wall, 99), 3),
    maxMs: round(Math.max(...wall), 3),
    cpuP50Ms: round(percentile(cpu, 50), 3),
    cpuP99Ms: round(percentile(cpu, 99), 3),
  }
}

export async function runQueries(size) {
  const tmp = tempDir('queries')
  try {
    const templates = await captureTemplates(tmp.file('templates.sqlite'))
    const filename = tmp.file('scale.sqlite')
    await createSqliteStore({ filename, plaintext: true }).close()
    const genStart = performance.now()
    const { sample, counts } = generate(filename, templates, size.queryCases)
    const generateSeconds = (performance.now() - genStart) / 1000
    const store = createSqliteStore({ filename, plaintext: true })
    const service = createAk1Service({ standard: balongbendo, store, clock: { now: () => new Date(nowMs) } })
    try {
      // The pages must be what they claim before they are timed.
      const overduePage = await service.list({ overdue: true, limit: 50 })
      if (
        overduePage.items.length !== 50 ||
        overduePage.items.some((c) => !(Date.parse(c.sla.dueAt) < nowMs))
      ) {
        throw new Error('queries: the overdue page is not 50 overdue cases')
      }
      const roles = ['petugas', 'operator', 'admin', 'camat']
      for (const role of roles) {
        const page = await service.list({ awaiting: role, limit: 50 })
        if (page.items.length !== 50 || page.items.some((c) => c.awaiting !== role)) {
          throw new Error(`queries: the worklist of ${role} is not 50 cases awaiting ${role}`)
        }
      }
      const rnd = random(7)
      const picks = Array.from(
        { length: size.querySamples + 50 },
        () => sample[Math.floor(rnd() * sample.length)],
      )
      const overdue = await measure(size.querySamples, () => service.list({ overdue: true, limit: 50 }))
      const worklist = await measure(size.querySamples, (i) =>
        service.list({ awaiting: roles[i % roles.length], limit: 50 }),
      )
      const timeline = await measure(size.querySamples, (i) => service.timeline(picks[i]))
      const storeLevel = {
        overdue: await measure(size.querySamples, () =>
          store.list({ officeCode: 'balongbendo', overdueAt: new Date(nowMs).toISOString(), limit: 50 }),
        ),
        worklist: await measure(size.querySamples, (i) =>
          store.list({ officeCode: 'balongbendo', awaiting: roles[i % roles.length], limit: 50 }),
        ),
        timeline: await measure(size.querySamples, (i) => store.timeline(picks[i])),
      }
      return {
        latency: {
          overdueP99Ms: overdue.p99Ms,
          worklistP99Ms: worklist.p99Ms,
          timelineP99Ms: timeline.p99Ms,
        },
        figures: {
          cases: size.queryCases,
          overdueCases: counts.overdue,
          casesByState: counts.byState,
          generateSeconds: round(generateSeconds, 1),
          through: 'service (createAk1Service: list, timeline); storeLevel: the CaseStore alone',
          overdue,
          worklist,
          timeline,
          storeLevel,
        },
      }
    } finally {
      await store.close()
    }
  } finally {
    tmp.cleanup()
  }
}
