// Typechecked by test/packed.test.ts in a project of its own against the installed tarballs, with
// `skipLibCheck: false`, twice: as an ES module and, copied to a .cts file, as CommonJS. Never run.
import { createSiprajaGateway } from '@ak1/adapter-sipraja'
import { createSqliteStore, type SqliteStore } from '@ak1/adapter-sqlite'
import { type Ak1Service, balongbendo, type CaseView, createAk1Service } from '@ak1/core'
import { parseApplication, type Standard, ValidationError } from '@ak1/core/model'
import type { Ak1Store, Notifier, SiprajaGateway } from '@ak1/core/ports'
import { createMemoryStore, createRecordingNotifier, sampleApplication } from '@ak1/core/testing'
import { createEmailNotifier } from '@ak1/notify-email'
import { createSmsNotifier } from '@ak1/notify-sms'

/** A service for an office, on SQLite or in memory, with or without SIPRAJA. */
export function serviceFor(where: 'sqlite' | 'memory', sipraja: SiprajaGateway | false): Ak1Service {
  const sqlite: SqliteStore | null = where === 'sqlite' ? createSqliteStore({ filename: 'ak1.sqlite' }) : null
  const store: Ak1Store = sqlite ?? createMemoryStore()
  const standard: Standard = balongbendo
  const notifiers: Notifier[] = [createRecordingNotifier()]
  return createAk1Service({ standard, store, notifiers, sipraja })
}

export async function submitOne(service: Ak1Service): Promise<CaseView> {
  return service.submit(sampleApplication(), { actor: { id: 'u-1', role: 'petugas' }, channel: 'tatap_muka' })
}

export function problems(input: unknown): string[] {
  try {
    parseApplication(input)
    return []
  } catch (error) {
    return error instanceof ValidationError
      ? error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)
      : []
  }
}

export const factories = [createSiprajaGateway, createEmailNotifier, createSmsNotifier] as const
