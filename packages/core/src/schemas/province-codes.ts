/**
 * The province codes of Indonesia, as the first two digits of a NIK or a No. KK carry them: the
 * Kemendagri (Dukcapil) codes of the Kode dan Data Wilayah Administrasi Pemerintahan
 * (Permendagri 56/2015, updated by Kepmendagri 100.1.1-6117/2022, which added 93-96 for the
 * provinces formed out of Papua in 2022). These are Kemendagri's codes, not BPS's (BPS numbers
 * Papua 94 and Papua Barat 91). A NIK never changes, so a code stays valid after its province is
 * split; a new province adds a code. Pass your own list as `provinceCodes` to `parseApplication`
 * when Kemendagri adds one before this list does.
 */
export const indonesiaProvinceCodes: Readonly<Record<string, string>> = Object.freeze({
  '11': 'Aceh',
  '12': 'Sumatera Utara',
  '13': 'Sumatera Barat',
  '14': 'Riau',
  '15': 'Jambi',
  '16': 'Sumatera Selatan',
  '17': 'Bengkulu',
  '18': 'Lampung',
  '19': 'Kepulauan Bangka Belitung',
  '21': 'Kepulauan Riau',
  '31': 'DKI Jakarta',
  '32': 'Jawa Barat',
  '33': 'Jawa Tengah',
  '34': 'DI Yogyakarta',
  '35': 'Jawa Timur',
  '36': 'Banten',
  '51': 'Bali',
  '52': 'Nusa Tenggara Barat',
  '53': 'Nusa Tenggara Timur',
  '61': 'Kalimantan Barat',
  '62': 'Kalimantan Tengah',
  '63': 'Kalimantan Selatan',
  '64': 'Kalimantan Timur',
  '65': 'Kalimantan Utara',
  '71': 'Sulawesi Utara',
  '72': 'Sulawesi Tengah',
  '73': 'Sulawesi Selatan',
  '74': 'Sulawesi Tenggara',
  '75': 'Gorontalo',
  '76': 'Sulawesi Barat',
  '81': 'Maluku',
  '82': 'Maluku Utara',
  '91': 'Papua',
  '92': 'Papua Barat',
  '93': 'Papua Selatan',
  '94': 'Papua Tengah',
  '95': 'Papua Pegunungan',
  '96': 'Papua Barat Daya',
})
