import { model } from "@medusajs/framework/utils"

/**
 * One run of the settlement workflow (scheduled or started by an admin):
 * what it was asked, what it did, and why it skipped whom (`skips`, one row
 * per buyer and currency considered but not paid).
 */
const SettlementRun = model
  .define("settlement_run", {
    id: model.id({ prefix: "strun" }).primaryKey(),
    trigger: model.enum(["schedule", "admin", "retry"]),
    actor_id: model.text().nullable(),
    buyer_id: model.text().nullable(),
    currency_code: model.text().nullable(),
    status: model.enum(["running", "completed", "failed"]).default("running"),
    started_at: model.dateTime(),
    finished_at: model.dateTime().nullable(),
    settlements_created: model.number().default(0),
    settlements_paid: model.number().default(0),
    settlements_failed: model.number().default(0),
    settlements_processing: model.number().default(0),
    skipped: model.number().default(0),
    healed: model.number().default(0),
    error: model.text().nullable(),
  })
  .indexes([{ on: ["trigger", "started_at"] }])

export default SettlementRun
