import type { ValidationIssue } from '../errors/errors'
import { standardChecks } from '../standard/define-standard'
import type { Standard } from '../standard/schema'
import { defaultNoticeTemplates, placeholdersIn, placeholdersOf } from './templates'

const fields = ['sms', 'subject', 'text', 'html'] as const

/**
 * The notice rules of a standard: every placeholder of `noticeTemplates` is one its template may use,
 * and every template a step emits has a text (core's default or the standard's own, in Indonesian:
 * `sms` or `text` for SMS, `text` for e-mail).
 */
export function checkNoticeTemplates(standard: Standard): ValidationIssue[] {
  const out: ValidationIssue[] = []
  for (const [template, locales] of Object.entries(standard.noticeTemplates)) {
    const allowed = placeholdersOf(template)
    for (const locale of ['id', 'en'] as const) {
      const texts = locales[locale]
      if (!texts) continue
      for (const field of fields) {
        const text = texts[field]
        if (!text) continue
        for (const name of placeholdersIn(text)) {
          if (allowed.includes(name)) continue
          out.push({
            path: ['noticeTemplates', template, locale, field],
            rule: 'unknown_placeholder',
            message: `placeholder {${name}} tidak dikenal untuk template "${template}"; yang boleh: ${allowed.join(', ')}`,
            messageEn: `placeholder {${name}} is unknown for template "${template}"; allowed: ${allowed.join(', ')}`,
          })
        }
      }
    }
  }
  standard.steps.forEach((step, i) => {
    step.notices.forEach((notice, j) => {
      const builtIn = Object.hasOwn(defaultNoticeTemplates, notice.template)
      const own = Object.hasOwn(standard.noticeTemplates, notice.template)
        ? standard.noticeTemplates[notice.template]?.id
        : undefined
      if (builtIn) return
      if (!own) {
        out.push({
          path: ['steps', i, 'notices', j, 'template'],
          rule: 'unknown_template',
          message: `template "${notice.template}" tidak ada: bukan template bawaan dan tidak ada di noticeTemplates`,
          messageEn: `template "${notice.template}" does not exist: not built in and not in noticeTemplates`,
        })
        return
      }
      for (const channel of notice.channels) {
        const ok = channel === 'sms' ? Boolean(own.sms ?? own.text) : Boolean(own.text)
        if (!ok) {
          out.push({
            path: ['noticeTemplates', notice.template, 'id', channel === 'sms' ? 'sms' : 'text'],
            rule: 'template_text_required',
            message: `template "${notice.template}" dikirim lewat ${channel} tetapi tidak punya teks untuknya`,
            messageEn: `template "${notice.template}" is sent by ${channel} but has no text for it`,
          })
        }
      }
    })
  })
  return out
}

standardChecks.push(checkNoticeTemplates)
