// Small helpers shared by the bench sections: timing, percentiles, temp files, machine info.
import { mkdirSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const benchDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

/** Milliseconds since an arbitrary origin, sub-microsecond resolution. */
export const now = () => performance.now()

/** The p-th percentile (0..100) of a list of numbers, nearest-rank on a sorted copy. */
export function percentile(values, p) {
  if (values.length === 0) return Number.NaN
  const sorted = Float64Array.from(values).sort()
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return sorted[rank]
}

export function median(values) {
  return percentile(values, 50)
}

/** A fresh folder for SQLite files of one section; removed by `cleanup`. */
export function tempDir(label) {
  const base = process.env.AK1_BENCH_TMP ?? path.join(benchDir, '.tmp')
  const dir = path.join(base, `${label}-${process.pid}-${Date.now().toString(36)}`)
  mkdirSync(dir, { recursive: true })
  return {
    dir,
    file: (name) => path.join(dir, name),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  }
}

/** CPU model, cores, memory, Node version and load, for the results. */
export function machine() {
  const cpus = os.cpus()
  return {
    cpuModel: cpus[0]?.model?.trim() ?? 'unknown',
    cores: cpus.length,
    totalMemoryMb: Math.round(os.totalmem() / 2 ** 20),
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
  }
}

export function loadAverage() {
  return os.loadavg().map((v) => Math.round(v * 100) / 100)
}

/** Runs `fn(i)` in batches until at least `minMs` passed; returns operations per second. */
export function opsPerSecond(fn, { minMs, batch }) {
  let ops = 0
  const start = now()
  let elapsed = 0
  do {
    for (let i = 0; i < batch; i++) fn(ops + i)
    ops += batch
    elapsed = now() - start
  } while (elapsed < minMs)
  return { ops, ms: elapsed, perSecond: (ops * 1000) / elapsed }
}

export const round = (value, digits = 2) => {
  const f = 10 ** digits
  return Math.round(value * f) / f
}

/** A deterministic PRNG (mulberry32), so runs pick the same inputs. */
export function random(seed) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
