/** An independent oracle for dates: the platform's Indonesian long format in WIB. */
export const longDate = (at: string) =>
  new Intl.DateTimeFormat('id-ID', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'Asia/Jakarta',
  }).format(new Date(at))
