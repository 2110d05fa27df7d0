/**
 * One CSV line (RFC 4180): fields with a comma, quote or line break are
 * quoted. Text that a spreadsheet would run as a formula (starting with =,
 * +, -, @, tab or CR) gets a leading apostrophe, unless it is a plain
 * number such as "-12.50".
 */
export function csvLine(values: unknown[]): string {
  return (
    values
      .map((v) => {
        if (v === null || v === undefined) {
          return ""
        }
        let s = v instanceof Date ? v.toISOString() : String(v)
        if (/^[=+\-@\t\r]/.test(s) && !/^-?\d+(\.\d+)?$/.test(s)) {
          s = `'${s}`
        }
        return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
      })
      .join(",") + "\r\n"
  )
}

/**
 * Sends a CSV download: `header`, then `rows`, after `preamble` (lines
 * already written, such as a statement's summary) when given.
 */
export function sendCsv(
  res: {
    setHeader(name: string, value: string): unknown
    send(body: string): unknown
  },
  filename: string,
  header: string[],
  rows: unknown[][],
  preamble = ""
) {
  res.setHeader("Content-Type", "text/csv; charset=utf-8")
  res.setHeader("Content-Disposition", `attachment; filename="${filename}"`)
  res.send(preamble + csvLine(header) + rows.map(csvLine).join(""))
}
