import { model } from "@medusajs/framework/utils"

/**
 * The ledger's money per 15-minute bucket (an entry's `created_at` floored
 * to 15 minutes, UTC), buyer, note, product and currency: what reports read
 * instead of `commission_entry` (docs/reports.md).
 *
 * Kept exact by the statement-level triggers on `commission_entry` (see
 * the migration that creates them), in the transaction of the ledger write;
 * `rollup/rebuild.ts` recomputes it. No entry of a note or product (an
 * adjustment) is the row with `''`.
 *
 * The money columns are plain `numeric NOT NULL DEFAULT 0`, added by that
 * migration and written only by SQL, so they are not in this model:
 * `sales` (accruals' base), `accrued`, `reversed`, `adjusted` (by type),
 * `pending`, `on_hold`, `approved`, `paid` (by current status), all over
 * entries that are not void, and `entries` (how many such entries). A
 * `bigNumber` would bring a `raw_*` jsonb twin per column that every
 * trigger upsert would have to rewrite, on the settlement run's path,
 * for nothing: a sum has no precision to keep, and numeric is exact.
 */
const LedgerRollup = model
  .define("ledger_rollup", {
    id: model.id({ prefix: "lgrl" }).primaryKey(),
    bucket: model.dateTime(),
    buyer_id: model.text(),
    note_id: model.text().default(""),
    product_id: model.text().default(""),
    currency_code: model.text(),
  })
  .indexes([
    // The upserts' conflict target; its leading `bucket` also serves the
    // program-wide range scans.
    {
      on: ["bucket", "buyer_id", "note_id", "product_id", "currency_code"],
      unique: true,
      where: null,
    },
    { on: ["buyer_id", "bucket"], where: null },
    { on: ["note_id", "bucket"], where: null },
  ])

export default LedgerRollup
