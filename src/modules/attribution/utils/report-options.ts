import { z } from "@medusajs/framework/zod"

/**
 * The reports' plugin options (read by the report layer through the
 * attribution module, which cuts the report buckets).
 */
export const ReportOptionsShape = {
  /**
   * The IANA time zone reports are cut in when a query gives no `tz`
   * (docs/reports.md). The database must know it too; a query naming it is
   * refused otherwise.
   */
  report_timezone: z
    .string()
    .refine((tz) => {
      try {
        new Intl.DateTimeFormat("en-US", { timeZone: tz })
        return /^[A-Za-z]/.test(tz)
      } catch {
        return false
      }
    }, "must be an IANA time zone such as Europe/Berlin")
    .default("UTC"),
}
