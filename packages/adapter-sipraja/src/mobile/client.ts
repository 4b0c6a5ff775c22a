import { AdapterError } from '@ak1/core/ports'

/** The HTTP side of the mobile gateway: one request, its errors as {@link AdapterError}s. */
export interface MobileClient {
  /** POSTs an urlencoded (or multipart) body and answers its JSON. */
  post(operation: string, path: string, body: string | FormData, signal?: AbortSignal): Promise<unknown>
  /** GETs JSON. */
  get(operation: string, path: string, signal?: AbortSignal): Promise<unknown>
  /** GETs bytes (a document). */
  bytes(operation: string, path: string, signal?: AbortSignal): Promise<Uint8Array | null>
  /** A failure of `operation`, retryable or not (the message never holds request bodies). */
  fail(
    operation: string,
    message: string,
    messageEn: string,
    retryable: boolean,
    cause?: unknown,
  ): AdapterError
}

/**
 * The gateways' failure: an {@link AdapterError} of adapter `id` whose message names SIPRAJA and the
 * operation, in Indonesian and English.
 */
export function siprajaFailure(id: string) {
  return (operation: string, message: string, messageEn: string, retryable: boolean, cause?: unknown) =>
    new AdapterError(`SIPRAJA (${operation}): ${message}`, {
      messageEn: `SIPRAJA (${operation}): ${messageEn}`,
      adapterId: id,
      operation,
      retryable,
      ...(cause === undefined ? {} : { cause }),
    })
}

/** The failure of a request that got no answer: timed out, aborted by the caller, or unreachable. All retryable. */
export function noAnswer(
  fail: ReturnType<typeof siprajaFailure>,
  operation: string,
  error: unknown,
  state: { timedOut: boolean; aborted: boolean; timeoutMs: number },
): AdapterError {
  if (state.timedOut && !state.aborted) {
    const ms = state.timeoutMs
    return fail(
      operation,
      `SIPRAJA tidak menjawab dalam ${ms} ms`,
      `SIPRAJA did not answer within ${ms} ms`,
      true,
      error,
    )
  }
  if (state.aborted) return fail(operation, 'permintaan dibatalkan', 'request aborted', true, error)
  const detail = error instanceof Error ? error.message : String(error)
  return fail(
    operation,
    `gagal menghubungi SIPRAJA (${detail})`,
    `could not reach SIPRAJA (${detail})`,
    true,
    error,
  )
}

/** Creates the client over `fetch`, with a per-request timeout. */
export function createMobileClient(settings: {
  base: string
  id: string
  timeoutMs: number
  fetch: typeof globalThis.fetch
}): MobileClient {
  const { base, id, timeoutMs } = settings
  const fail = siprajaFailure(id)

  async function send(
    operation: string,
    path: string,
    init: RequestInit,
    signal?: AbortSignal,
  ): Promise<Response> {
    if (signal?.aborted)
      throw fail(operation, 'permintaan dibatalkan', 'request aborted', true, signal.reason)
    const timeout = AbortSignal.timeout(timeoutMs)
    const combined = signal ? AbortSignal.any([signal, timeout]) : timeout
    let response: Response
    try {
      response = await settings.fetch(`${base}${path}`, { ...init, signal: combined })
    } catch (error) {
      throw noAnswer(fail, operation, error, {
        timedOut: timeout.aborted,
        aborted: !!signal?.aborted,
        timeoutMs,
      })
    }
    if (!response.ok) {
      await response.body?.cancel().catch(() => undefined)
      const retryable = response.status === 408 || response.status === 429 || response.status >= 500
      throw fail(
        operation,
        `SIPRAJA menjawab ${response.status}`,
        `SIPRAJA answered ${response.status}`,
        retryable,
      )
    }
    return response
  }

  async function json(operation: string, response: Response): Promise<unknown> {
    let text: string
    try {
      text = await response.text()
    } catch (error) {
      throw fail(operation, 'jawaban SIPRAJA terputus', "SIPRAJA's answer was cut off", true, error)
    }
    try {
      return JSON.parse(text)
    } catch {
      throw fail(operation, 'jawaban SIPRAJA bukan JSON', "SIPRAJA's answer is not JSON", false)
    }
  }

  return {
    fail,
    async post(operation, path, body, signal) {
      const headers: Record<string, string> = { accept: 'application/json' }
      if (typeof body === 'string') headers['content-type'] = 'application/x-www-form-urlencoded'
      return json(operation, await send(operation, path, { method: 'POST', headers, body }, signal))
    },
    async get(operation, path, signal) {
      return json(
        operation,
        await send(operation, path, { method: 'GET', headers: { accept: 'application/json' } }, signal),
      )
    },
    async bytes(operation, path, signal) {
      try {
        const response = await send(operation, path, { method: 'GET' }, signal)
        return new Uint8Array(await response.arrayBuffer())
      } catch (error) {
        if (error instanceof AdapterError && /\b404\b/.test(error.message)) return null
        throw error
      }
    },
  }
}
