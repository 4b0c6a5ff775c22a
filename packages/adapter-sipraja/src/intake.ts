import { type Ak1Service, type CaseView, isAk1Error } from '@ak1/core'
import { parseOptions } from '@ak1/core/ports'
import { z } from 'zod'
import type { MobileSiprajaGateway, SiprajaListRow } from './gateway-mobile'
import { type FromSiprajaSubmissionOptions, fromSiprajaSubmission } from './submission'

/** Options of {@link createSiprajaIntake}. */
export interface SiprajaIntakeOptions {
  /** The mobile gateway (`createSiprajaGateway({ protocol: 'mobile', ... })`). */
  gateway: Pick<MobileSiprajaGateway, 'listApplications' | 'findApplication'>
  /** The service the cases go to; only its public `submit` and `list` are used. */
  service: Pick<Ak1Service, 'submit' | 'list'>
  /** Region and major names for the mapping (see `fromSiprajaSubmission`). */
  submission?: Omit<FromSiprajaSubmissionOptions, 'now'>
  /** Today, for the mapping's checks. @default () => new Date() */
  now?: () => Date
  /** Told of an application SIPRAJA holds that the AK-1 rules refuse (it is tried again next poll). */
  onRejected?: (row: SiprajaListRow, error: unknown) => void
}

/** What one poll did. */
export interface SiprajaIntakeRun {
  /** Cases created (or found created by an earlier, interrupted run), by SIPRAJA id. */
  imported: Array<{ siprajaId: string; caseId: string }>
  /**
   * SIPRAJA ids skipped: a case of the NIK is open already (filed from the desk, or imported), or a
   * closed one's withdrawal or rejection has not reached SIPRAJA yet.
   */
  skipped: string[]
  /** SIPRAJA ids whose application the AK-1 rules refuse. */
  rejected: string[]
  /** SIPRAJA ids whose import failed this time (SIPRAJA or the store unreachable); the next poll tries again. */
  failed: Array<{ siprajaId: string; error: unknown }>
}

/** The online intake worker. */
export interface SiprajaIntake {
  /**
   * One poll of SIPRAJA's "Berjalan" list. An application whose import fails is reported in
   * `failed` and the others go on; a list that cannot be read rejects.
   */
  runOnce(): Promise<SiprajaIntakeRun>
  /** Polls every `intervalMs` until `signal` aborts; errors go to `onError` and the next poll runs. */
  start(options: {
    intervalMs: number
    signal: AbortSignal
    onError?: (error: unknown) => void
  }): Promise<void>
}

/** The command id of importing SIPRAJA application `id`: stable, so a repeat creates nothing new. */
export const intakeCommandId = (siprajaId: string) => `sipraja:kartu_pencari_kerja:${siprajaId}`
/** The actor id an imported case's submission carries: SIPRAJA's id of the application. */
export const intakeActorId = (siprajaId: string) => `sipraja:${siprajaId}`

const optionsSchema = z.strictObject({
  gateway: z.custom<object>((v) => typeof v === 'object' && v !== null),
  service: z.custom<object>((v) => typeof v === 'object' && v !== null),
  submission: z.record(z.string(), z.unknown()).optional(),
  now: z.custom<() => Date>((v) => typeof v === 'function').optional(),
  onRejected: z.custom<() => void>((v) => typeof v === 'function').optional(),
})

/**
 * Online intake from SIPRAJA: polls the "Berjalan" list and submits each AK-1 application not yet
 * known as an online case, exactly once. The submission's `commandId` is derived from SIPRAJA's id
 * and its actor is `sipraja:<id>` (role `pemohon`), so the case carries SIPRAJA's id in its audit
 * trail; a process killed mid-import repeats the same command on restart, which the service answers
 * without a second case. Applications of a NIK with an open case are skipped (a desk case the
 * gateway filed, or an earlier import), and so are those of a NIK whose closed case still has a
 * SIPRAJA write queued or failed: a withdrawn or rejected case whose decision has not reached
 * SIPRAJA yet is never imported again. Once it has, SIPRAJA no longer lists the application as
 * Berjalan (a withdrawal deletes or rejects it there).
 *
 * @throws {ConfigError} naming the bad option keys.
 * @example
 * ```ts
 * const intake = createSiprajaIntake({ gateway: sipraja, service })
 * await intake.start({ intervalMs: 60_000, signal })
 * ```
 */
export function createSiprajaIntake(options: SiprajaIntakeOptions): SiprajaIntake {
  parseOptions(optionsSchema, options, { adapter: 'createSiprajaIntake' })
  const { gateway, service } = options
  const now = options.now ?? (() => new Date())

  /**
   * Whether a closed case of the NIK still has a SIPRAJA write to make (queued, or failed as an
   * incident): its withdrawal or rejection has not reached SIPRAJA yet, so the application SIPRAJA
   * still runs is that case's, not a new one.
   */
  async function unsettled(nik: string): Promise<boolean> {
    let cursor: string | undefined
    do {
      const page = await service.list({
        applicantNik: nik,
        final: true,
        limit: 50,
        ...(cursor ? { cursor } : {}),
      })
      const pending = page.items.some((c) =>
        c.deliveries.some((d) => d.kind === 'sipraja' && (d.status === 'queued' || d.status === 'failed')),
      )
      if (pending) return true
      cursor = page.nextCursor ?? undefined
    } while (cursor)
    return false
  }

  async function importRow(row: SiprajaListRow): Promise<CaseView | 'skipped' | 'rejected'> {
    const open = await service.list({ applicantNik: row.nik, final: false, limit: 1 })
    const mine = open.items[0]
    if (mine) return 'skipped'
    if (await unsettled(row.nik)) return 'skipped'
    const record = await gateway.findApplication(row.id)
    if (!record) return 'skipped'
    const bahasa = record.layanan.bahasa_asing || record.kpk_bahasa.join(', ')
    const payload = {
      pemohon: record.pemohon,
      layanan: { ...record.layanan, bahasa_asing: bahasa, kpk_jabatan: record.kpk_jabatan },
    }
    let application: ReturnType<typeof fromSiprajaSubmission>
    try {
      application = fromSiprajaSubmission(payload, { ...options.submission, now: now() })
    } catch (error) {
      if (!isAk1Error(error) || error.code !== 'VALIDATION') throw error
      options.onRejected?.(row, error)
      return 'rejected'
    }
    return service.submit(application, {
      actor: { id: intakeActorId(row.id), role: 'pemohon', nik: row.nik },
      channel: 'online',
      commandId: intakeCommandId(row.id),
    })
  }

  async function runOnce(): Promise<SiprajaIntakeRun> {
    const run: SiprajaIntakeRun = { imported: [], skipped: [], rejected: [], failed: [] }
    for (const row of await gateway.listApplications('berjalan')) {
      let result: Awaited<ReturnType<typeof importRow>>
      try {
        result = await importRow(row)
      } catch (error) {
        run.failed.push({ siprajaId: row.id, error })
        continue
      }
      if (result === 'skipped') run.skipped.push(row.id)
      else if (result === 'rejected') run.rejected.push(row.id)
      else run.imported.push({ siprajaId: row.id, caseId: result.id })
    }
    return run
  }

  return {
    runOnce,
    async start({ intervalMs, signal, onError }) {
      while (!signal.aborted) {
        try {
          await runOnce()
        } catch (error) {
          onError?.(error)
        }
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, intervalMs)
          signal.addEventListener(
            'abort',
            () => {
              clearTimeout(timer)
              resolve()
            },
            { once: true },
          )
        })
      }
    },
  }
}
