import type { Actor, Ak1Service, CaseEvent, CaseView } from '@ak1/core'

/** A clock moved by hand. */
export function clockAt(iso: string) {
  let t = Date.parse(iso)
  return { now: () => new Date(t), set: (at: string) => (t = Date.parse(at)) }
}

/**
 * Moves a case on with the first forward action the first of `actors` is offered, until it ends;
 * `payloads` adds to the event sent in a given state (the AK/II at an interview step).
 */
export async function drive(
  service: Ak1Service,
  start: CaseView,
  actors: Actor[],
  payloads: Record<string, object> = {},
): Promise<string[]> {
  const path: string[] = [start.state]
  let view = start
  for (let guard = 0; guard < 20 && !view.final; guard++) {
    let moved = false
    for (const actor of actors) {
      const actions = await service.availableActions(view.id, actor)
      const action = actions.find((a) => ['ACCEPT', 'COMPLETE', 'SIGN', 'HAND_OVER'].includes(a.type))
      if (!action) continue
      const event = (
        action.type === 'ACCEPT' || action.type === 'HAND_OVER'
          ? { type: action.type, verified: action.needs ?? [] }
          : { type: action.type }
      ) as CaseEvent
      if (Object.hasOwn(payloads, view.state)) Object.assign(event, payloads[view.state])
      view = await service.act(view.id, event, { actor, expectedVersion: view.version })
      path.push(`${actor.role}:${view.state}`)
      moved = true
      break
    }
    if (!moved) throw new Error(`no actor can move the case on from ${view.state}`)
  }
  return path
}
