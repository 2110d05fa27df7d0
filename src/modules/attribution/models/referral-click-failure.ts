import { model } from "@medusajs/framework/utils"

/**
 * The click sink's dead letters: what it accepted but could not store, with
 * the reason, for an operator (`GET /admin/clicks/health`).
 * - `rejected`: one click that PostgreSQL refused alone (the rest of its
 *   batch was written). `payload` is the click as JSON text in which every
 *   control character and lone surrogate is a `\u` escape, so it can always be
 *   stored (a jsonb column would refuse `\u0000`). A click seen again (a
 *   re-run queue job) updates `attempts` and `last_seen_at`.
 * - `overflow`: clicks refused because the in-process buffer was full
 *   (`click_buffer_max`): one row per episode, `clicks` of them, with a
 *   sample of their ids in `payload`.
 */
const ReferralClickFailure = model
  .define("referral_click_failure", {
    id: model.id({ prefix: "clkfail" }).primaryKey(),
    kind: model.enum(["rejected", "overflow"]),
    click_id: model.text().nullable(),
    reason: model.text(),
    payload: model.text(),
    clicks: model.number().default(1),
    attempts: model.number().default(1),
    first_seen_at: model.dateTime(),
    last_seen_at: model.dateTime(),
  })
  .indexes([{ on: ["click_id"], unique: true }, { on: ["last_seen_at"] }])

export default ReferralClickFailure
