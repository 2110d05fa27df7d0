import { model } from "@medusajs/framework/utils"

/**
 * One payout to one buyer in one currency, covering the ledger entries whose
 * `settlement_id` is its id. `pending` (entries claimed, nothing sent) →
 * `processing` (sent to the payout provider, or awaiting a manual payment)
 * → `paid` or `failed` (entries released, payable again).
 *
 * The provider is asked with an idempotency key made of the settlement id
 * and `generation`, which only moves on after the provider has definitively
 * declined it; a retry after an ambiguous failure (timeout, lost response,
 * 5xx) re-sends the same key, so the provider answers with the transfer it
 * may already have made and nothing is paid twice.
 */
const Settlement = model
  .define("settlement", {
    id: model.id({ prefix: "stl" }).primaryKey(),
    buyer_id: model.text(),
    currency_code: model.text(),
    amount: model.bigNumber(),
    entry_count: model.number(),
    period_start: model.dateTime().nullable(),
    period_end: model.dateTime().nullable(),
    status: model
      .enum(["pending", "processing", "paid", "failed"])
      .default("pending"),
    provider: model.text(),
    provider_account_id: model.text().nullable(),
    provider_reference: model.text().nullable(),
    failure_reason: model.text().nullable(),
    attempts: model.number().default(0),
    generation: model.number().default(0),
    run_id: model.text().nullable(),
    paid_at: model.dateTime().nullable(),
    failed_at: model.dateTime().nullable(),
    reversed_amount: model.bigNumber().nullable(),
    metadata: model.json().nullable(),
  })
  .indexes([
    { on: ["buyer_id", "currency_code", "status"] },
    { on: ["status", "created_at"] },
    { on: ["run_id"] },
    { on: ["provider_reference"] },
  ])

export default Settlement
