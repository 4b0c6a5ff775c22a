import type { ConnectionOptions } from 'node:tls'
import { parseOptions, type RuleText } from '@ak1/core/ports'
import type { SendMailOptions } from 'nodemailer'
import { z } from 'zod'

/**
 * What the notifier needs of a nodemailer transporter: `sendMail` returning a promise. Any
 * `nodemailer.createTransport(...)` result fits (a pooled one, SES, a stream transport in tests).
 */
export interface EmailTransport {
  sendMail(mail: SendMailOptions): Promise<{ messageId?: string; response?: string }>
}

/** How to reach the SMTP server when no {@link EmailTransport} is given. */
export interface SmtpOptions {
  /** Host name or IP address of the SMTP server. */
  host: string
  /** TCP port, such as 587 (submission with STARTTLS), 465 (implicit TLS) or 25. */
  port: number
  /**
   * TLS from the first byte (port 465). When `false`, nodemailer still upgrades with STARTTLS
   * whenever the server offers it.
   * @default port === 465
   */
  secure?: boolean
  /** Login for SMTP AUTH. @default undefined (no authentication) */
  auth?: { user: string; pass: string }
  /**
   * Node TLS options passed to nodemailer unchanged, such as `{ servername }` or `{ ca }` for an
   * office server with its own certificate authority.
   * @default undefined
   */
  tls?: ConnectionOptions
}

/** A sender address: `kec@example.go.id`, `Kecamatan Balongbendo <kec@example.go.id>`, or name and address. */
export type EmailAddress = string | { name: string; address: string }

/** Options shared by both ways of creating an e-mail notifier. */
export interface EmailNotifierCommonOptions {
  /** The sender (`From`) of every notice. */
  from: EmailAddress
  /** Where replies go (`Reply-To`), such as the pelayanan desk's mailbox. @default undefined */
  replyTo?: EmailAddress
  /**
   * Extra headers on every notice, such as `{ 'X-Kecamatan': 'Balongbendo' }`. Header names that
   * the notifier sets itself (`Message-ID`, `From`, `To`, `Subject`, `Date`, `Reply-To`, MIME
   * headers) are refused.
   * @default {}
   */
  headers?: Record<string, string>
  /**
   * Domain on the right of the `Message-ID` (`<outbox-id@domain>`). An ASCII host name.
   * @default the domain of `from`'s address, or `ak1.local` when that is not an ASCII host name
   */
  messageIdDomain?: string
  /**
   * Longest time one `send()` may take, connection included, in milliseconds; after it the send
   * fails with a retryable `AdapterError`. It is also the SMTP connection, greeting and socket
   * inactivity timeout.
   * @default 30000
   */
  timeoutMs?: number
}

/** Options of {@link createEmailNotifier}: an SMTP server, or a nodemailer transporter you own. */
export type EmailNotifierOptions = EmailNotifierCommonOptions &
  (
    | {
        /** The SMTP server to send through (one connection per notice). */
        smtp: SmtpOptions
        transport?: never
      }
    | {
        /** A nodemailer transporter (pooled SMTP, SES, ...). The notifier never closes it. */
        transport: EmailTransport
        smtp?: never
      }
  )

/** Options after validation, with defaults applied. @internal */
export interface ResolvedEmailOptions {
  smtp: (Omit<SmtpOptions, 'secure'> & { secure: boolean }) | undefined
  transport: EmailTransport | undefined
  from: EmailAddress
  replyTo: EmailAddress | undefined
  headers: Record<string, string>
  messageIdDomain: string
  timeoutMs: number
}

/** Characters that may not appear in a bare address part (RFC 5322 specials, space, controls). */
const addressChar = String.raw`[^\s@<>()\[\],;:\\"\u0000-\u001f\u007f]`
const domainLabel = String.raw`[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?`
const addressPattern = new RegExp(
  `^${addressChar}+(?:\\.${addressChar}+)*@${domainLabel}(?:\\.${domainLabel})*$`,
  'u',
)
const asciiHostPattern =
  /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/

/** True when `value` is one bare e-mail address (no name, no list, no comments). @internal */
export function isEmailAddress(value: string): boolean {
  return value.length <= 254 && !value.includes('..') && addressPattern.test(value)
}

/** The bare address of a sender, or `null` when it holds none. @internal */
function addressOf(value: EmailAddress): string | null {
  if (typeof value !== 'string') return isEmailAddress(value.address) ? value.address : null
  // A display name is one phrase: quoted, or without the characters that would start another address.
  const named = /^(?:"[^"\r\n]*"|[^<>@,;"\r\n]*)\s*<([^<>]+)>$/.exec(value.trim())
  const bare = named ? named[1]! : value.trim()
  return isEmailAddress(bare) ? bare : null
}

const reservedHeaders = new Set([
  'message-id',
  'from',
  'to',
  'cc',
  'bcc',
  'subject',
  'date',
  'reply-to',
  'sender',
  'mime-version',
  'content-type',
  'content-transfer-encoding',
])

const addressSchema = z.custom<EmailAddress>(
  (v) =>
    (typeof v === 'string' && !/[\r\n]/.test(v) && addressOf(v) !== null) ||
    (typeof v === 'object' &&
      v !== null &&
      Object.keys(v).every((k) => k === 'name' || k === 'address') &&
      typeof (v as { name?: unknown }).name === 'string' &&
      !/[\r\n]/.test((v as { name: string }).name) &&
      typeof (v as { address?: unknown }).address === 'string' &&
      isEmailAddress((v as { address: string }).address)),
  { message: 'email_address' },
)

const transportSchema = z.custom<EmailTransport>(
  (v) => typeof v === 'object' && v !== null && typeof (v as { sendMail?: unknown }).sendMail === 'function',
  { message: 'transport_instance' },
)

const smtpSchema = z
  .object({
    host: z.string().min(1),
    port: z.number().int().min(1).max(65_535),
    secure: z.boolean().optional(),
    auth: z
      .object({ user: z.string().min(1), pass: z.string() })
      .strict()
      .optional(),
    tls: z.record(z.string(), z.unknown()).optional(),
  })
  .strict()

const optionsSchema = z
  .object({
    smtp: smtpSchema.optional(),
    transport: transportSchema.optional(),
    from: addressSchema,
    replyTo: addressSchema.optional(),
    headers: z
      .record(
        z.string().regex(/^[!-9;-~]+$/, { message: 'header_name' }),
        z.string().regex(/^[^\r\n]*$/, { message: 'header_value' }),
      )
      .optional(),
    messageIdDomain: z.string().max(253).regex(asciiHostPattern, { message: 'host_name' }).optional(),
    timeoutMs: z.number().int().min(1).max(600_000).default(30_000),
  })
  .strict()
  .superRefine((o, ctx) => {
    if ((o.smtp === undefined) === (o.transport === undefined))
      ctx.addIssue({ code: 'custom', message: 'smtp_or_transport', path: ['smtp'] })
    for (const name of Object.keys(o.headers ?? {}))
      if (reservedHeaders.has(name.toLowerCase()))
        ctx.addIssue({ code: 'custom', message: 'header_reserved', path: ['headers', name] })
  })

const ruleTexts: Record<string, RuleText> = {
  email_address: {
    id: 'harus satu alamat e-mail (`nama@domain`, `Nama <nama@domain>`, atau { name, address })',
    en: 'must be one e-mail address (`name@domain`, `Name <name@domain>`, or { name, address })',
  },
  transport_instance: {
    id: 'harus transporter nodemailer (objek dengan sendMail)',
    en: 'must be a nodemailer transporter (an object with sendMail)',
  },
  smtp_or_transport: {
    id: 'isi tepat satu dari `smtp` atau `transport`',
    en: 'give exactly one of `smtp` or `transport`',
  },
  header_name: {
    id: 'nama header hanya boleh karakter ASCII tampak tanpa titik dua',
    en: 'a header name may hold only visible ASCII characters without a colon',
  },
  header_value: {
    id: 'nilai header tidak boleh memuat baris baru',
    en: 'a header value may not hold a line break',
  },
  header_reserved: {
    id: 'header ini diisi oleh notifier sendiri dan tidak boleh diganti',
    en: 'the notifier sets this header itself; it cannot be overridden',
  },
  host_name: {
    id: 'harus nama host ASCII (mis. kec.example.go.id)',
    en: 'must be an ASCII host name (e.g. kec.example.go.id)',
  },
}

/** Validates the options (`ConfigError` naming the bad keys) and applies defaults. @internal */
export function resolveOptions(input: unknown): ResolvedEmailOptions {
  const o = parseOptions(optionsSchema, input ?? {}, { adapter: 'createEmailNotifier', rules: ruleTexts })
  const fromDomain = addressOf(o.from)?.split('@').pop() ?? ''
  return {
    smtp: o.smtp && {
      host: o.smtp.host,
      port: o.smtp.port,
      secure: o.smtp.secure ?? o.smtp.port === 465,
      auth: o.smtp.auth,
      tls: o.smtp.tls as ConnectionOptions | undefined,
    },
    transport: o.transport,
    from: o.from,
    replyTo: o.replyTo,
    headers: o.headers ?? {},
    messageIdDomain: o.messageIdDomain ?? (asciiHostPattern.test(fromDomain) ? fromDomain : 'ak1.local'),
    timeoutMs: o.timeoutMs,
  }
}
