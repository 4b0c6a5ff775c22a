// The portal's progressive enhancement, bundled for the browser by esbuild at start-up: the loket form
// runs the library's own application rules (`@ak1/core/model`) before it is sent, and the receipt's
// print button. Without JavaScript every form still works: the server answers with the same errors.
import { safeParseApplication } from '@ak1/core/model'
import { errorsByField, type FormValues, toApplication } from '../web/loket-form'

const errorId = (field: string) => (field === '' ? 'f-form-err' : `f-${field.replaceAll('.', '-')}-err`)

function valuesOf(form: HTMLFormElement): FormValues {
  const values: FormValues = {}
  for (const [key, value] of new FormData(form))
    if (typeof value === 'string' && key !== '_csrf') values[key] = value
  return values
}

function show(form: HTMLFormElement, errors: Record<string, string[]>, only: Set<string> | null): string[] {
  const shown: string[] = []
  for (const box of form.querySelectorAll<HTMLElement>('[data-field]')) {
    const field = box.dataset.field ?? ''
    if (only && !only.has(field)) continue
    const messages = errors[field] ?? []
    const target = document.getElementById(errorId(field))
    if (target) target.textContent = messages.join(' ')
    box.classList.toggle('has-error', messages.length > 0)
    const input = box.querySelector('input, select, textarea')
    if (messages.length) {
      input?.setAttribute('aria-invalid', 'true')
      shown.push(field)
    } else input?.removeAttribute('aria-invalid')
  }
  for (const group of ['education', '']) {
    if (only && !only.has(group)) continue
    const target = document.getElementById(errorId(group))
    if (target) target.textContent = (errors[group] ?? []).join(' ')
  }
  return shown
}

function validate(form: HTMLFormElement): Record<string, string[]> {
  const lang = document.documentElement.lang === 'en' ? 'en' : 'id'
  const { application, levels } = toApplication(valuesOf(form))
  const result = safeParseApplication(application, { locale: lang })
  return result.success ? {} : errorsByField(result.error.issues, levels, lang)
}

function enhanceApplicationForm(form: HTMLFormElement): void {
  const touched = new Set<string>()
  const onLeave = (event: Event) => {
    const box = (event.target as HTMLElement).closest<HTMLElement>('[data-field]')
    if (!box?.dataset.field) return
    touched.add(box.dataset.field)
    show(form, validate(form), touched)
  }
  form.addEventListener('focusout', onLeave)
  form.addEventListener('change', onLeave)
  form.addEventListener('submit', (event) => {
    const errors = validate(form)
    const shown = show(form, errors, null)
    if (shown.length === 0 && !errors.education && !errors['']) return
    event.preventDefault()
    const first = shown[0]
    const input = first ? document.getElementById(`f-${first.replaceAll('.', '-')}`) : null
    input?.focus()
  })
}

for (const form of document.querySelectorAll<HTMLFormElement>('form[data-validate="application"]')) {
  enhanceApplicationForm(form)
}
for (const button of document.querySelectorAll<HTMLButtonElement>('[data-print]')) {
  button.addEventListener('click', () => window.print())
}
