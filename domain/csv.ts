/**
 * CSV as spreadsheets on a district office PC open it: UTF-8 with a BOM (without it Excel reads the
 * Chinese as GBK), CRLF line ends, RFC 4180 quoting, and cells a spreadsheet would run as a formula
 * defused with a leading apostrophe (OWASP "CSV injection").
 */
export type CsvValue = string | number | boolean | null

/** A CSV cell: quoted when needed; cells that a spreadsheet would run as a formula are defused. */
export function csvCell(v: CsvValue): string {
  let s = v === null ? '' : String(v)
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

/** A whole file: the header row, then the rows. */
export const toCsv = (header: readonly string[], rows: readonly (readonly CsvValue[])[]): string =>
  `\uFEFF${[header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`

/** A file name without characters Windows or WeChat refuse. */
export const safeFileName = (s: string, max = 30): string => s.replace(/[\\/:*?"<>|\s]+/g, '_').slice(0, max)
