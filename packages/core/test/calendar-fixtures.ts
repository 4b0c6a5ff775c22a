// Holiday revisions shared by the calendar tests (not a test file itself).
import type { HolidayRevision } from '../src/sla/holidays'

/** The 2027 decree as an office would enter it: no cuti bersama on 1-4 January, one on 11 March. */
export const decree2027: HolidayRevision = {
  version: '2027-skb-1',
  decree: 'SKB 3 Menteri tentang Hari Libur Nasional dan Cuti Bersama Tahun 2027 (uji)',
  year: 2027,
  status: 'official',
  skb: { number: 'uji/2026', date: '2026-10-15' },
  adds: [
    { date: '2027-03-11', name: 'Cuti Bersama Hari Raya Idul Fitri 1448 Hijriah', kind: 'cuti_bersama' },
  ],
}
