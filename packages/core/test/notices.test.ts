import { describe, expect, it } from 'vitest'
import type { CaseView } from '../src/engine/types'
import {
  balongbendo,
  balongbendoInput,
  ConfigError,
  defaultNoticeTemplates,
  defineStandard,
  isGsm7,
  noticeTemplateIds,
  openingHoursText,
  placeholdersIn,
  placeholdersOf,
  renderNotice,
  smsSegments,
} from '../src/index'

function view(overrides: Partial<CaseView> = {}): CaseView {
  return {
    id: 'c_01',
    version: 3,
    state: 'penerimaan',
    awaiting: 'petugas',
    final: false,
    channel: 'online',
    standard: { id: balongbendo.id, version: balongbendo.version, hash: balongbendo.hash },
    application: {
      applicant: { fullName: 'Siti Aminah', nik: '3515094506990001' },
      contacts: { mobile: '+6281234567890', email: 'siti@example.com' },
    },
    checklist: [
      {
        id: 'ktp_asli',
        requirementId: 'ktp_asli',
        label: 'KTP asli pemohon',
        kind: 'original',
        quantity: 1,
        required: true,
        checkedAt: {},
      },
      {
        id: 'ijazah:sma',
        requirementId: 'ijazah',
        label: 'Fotokopi Ijazah SMA',
        labelEn: 'Photocopy of the SMA ijazah',
        kind: 'copy',
        quantity: 1,
        required: true,
        checkedAt: {},
      },
    ],
    trackingCode: 'AK1-261127-00001',
    sla: {
      plannedDueAt: '2026-11-30T09:00:00.000Z',
      dueAt: '2026-11-30T09:00:00.000Z',
      status: 'on_track',
      elapsedMinutes: 0,
      remainingMinutes: 1000,
      pausedMinutes: 0,
      paused: false,
      calendarVersion: 'test',
      steps: [],
    },
    attachments: [],
    deliveries: [],
    incidents: [],
    createdAt: '2026-11-27T02:00:00.000Z',
    updatedAt: '2026-11-27T02:00:00.000Z',
    ...overrides,
  }
}

const details = { missing: ['ijazah:sma', 'pas_foto'], reason: 'Foto buram' }

describe('renderNotice', () => {
  it('fits every default SMS of the Balongbendo office in one GSM-7 part, in both languages', () => {
    for (const template of noticeTemplateIds) {
      for (const locale of ['id', 'en'] as const) {
        for (const channel of ['online', 'tatap_muka'] as const) {
          const sms = renderNotice(balongbendo, view({ channel }), template, 'sms', locale, details)
          expect(sms.sms, `${template} ${locale} ${channel}: ${sms.text}`).toMatchObject({
            encoding: 'gsm7',
            segments: 1,
          })
          expect(sms.text).not.toMatch(/\{[A-Za-z]+\}/)
        }
      }
    }
  })

  it('gives the tracking code and the due date in the office time zone on diterima', () => {
    const mail = renderNotice(balongbendo, view(), 'diterima', 'email', 'id')
    expect(mail.subject).toBe('Permohonan AK-1 diterima: AK1-261127-00001')
    expect(mail.text).toContain('Kode pelacakan: AK1-261127-00001')
    expect(mail.text).toContain('Senin, 30 November 2026 pukul 16.00 WIB')
    expect(mail.text).toContain('Tidak dipungut biaya')
    const en = renderNotice(balongbendo, view(), 'diterima', 'email', 'en')
    expect(en.text).toContain('Monday, 30 November 2026 at 16:00 WIB')
  })

  it('names the missing items by label, the reason and how to resubmit on dikembalikan', () => {
    const online = renderNotice(balongbendo, view(), 'dikembalikan', 'email', 'id', details)
    expect(online.text).toContain(
      '- Fotokopi Ijazah SMA\n- Foto berwarna/hitam putih ukuran 3x4 sebanyak 2 buah',
    )
    expect(online.text).toContain('Alasan: Foto buram')
    expect(online.text).toContain('SIPRAJA')
    expect(online.html).toContain('<ul><li>Fotokopi Ijazah SMA</li>')
    const desk = renderNotice(
      balongbendo,
      view({ channel: 'tatap_muka' }),
      'dikembalikan',
      'sms',
      'id',
      details,
    )
    expect(desk.text).toContain('2 persyaratan kurang')
    expect(desk.text).toContain('Kecamatan Balong Bendo')
    const en = renderNotice(balongbendo, view(), 'dikembalikan', 'email', 'en', details)
    expect(en.text).toContain('- Photocopy of the SMA ijazah')
  })

  it("gives the reason and the standard's complaint channels on ditolak", () => {
    const mail = renderNotice(balongbendo, view(), 'ditolak', 'email', 'id', {
      reason: 'NIK tidak sesuai KTP',
    })
    expect(mail.text).toContain('Alasan: NIK tidak sesuai KTP')
    expect(mail.text).toContain('telepon 031-8985179')
    expect(mail.text).toContain('e-mail kec.balongbendo@gmail.com')
    expect(mail.text).toContain('langsung di meja pelayanan')
    expect(renderNotice(balongbendo, view(), 'ditolak', 'sms', 'id', { reason: 'x' }).text).toContain(
      '031-8985179',
    )
  })

  it('uses the words of the SK on berkas_jadi', () => {
    const sms = renderNotice(balongbendo, view(), 'berkas_jadi', 'sms', 'id')
    expect(sms.text).toContain('jadi, kartu AK-1 siap dicetak')
  })

  it('tells online applicants to bring the original KTP and KK on kartu_siap, with the address', () => {
    const online = renderNotice(balongbendo, view({ card: cardOf() }), 'kartu_siap', 'email', 'id')
    expect(online.text).toContain('- KTP asli pemohon\n- Kartu Keluarga asli pemohon')
    expect(online.text).toContain('Jl. Mayjend Bambang Yuwono 2 61263')
    expect(online.text).toContain('Nomor kartu: balongbendo-2026-000001')
    expect(online.text).toContain('Jam pelayanan: Senin-Kamis 07.30-16.00, Jumat 07.30-16.30')
    expect(renderNotice(balongbendo, view(), 'kartu_siap', 'email', 'en').text).toContain(
      'Opening hours: Monday-Thursday 07:30-16:00, Friday 07:30-16:30',
    )
    const desk = renderNotice(balongbendo, view({ channel: 'tatap_muka' }), 'kartu_siap', 'email', 'id')
    expect(desk.text).not.toContain('KTP asli')
    expect(desk.text).toContain('kode pelacakan ini')
    const hours = defineStandard({
      ...balongbendoInput,
      version: 'hours',
      office: { ...balongbendoInput.office, openingHoursText: 'Senin-Kamis 07.30-16.00' },
    })
    expect(renderNotice(hours, view(), 'kartu_siap', 'email', 'id').text).toContain(
      'Jam pelayanan: Senin-Kamis 07.30-16.00',
    )
  })

  it('escapes every value in the HTML part', () => {
    const evil = view({
      application: { applicant: { fullName: '<script>alert("x")</script> & Co' }, contacts: {} },
    })
    const mail = renderNotice(balongbendo, evil, 'ditolak', 'email', 'id', { reason: '<b>no</b>' })
    expect(mail.html).not.toContain('<script>')
    expect(mail.html).not.toContain('<b>no</b>')
    expect(mail.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co')
    expect(mail.text).toContain('<script>')
    const custom = defineStandard({
      ...balongbendoInput,
      version: 'html',
      noticeTemplates: { ditolak: { id: { html: '<p class="r">{reason}</p>' } } },
    })
    expect(renderNotice(custom, evil, 'ditolak', 'email', 'id', { reason: '"><img>' }).html).toContain(
      '<p class="r">&quot;&gt;&lt;img&gt;</p>',
    )
  })

  it('renders the office alerts without the applicant', () => {
    const mail = renderNotice(balongbendo, view({ state: 'tanda_tangan' }), 'sla_breached', 'email', 'id')
    expect(mail.subject).toBe('[AK-1] Melewati batas waktu: AK1-261127-00001')
    expect(mail.text).toContain('Camat memeriksa dan menandatangani berkas AK-1')
    expect(mail.text).toContain('kasus c_01')
    expect(mail.text).not.toContain('Siti')
  })

  it("prefers a standard's override field by field and falls back to core's texts", () => {
    const custom = defineStandard({
      ...balongbendoInput,
      version: 'override',
      noticeTemplates: { diterima: { id: { sms: 'Terima kasih {applicantName}, kode {trackingCode}' } } },
    })
    expect(renderNotice(custom, view(), 'diterima', 'sms', 'id').text).toBe(
      'Terima kasih Siti Aminah, kode AK1-261127-00001',
    )
    expect(renderNotice(custom, view(), 'diterima', 'email', 'id').subject).toBe(
      'Permohonan AK-1 diterima: AK1-261127-00001',
    )
  })

  it('refuses a template that exists nowhere', () => {
    expect(() => renderNotice(balongbendo, view(), 'nope', 'sms', 'id')).toThrow(ConfigError)
  })
})

describe('notice placeholders checked by defineStandard', () => {
  it('refuses an unknown placeholder with ConfigError naming the template, language and field', () => {
    let error: unknown
    try {
      defineStandard({
        ...balongbendoInput,
        version: 'bad',
        noticeTemplates: { ditolak: { en: { text: 'Reason {reason}, due {dueDate}' } } },
      })
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(ConfigError)
    expect((error as ConfigError).keys).toEqual(['noticeTemplates.ditolak.en.text'])
    expect((error as ConfigError).message).toContain('{dueDate}')
  })

  it('refuses a step notice naming a template with no text, and accepts it once defined', () => {
    const steps = balongbendoInput.steps.map((s) =>
      s.id === 'penyerahan' ? { ...s, notices: [{ on: 'HAND_OVER' as const, template: 'terima_kasih' }] } : s,
    )
    expect(() => defineStandard({ ...balongbendoInput, version: 'x', steps })).toThrow(ConfigError)
    const ok = defineStandard({
      ...balongbendoInput,
      version: 'y',
      steps,
      noticeTemplates: { terima_kasih: { id: { text: 'Terima kasih, {applicantName} ({trackingCode})' } } },
    })
    expect(renderNotice(ok, view(), 'terima_kasih', 'sms', 'en').text).toBe(
      'Terima kasih, Siti Aminah (AK1-261127-00001)',
    )
    expect(() =>
      defineStandard({
        ...balongbendoInput,
        version: 'z',
        steps,
        noticeTemplates: { terima_kasih: { id: { text: 'Kartu {cardNumber}' } } },
      }),
    ).toThrow(/cardNumber/)
  })

  it('uses in its defaults only the placeholders it allows', () => {
    for (const template of noticeTemplateIds) {
      const allowed = placeholdersOf(template)
      const used = (['sms', 'subject', 'text'] as const).flatMap((field) =>
        (['id', 'en'] as const).flatMap((locale) =>
          placeholdersIn(defaultNoticeTemplates[template][locale][field] ?? ''),
        ),
      )
      expect(used.length).toBeGreaterThan(0)
      for (const name of used) expect(allowed, `${template} uses {${name}}`).toContain(name)
    }
  })
})

describe('openingHoursText', () => {
  it('groups runs of days with the same hours and keeps closed days out', () => {
    const d = (open: string, close: string) => ({ open, close })
    expect(
      openingHoursText({
        mon: d('08.00', '15.00'),
        tue: d('08.00', '15.00'),
        thu: d('08.00', '15.00'),
        sat: d('08:00', '12:00'),
      }),
    ).toBe('Senin-Selasa 08.00-15.00, Kamis 08.00-15.00, Sabtu 08.00-12.00')
    expect(openingHoursText({ fri: d('07.30', '11.00') }, 'en')).toBe('Friday 07:30-11:00')
  })
})

describe('smsSegments', () => {
  it('counts GSM-7 septets, extension characters twice, and parts of 160 / 153', () => {
    expect(smsSegments('a'.repeat(160))).toMatchObject({ encoding: 'gsm7', units: 160, segments: 1 })
    expect(smsSegments('a'.repeat(161))).toMatchObject({ encoding: 'gsm7', segments: 2 })
    expect(smsSegments('a'.repeat(306)).segments).toBe(2)
    expect(smsSegments('a'.repeat(307)).segments).toBe(3)
    expect(smsSegments('€'.repeat(80))).toMatchObject({ encoding: 'gsm7', units: 160, segments: 1 })
    expect(smsSegments(`${'a'.repeat(159)}[`)).toMatchObject({ units: 161, segments: 2 })
  })

  it('switches to UCS-2 for any character outside GSM-7, with parts of 70 / 67', () => {
    expect(isGsm7('Rp 5.000, Jl. Raya @ 08:00')).toBe(true)
    expect(isGsm7('Nur’aini')).toBe(false)
    expect(smsSegments('ž'.repeat(70))).toMatchObject({
      encoding: 'ucs2',
      units: 70,
      segments: 1,
      nonGsm: ['ž'],
    })
    expect(smsSegments('ž'.repeat(71)).segments).toBe(2)
    expect(smsSegments('ž'.repeat(135)).segments).toBe(3)
  })

  it('keeps a rendered SMS in GSM-7 when a value has typographic quotes', () => {
    const sms = renderNotice(
      balongbendo,
      view({ application: { applicant: { fullName: 'Nur’aini' }, contacts: {} } }),
      'ditolak',
      'sms',
      'id',
      { reason: '“Foto” buram — ulangi' },
    )
    expect(sms.sms?.encoding).toBe('gsm7')
    expect(sms.text).toContain('"Foto" buram - ulangi')
  })
})

function cardOf() {
  return {
    number: 'balongbendo-2026-000001',
    issuedAt: '2026-11-30T03:00:00.000Z',
    validUntil: '2028-11-30',
    reportingDueDates: [],
  }
}
