// The holiday data day by day against the lists in DOMAIN.md (SKB 3 Menteri, 2025 as amended with
// 18 August, and 2026): a missing, extra or mislabelled day fails here, not only a wrong count.
import { describe, expect, it } from 'vitest'
import { indonesiaHolidays } from '../src/index'

const domain = {
  '2025': {
    libur_nasional:
      '1 Jan, 27 Jan, 29 Jan, 29 Mar, 31 Mar, 1 Apr, 18 Apr, 20 Apr, 1 May, 12 May, 29 May, 1 Jun, 6 Jun, 27 Jun, 17 Aug, 5 Sep, 25 Dec',
    cuti_bersama: '28 Jan, 28 Mar, 2 Apr, 3 Apr, 4 Apr, 7 Apr, 13 May, 30 May, 9 Jun, 18 Aug, 26 Dec',
  },
  '2026': {
    libur_nasional:
      '1 Jan, 16 Jan, 17 Feb, 19 Mar, 21 Mar, 22 Mar, 3 Apr, 5 Apr, 1 May, 14 May, 27 May, 31 May, 1 Jun, 16 Jun, 17 Aug, 25 Aug, 25 Dec',
    cuti_bersama: '16 Feb, 18 Mar, 20 Mar, 23 Mar, 24 Mar, 15 May, 28 May, 24 Dec',
  },
} as const
const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
const isoDays = (year: string, list: string) =>
  list.split(', ').map((d) => {
    const [day, month] = d.split(' ')
    return `${year}-${String(months.indexOf(month!) + 1).padStart(2, '0')}-${day!.padStart(2, '0')}`
  })

describe('indonesiaHolidays against DOMAIN.md', () => {
  for (const [year, kinds] of Object.entries(domain))
    for (const [kind, list] of Object.entries(kinds))
      it(`${year} ${kind}: exactly the days of the decree`, () => {
        const data = indonesiaHolidays.days.filter((d) => d.date.startsWith(year) && d.kind === kind)
        expect(data.map((d) => d.date)).toEqual(isoDays(year, list))
      })
})
