// Characters kept as they are on the left of the `@`; everything else is percent-encoded (UTF-8), so
// any outbox id gives a valid RFC 5322 msg-id and decodes back to itself.
const plain = /[A-Za-z0-9_-]/

/**
 * The `Message-ID` header value of a notice: `<outbox-id@domain>`. Letters, digits, `_`, `-` and
 * single inner dots stay as they are (an outbox id such as `c_01.3.1` is readable in the header);
 * any other character, and a leading, trailing or repeated dot, is percent-encoded, so the value is
 * always a valid msg-id and {@link decodeMessageId} gives the outbox id back.
 *
 * @example
 * ```ts
 * encodeMessageId('c_01.3.1', 'kec.example.go.id') // '<c_01.3.1@kec.example.go.id>'
 * ```
 */
export function encodeMessageId(messageId: string, domain: string): string {
  let left = ''
  for (let i = 0; i < messageId.length; i += 1) {
    const ch = messageId[i]!
    if (plain.test(ch)) left += ch
    else if (ch === '.' && i > 0 && i < messageId.length - 1 && messageId[i + 1] !== '.') left += ch
    else {
      const code = messageId.codePointAt(i)!
      const char = String.fromCodePoint(code)
      if (char.length === 2) i += 1
      for (const byte of Buffer.from(char, 'utf8'))
        left += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`
    }
  }
  return `<${left}@${domain}>`
}

/**
 * The outbox id carried by a `Message-ID` header value written by {@link encodeMessageId}, or `null`
 * when the value is not of that form. Lets a mail log or a bounce be traced back to its outbox row.
 *
 * @example
 * ```ts
 * decodeMessageId('<c_01.3.1@kec.example.go.id>') // 'c_01.3.1'
 * ```
 */
export function decodeMessageId(header: string): string | null {
  const match = /^\s*<([^<>@\s]+)@[^<>@\s]+>\s*$/.exec(header)
  if (!match) return null
  try {
    return decodeURIComponent(match[1]!)
  } catch {
    return null
  }
}
