/** One part of a `multipart/form-data` body. */
export interface FormPart {
  name: string
  filename?: string
  contentType?: string
  data: Buffer
}

/**
 * Splits a `multipart/form-data` body into its parts (what `cordova.plugin.http.uploadFile` sends
 * to `file/upload`: the params as fields, then the file). Enough for the simulator; not a general parser.
 */
export function parseMultipart(body: Buffer, contentType: string): FormPart[] {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType)
  const mark = boundary?.[1] ?? boundary?.[2]
  if (!mark) return []
  const text = body.toString('latin1')
  const parts: FormPart[] = []
  for (const chunk of text.split(`--${mark}`).slice(1)) {
    if (chunk.startsWith('--')) break
    const headerEnd = chunk.indexOf('\r\n\r\n')
    if (headerEnd < 0) continue
    const headers = chunk.slice(2, headerEnd)
    const content = chunk.slice(headerEnd + 4, chunk.endsWith('\r\n') ? -2 : undefined)
    const disposition = /content-disposition:[^\r\n]*/i.exec(headers)?.[0] ?? ''
    const name = /\bname="([^"]*)"/i.exec(disposition)?.[1]
    if (name === undefined) continue
    const part: FormPart = { name, data: Buffer.from(content, 'latin1') }
    const filename = /filename="([^"]*)"/i.exec(disposition)?.[1]
    if (filename !== undefined) part.filename = filename
    const type = /content-type:\s*([^\r\n]+)/i.exec(headers)?.[1]
    if (type) part.contentType = type.trim()
    parts.push(part)
  }
  return parts
}
