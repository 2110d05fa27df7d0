import { model } from "@medusajs/framework/utils"

/**
 * One row of the commission ledger, append-only: what a buyer earned
 * (`accrual`), lost (`reversal`, negative, pointing at the accrual it
 * reverses) or was given or charged by a merchant (`adjustment`, signed).
 *
 * Amount, type, currency, buyer and the rule snapshot are never updated (a
 * database trigger refuses it); only `status`, `available_at` and, once,
 * `settlement_id` move. A balance is a SUM over entries.
 *
 * `source_key` makes every write idempotent: an accrual is keyed by its
 * order line, a reversal by the accrual and the cumulative level it brings
 * the line to, so a re-delivered event writes nothing twice.
 */
const CommissionEntry = model
  .define("commission_entry", {
    id: model.id({ prefix: "cment" }).primaryKey(),
    source_key: model.text(),
    type: model.enum(["accrual", "reversal", "adjustment"]),
    status: model.enum(["pending", "approved", "on_hold", "paid", "void"]),
    buyer_id: model.text(),
    currency_code: model.text(),
    amount: model.bigNumber(),
    base_amount: model.bigNumber().nullable(),
    quantity: model.number().nullable(),
    order_id: model.text().nullable(),
    order_line_id: model.text().nullable(),
    attribution_line_id: model.text().nullable(),
    note_id: model.text().nullable(),
    product_id: model.text().nullable(),
    variant_id: model.text().nullable(),
    // The rule as it was when the entry was written.
    rule_id: model.text().nullable(),
    rule_scope: model.text().nullable(),
    rule_type: model.text().nullable(),
    rule_rate: model.bigNumber().nullable(),
    rule_amount: model.bigNumber().nullable(),
    rule_cap_amount: model.bigNumber().nullable(),
    reverses_id: model.text().nullable(),
    reason: model.text().nullable(),
    actor_id: model.text().nullable(),
    available_at: model.dateTime().nullable(),
    approved_at: model.dateTime().nullable(),
    settlement_id: model.text().nullable(),
    metadata: model.json().nullable(),
  })
  .indexes([
    { on: ["source_key"], unique: true },
    { on: ["buyer_id", "currency_code", "status"] },
    { on: ["order_id"] },
    { on: ["status", "available_at"] },
    { on: ["settlement_id"] },
    { on: ["reverses_id"] },
  ])

export default CommissionEntry
