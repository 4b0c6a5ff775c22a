// The store alone: the commits the engine made for one complete case, captured, then replayed
// straight into `store.commit` for many cases (ids, tracking codes and sequence values rewritten).
// What the engine costs beyond this is its own work; what this costs beyond raw SQLite is the
// adapter's schema (indexes, outbox and due rows) and its JSON.

/**
 * A store whose case commits are copied into `captured` while `recording` is true. A record's commit
 * (the card record opened after hand-over) is not captured: the replay copies cases, and the
 * engine's side of the ratio still pays for it.
 */
export function recordingStore(store) {
  const state = { recording: false, captured: [] }
  const proxy = new Proxy(store, {
    get(target, prop, receiver) {
      if (prop !== 'commit') return Reflect.get(target, prop, receiver)
      return (input) => {
        if (!state.recording || !input.case) return target.commit(input)
        if (!input.complete) {
          state.captured.push(structuredClone(input))
          return target.commit(input)
        }
        // Numbers are taken inside the commit: capture the input as completed with them.
        const { complete, ...rest } = input
        return target.commit({
          ...input,
          complete: (values) => {
            const done = complete(values)
            state.captured.push(structuredClone({ ...rest, ...done }))
            return done
          },
        })
      }
    },
  })
  return { store: proxy, state }
}

const swapId = (text, from, to) => text.replaceAll(from, to)

/**
 * Builds the commit inputs of `cases` copies of the captured case, before any timing, so the
 * replay measures only `store.commit`.
 */
export function replayInputs(captured, cases, offset = 0) {
  const oldId = captured[0].case.id
  const oldTracking = captured[0].case.trackingCode
  const sequences = new Map()
  const inputs = []
  for (let n = 0; n < cases; n++) {
    const serial = String(offset + n).padStart(8, '0')
    const id = `${oldId.slice(0, oldId.length - serial.length)}${serial}`
    const tracking = `${oldTracking}-${serial}`
    for (const original of captured) {
      const input = structuredClone(original)
      input.case.id = id
      input.case.trackingCode = tracking
      for (const a of input.audit) a.caseId = id
      for (const o of input.outbox) {
        o.id = swapId(o.id, oldId, id)
        o.caseId = id
      }
      if (input.due) for (const d of input.due) Object.assign(d, { id: swapId(d.id, oldId, id), caseId: id })
      if (input.dueDone) input.dueDone = input.dueDone.map((d) => swapId(d, oldId, id))
      if (input.sequences) {
        for (const claim of input.sequences) {
          const key = `${claim.name}\u0000${claim.scope}`
          claim.value = (sequences.get(key) ?? 0) + 1
          sequences.set(key, claim.value)
        }
      }
      delete input.command
      inputs.push(input)
    }
  }
  return inputs
}

/** Commits every input in order; returns commits per second. */
export async function replayCommits(store, inputs) {
  const start = performance.now()
  for (const input of inputs) await store.commit(input)
  const ms = performance.now() - start
  return { commits: inputs.length, ms, perSecond: (inputs.length * 1000) / ms }
}
