import { model } from "@medusajs/framework/utils"

/**
 * A buyer's account at the payout provider (a Stripe Connect Express
 * account). `payouts_enabled` follows the provider (Stripe's
 * `account.updated` webhook); settlements go only to enabled accounts.
 */
const PayoutAccount = model
  .define("payout_account", {
    id: model.id({ prefix: "payacct" }).primaryKey(),
    buyer_id: model.text(),
    provider: model.text(),
    account_id: model.text(),
    payouts_enabled: model.boolean().default(false),
    details_submitted: model.boolean().default(false),
    disabled_reason: model.text().nullable(),
    last_payout_failure: model.text().nullable(),
    metadata: model.json().nullable(),
  })
  .indexes([
    { on: ["buyer_id", "provider"], unique: true },
    { on: ["account_id"], unique: true },
  ])

export default PayoutAccount
