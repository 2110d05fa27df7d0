import { z } from "@medusajs/framework/zod"
import { plainText, queryIdList, queryInt, sortOrder } from "../../utils/fields"

/** `GET /admin/buyers`. */
export const AdminGetBuyersParams = z.strictObject({
  q: z.string().trim().min(1).max(100).optional(),
  status: z.enum(["pending", "approved", "suspended"]).optional(),
  tier: z.string().trim().min(1).max(50).optional(),
  customer_id: z.string().trim().min(1).max(100).optional(),
  // Up to 100 ids, comma-separated or repeated: the admin's "flagged"
  // filter lists the buyers the review signals name.
  id: queryIdList("id").optional(),
  order: sortOrder(
    ["created_at", "handle", "display_name", "status", "tier"],
    "-created_at"
  ),
  limit: queryInt({ min: 1, max: 100, fallback: 20 }),
  offset: queryInt({ min: 0, max: 100_000, fallback: 0 }),
})
export type AdminGetBuyersParamsType = z.infer<typeof AdminGetBuyersParams>

/** `POST /admin/buyers/{id}`: the merchant sets the tier (and metadata). */
export const AdminUpdateBuyer = z.strictObject({
  tier: z
    .string()
    .trim()
    .min(1)
    .max(50)
    .regex(/^[A-Za-z0-9_.-]+$/, "tier must be a key such as gold or tier-2")
    .optional(),
  metadata: z.record(z.string(), z.unknown()).nullish(),
})
export type AdminUpdateBuyerType = z.infer<typeof AdminUpdateBuyer>

/** `POST /admin/buyers/{id}/suspend`. */
export const AdminSuspendBuyer = z.strictObject({
  reason: plainText({ max: 500 }),
})
export type AdminSuspendBuyerType = z.infer<typeof AdminSuspendBuyer>
