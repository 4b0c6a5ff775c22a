/** The GSM 03.38 default alphabet (one septet each). */
const gsm7Basic = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
)
/** The GSM 03.38 extension table (an escape plus one septet: two each). */
const gsm7Extension = new Set('\f^{}\\[~]|€')

/** How an SMS text is encoded and how many parts it takes. */
export interface SmsSegments {
  /** `gsm7` when every character is in the GSM 03.38 alphabet (with its extension), else `ucs2`. */
  encoding: 'gsm7' | 'ucs2'
  /** Length in septets (gsm7, extension characters count two) or in UTF-16 code units (ucs2). */
  units: number
  /** Number of SMS parts: 1 up to 160 septets / 70 units, then 153 / 67 per part. */
  segments: number
  /** Characters not in the GSM-7 alphabet (empty for gsm7). */
  nonGsm: string[]
}

/** True when the text can be sent in the GSM-7 alphabet (basic set or extension). */
export function isGsm7(text: string): boolean {
  for (const ch of text) if (!gsm7Basic.has(ch) && !gsm7Extension.has(ch)) return false
  return true
}

/**
 * Counts the SMS parts a text needs. A single GSM-7 SMS holds 160 septets (153 per part when
 * concatenated); a UCS-2 SMS 70 code units (67 per part). An empty text is one (empty) part.
 *
 * @example
 * ```ts
 * smsSegments('Kartu AK-1 siap diambil') // { encoding: 'gsm7', units: 23, segments: 1, nonGsm: [] }
 * ```
 */
export function smsSegments(text: string): SmsSegments {
  const nonGsm: string[] = []
  let septets = 0
  for (const ch of text) {
    if (gsm7Basic.has(ch)) septets += 1
    else if (gsm7Extension.has(ch)) septets += 2
    else if (!nonGsm.includes(ch)) nonGsm.push(ch)
  }
  if (nonGsm.length === 0) {
    return {
      encoding: 'gsm7',
      units: septets,
      segments: septets <= 160 ? 1 : Math.ceil(septets / 153),
      nonGsm,
    }
  }
  const units = text.length
  return { encoding: 'ucs2', units, segments: units <= 70 ? 1 : Math.ceil(units / 67), nonGsm }
}

/**
 * Replaces characters outside GSM-7 by close GSM-7 equivalents (typographic quotes, dashes,
 * ellipsis, non-breaking spaces), so values typed in word processors do not force UCS-2.
 * @internal
 */
export function toGsm7Friendly(text: string): string {
  return text
    .replace(/[\u2018\u2019\u201A\u2032]/g, "'")
    .replace(/[\u201C\u201D\u201E\u2033]/g, '"')
    .replace(/[\u2013\u2014\u2212]/g, '-')
    .replace(/\u2026/g, '...')
    .replace(/[\u00A0\u2007\u202F\t]/g, ' ')
}
