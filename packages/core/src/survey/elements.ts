/**
 * The nine elements of the Survei Kepuasan Masyarakat (SKM), in the order of PermenPAN-RB 14/2017
 * (DOMAIN.md section 6). Each is answered 1 (tidak sesuai / tidak baik) to 4 (sangat sesuai / sangat
 * baik).
 */
export const skmElements = [
  { id: 'persyaratan', label: { id: 'Persyaratan', en: 'Requirements' } },
  { id: 'prosedur', label: { id: 'Sistem, mekanisme dan prosedur', en: 'System, mechanism and procedure' } },
  { id: 'waktu', label: { id: 'Waktu penyelesaian', en: 'Completion time' } },
  { id: 'biaya', label: { id: 'Biaya/tarif', en: 'Cost' } },
  { id: 'produk', label: { id: 'Produk spesifikasi jenis pelayanan', en: 'Product specification' } },
  { id: 'kompetensi', label: { id: 'Kompetensi pelaksana', en: 'Staff competence' } },
  { id: 'perilaku', label: { id: 'Perilaku pelaksana', en: 'Staff behaviour' } },
  {
    id: 'pengaduan',
    label: {
      id: 'Penanganan pengaduan, saran dan masukan',
      en: 'Handling of complaints, suggestions and input',
    },
  },
  { id: 'sarana', label: { id: 'Sarana dan prasarana', en: 'Facilities' } },
] as const

/** The id of one SKM element, such as `waktu`. */
export type SkmElementId = (typeof skmElements)[number]['id']

/** The element ids in regulation order. */
export const skmElementIds: readonly SkmElementId[] = skmElements.map((e) => e.id)
