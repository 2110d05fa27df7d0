import { z } from "@medusajs/framework/zod"
import { parsePluginOptions } from "../../../utils/plugin-options"

/**
 * The plugin options the commission module reads (every module of the
 * plugin gets them all; unknown keys belong to the others).
 */
export const CommissionOptionsSchema = z.object({
  /** Days after an order line is fulfilled before its commission is approved. */
  commission_hold_days: z.number().min(0).max(365).default(14),
  /** Entries approved per run of the approval job (it loops until none are due). */
  commission_approval_batch_size: z
    .number()
    .int()
    .min(1)
    .max(100_000)
    .default(1000),
})

export type CommissionOptions = z.infer<typeof CommissionOptionsSchema>

export function parseCommissionOptions(raw: unknown): CommissionOptions {
  return parsePluginOptions(CommissionOptionsSchema, raw)
}
