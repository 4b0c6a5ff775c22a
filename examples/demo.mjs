// `npm run demo`: one tatap-muka and one online AK-1 case at Kecamatan Balongbendo, run through the
// library with an in-memory store, a clock the script moves, a recording notifier and a fake
// SIPRAJA, printed as a timeline. Every move comes from `availableActions`; notices go out through
// the outbox between steps, as the worker would send them.
//
// Runs on the built packages (`npm run build` first; `npm run demo` does both).

import { balongbendo, createAk1Service } from '@ak1/core'
import {
  createFakeSipraja,
  createMemoryStore,
  createRecordingNotifier,
  sampleApplication,
} from '@ak1/core/testing'

const MINUTE = 60_000

/** A clock the demo moves by hand: Tuesday 14 April 2026, 08.00 WIB. */
let now = Date.parse('2026-04-14T01:00:00Z')
const clock = { now: () => new Date(now) }
const advance = (minutes) => {
  now += minutes * MINUTE
}
const setTime = (iso) => {
  now = Date.parse(iso)
}

const store = createMemoryStore()
const notifier = createRecordingNotifier()
const sipraja = createFakeSipraja()
const service = createAk1Service({ standard: balongbendo, store, clock, notifiers: [notifier], sipraja })

const officers = {
  petugas: { id: 'petugas-1', role: 'petugas' },
  operator: { id: 'operator-1', role: 'operator' },
  admin: { id: 'admin-1', role: 'admin' },
  camat: { id: 'camat-1', role: 'camat' },
}

const wib = new Intl.DateTimeFormat('id-ID', {
  timeZone: 'Asia/Jakarta',
  weekday: 'short',
  day: '2-digit',
  month: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
})
const day = new Intl.DateTimeFormat('id-ID', {
  timeZone: 'Asia/Jakarta',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
})
const time = (iso) => `${wib.format(new Date(iso)).replace(',', '')} WIB`
const date = (iso) => day.format(new Date(iso))

const eventWords = {
  SUBMIT: 'ajukan (submit)',
  ACCEPT: 'terima & periksa (accept)',
  RETURN: 'kembalikan (return)',
  RESUBMIT: 'ajukan ulang (resubmit)',
  REJECT: 'tolak (reject)',
  SIGN: 'tanda tangan (sign)',
  COMPLETE: 'selesaikan (complete)',
  HAND_OVER: 'serahkan kartu (hand over)',
  WITHDRAW: 'batalkan (withdraw)',
  SLA_AT_RISK: 'peringatan tenggat (at risk)',
  SLA_BREACHED: 'lewat tenggat (breached)',
}
const slaWords = { on_track: 'tepat waktu', at_risk: 'berisiko', breached: 'terlambat' }
const stepNames = new Map(balongbendo.steps.map((s) => [s.id, s.name]))
const roleNames = new Map(balongbendo.roles.map((r) => [r.id, r.name]))
const stateName = (state) =>
  ({
    selesai: 'selesai',
    ditolak: 'ditolak',
    dibatalkan: 'dibatalkan',
    dikembalikan: 'dikembalikan ke pemohon',
  })[state] ?? state

/** What the timeline shows per command: the SLA as it stood right after it. */
const slaAfter = new Map()

async function record(view) {
  slaAfter.set(`${view.id}#${view.version}`, view.sla)
  await service.runOutbox()
}

/** The first forward action any of `actors` may take now, taken with what it needs verified. */
async function step(view, actors) {
  for (const actor of actors) {
    const actions = await service.availableActions(view.id, actor)
    const action = actions.find((a) => ['ACCEPT', 'COMPLETE', 'SIGN', 'HAND_OVER'].includes(a.type))
    if (!action) continue
    const event =
      action.type === 'ACCEPT' || (action.type === 'HAND_OVER' && action.needs)
        ? { type: action.type, verified: action.needs ?? [] }
        : { type: action.type }
    const next = await service.act(view.id, event, {
      actor,
      expectedVersion: view.version,
      commandId: `${view.id}:${view.version}:${action.type}`,
    })
    await record(next)
    return next
  }
  throw new Error(`Tidak ada yang dapat melanjutkan kasus pada tahap ${view.state}`)
}

async function runToEnd(view, actors, minutesPerStep) {
  let current = view
  while (!current.final) {
    advance(minutesPerStep(current.state))
    current = await step(current, actors)
  }
  return current
}

/** Minutes each step takes in the demo: the Camat signs the next day, printing takes an hour. */
const pace = (state) => ({ tanda_tangan: 25 * 60, pencetakan: 60 })[state] ?? 12

async function printCase(title, id) {
  const view = await service.get(id)
  const timeline = await service.timeline(id)
  const sent = notifier.sent.filter((m) => m.caseId === id)
  const calls = sipraja.calls.filter((c) => c.idempotencyKey.startsWith(id))
  console.log(`\n${'='.repeat(100)}`)
  console.log(title)
  console.log(`${'='.repeat(100)}`)
  console.log(`Kode lacak (tracking code): ${view.trackingCode}   Jalur (channel): ${view.channel}`)
  console.log(`Standar: ${view.standard.id} versi ${view.standard.version} (SK ${balongbendo.decree.number})`)
  console.log(`Tenggat awal (planned due): ${time(view.sla.plannedDueAt)}`)
  console.log('')
  for (const entry of timeline) {
    const stepName = entry.from ? (stepNames.get(entry.from) ?? stateName(entry.from)) : 'Permohonan masuk'
    const role = roleNames.get(entry.actor.role) ?? entry.actor.role
    const notices = sent
      .filter((m) => m.messageId.split('.')[1] === String(entry.seq))
      .map((m) => `${m.channel.toUpperCase()} "${m.template}"`)
    const sla = slaAfter.get(`${id}#${entry.seq}`)
    console.log(`${time(entry.at)}  ${eventWords[entry.event] ?? entry.event}`)
    console.log(`    tahap (step): ${stepName}`)
    console.log(
      `    oleh (by): ${role} [${entry.actor.id}]   status: ${stateName(entry.from ?? '-')} -> ${stateName(entry.to)}`,
    )
    if (entry.details?.missing)
      console.log(`    kurang (missing): ${entry.details.missing.join(', ')}: ${entry.details.reason}`)
    if (notices.length) console.log(`    pemberitahuan terkirim (notices sent): ${notices.join(', ')}`)
    if (sla) {
      const due = sla.dueAt ? `tenggat ${time(sla.dueAt)}` : 'jam layanan berhenti (clock stopped)'
      const paused = sla.paused ? ', dijeda menunggu pemohon (paused)' : ''
      console.log(`    SLA: ${slaWords[sla.status]} (${sla.status}), ${due}${paused}`)
    }
  }
  console.log('')
  console.log(`Status akhir (final state): ${view.state}`)
  console.log(`Nomor register: ${view.registerNumber}`)
  if (view.card) {
    console.log(
      `Kartu AK-1 nomor ${view.card.number}, terbit ${date(view.card.issuedAt)}, berlaku s.d. ${date(view.card.validUntil)}`,
    )
    console.log(`Wajib lapor (reporting due): ${view.card.reportingDueDates.map(date).join('; ')}`)
  }
  const verified = view.checklist.filter((i) => i.verified)
  console.log(`Berkas diverifikasi (checklist verified): ${verified.length} dari ${view.checklist.length}`)
  console.log(
    `SLA: ${slaWords[view.sla.status]} (${view.sla.status}); waktu kerja terpakai ${Math.round(view.sla.elapsedMinutes)} menit, dijeda ${Math.round(view.sla.pausedMinutes)} menit`,
  )
  console.log(
    `Pengiriman (deliveries): ${view.deliveries.map((d) => `${d.template ?? d.action}/${d.channel ?? 'sipraja'}=${d.status}`).join(', ')}`,
  )
  console.log(
    `SIPRAJA: ${calls.length} panggilan (calls); jejak audit utuh (audit chain intact): ${(await service.verifyAudit(id)).ok}`,
  )
}

// Case 1: tatap muka. The applicant brings the files to the desk.
const desk = await service.submit(sampleApplication(), {
  actor: officers.petugas,
  channel: 'tatap_muka',
  commandId: 'demo-tatap-muka',
})
await record(desk)
const deskDone = await runToEnd(desk, Object.values(officers), pace)

// Case 2: online. The applicant submits in SIPRAJA; the verifier returns it for a missing ijazah;
// the applicant resubmits two days later; the SLA clock pauses meanwhile.
setTime('2026-04-14T02:00:00Z')
const applicant = {
  id: 'sipraja-budi',
  role: 'pemohon',
  nik: '3515120304990002',
}
const online = await service.submit(
  sampleApplication({
    applicant: {
      nik: applicant.nik,
      fullName: 'Budi Santoso',
      birthDate: '1999-04-03',
      sex: 'L',
    },
    contacts: { mobile: '0813-3000-4567', email: 'budi.santoso@example.com' },
  }),
  { actor: applicant, channel: 'online', commandId: 'demo-online' },
)
await record(online)
let current = online
while (current.state !== 'verifikasi') {
  advance(12)
  current = await step(current, [applicant, ...Object.values(officers)])
}
advance(10)
current = await service.act(
  current.id,
  { type: 'RETURN', missing: ['ijazah:sma'], reason: 'Scan ijazah SMK tidak terbaca' },
  { actor: officers.operator, expectedVersion: current.version },
)
await record(current)
setTime('2026-04-16T02:00:00Z')
current = await service.act(
  current.id,
  { type: 'RESUBMIT' },
  { actor: applicant, expectedVersion: current.version },
)
await record(current)
const onlineDone = await runToEnd(current, [applicant, ...Object.values(officers)], pace)

// Deadlines: nothing is due for finished cases.
const due = await service.runDue()

await printCase('Kasus 1: AK-1 tatap muka (in person), Kecamatan Balongbendo', deskDone.id)
await printCase(
  'Kasus 2: AK-1 online via SIPRAJA, dikembalikan lalu diajukan ulang (returned, resubmitted)',
  onlineDone.id,
)
console.log(`\nTenggat diproses (due rows raised): ${due.raised}`)
console.log(
  `Semua kasus selesai (all cases done): ${[deskDone, onlineDone].every((c) => c.state === 'selesai') ? 'ya (yes)' : 'tidak (no)'}`,
)
