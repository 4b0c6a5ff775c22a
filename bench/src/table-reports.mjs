// Rows of the terminal table for the report and memory-store sections.

const fmt = (value, digits = 0) =>
  typeof value === 'number' && Number.isFinite(value)
    ? value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })
    : 'n/a'
const verdict = (ok) => (ok === undefined ? '' : ok ? 'met' : 'NOT MET')
const ok = (value, test) => (typeof value === 'number' && Number.isFinite(value) ? test(value) : undefined)

/** Rows of [measure, @ak1, baseline, ratio or figure, target, verdict]. */
export function reportRows(results) {
  const { memory = {}, figures = {} } = results
  const rows = []
  const [a, b] = figures.reports?.checkpoints ?? []
  if (a && b) {
    rows.push([
      `service report, ${fmt(a.cases)} -> ${fmt(b.cases)} cases: peak RSS`,
      `${fmt(a.peakRssMb, 1)} -> ${fmt(b.peakRssMb, 1)} MB`,
      '',
      fmt(memory.reportPeakRssRatio, 2),
      '<= 1.3',
      verdict(ok(memory.reportPeakRssRatio, (v) => v <= 1.3)),
    ])
    rows.push([
      '  report time',
      `${fmt(a.ms)} -> ${fmt(b.ms)} ms`,
      '',
      `${fmt(figures.reports.msPer1000Cases, 1)} ms / 1000 cases`,
      '(diagnostic)',
      '',
    ])
  }
  const ms = figures.memoryStore
  if (ms?.checkpoints?.length === 2) {
    const [x, y] = ms.checkpoints
    for (const [key, label] of [
      ['submitMs', 'submit'],
      ['listPageMs', 'list page'],
      ['overduePageMs', 'overdue page'],
      ['submitNoGcMs', 'submit, GC excluded'],
      ['listPageNoGcMs', 'list page, GC excluded'],
      ['overduePageNoGcMs', 'overdue page, GC excluded'],
    ]) {
      rows.push([
        `memory store, ${fmt(x.cases)} -> ${fmt(y.cases)} cases: ${label}`,
        `${fmt(x[key], 3)} -> ${fmt(y[key], 3)} ms`,
        '',
        fmt(ms.ratios?.[key], 2),
        '<= 2 (flat)',
        verdict(ok(ms.ratios?.[key], (v) => v <= 2)),
      ])
    }
  }
  return rows
}
