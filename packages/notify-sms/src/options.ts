import { parseOptions, type RuleText } from '@ak1/core/ports'
import { z } from 'zod'
import { e164 } from './send-errors'

/**
 * The `fetch` the HTTP mode calls: the global one by default, injectable for a proxy agent or for
 * tests against an in-process gateway.
 */
export type SmsFetch = (input: string, init: RequestInit) => Promise<Response>

/** Options of the HTTP gateway mode (see the README for the gateway contract). */
export interface SmsHttpOptions {
  /** The gateway's send endpoint (`http:` or `https:`), such as `https://sms.example.id/v1/messages`. */
  url: string
  /** Sent as `Authorization: Bearer <token>`; omitted when absent. */
  token?: string
  /** The sender id (alphanumeric mask or number) passed to the gateway as `sender`; omitted when absent. */
  sender?: string
  /** @default globalThis.fetch */
  fetch?: SmsFetch
  /** How long one request may take before it is abandoned as a retryable failure. @default 10000 */
  timeoutMs?: number
}

/** Options of the SMPP mode (SMPP 3.4, one `bind_transceiver` session, reconnected when it drops). */
export interface SmsSmppOptions {
  /** `smpp://host:port` (port 2775 when omitted) or `ssmpp://host:port` for TLS. */
  url: string
  /** The ESME account (`system_id`). */
  systemId: string
  /** The account's password (at most 8 characters in SMPP 3.4). */
  password: string
  /** `system_type` of the bind, when the SMSC asks for one. @default '' */
  systemType?: string
  /**
   * `source_addr`: a number in E.164 (`+62...`, sent with TON international), a short code of digits
   * (TON unknown) or an alphanumeric sender mask (TON alphanumeric).
   */
  sourceAddr: string
  /** Asks the SMSC for delivery receipts (`registered_delivery` 1); they are acknowledged, not reported. @default false */
  registeredDelivery?: boolean
  /**
   * Tag of the vendor-specific TLV (0x1400-0x3FFF) that carries the `messageId` as a C string, so the
   * SMSC side can recognise a resend; `false` leaves it out for SMSCs that refuse unknown TLVs.
   * @default 0x1400
   */
  referenceTlv?: number | false
  /** Limit for connect + bind and for each `submit_sm_resp`; past it the send fails retryably. @default 10000 */
  timeoutMs?: number
  /** Interval of `enquire_link` keep-alives on an idle session; 0 turns them off. @default 30000 */
  enquireLinkMs?: number
}

/**
 * Options of {@link createSmsNotifier}: exactly one of `http` or `smpp`.
 */
export type SmsNotifierOptions =
  | { http: SmsHttpOptions; smpp?: never; id?: string }
  | { smpp: SmsSmppOptions; http?: never; id?: string }

const httpSchema = z.strictObject({
  url: z.url({ protocol: /^https?$/, error: 'url_http' }),
  token: z.string().min(1).optional(),
  sender: z.string().min(1).max(20).optional(),
  fetch: z.custom<SmsFetch>((v) => typeof v === 'function', { message: 'function' }).optional(),
  timeoutMs: z.number().int().positive().default(10_000),
})

const smppSchema = z.strictObject({
  url: z.url({ protocol: /^s?smpp$/, error: 'url_smpp' }),
  systemId: z.string().min(1).max(15),
  password: z.string().max(8),
  systemType: z.string().max(12).default(''),
  sourceAddr: z
    .string()
    .min(1)
    .max(20)
    .refine((s) => !s.startsWith('+') || e164.test(s), { message: 'e164' }),
  registeredDelivery: z.boolean().default(false),
  referenceTlv: z.union([z.literal(false), z.number().int().min(0x1400).max(0x3fff)]).default(0x1400),
  timeoutMs: z.number().int().positive().default(10_000),
  enquireLinkMs: z.number().int().min(0).default(30_000),
})

const optionsSchema = z
  .strictObject({
    id: z.string().min(1).optional(),
    http: httpSchema.optional(),
    smpp: smppSchema.optional(),
  })
  .refine((o) => (o.http === undefined) !== (o.smpp === undefined), { message: 'one_mode', path: [] })

/** Validated HTTP options with defaults applied. @internal */
export type ResolvedHttpOptions = z.output<typeof httpSchema>
/** Validated SMPP options with defaults applied. @internal */
export type ResolvedSmppOptions = z.output<typeof smppSchema>
/** Validated options. @internal */
export type ResolvedOptions =
  | { mode: 'http'; id: string; http: ResolvedHttpOptions }
  | { mode: 'smpp'; id: string; smpp: ResolvedSmppOptions }

const ruleTexts: Record<string, RuleText> = {
  one_mode: { id: 'isi tepat satu dari http atau smpp', en: 'give exactly one of http or smpp' },
  e164: { id: 'nomor harus berformat E.164 (+62...)', en: 'a number must be in E.164 form (+62...)' },
  url_http: { id: 'harus URL http:// atau https://', en: 'must be an http:// or https:// URL' },
  url_smpp: {
    id: 'harus URL smpp://host:port atau ssmpp://host:port',
    en: 'must be an smpp://host:port or ssmpp://host:port URL',
  },
  function: { id: 'harus berupa fungsi', en: 'must be a function' },
}

/** Validates the options (`ConfigError` naming the bad keys) and applies defaults. @internal */
export function resolveOptions(input: unknown): ResolvedOptions {
  const o = parseOptions(optionsSchema, input ?? {}, {
    adapter: 'createSmsNotifier',
    rules: ruleTexts,
    rootKeys: { one_mode: ['http', 'smpp'] },
  })
  if (o.http) return { mode: 'http', id: o.id ?? 'sms-http', http: o.http }
  return { mode: 'smpp', id: o.id ?? 'sms-smpp', smpp: o.smpp! }
}
