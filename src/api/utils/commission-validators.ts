import { z } from "@medusajs/framework/zod"
import { isoDate, queryInt, sortOrder } from "./fields"

// Pieces shared by the commission rule, ledger and store commission routes.

export const id = z.string().trim().min(1).max(100)
export const currency = (field: string) =>
  z
    .string()
    .trim()
    .regex(/^[A-Za-z]{3}$/, `${field} must be an ISO 4217 code such as eur`)
    .transform((c) => c.toLowerCase())

/**
 * An exact decimal (a string, or a JSON number turned into its string),
 * never a float: up to 12 integer and 10 fractional digits, signed or not.
 */
export const decimal = (field: string, { signed = false } = {}) =>
  z
    .union([z.string().trim(), z.number().finite()])
    .transform((v) => (typeof v === "number" ? v.toString() : v))
    .pipe(
      z
        .string()
        .regex(
          signed ? /^-?\d{1,12}(\.\d{1,10})?$/ : /^\d{1,12}(\.\d{1,10})?$/,
          signed
            ? `${field} must be a signed decimal such as -12.50`
            : `${field} must be a non-negative decimal such as 12.5`
        )
    )

/** A comma-separated or repeated query value of an enum. */
export const list = <T extends [string, ...string[]]>(values: T) =>
  z
    .union([z.string(), z.array(z.string())])
    .transform((v) =>
      (Array.isArray(v) ? v : v.split(",")).map((s) => s.trim()).filter(Boolean)
    )
    .pipe(z.array(z.enum(values)))

export const ENTRY_STATUSES = [
  "pending",
  "approved",
  "on_hold",
  "paid",
  "void",
] as const
export const ENTRY_TYPES = ["accrual", "reversal", "adjustment"] as const

export const page = {
  limit: queryInt({ min: 1, max: 200, fallback: 50 }),
  offset: queryInt({ min: 0, max: 1_000_000, fallback: 0 }),
}

/** `created_from` / `created_to` of a list query. */
export const createdRange = {
  created_from: isoDate.optional(),
  created_to: isoDate.optional(),
}

/** The filters a ledger read or run takes: one buyer, one currency. */
export const buyerCurrency = {
  buyer_id: id.optional(),
  currency_code: currency("currency_code").optional(),
}

/** A list query's schema, refusing `created_to` before `created_from`. */
export const withCreatedRange = <
  T extends z.ZodType<{ created_from?: Date; created_to?: Date }>,
>(
  schema: T
) =>
  schema.refine(
    (p) => !p.created_from || !p.created_to || p.created_to >= p.created_from,
    {
      path: ["created_to"],
      message: "created_to: must not be before created_from",
    }
  )

/**
 * The tail of a ledger list's query (commissions, settlements): a created
 * range, an order over `sortable` (newest first by default), a page.
 */
export const ledgerListTail = <F extends string>(
  sortable: readonly ["created_at", ...F[]]
) => ({
  ...createdRange,
  order: sortOrder<"created_at" | F>(sortable, "-created_at"),
  ...page,
})
