// The 18 kecamatan of Kabupaten Sidoarjo as office codes: the offices of the many-servers test and
// of the bench's PostgreSQL section (types in sidoarjo.d.mts).
export const sidoarjoOffices = [
  'sidoarjo',
  'buduran',
  'candi',
  'porong',
  'krembung',
  'tulangan',
  'tanggulangin',
  'jabon',
  'krian',
  'balongbendo',
  'wonoayu',
  'tarik',
  'prambon',
  'taman',
  'waru',
  'gedangan',
  'sedati',
  'sukodono',
]
