import { MathBN } from "@medusajs/framework/utils"
import { z } from "@medusajs/framework/zod"
import {
  RULE_TARGET_KEYS,
  SCOPE_PRECEDENCE,
  SCOPE_TARGETS,
} from "../../../modules/commission/utils/rule-scopes"
import { fitsCurrency } from "../../../modules/commission/utils/money"
import { currency, decimal, id } from "../../utils/commission-validators"
import { isoDate, queryInt, sortOrder } from "../../utils/fields"

// Zod runs an object's refinements even when a field failed: the currency
// may still be the raw, invalid input there.
const isCurrency = (c: unknown): c is string =>
  typeof c === "string" && /^[a-z]{3}$/.test(c)

/**
 * The error for money `field` with more decimal places than `currency`
 * has, or null (also when the currency is not a valid code yet).
 */
export function decimalPlacesIssue(
  field: "amount" | "cap_amount",
  value: string | null | undefined,
  currency: unknown
): string | null {
  return value != null && isCurrency(currency) && !fitsCurrency(value, currency)
    ? `${field}: has more decimal places than ${currency.toUpperCase()} has`
    : null
}

/** `POST /admin/commission-rules`. */
export const AdminCreateCommissionRule = z
  .strictObject({
    scope: z.enum(SCOPE_PRECEDENCE),
    type: z.enum(["percentage", "flat"]),
    rate: decimal("rate").nullish(),
    amount: decimal("amount").nullish(),
    currency_code: currency("currency_code").nullish(),
    product_id: id.nullish(),
    variant_id: id.nullish(),
    collection_id: id.nullish(),
    category_id: id.nullish(),
    tier: z.string().trim().min(1).max(50).nullish(),
    buyer_id: id.nullish(),
    starts_at: isoDate.nullish(),
    ends_at: isoDate.nullish(),
    cap_amount: decimal("cap_amount").nullish(),
    cap_currency_code: currency("cap_currency_code").nullish(),
    is_active: z.boolean().optional(),
  })
  .superRefine((r, ctx) => {
    const issue = (path: string, message: string) =>
      ctx.addIssue({ code: "custom", path: [path], message })
    const targets: readonly string[] = SCOPE_TARGETS[r.scope]
    for (const key of RULE_TARGET_KEYS) {
      if (targets.includes(key) && !r[key]) {
        issue(key, `${key}: required for scope '${r.scope}'`)
      } else if (!targets.includes(key) && r[key] != null) {
        issue(key, `${key}: not part of a rule of scope '${r.scope}'`)
      }
    }
    if (r.type === "percentage") {
      if (r.rate == null) {
        issue("rate", "rate: required for a percentage rule")
      } else if (MathBN.gt(r.rate, 100)) {
        issue("rate", "rate: a percentage must be between 0 and 100")
      }
      if (r.amount != null) {
        issue("amount", "amount: only flat rules have an amount")
      }
      if (r.currency_code != null) {
        issue(
          "currency_code",
          "currency_code: only flat rules have a currency (a percentage applies to any)"
        )
      }
    } else {
      if (r.amount == null) {
        issue("amount", "amount: required for a flat rule")
      }
      if (!r.currency_code) {
        issue("currency_code", "currency_code: required for a flat rule")
      }
      if (r.rate != null) {
        issue("rate", "rate: only percentage rules have a rate")
      }
      const places = decimalPlacesIssue("amount", r.amount, r.currency_code)
      if (places) {
        issue("amount", places)
      }
    }
    const capPlaces = decimalPlacesIssue(
      "cap_amount",
      r.cap_amount,
      r.cap_currency_code
    )
    if (capPlaces) {
      issue("cap_amount", capPlaces)
    }
    if ((r.cap_amount == null) !== (r.cap_currency_code == null)) {
      issue(
        "cap_currency_code",
        "cap_amount and cap_currency_code: give both or neither"
      )
    }
    if (r.starts_at && r.ends_at && r.ends_at <= r.starts_at) {
      issue("ends_at", "ends_at: must be after starts_at")
    }
  })
export type AdminCreateCommissionRuleType = z.infer<
  typeof AdminCreateCommissionRule
>

/**
 * `POST /admin/commission-rules/{id}`: the rate or amount, dates, cap and
 * active flag (scope, type and targets are fixed).
 */
export const AdminUpdateCommissionRule = z
  .strictObject({
    rate: decimal("rate").optional(),
    amount: decimal("amount").optional(),
    starts_at: isoDate.nullish(),
    ends_at: isoDate.nullish(),
    cap_amount: decimal("cap_amount").nullish(),
    is_active: z.boolean().optional(),
  })
  .superRefine((r, ctx) => {
    if (r.rate != null && MathBN.gt(r.rate, 100)) {
      ctx.addIssue({
        code: "custom",
        path: ["rate"],
        message: "rate: a percentage must be between 0 and 100",
      })
    }
    if (r.starts_at && r.ends_at && r.ends_at <= r.starts_at) {
      ctx.addIssue({
        code: "custom",
        path: ["ends_at"],
        message: "ends_at: must be after starts_at",
      })
    }
  })
export type AdminUpdateCommissionRuleType = z.infer<
  typeof AdminUpdateCommissionRule
>

/** `GET /admin/commission-rules`. */
export const AdminGetCommissionRulesParams = z.strictObject({
  scope: z.enum(SCOPE_PRECEDENCE).optional(),
  is_active: z
    .enum(["true", "false"])
    .transform((v) => v === "true")
    .optional(),
  buyer_id: id.optional(),
  product_id: id.optional(),
  order: sortOrder(
    ["created_at", "scope", "type", "starts_at", "ends_at"],
    "-created_at"
  ),
  limit: queryInt({ min: 1, max: 100, fallback: 20 }),
  offset: queryInt({ min: 0, max: 1_000_000, fallback: 0 }),
})
export type AdminGetCommissionRulesParamsType = z.infer<
  typeof AdminGetCommissionRulesParams
>

/** `GET /admin/commission-rules/preview`. */
export const AdminPreviewCommissionRuleParams = z
  .strictObject({
    product_id: id,
    variant_id: id.optional(),
    // Without a buyer: the rule a buyer with no rules of their own gets, at
    // `tier` when given (the product page's "applies by default").
    buyer_id: id.optional(),
    tier: z.string().trim().min(1).max(50).optional(),
    currency_code: currency("currency_code"),
  })
  .refine((p) => !(p.buyer_id && p.tier), {
    path: ["tier"],
    message: "tier: a buyer has their own tier; give buyer_id or tier",
  })
export type AdminPreviewCommissionRuleParamsType = z.infer<
  typeof AdminPreviewCommissionRuleParams
>
