// A diagnostic floor for the store alone: the exact SQL statements the store runs for the replayed
// commits, recorded with their parameters before the clock starts, then run through plain
// better-sqlite3 (one BEGIN IMMEDIATE transaction per commit, as the store does) on the store's own
// schema. What this costs beyond raw SQLite is the schema (b-trees, indexes, statement count); what
// the store alone costs beyond this is the adapter's JavaScript (JSON, codec, checks, deflate).
import { createSqliteStore } from '@ak1/adapter-sqlite'
import Database from 'better-sqlite3'

const executing = new Set(['run', 'get', 'all', 'iterate'])

/**
 * Wraps a connection so every statement it prepares records, while `state.ops` is an array, the
 * SQL, its `pluck` mode, the method called and its arguments.
 */
function recordingDatabase(db, state) {
  const prepare = db.prepare.bind(db)
  db.prepare = (sql) => {
    const target = prepare(sql)
    let pluck = false
    const proxy = new Proxy(target, {
      get(t, prop) {
        if (prop === 'pluck') {
          return (on = true) => {
            t.pluck(on)
            pluck = on
            return proxy
          }
        }
        const value = Reflect.get(t, prop, t)
        if (typeof value !== 'function') return value
        if (!executing.has(prop)) return value.bind(t)
        return (...args) => {
          state.ops?.push({ sql: t.source, pluck, method: prop, args })
          return value.apply(t, args)
        }
      },
    })
    return proxy
  }
  return db
}

/**
 * Commits `inputs` through a store on `file` while recording, per commit, the statements it ran.
 * Returns the recorded commits (an array of statement lists).
 */
export async function recordStoreSql(file, inputs) {
  const state = { ops: undefined }
  const db = recordingDatabase(new Database(file), state)
  const store = createSqliteStore({ database: db, plaintext: true })
  const commits = []
  try {
    for (const input of inputs) {
      state.ops = []
      await store.commit(input)
      commits.push(state.ops)
      state.ops = undefined
    }
  } finally {
    await store.close()
    db.close()
  }
  return commits
}

/**
 * Opens a fresh file whose schema the store created (opened once by `createSqliteStore`, closed,
 * then reopened with plain better-sqlite3 and the store's pragmas), with the recorded commits'
 * statements prepared and parameters built: `commit(i)` runs commit `i` in one BEGIN IMMEDIATE
 * transaction.
 */
async function openStoreSql(file, commits) {
  const schema = createSqliteStore({ filename: file, plaintext: true })
  await schema.close()
  const db = new Database(file)
  try {
    db.pragma('busy_timeout = 5000')
    db.pragma('journal_mode = WAL')
    db.pragma('synchronous = NORMAL')
    db.pragma('foreign_keys = ON')
    const prepared = new Map()
    const statement = ({ sql, pluck }) => {
      const key = `${pluck ? 1 : 0}${sql}`
      let stmt = prepared.get(key)
      if (!stmt) {
        stmt = db.prepare(sql)
        if (pluck) stmt.pluck()
        prepared.set(key, stmt)
      }
      return stmt
    }
    const plans = commits.map((ops) => ops.map((op) => [statement(op), op.method, op.args]))
    const tx = db.transaction((plan) => {
      for (const [stmt, method, args] of plan) stmt[method](...args)
    })
    const statements = plans.reduce((n, plan) => n + plan.length, 0)
    return {
      commits: plans.length,
      statementsPerCommit: statements / plans.length,
      commit: (i) => tx.immediate(plans[i]),
      close: () => db.close(),
    }
  } catch (error) {
    db.close()
    throw error
  }
}

/** Runs the recorded commits on a fresh file of the store's schema; returns commits per second. */
export async function runStoreSql(file, commits) {
  const sql = await openStoreSql(file, commits)
  try {
    const start = performance.now()
    for (let i = 0; i < sql.commits; i++) sql.commit(i)
    const ms = performance.now() - start
    return {
      commits: sql.commits,
      ms,
      perSecond: (sql.commits * 1000) / ms,
      statementsPerCommit: sql.statementsPerCommit,
    }
  } finally {
    sql.close()
  }
}

/**
 * The recorded commits and as many raw baseline transactions (`raw`, from `openRawSqlite`), run
 * interleaved ten at a time, the side going first alternating: on a shared machine a change of load
 * then hits both sides alike, which sequential runs of a few hundred milliseconds each do not
 * promise. Returns each side's rate and their ratio.
 */
export async function runStoreSqlBesideRaw(file, commits, raw) {
  const sql = await openStoreSql(file, commits)
  try {
    if (raw.transactions !== sql.commits) throw new Error('store SQL: as many raw transactions as commits')
    const chunk = 10
    let sqlMs = 0
    let rawMs = 0
    for (let from = 0, turn = 0; from < sql.commits; from += chunk, turn++) {
      const to = Math.min(from + chunk, sql.commits)
      for (const side of turn % 2 ? ['raw', 'sql'] : ['sql', 'raw']) {
        const start = performance.now()
        for (let i = from; i < to; i++) (side === 'sql' ? sql.commit : raw.step)(i)
        if (side === 'sql') sqlMs += performance.now() - start
        else rawMs += performance.now() - start
      }
    }
    return {
      perSecond: (sql.commits * 1000) / sqlMs,
      rawPerSecond: (sql.commits * 1000) / rawMs,
      vsRaw: rawMs / sqlMs,
      statementsPerCommit: sql.statementsPerCommit,
    }
  } finally {
    sql.close()
    raw.close()
  }
}
