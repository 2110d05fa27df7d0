/**
 * One CSV line (RFC 4180): fields with a comma, quote or line break are
 * quoted. Text that a spreadsheet would run as a formula (=, +, @, tab,
 * or - not followed by a digit) gets a leading apostrophe; numbers such as
 * "-12.50" stay numbers.
 */
export function csvLine(values: unknown[]): string {
  return (
    values
      .map((v) => {
        if (v === null || v === undefined) {
          return ""
        }
        let s = v instanceof Date ? v.toISOString() : String(v)
        if (/^[=+@\t\r]/.test(s) || /^-(?![\d.])/.test(s)) {
          s = `'${s}`
        }
        return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
      })
      .join(",") + "\r\n"
  )
}

/** Sends a CSV download. */
export function sendCsv(
  res: {
    setHeader(name: string, value: string): unknown
    send(body: string): unknown
  },
  filename: string,
  header: string[],
  rows: unknown[][]
) {
  res.setHeader("Content-Type", "text/csv; charset=utf-8")
  res.setHeader("Content-Disposition", `attachment; filename="${filename}"`)
  res.send(csvLine(header) + rows.map(csvLine).join(""))
}
