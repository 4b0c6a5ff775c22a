import { ValidationError, type ValidationIssue } from '../errors/errors'
import type { Ak1Service } from './service'

/** Deeper than any option, event or query object: deeper input is refused as unreadable. */
const maxDepth = 32

class Unreadable extends Error {
  constructor(readonly path: (string | number)[]) {
    super('unreadable input')
  }
}

function unreadable(path: (string | number)[]): ValidationIssue {
  return {
    path,
    rule: 'unreadable_input',
    message: 'data tidak dapat dibaca (getter yang gagal, proxy yang dicabut, atau rujukan melingkar)',
    messageEn: 'the input cannot be read (a failing getter, a revoked proxy, or a circular reference)',
  }
}

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null
}

/**
 * A plain copy of an argument: plain objects (own enumerable string keys) and arrays are copied,
 * every getter read once; other objects (a `Uint8Array`, an `AbortSignal`, a `Date`) are passed on
 * as they are. Anything that throws when read is refused with a ValidationError naming where.
 * `trail` is the path to `value`, pushed and popped as the copy descends (a path is only copied
 * out for an error, not built per member).
 */
function readInput(value: unknown, trail: (string | number)[], depth = 0): unknown {
  if (typeof value !== 'object' || value === null) return value
  const at = trail.length
  if (depth > maxDepth) throw new Unreadable(trail.slice(0, at))
  try {
    if (Array.isArray(value))
      return value.map((v, i) => {
        trail.push(i)
        const copy = readInput(v, trail, depth + 1)
        trail.pop()
        return copy
      })
    if (!isPlainObject(value)) return value
    const out: Record<string, unknown> = {}
    for (const key of Object.keys(value)) {
      trail.push(key)
      let member: unknown
      try {
        member = (value as Record<string, unknown>)[key]
      } catch {
        throw new Unreadable(trail.slice(0, at + 1))
      }
      const copy = readInput(member, trail, depth + 1)
      trail.pop()
      // A key named `__proto__` is defined, not assigned (assigning it would set the prototype).
      if (key === '__proto__')
        Object.defineProperty(out, key, { value: copy, enumerable: true, writable: true, configurable: true })
      else out[key] = copy
    }
    return out
  } catch (error) {
    if (error instanceof Unreadable) throw error
    throw new Unreadable(trail.slice(0, at))
  }
}

/** Reads every argument with {@link readInput}; throws one ValidationError for the first unreadable one. */
function readArgs(args: unknown[], paths: Array<(string | number)[] | null>): unknown[] {
  try {
    return args.map((arg, i) => {
      const path = paths[i]
      return path === null ? arg : readInput(arg, path ? [...path] : [String(i)])
    })
  } catch (error) {
    if (error instanceof Unreadable) throw new ValidationError([unreadable(error.path)])
    throw error
  }
}

/** A case id must be a non-empty string (a symbol or an object cannot even be named in a message). */
function checkCaseId(caseId: unknown, field = 'caseId'): string {
  return checkText(
    caseId,
    field,
    'id kasus (teks 1 sampai 500 karakter)',
    'a case id (text of 1 to 500 characters)',
  )
}

/** A non-empty text of at most 500 characters (a case id, a record's kind or id). */
function checkText(
  value: unknown,
  field: string,
  what = 'teks 1 sampai 500 karakter',
  whatEn = 'text of 1 to 500 characters',
): string {
  if (typeof value === 'string' && value.length > 0 && value.length <= 500) return value
  throw new ValidationError([
    { path: [field], rule: 'invalid_type', message: `harus berupa ${what}`, messageEn: `must be ${whatEn}` },
  ])
}

/** An options argument that may be left out, but is not `null` or another non-object. */
function checkOptional(value: unknown, path: (string | number)[]): void {
  if (value === undefined || (typeof value === 'object' && value !== null)) return
  throw new ValidationError([
    {
      path,
      rule: 'invalid_type',
      message: 'jenis data salah (seharusnya objek)',
      messageEn: 'has the wrong type (expected object)',
    },
  ])
}

/**
 * Wraps the service's public calls so that any entry argument answers an `Ak1Error`: a case id
 * that is not a string (`undefined`, a symbol, an object) is a ValidationError at `caseId`; option,
 * event, actor and query objects are read once into plain copies, so a getter that throws or a
 * revoked proxy is a ValidationError (`unreadable_input`) naming the field, never a raw TypeError.
 * Errors are returned as rejected promises, like every other failure of these async calls.
 * @internal
 */
export function guardEntry(service: Ak1Service): Ak1Service {
  const guarded = <A extends unknown[], R>(
    fn: (...args: A) => Promise<R>,
    paths: Array<(string | number)[] | null>,
    check?: (args: unknown[]) => void,
  ) =>
    ((...args: unknown[]) => {
      try {
        check?.(args)
        return fn(...(readArgs(args, paths) as A))
      } catch (error) {
        return Promise.reject(error)
      }
    }) as (...args: A) => Promise<R>
  const caseFirst = (args: unknown[]) => {
    checkCaseId(args[0])
  }
  const idFirst = (args: unknown[]) => {
    checkCaseId(args[0], 'id')
  }
  const { complaints, survey } = service
  return {
    ...service,
    // The application is read by its own parser, which reports an unreadable one itself.
    submit: guarded(service.submit, [null, []]),
    act: guarded(service.act, [['caseId'], ['event'], []], caseFirst),
    availableActions: guarded(service.availableActions, [['caseId'], ['actor']], caseFirst),
    attach: guarded(service.attach, [['caseId'], ['bytes'], ['meta'], []], caseFirst),
    extend: guarded(service.extend, [['caseId'], ['extension'], []], caseFirst),
    recomputeDue: guarded(service.recomputeDue, [['caseId'], []], caseFirst),
    get: guarded(service.get, [['caseId']], caseFirst),
    timeline: guarded(service.timeline, [['caseId']], caseFirst),
    verifyAudit: guarded(service.verifyAudit, [['caseId'], ['options']], (args) => {
      checkCaseId(args[0])
      checkOptional(args[1], ['options'])
    }),
    verifyRecordAudit: guarded(service.verifyRecordAudit, [['kind'], ['id'], ['options']], (args) => {
      checkText(args[0], 'kind')
      checkText(args[1], 'id')
      checkOptional(args[2], ['options'])
    }),
    verifyCheckpoint: guarded(service.verifyCheckpoint, [['checkpoint'], ['options']], (args) =>
      checkOptional(args[1], ['options']),
    ),
    checkpoint: guarded(service.checkpoint, []),
    list: guarded(service.list, [['query']], (args) => checkOptional(args[0], ['query'])),
    runDue: guarded(service.runDue, [[]], (args) => checkOptional(args[0], [])),
    runOutbox: guarded(service.runOutbox, [[]], (args) => checkOptional(args[0], [])),
    startWorker: guarded(service.startWorker, [[]]),
    report: guarded(service.report, [['period']]),
    registerBook: guarded(service.registerBook, [['period']]),
    renderCard: guarded(service.renderCard, [['caseId'], []], caseFirst),
    complaints: {
      ...complaints,
      record: guarded(complaints.record, [['entry'], []]),
      report: guarded(complaints.report, [['id'], ['input'], []], idFirst),
      followUp: guarded(complaints.followUp, [['id'], ['input'], []], idFirst),
      close: guarded(complaints.close, [['id'], []], idFirst),
      get: guarded(complaints.get, [['id']], idFirst),
      list: guarded(complaints.list, [['query']], (args) => checkOptional(args[0], ['query'])),
      openBox: guarded(complaints.openBox, [['input'], []]),
      missedOpenings: guarded(complaints.missedOpenings, [['period']]),
      book: guarded(complaints.book, [['period'], ['options']], (args) =>
        checkOptional(args[1], ['options']),
      ),
    },
    survey: {
      ...survey,
      record: guarded(survey.record, [['response'], []], (args) => checkOptional(args[1], [])),
      result: guarded(survey.result, [['period']]),
    },
  }
}
