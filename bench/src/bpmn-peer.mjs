// The peer: the Balongbendo tatap-muka procedure as a BPMN process of user tasks run by
// bpmn-engine, persisted the way an embedder would: after every step the engine state is saved
// to SQLite; the next step loads it, recovers a fresh engine, resumes it and signals the task.
import Database from 'better-sqlite3'
import { Engine } from 'bpmn-engine'
import { now } from './util.mjs'

/** The user tasks in order (the notify step is an automatic task between signing and archiving). */
const bpmnUserTasks = [
  'penerimaan',
  'pemindaian',
  'verifikasi',
  'validasi',
  'tanda_tangan',
  'pengarsipan',
  'registrasi',
  'pencetakan',
  'penyerahan',
]

/** BPMN 2.0 source of the procedure. */
function procedureBpmn() {
  const flow = ['unggah', ...bpmnUserTasks.slice(0, 5), 'pemberitahuan', ...bpmnUserTasks.slice(5), 'selesai']
  const nodes = ['<startEvent id="unggah" name="Permohonan diserahkan" />']
  for (const id of bpmnUserTasks) nodes.push(`<userTask id="${id}" />`)
  nodes.push('<task id="pemberitahuan" />', '<endEvent id="selesai" />')
  for (let i = 0; i < flow.length - 1; i++) {
    nodes.push(`<sequenceFlow id="f${i}" sourceRef="${flow[i]}" targetRef="${flow[i + 1]}" />`)
  }
  return `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="ak1" targetNamespace="urn:ak1">
  <process id="ak1_balongbendo_tatap_muka" isExecutable="true">
    ${nodes.join('\n    ')}
  </process>
</definitions>`
}

/**
 * Runs `cases` complete cases, one step (submission, then each user task) per "request", and
 * returns steps per second. Every step commits the full engine state to SQLite.
 */
export async function runBpmnPeer({ filename, cases }) {
  const source = procedureBpmn()
  const db = new Database(filename)
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = NORMAL')
  db.exec('CREATE TABLE instances (id TEXT PRIMARY KEY, version INTEGER NOT NULL, state TEXT NOT NULL)')
  const insert = db.prepare('INSERT INTO instances (id, version, state) VALUES (?, 1, ?)')
  const load = db.prepare('SELECT version, state FROM instances WHERE id = ?')
  const update = db.prepare('UPDATE instances SET version = ?, state = ? WHERE id = ? AND version = ?')
  let steps = 0
  let stateBytes = 0
  try {
    const start = now()
    for (let c = 0; c < cases; c++) {
      const id = `case-${c}`
      const engine = new Engine({ name: id, source })
      await engine.execute()
      const first = JSON.stringify(await engine.getState())
      insert.run(id, first)
      steps++
      for (const task of bpmnUserTasks) {
        const row = load.get(id)
        const recovered = new Engine().recover(JSON.parse(row.state))
        const execution = await recovered.resume()
        const waiting = execution.getPostponed()
        if (waiting.length !== 1 || waiting[0].id !== task) {
          throw new Error(`bpmn peer: expected ${task}, engine waits on ${waiting.map((a) => a.id)}`)
        }
        execution.signal({ id: task })
        const state = JSON.stringify(await recovered.getState())
        stateBytes = Math.max(stateBytes, state.length)
        if (update.run(row.version + 1, state, id, row.version).changes !== 1) throw new Error('lost update')
        steps++
      }
      const last = JSON.parse(load.get(id).state)
      if (last.state !== 'idle') throw new Error(`bpmn peer: case ${id} did not complete (${last.state})`)
    }
    const ms = now() - start
    return { cases, steps, ms, perSecond: (steps * 1000) / ms, maxStateBytes: stateBytes }
  } finally {
    db.close()
  }
}
