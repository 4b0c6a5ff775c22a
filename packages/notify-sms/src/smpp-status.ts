/** What an SMPP `command_status` means for a send. @internal */
export interface SmppStatusInfo {
  /** The SMPP 3.4 name, such as `ESME_RTHROTTLED`. */
  name: string
  /** Whether the same submit may succeed later. */
  retryable: boolean
  /** Indonesian text. */
  id: string
  /** English text. */
  en: string
}

/**
 * The statuses with a known meaning for `submit_sm` and `bind_transceiver`. Temporary conditions of
 * the SMSC are retryable; a refused address, text or account is not, because the same PDU would be
 * refused again.
 * @internal
 */
const smppStatuses: Readonly<Record<number, SmppStatusInfo>> = {
  1: {
    name: 'ESME_RINVMSGLEN',
    retryable: false,
    id: 'panjang pesan tidak valid',
    en: 'invalid message length',
  },
  4: {
    name: 'ESME_RINVBNDSTS',
    retryable: true,
    id: 'sesi belum terikat (bind) dengan benar',
    en: 'incorrect bind status',
  },
  8: { name: 'ESME_RSYSERR', retryable: true, id: 'kesalahan sistem SMSC', en: 'SMSC system error' },
  10: {
    name: 'ESME_RINVSRCADR',
    retryable: false,
    id: 'alamat pengirim (source_addr) ditolak',
    en: 'invalid source address',
  },
  11: {
    name: 'ESME_RINVDSTADR',
    retryable: false,
    id: 'nomor tujuan ditolak',
    en: 'invalid destination address',
  },
  13: { name: 'ESME_RBINDFAIL', retryable: true, id: 'bind ditolak SMSC', en: 'bind failed' },
  14: { name: 'ESME_RINVPASWD', retryable: false, id: 'kata sandi SMPP salah', en: 'invalid password' },
  15: { name: 'ESME_RINVSYSID', retryable: false, id: 'system_id SMPP salah', en: 'invalid system_id' },
  20: { name: 'ESME_RMSGQFUL', retryable: true, id: 'antrean pesan SMSC penuh', en: 'message queue full' },
  69: { name: 'ESME_RSUBMITFAIL', retryable: false, id: 'submit_sm gagal', en: 'submit_sm failed' },
  72: { name: 'ESME_RINVSRCTON', retryable: false, id: 'TON pengirim ditolak', en: 'invalid source TON' },
  80: { name: 'ESME_RINVDSTTON', retryable: false, id: 'TON tujuan ditolak', en: 'invalid destination TON' },
  88: {
    name: 'ESME_RTHROTTLED',
    retryable: true,
    id: 'batas kecepatan kirim SMSC terlampaui',
    en: 'throttled by the SMSC',
  },
  100: {
    name: 'ESME_RX_T_APPN',
    retryable: true,
    id: 'SMSC menolak sementara',
    en: 'temporary application error',
  },
  192: {
    name: 'ESME_RINVTLVSTREAM',
    retryable: false,
    id: 'TLV tidak diterima SMSC (coba referenceTlv: false)',
    en: 'TLV stream refused (try referenceTlv: false)',
  },
  193: {
    name: 'ESME_RTLVNOTALLWD',
    retryable: false,
    id: 'TLV tidak diizinkan SMSC (coba referenceTlv: false)',
    en: 'TLV not allowed (try referenceTlv: false)',
  },
  260: { name: 'ESME_RINVDCS', retryable: false, id: 'data_coding ditolak', en: 'invalid data_coding' },
}

/** The meaning of a status; an unknown one is not retryable, since nothing says waiting helps. @internal */
export function smppStatus(status: number): SmppStatusInfo {
  const hex = `0x${status.toString(16).padStart(2, '0').toUpperCase()}`
  const known = smppStatuses[status]
  if (known)
    return { ...known, id: `${known.id} (${known.name}, ${hex})`, en: `${known.en} (${known.name}, ${hex})` }
  return { name: 'UNKNOWN', retryable: false, id: `status SMPP ${hex}`, en: `SMPP status ${hex}` }
}
