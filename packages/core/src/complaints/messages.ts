import { ruleMessages } from '../i18n/zod-issues'

/** Indonesian and English texts of the complaint rules. @internal */
export const complaintRules = {
  complaint_channel: {
    id: 'saluran pengaduan tidak tercantum dalam Standar Pelayanan kantor ini',
    en: "the channel is not one of this office's standard complaint channels",
  },
  complaint_section: {
    id: 'seksi tidak tercantum dalam Standar Pelayanan kantor ini',
    en: "the section is not one of this office's sections",
  },
  complaint_content: {
    id: 'isi pengaduan, saran atau masukan wajib diisi',
    en: 'the complaint, suggestion or input must have content',
  },
  complaint_follow_up: {
    id: 'hasil tindak lanjut wajib diisi',
    en: 'the follow-up result must be written',
  },
  complaint_state: {
    id: 'langkah ini tidak berlaku pada status pengaduan sekarang',
    en: 'this step does not apply in the complaint’s current state',
  },
  opening_notes: {
    id: 'jumlah catatan di kotak saran harus bilangan bulat 0 atau lebih',
    en: 'the number of notes found must be a whole number, 0 or more',
  },
  opening_future: {
    id: 'kotak saran tidak dapat dicatat dibuka pada hari yang belum tiba',
    en: 'the suggestion box cannot be recorded as opened on a day still to come',
  },
  opening_twice: {
    id: 'pembukaan kotak saran hari ini sudah dicatat',
    en: 'the suggestion box opening of this day is already recorded',
  },
} as const

Object.assign(ruleMessages, complaintRules)
