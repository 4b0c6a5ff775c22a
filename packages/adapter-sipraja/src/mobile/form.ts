/**
 * The request bodies of SIPRAJA's mobile endpoints as the Android app sends them: Framework7's
 * `app.request.post(url, data)` posts `application/x-www-form-urlencoded`, nesting arrays and
 * objects PHP-style (`0[nik_pemohon]=…&2[]=…&4[0][jabatan]=…`). Read from the public client
 * `kreatifa/sipraja-android` (`www/js/plugins/framework7.min.js`, `Utils.serializeObject`).
 */

/** A form value: text, or nested arrays and objects of them. */
export type FormValue =
  | string
  | number
  | boolean
  | null
  | undefined
  | FormValue[]
  | { [key: string]: FormValue }

const enc = encodeURIComponent

function nameOf(parents: string[], key: string): string {
  if (parents.length === 0) return enc(key)
  return `${parents.map((p, i) => (i === 0 ? p : `[${enc(p)}]`)).join('')}[${enc(key)}]`
}

/**
 * Encodes `data` as Framework7 3.6 does: an array of scalars becomes `name[]=v` pairs, an array of
 * objects `name[i][key]=v`, an object `name[key]=v`, `null` and `''` an empty value.
 */
export function encodeForm(data: Record<string, FormValue> | FormValue[], parents: string[] = []): string {
  const parts: string[] = []
  const record = data as Record<string, FormValue>
  for (const key of Object.keys(record)) {
    const value = record[key]
    if (Array.isArray(value)) {
      const items: string[] = []
      value.forEach((item, i) => {
        if (item !== null && typeof item === 'object' && !Array.isArray(item)) {
          items.push(encodeForm(item, [...parents, key, String(i)]))
        } else {
          items.push(`${nameOf(parents, key)}[]=${enc(String(item ?? ''))}`)
        }
      })
      if (items.length > 0) parts.push(items.join('&'))
    } else if (value === null || value === '') {
      parts.push(`${nameOf(parents, key)}=`)
    } else if (typeof value === 'object') {
      const inner = encodeForm(value, [...parents, key])
      if (inner !== '') parts.push(inner)
    } else if (value !== undefined) {
      parts.push(`${nameOf(parents, key)}=${enc(String(value))}`)
    }
  }
  return parts.join('&')
}

/** A decoded form: PHP's `$_POST` shape, objects whose keys may be list indexes. */
export type DecodedForm = { [key: string]: string | DecodedForm }

/**
 * Decodes an urlencoded body the way PHP fills `$_POST`: `a[b][]=1` nests, `[]` appends. Lists come
 * back as objects keyed `0`, `1`, …; {@link listOf} reads them in order.
 */
export function decodeForm(body: string): DecodedForm {
  const root: DecodedForm = {}
  for (const pair of body.split('&')) {
    if (!pair) continue
    const eq = pair.indexOf('=')
    const rawName = decodeURIComponent((eq < 0 ? pair : pair.slice(0, eq)).replace(/\+/g, ' '))
    const value = eq < 0 ? '' : decodeURIComponent(pair.slice(eq + 1).replace(/\+/g, ' '))
    const head = /^[^[]+/.exec(rawName)?.[0] ?? rawName
    const keys = [head, ...[...rawName.slice(head.length).matchAll(/\[([^\]]*)\]/g)].map((m) => m[1] ?? '')]
    let node = root
    keys.forEach((key, i) => {
      const name = key === '' ? String(Object.keys(node).length) : key
      if (i === keys.length - 1) {
        node[name] = value
        return
      }
      const next = node[name]
      if (typeof next !== 'object') node[name] = {}
      node = node[name] as DecodedForm
    })
  }
  return root
}

/** The items of a decoded list (`{ 0: …, 1: … }`) in index order; `[]` when absent or text. */
export function listOf(value: string | DecodedForm | undefined): Array<string | DecodedForm> {
  if (value === undefined || typeof value === 'string') return []
  return Object.keys(value)
    .sort((a, b) => Number(a) - Number(b))
    .map((k) => value[k] as string | DecodedForm)
}

/** A decoded object as flat text fields (nested members dropped). */
export function fieldsOf(value: string | DecodedForm | undefined): Record<string, string> {
  if (value === undefined || typeof value === 'string') return {}
  return Object.fromEntries(
    Object.entries(value).filter((e): e is [string, string] => typeof e[1] === 'string'),
  )
}
