import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  balongbendo,
  computeSkm,
  createPercentileCounter,
  createServiceReportAccumulator,
  parseSkmResponse,
  type ReportCase,
  serviceReportCsv,
  serviceReportHtml,
  skmElementIds,
} from '../src/index'

/** Nearest rank over a sorted copy: the reference the counter must agree with. */
function nearestRank(values: number[], p: number): number | null {
  if (!values.length) return null
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.ceil((p / 100) * sorted.length) - 1]!
}

describe('createPercentileCounter', () => {
  it('agrees with nearest rank over a sorted list for any whole numbers and p', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 5000 }), { maxLength: 300 }),
        fc.integer({ min: 1, max: 100 }),
        (values, p) => {
          const counter = createPercentileCounter()
          for (const v of values) counter.add(v)
          expect(counter.count).toBe(values.length)
          expect(counter.percentile(p)).toBe(nearestRank(values, p))
        },
      ),
      { seed: 20261206, numRuns: 300 },
    )
  })

  it('takes the lower middle as the median of an even count, and refuses p outside (0, 100]', () => {
    const counter = createPercentileCounter()
    for (const v of [10, 40, 20, 30]) counter.add(v)
    expect(counter.percentile(50)).toBe(20)
    expect(counter.percentile(100)).toBe(40)
    expect(() => counter.percentile(0)).toThrow(RangeError)
  })
})

describe('createServiceReportAccumulator', () => {
  // A deterministic generator of 10,000 cases in every outcome.
  function* generated(n: number): Generator<ReportCase> {
    let seed = 42
    const rand = (k: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31
      return seed % k
    }
    const outcomes = ['selesai', 'ditolak', 'dibatalkan', null] as const
    for (let i = 0; i < n; i++) {
      const outcome = outcomes[rand(4)]!
      const minutes = 60 + rand(3 * 450)
      yield {
        channel: rand(2) ? 'tatap_muka' : 'online',
        outcome,
        returned: rand(5) === 0 ? 1 + rand(2) : 0,
        ...(outcome === 'selesai' ? { workingMinutes: minutes, withinLimit: minutes <= 3 * 450 * 0.9 } : {}),
        steps: balongbendo.steps.slice(0, 1 + rand(balongbendo.steps.length)).map((s) => ({
          step: s.id,
          workingMinutes: 1 + rand(120),
        })),
      }
    }
  }

  it('counts every figure as an independent computation over the same 10,000 cases does', () => {
    const rows = [...generated(10_000)]
    const acc = createServiceReportAccumulator(balongbendo, { from: '2026-01-01', to: '2026-12-31' })
    for (const row of rows) acc.addCase(row)
    acc.addIncidents({ opened: 7, closed: 5 })
    const report = acc.result()

    const done = rows.filter((r) => r.outcome === 'selesai')
    expect(report.cases).toMatchObject({
      received: 10_000,
      completed: done.length,
      rejected: rows.filter((r) => r.outcome === 'ditolak').length,
      withdrawn: rows.filter((r) => r.outcome === 'dibatalkan').length,
      open: rows.filter((r) => r.outcome === null).length,
      returnedCases: rows.filter((r) => r.returned > 0).length,
      returns: rows.reduce((s, r) => s + r.returned, 0),
    })
    expect(report.cases.byChannel.online).toBe(rows.filter((r) => r.channel === 'online').length)
    expect(report.onTimeShare).toBe(done.filter((r) => r.withinLimit).length / done.length)
    const minutes = done.map((r) => r.workingMinutes!)
    expect(report.completion).toEqual({
      count: done.length,
      median: nearestRank(minutes, 50),
      p90: nearestRank(minutes, 90),
    })
    for (const step of report.steps) {
      const taken = rows.flatMap((r) =>
        r.steps!.filter((s) => s.step === step.step).map((s) => s.workingMinutes),
      )
      expect(step.actual).toEqual({
        count: taken.length,
        median: nearestRank(taken, 50),
        p90: nearestRank(taken, 90),
      })
    }
    expect(report.steps.map((s) => s.step)).toEqual(balongbendo.steps.map((s) => s.id))
    expect(report.incidents).toEqual({ opened: 7, closed: 5 })
  })

  it('counts complaints by type, channel and state, and carries the SKM', () => {
    const acc = createServiceReportAccumulator(balongbendo, { from: '2026-12-01', to: '2026-12-31' })
    acc.addComplaint({ type: 'pengaduan', channel: 'telepon', state: 'selesai', deadlinesMet: true })
    acc.addComplaint({ type: 'pengaduan', channel: 'telepon', state: 'dilaporkan', deadlinesMet: false })
    acc.addComplaint({ type: 'saran', channel: 'kotak_saran', state: 'dicatat', deadlinesMet: null })
    acc.setSkm(
      computeSkm([parseSkmResponse({ scores: Object.fromEntries(skmElementIds.map((id) => [id, 4])) })]),
    )
    const report = acc.result()
    expect(report.complaints).toEqual({
      total: 3,
      byType: { pengaduan: 2, saran: 1 },
      byChannel: { telepon: 2, kotak_saran: 1 },
      byState: { selesai: 1, dilaporkan: 1, dicatat: 1 },
      deadlinesMet: 1,
      deadlinesMissed: 1,
    })
    expect(report.onTimeShare).toBeNull()
    const csv = serviceReportCsv(report)
    expect(csv.split('\r\n')[0]).toBe('Bagian,Ukuran,Nilai')
    expect(csv).toContain('SKM,Nilai konversi,100.00')
    expect(csv).toContain('SKM,Mutu pelayanan,A (Sangat Baik)')
    expect(csv).toContain('Langkah,Camat memeriksa dan menandatangani berkas AK-1: target,1 hari kerja')
    const html = serviceReportHtml(report, 'Kecamatan Balongbendo')
    expect(html).toContain('<th scope="col">Ukuran</th>')
    expect(html).toContain('Laporan Pelayanan AK-1 2026-12-01 s.d. 2026-12-31')
  })
})
