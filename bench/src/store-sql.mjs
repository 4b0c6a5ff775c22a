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
 * Runs the recorded commits on a fresh file whose schema the store created (opened once by
 * `createSqliteStore`, closed, then reopened with plain better-sqlite3 and the store's pragmas).
 * Statements are prepared and parameters built before the clock starts.
 */
export async function runStoreSql(file, commits) {
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
    const start = performance.now()
    for (const plan of plans) tx.immediate(plan)
    const ms = performance.now() - start
    const statements = plans.reduce((n, plan) => n + plan.length, 0)
    return {
      commits: plans.length,
      ms,
      perSecond: (plans.length * 1000) / ms,
      statementsPerCommit: statements / plans.length,
    }
  } finally {
    db.close()
  }
}
