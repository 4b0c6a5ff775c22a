// The Disnaker statistics of card records, from their plain attributes only, and the card holder's
// coarse facts (age band at registration, highest education level).
import { describe, expect, it } from 'vitest'
import { ageBandOn, cardAttributes, cardHolderFacts, highestLevel } from '../src/card/holder'
import type { CardRecord } from '../src/card/record'
import { cardStatisticsCsv, checkCardPeriod, createCardStatistics } from '../src/card/statistics'
import { ValidationError } from '../src/errors/errors'
import { renderNotice } from '../src/notices/render'
import { balongbendo } from '../src/standards/balongbendo'
import { sampleApplication } from '../src/testing/index'

const row = (
  state: string,
  registeredOn: string,
  endedOn: string | null,
  extra: Record<string, string> = {},
) => ({
  state,
  attributes: { sex: 'P', ageBand: '20-24', education: 'sma', registeredOn, endedOn, ...extra },
})

describe('card statistics', () => {
  it('counts registered, placed, expired, lapsed and active in a period, per dimension', () => {
    const stats = createCardStatistics('balongbendo', { from: '2027-01-01', to: '2027-06-30' })
    stats.add(row('aktif', '2027-02-01', null)) // registered, active
    stats.add(row('ditutup', '2026-05-01', '2027-03-10', { sex: 'L', education: 's1' })) // placed
    stats.add(row('kedaluwarsa', '2025-01-05', '2027-01-06', { ageBand: '25-29' })) // expired
    stats.add(row('tidak_lapor', '2026-01-01', '2027-06-30')) // lapsed on the last day
    stats.add(row('ditutup', '2026-01-01', '2027-07-01')) // closed after the period: active at its end
    stats.add(row('aktif', '2027-07-01', null)) // registered after the period: not counted
    stats.add(row('ditutup', '2025-01-01', '2026-12-31')) // ended before the period: not counted
    const r = stats.result()
    expect(r.total).toEqual({ registered: 1, placed: 1, expired: 1, lapsed: 1, renewed: 0, active: 2 })
    expect(r.bySex.L).toEqual({ registered: 0, placed: 1, expired: 0, lapsed: 0, renewed: 0, active: 0 })
    expect(r.bySex.P).toEqual({ registered: 1, placed: 0, expired: 1, lapsed: 1, renewed: 0, active: 2 })
    expect(r.byAgeBand['25-29']!.expired).toBe(1)
    expect(r.byEducation.s1!.placed).toBe(1)
    expect(r.byEducation.smp).toEqual({
      registered: 0,
      placed: 0,
      expired: 0,
      lapsed: 0,
      renewed: 0,
      active: 0,
    })
  })

  it('counts a card a renewal replaced (diperpanjang) as renewed in the period it ended, and as active before', () => {
    const stats = createCardStatistics('balongbendo', { from: '2027-01-01', to: '2027-06-30' })
    stats.add(row('diperpanjang', '2025-02-01', '2027-01-20', { sex: 'L' })) // renewed in the period
    stats.add(row('diperpanjang', '2027-02-01', '2027-08-01')) // renewed after the period: active at its end
    stats.add(row('diperpanjang', '2024-01-01', '2026-12-30')) // renewed before the period: not counted
    const r = stats.result()
    expect(r.total).toEqual({ registered: 1, placed: 0, expired: 0, lapsed: 0, renewed: 1, active: 1 })
    expect(r.bySex.L).toEqual({ registered: 0, placed: 0, expired: 0, lapsed: 0, renewed: 1, active: 0 })
    expect(r.byEducation.sma!.renewed).toBe(1)
    const lines = cardStatisticsCsv(r).split('\r\n')
    expect(lines[1]).toBe('balongbendo,2027-01-01,2027-06-30,total,semua,1,0,0,0,1,1')
  })

  it('exports CSV with Indonesian heads, the total first, CRLF line ends', () => {
    const stats = createCardStatistics('balongbendo', { from: '2027-01-01', to: '2027-12-31' })
    stats.add(row('ditutup', '2027-01-10', '2027-05-01'))
    const csv = cardStatisticsCsv(stats.result())
    const lines = csv.split('\r\n')
    expect(lines[0]).toBe(
      'kantor,dari,sampai,dimensi,nilai,terdaftar,ditempatkan,kedaluwarsa,tidak_lapor,diperpanjang,aktif',
    )
    expect(lines[1]).toBe('balongbendo,2027-01-01,2027-12-31,total,semua,1,1,0,0,0,0')
    expect(lines).toContain('balongbendo,2027-01-01,2027-12-31,pendidikan,sma,1,1,0,0,0,0')
    expect(csv.endsWith('\r\n')).toBe(true)
  })

  it('refuses a bad period naming the field', () => {
    const issue = (p: { from: unknown; to: unknown }) => {
      try {
        checkCardPeriod(p)
      } catch (error) {
        expect(error).toBeInstanceOf(ValidationError)
        return (error as ValidationError).issues.map((i) => `${i.path.join('.')}:${i.rule}`)
      }
      throw new Error('expected an error')
    }
    expect(issue({ from: '2027-13-01', to: '2027-01-01' })).toEqual(['from:invalid_date'])
    expect(issue({ from: '2027-02-01', to: '2027-01-01' })).toEqual(['to:date_order'])
    expect(issue({ from: undefined, to: 5 })).toEqual(['from:invalid_date', 'to:invalid_date'])
  })
})

describe("the card holder's coarse facts", () => {
  it('bands the age at registration, a birthday counting on the day', () => {
    expect(ageBandOn('2006-04-14', '2026-04-13')).toBe('15-19')
    expect(ageBandOn('2006-04-14', '2026-04-14')).toBe('20-24')
    expect(ageBandOn('1970-01-01', '2026-01-01')).toBe('55+')
    expect(ageBandOn('1982-06-01', '2026-05-31')).toBe('40-44')
  })

  it('keeps sex, age band and the highest level only, raised by newly completed education', () => {
    const app = sampleApplication()
    const facts = cardHolderFacts(app as never, '2026-04-14')
    expect(facts).toEqual({
      sex: app.applicant!.sex,
      ageBand: facts.ageBand,
      education: highestLevel(app as never),
    })
    expect(Object.values(facts)).not.toContain(app.applicant!.nik)
    const record = {
      registeredAt: '2026-04-13T17:30:00.000Z',
      details: { education: [{ level: 's1' }] },
    } as unknown as CardRecord
    const attributes = cardAttributes(record, facts, 'Asia/Jakarta')
    expect(attributes).toMatchObject({
      education: 's1',
      registeredOn: '2026-04-14',
      endedOn: null,
      renewal: false,
    })
    const plain = JSON.stringify(attributes)
    expect(plain).not.toContain(app.applicant!.nik!)
    expect(plain).not.toContain(app.applicant!.birthDate!)
  })
})

describe('card reminder notices', () => {
  it('name the card, the reporting box and the day, in Indonesian and English', () => {
    const c = {
      trackingCode: 'AK1-1',
      channel: 'tatap_muka' as const,
      cardNumber: '0001/AK1/2026',
      applicantName: 'Siti',
    }
    const sms = renderNotice(balongbendo, c, 'pengingat_lapor', 'sms', 'id', {
      cardDate: '2026-10-14',
      reportIndex: 1,
    })
    expect(sms.text).toContain('0001/AK1/2026: wajib lapor ke-1 pada Rabu, 14 Oktober 2026')
    expect(sms.sms).toMatchObject({ encoding: 'gsm7', segments: 1 })
    const email = renderNotice(balongbendo, c, 'pengingat_kedaluwarsa', 'email', 'en', {
      cardDate: '2028-04-14',
    })
    expect(email.text).toContain('valid until Friday, 14 April 2028')
    expect(email.subject).toBe('AK-1 card 0001/AK1/2026 expires soon')
  })
})
