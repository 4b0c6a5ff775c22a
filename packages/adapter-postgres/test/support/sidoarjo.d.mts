/** The 18 kecamatan of Kabupaten Sidoarjo, as office codes. */
export declare const sidoarjoOffices: readonly string[]
