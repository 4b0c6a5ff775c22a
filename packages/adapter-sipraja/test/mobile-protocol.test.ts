import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createSiprajaSimulator, decodeForm, encodeForm, type SiprajaSimulator } from '../src/index'
import { applicant, applyAsApp } from './fixtures/app'
import { applicationsOf, approvers, mobileGateway, officers } from './helpers/mobile'

describe('the app form encoding', () => {
  it('encodes an array body as Framework7 3.6 serializeObject does, and decodes it as PHP fills $_POST', () => {
    const body = [
      { nik_pemohon: '3515125405010001', subCategory: '', umur: 24, email_pemohon: null },
      { user_id: '77', role_id: '4' },
      ['Scan KTP', 'Ijazah & nilai'],
      [],
      [{ jabatan: 'Kasir', status: 'tersimpan' }],
      [{ name: 'bahasa_asing[]', value: 'inggris' }],
    ]
    const encoded = encodeForm(body)
    expect(encoded).toBe(
      '0[nik_pemohon]=3515125405010001&0[subCategory]=&0[umur]=24&0[email_pemohon]=' +
        '&1[user_id]=77&1[role_id]=4&2[]=Scan%20KTP&2[]=Ijazah%20%26%20nilai' +
        '&4[0][jabatan]=Kasir&4[0][status]=tersimpan&5[0][name]=bahasa_asing%5B%5D&5[0][value]=inggris',
    )
    expect(decodeForm(encoded)).toEqual({
      '0': { nik_pemohon: '3515125405010001', subCategory: '', umur: '24', email_pemohon: '' },
      '1': { user_id: '77', role_id: '4' },
      '2': { '0': 'Scan KTP', '1': 'Ijazah & nilai' },
      '4': { '0': { jabatan: 'Kasir', status: 'tersimpan' } },
      '5': { '0': { name: 'bahasa_asing[]', value: 'inggris' } },
    })
  })
})

describe('the simulator speaks the mobile protocol as the app expects', () => {
  let simulator: SiprajaSimulator
  let url: string
  beforeEach(async () => {
    simulator = createSiprajaSimulator({ approvers: approvers('rahasia') })
    url = (await simulator.start()).url
  })
  afterEach(() => simulator.close())
  const codeOf = (nik: string) => simulator.mobile.codes.get(nik) ?? ''

  it('answers a save with a number, and refuses one without a photo with { desc }', async () => {
    const a = applicant(0)
    const id = await applyAsApp(url, a, codeOf)
    expect(typeof id).toBe('number')
    const b = applicant(1)
    expect(await applyAsApp(url, b, codeOf, { withPhoto: false })).toEqual({
      desc: 'Gagal Simpan! Mohon mengisi Foto!',
    })
    expect(applicationsOf(simulator, b.nik)).toEqual([])
    // Stored under SIPRAJA's record names, not the form's.
    const app = simulator.mobile.applications.get(id as number)
    expect(app?.layanan).toMatchObject({
      besar_upah_pyd: a.upah_pyd,
      no_hp: '081234567890',
      sub_category: '121',
      kode_pos: '61263',
    })
    expect(app?.layanan).not.toHaveProperty('upah_pyd')
    expect(app?.kpk_jabatan).toEqual([
      {
        jabatan: 'Staf administrasi',
        uraian_tugas: 'Mencatat transaksi harian',
        lama_kerja: '2 tahun',
        pemberi_kerja: 'CV Sumber Rejeki',
      },
    ])
    expect(app?.kpk_bahasa).toEqual(['inggris', 'jepang'])
  })

  it('lists by status (Berjalan, Disetujui, Ditolak), finds, decides in the chain order and prints only when approved', async () => {
    const gateway = mobileGateway(simulator, url)
    const [a, b] = [applicant(2), applicant(3)]
    const idA = String(await applyAsApp(url, a, codeOf))
    const idB = String(await applyAsApp(url, b, codeOf))
    expect((await gateway.listApplications('berjalan')).map((r) => [r.id, r.nik, r.val_status])).toEqual([
      [idA, a.nik, 'Menunggu'],
      [idB, b.nik, 'Menunggu'],
    ])
    const record = await gateway.findApplication(idA)
    expect(record?.approve).toMatchObject({ author_type: 'kecamatan' })
    expect(record?.this_user_is_the_last_index).toBe(false)
    expect(await gateway.findApplication('999')).toBeNull()
    // The admin's approval records the operator's first (both decided in @ak1), in the chain's order;
    // the Camat may not approve without the passphrase.
    expect(await gateway.approve({ nik: a.nik, caseRef: 'x', officer: 'admin-1' })).toEqual({
      status: 'Menunggu',
      changed: true,
    })
    expect(simulator.mobile.applications.get(Number(idA))?.approvals.map((x) => x.status)).toEqual([
      '2',
      '2',
      null,
    ])
    await expect(gateway.approve({ nik: a.nik, caseRef: 'x', officer: 'camat-1' })).rejects.toMatchObject({
      retryable: false,
    })
    expect(await gateway.document({ nik: a.nik, caseRef: 'x', kind: 'ak1' })).toBeNull()
    await gateway.sign({ nik: a.nik, caseRef: 'x', officer: 'camat-1', passphrase: 'rahasia', note: 'OK' })
    await gateway.setStatus(
      { nik: b.nik, caseRef: 'y', status: 'Ditolak', note: 'KK tidak terbaca' },
      { idempotencyKey: 'r1' },
    )
    expect((await gateway.listApplications('berjalan')).map((r) => r.id)).toEqual([])
    expect(
      (await gateway.listApplications('disetujui')).map((r) => [r.id, r.val_status, r.display_name]),
    ).toEqual([[idA, null, 'Camat Balongbendo']])
    expect((await gateway.listApplications('ditolak')).map((r) => [r.id, r.val_status])).toEqual([
      [idB, 'Ditolak'],
    ])
    expect(simulator.mobile.applications.get(Number(idB))?.approvals[0]).toMatchObject({
      status: '3',
      keterangan: 'KK tidak terbaca',
      user_id: officers['operator-1']?.user_id,
    })
    const pdf = await gateway.document({ nik: a.nik, caseRef: 'x', kind: 'ak1' })
    expect(Buffer.from(pdf ?? []).toString('latin1')).toContain('%PDF-1.4')
    const jobs = await (
      await fetch(
        `${url}/mobile/kartu_pencari_kerja/jabatanKerja/${idA}?${encodeForm(officers['operator-1'] as never)}`,
      )
    ).json()
    expect(jobs).toEqual(simulator.mobile.applications.get(Number(idA))?.kpk_jabatan)
  })

  it('after a reply lost behind a write, the gateway finds its own write instead of filing or deciding twice', async () => {
    const gateway = mobileGateway(simulator, url)
    const a = applicant(4)
    await applyAsApp(url, a, codeOf)
    // Every write applies, then answers 500: the decision is made, its answer lost.
    simulator.mobile.faults = { rate: 1, kinds: ['lost'], scope: 'writes' }
    await expect(
      gateway.setStatus({ nik: a.nik, caseRef: 'z', status: 'Ditolak' }, { idempotencyKey: 'lost-1' }),
    ).rejects.toMatchObject({ retryable: true })
    simulator.heal()
    const again = await gateway.setStatus(
      { nik: a.nik, caseRef: 'z', status: 'Ditolak' },
      { idempotencyKey: 'lost-1' },
    )
    expect(again).toEqual({ status: 'Ditolak', changed: false })
    const app = applicationsOf(simulator, a.nik)
    expect(app).toHaveLength(1)
    expect(app[0]?.approvals.filter((x) => x.status === '3')).toHaveLength(1)
  })
})
