import { maritalStatuses, maritalStatusLabels, religionLabels, religions } from '@ak1/core'
import { html } from 'hono/html'
import { type FormValues, formLevels } from './loket-form'
import { csrfField, type Html, notice, type PageContext, page } from './page'

/** The id of an input, from its name. */
export const inputId = (name: string) => `f-${name.replaceAll('.', '-')}`

interface FieldOptions {
  type?: string
  required?: boolean
  hint?: string
  inputmode?: string
  autocomplete?: string
  options?: ReadonlyArray<readonly [string, string]>
}

function field(
  name: string,
  label: string,
  values: FormValues,
  errors: Record<string, string[]>,
  o: FieldOptions = {},
): Html {
  const id = inputId(name)
  const errs = errors[name] ?? []
  const describedBy = [o.hint ? `${id}-hint` : '', `${id}-err`].filter(Boolean).join(' ')
  const value = values[name] ?? ''
  const common = html`id="${id}" name="${name}" aria-describedby="${describedBy}"${
    errs.length ? html` aria-invalid="true"` : ''
  }${o.required ? html` required` : ''}`
  const control = o.options
    ? html`<select ${common}><option value="">-</option>${o.options.map(
        ([v, l]) => html`<option value="${v}"${v === value ? html` selected` : ''}>${l}</option>`,
      )}</select>`
    : html`<input ${common} type="${o.type ?? 'text'}" value="${value}"${
        o.inputmode ? html` inputmode="${o.inputmode}"` : ''
      }${o.autocomplete ? html` autocomplete="${o.autocomplete}"` : html` autocomplete="off"`}>`
  return html`<div class="field${errs.length ? ' has-error' : ''}" data-field="${name}">
  <label for="${id}">${label}${o.required ? html` <span aria-hidden="true">*</span>` : ''}</label>
  ${o.hint ? html`<p class="hint" id="${id}-hint">${o.hint}</p>` : ''}
  ${control}
  <p class="field-error" id="${id}-err" aria-live="polite">${errs.join(' ')}</p>
</div>`
}

/** The loket: a new tatap-muka application, with the standard's requirements to check. */
export function loketPage(
  ctx: PageContext,
  values: FormValues,
  errors: Record<string, string[]>,
  problem?: string,
): Html {
  const { t, lang } = ctx
  const f = (name: string, label: string, o?: FieldOptions) => field(name, label, values, errors, o)
  const req = { required: true }
  const levelRows = formLevels.map(
    (level) => html`<fieldset class="edu-row"><legend>${level.toUpperCase()}</legend>
      ${f(`edu.${level}.school`, t('Nama sekolah', 'School'))}
      ${f(`edu.${level}.major`, t('Jurusan', 'Major'))}
      ${f(`edu.${level}.year`, t('Tahun lulus', 'Year graduated'), { inputmode: 'numeric' })}
      ${f(`edu.${level}.grade`, t('Nilai (NEM/IPK)', 'Grade (NEM/GPA)'))}
    </fieldset>`,
  )
  const requirementList = ctx.standard.requirements.map(
    (r) =>
      html`<li>${lang === 'en' ? (r.labelEn ?? r.label) : r.label}${r.required ? '' : html` <em>(${t('bila ada', 'if any')})</em>`}</li>`,
  )
  const educationErrors = errors.education ?? []
  const formErrors = errors[''] ?? []
  const body = html`
  ${problem ? notice('error', problem) : ''}
  ${ctx.actor ? '' : notice('info', html`${t('Masuk dulu sebagai Petugas Pelayanan untuk mendaftarkan permohonan.', 'Sign in as the front-desk officer first to register an application.')} <a href="/masuk">${t('Masuk (demo)', 'Sign in (demo)')}</a>`)}
  <section class="card">
    <h2>${t('Persyaratan menurut Standar Pelayanan', 'Requirements of the service standard')}</h2>
    <p>${t(
      'Daftar periksa berkas dibuat dari persyaratan ini dan dicentang saat berkas diterima dan diperiksa.',
      'The document checklist comes from these requirements and is ticked when the files are received and checked.',
    )}</p>
    <ul class="requirements">${requirementList}</ul>
  </section>
  <form method="post" action="/loket" id="loket-form" class="card" novalidate data-validate="application">
    ${csrfField(ctx)}
    <p class="field-error" id="f-form-err" role="alert">${formErrors.join(' ')}</p>
    <fieldset><legend>${t('Identitas (sesuai KTP dan KK)', 'Identity (as on the KTP and KK)')}</legend>
      ${f('applicant.nik', 'NIK', { ...req, inputmode: 'numeric', hint: t('16 angka, sesuai KTP', '16 digits, as on the KTP') })}
      ${f('applicant.kk', t('Nomor KK', 'KK number'), { ...req, inputmode: 'numeric' })}
      ${f('applicant.fullName', t('Nama lengkap', 'Full name'), { ...req, autocomplete: 'name' })}
      ${f('applicant.birthPlace', t('Tempat lahir', 'Place of birth'), req)}
      ${f('applicant.birthDate', t('Tanggal lahir', 'Date of birth'), { ...req, type: 'date' })}
      ${f('applicant.sex', t('Jenis kelamin', 'Sex'), {
        ...req,
        options: [
          ['L', t('Laki-laki', 'Male')],
          ['P', t('Perempuan', 'Female')],
        ],
      })}
      ${f('applicant.religion', t('Agama', 'Religion'), {
        ...req,
        options: religions.map((r) => [r, religionLabels[r][lang]] as const),
      })}
      ${f('applicant.maritalStatus', t('Status perkawinan', 'Marital status'), {
        ...req,
        options: maritalStatuses.map((m) => [m, maritalStatusLabels[m][lang]] as const),
      })}
    </fieldset>
    <fieldset><legend>${t('Alamat', 'Address')}</legend>
      ${f('applicant.address.street', t('Jalan / dusun', 'Street'), req)}
      ${f('applicant.address.rt', 'RT', { ...req, inputmode: 'numeric' })}
      ${f('applicant.address.rw', 'RW', { ...req, inputmode: 'numeric' })}
      ${f('applicant.address.desa', t('Desa / kelurahan', 'Village'), req)}
      ${f('applicant.address.kecamatan', t('Kecamatan', 'Kecamatan (district)'), req)}
      ${f('applicant.address.kabupaten', t('Kabupaten / kota', 'Regency / city'), req)}
      ${f('applicant.address.postcode', t('Kode pos', 'Postcode'), { ...req, inputmode: 'numeric' })}
    </fieldset>
    <fieldset><legend>${t('Kontak untuk pemberitahuan', 'Contacts for notices')}</legend>
      ${f('contacts.mobile', t('Nomor HP', 'Mobile number'), { ...req, type: 'tel', hint: t('Contoh 0812-3456-7890', 'E.g. 0812-3456-7890') })}
      ${f('contacts.email', t('E-mail', 'E-mail'), { type: 'email' })}
    </fieldset>
    <fieldset><legend>${t('Pendidikan (isi dari SD sampai yang terakhir)', 'Education (from SD up to the last level)')}</legend>
      <p class="field-error" id="f-education-err" aria-live="polite">${educationErrors.join(' ')}</p>
      ${levelRows}
      ${f('course.name', t('Kursus / keahlian (bila ada)', 'Course / skill (if any)'))}
    </fieldset>
    <fieldset><legend>${t('Pekerjaan yang diinginkan', 'Desired job')}</legend>
      ${f('desiredJob.category', t('Bidang pekerjaan', 'Job field'), req)}
      ${f('desiredJob.location', t('Lokasi', 'Location'), {
        ...req,
        options: [
          ['dalam_negeri', t('Dalam negeri', 'In Indonesia')],
          ['luar_negeri', t('Luar negeri', 'Abroad')],
        ],
      })}
    </fieldset>
    <div class="field check${(errors['form.completed'] ?? []).length ? ' has-error' : ''}" data-field="form.completed">
      <input type="checkbox" id="f-form-completed" name="form.completed" value="ya"${
        values['form.completed'] === 'ya' ? html` checked` : ''
      } aria-describedby="f-form-completed-err">
      <label for="f-form-completed">${t('Blanko permohonan AK-1 diisi lengkap', 'The AK-1 application form is filled in completely')}</label>
      <p class="field-error" id="f-form-completed-err" aria-live="polite">${(errors['form.completed'] ?? []).join(' ')}</p>
    </div>
    <button type="submit">${t('Daftarkan permohonan', 'Register the application')}</button>
  </form>`
  return page(ctx, t('Loket: permohonan AK-1 tatap muka', 'Front desk: in-person AK-1 application'), body)
}
