import { z } from "@medusajs/framework/zod"

const id = z.string().trim().min(1).max(100)
const currency = (field: string) =>
  z
    .string()
    .trim()
    .regex(/^[A-Za-z]{3}$/, `${field} must be an ISO 4217 code such as eur`)
    .transform((c) => c.toLowerCase())

/** A comma-separated or repeated query value of an enum. */
const list = <T extends [string, ...string[]]>(values: T) =>
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

const page = {
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
}

/** `GET /admin/commissions`. */
export const AdminGetCommissionsParams = z
  .strictObject({
    buyer_id: id.optional(),
    order_id: id.optional(),
    status: list([...ENTRY_STATUSES]).optional(),
    type: list([...ENTRY_TYPES]).optional(),
    currency_code: currency("currency_code").optional(),
    created_from: z.coerce.date().optional(),
    created_to: z.coerce.date().optional(),
    ...page,
  })
  .refine(
    (p) => !p.created_from || !p.created_to || p.created_to >= p.created_from,
    {
      path: ["created_to"],
      message: "created_to: must not be before created_from",
    }
  )
export type AdminGetCommissionsParamsType = z.infer<
  typeof AdminGetCommissionsParams
>

/** `GET /admin/commissions/balances`. */
export const AdminGetCommissionBalancesParams = z.strictObject({
  buyer_id: id.optional(),
  currency_code: currency("currency_code").optional(),
})
export type AdminGetCommissionBalancesParamsType = z.infer<
  typeof AdminGetCommissionBalancesParams
>

/** `POST /admin/commissions/adjustments`: a signed amount with a reason. */
export const AdminCreateCommissionAdjustment = z.strictObject({
  buyer_id: id,
  currency_code: currency("currency_code"),
  amount: z
    .union([z.string().trim(), z.number().finite()])
    .transform((v) => (typeof v === "number" ? v.toString() : v))
    .pipe(
      z
        .string()
        .regex(
          /^-?\d{1,12}(\.\d{1,10})?$/,
          "amount must be a signed decimal such as -12.50"
        )
    ),
  reason: z.string().trim().min(3).max(500),
})
export type AdminCreateCommissionAdjustmentType = z.infer<
  typeof AdminCreateCommissionAdjustment
>

/** `POST /admin/commissions/hold` and `/release`. */
export const AdminCommissionHold = z.strictObject({ order_id: id })
export type AdminCommissionHoldType = z.infer<typeof AdminCommissionHold>

/** `GET /store/buyers/me/commissions`. */
export const StoreGetMyCommissionsParams = z.strictObject({
  status: list([...ENTRY_STATUSES]).optional(),
  type: list([...ENTRY_TYPES]).optional(),
  currency_code: currency("currency_code").optional(),
  ...page,
})
export type StoreGetMyCommissionsParamsType = z.infer<
  typeof StoreGetMyCommissionsParams
>

export const EmptyParams = z.strictObject({})
