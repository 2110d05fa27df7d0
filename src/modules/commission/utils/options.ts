import { z } from "@medusajs/framework/zod"
import { parseExpression } from "cron-parser"
import { parsePluginOptions } from "../../../utils/plugin-options"

const DECIMAL = /^\d+(\.\d+)?$/

export const StripeOptionsSchema = z.object({
  /** Secret key of the platform account (sk_live_… / sk_test_…). */
  api_key: z.string().min(1),
  /**
   * Signing secret(s) of the webhook endpoints (whsec_…): Stripe signs the
   * account endpoint (transfer.reversed) and the Connect endpoint
   * (account.updated, payout.failed) with different secrets.
   */
  webhook_secret: z.union([
    z.string().min(1),
    z.array(z.string().min(1)).min(1),
  ]),
  /** Where the SDK sends requests; only a test or a proxy changes these. */
  host: z.string().min(1).optional(),
  port: z.number().int().min(1).max(65535).optional(),
  protocol: z.enum(["http", "https"]).optional(),
  timeout_ms: z.number().int().min(100).max(120_000).default(20_000),
  /** The SDK retries connection errors and 5xx with the same idempotency key. */
  max_network_retries: z.number().int().min(0).max(10).default(2),
  /** Country of new Express accounts (Stripe's default: the platform's). */
  account_country: z.string().length(2).optional(),
  onboarding_return_url: z.string().url().optional(),
  onboarding_refresh_url: z.string().url().optional(),
})

export type StripeOptions = z.infer<typeof StripeOptionsSchema>

/**
 * The plugin options the commission module reads (every module of the
 * plugin gets them all; unknown keys belong to the others).
 */
export const CommissionOptionsSchema = z
  .object({
    storefront_url: z.string().url().default("http://localhost:8000"),
    /** Days after an order line is fulfilled before its commission is approved. */
    commission_hold_days: z.number().min(0).max(365).default(14),
    /** Entries approved per run of the approval job (it loops until none are due). */
    commission_approval_batch_size: z
      .number()
      .int()
      .min(1)
      .max(100_000)
      .default(1000),
    /**
     * The reconciliation job (every minute; src/utils/reconcile-orders.ts)
     * heals what a lost event left undone: an order is looked at once it is
     * this old (its subscribers had their chance)…
     */
    reconcile_grace_seconds: z.number().int().min(0).max(86_400).default(300),
    /** …and while it is younger than this (orders without a decision or commission). */
    reconcile_window_hours: z.number().int().min(1).max(720).default(24),
    /** Orders healed per step and run (the next run goes on). */
    reconcile_batch_size: z.number().int().min(1).max(10_000).default(200),
    /** The sweep re-syncs the attributed orders of these days (0: no sweep)… */
    reconcile_sweep_days: z.number().int().min(0).max(365).default(30),
    /** …starting a turn at most this often… */
    reconcile_sweep_every_minutes: z
      .number()
      .int()
      .min(1)
      .max(10_080)
      .default(60),
    /** …this many a run, in order id order, where the last run stopped. */
    reconcile_sweep_batch_size: z.number().int().min(1).max(10_000).default(50),
    /** Who pays buyers: `manual` (an admin marks settlements paid) or `stripe`. */
    payout_provider: z.enum(["manual", "stripe"]).default("manual"),
    stripe: StripeOptionsSchema.optional(),
    /**
     * Minimum payout per currency (`{ eur: "50" }`); a smaller balance waits
     * for the next run. Unlisted currencies: any positive balance is paid.
     */
    settlement_thresholds: z
      .record(
        z.string().regex(/^[a-zA-Z]{3}$/, "must be a currency code"),
        z.union([
          z.number().nonnegative(),
          z.string().regex(DECIMAL, "must be a decimal"),
        ])
      )
      .default({}),
    /** When the settlement job runs (cron, UTC); `false` turns it off. */
    settlement_schedule: z
      .union([
        z.literal(false),
        z.string().refine((s) => {
          try {
            parseExpression(s)
            return true
          } catch {
            return false
          }
        }, "must be a cron expression"),
      ])
      .default("0 3 * * *"),
    /** Settlements sent to the provider at once during a run. */
    settlement_concurrency: z.number().int().min(1).max(64).default(8),
    /** A crashed run's lock expires after this; a run must finish within it. */
    settlement_lock_ttl_seconds: z
      .number()
      .int()
      .min(30)
      .max(86_400)
      .default(1800),
  })
  .superRefine((o, ctx) => {
    if (o.payout_provider === "stripe" && !o.stripe) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["stripe", "api_key"],
        message:
          "is required when payout_provider is 'stripe' (also stripe.webhook_secret)",
      })
    }
  })

export type CommissionOptions = z.infer<typeof CommissionOptionsSchema>

export function parseCommissionOptions(raw: unknown): CommissionOptions {
  return parsePluginOptions(CommissionOptionsSchema, raw)
}

/** The threshold for a currency, as a decimal string ("0" if none is set). */
export function thresholdFor(
  options: CommissionOptions,
  currencyCode: string
): string {
  const code = currencyCode.toLowerCase()
  for (const [k, v] of Object.entries(options.settlement_thresholds)) {
    if (k.toLowerCase() === code) {
      return String(v)
    }
  }
  return "0"
}
