import { Migration } from "@medusajs/framework/mikro-orm/migrations"
import {
  CLICK_BUYER_MONTH,
  ORDER_BUYER_MONTH,
  hourBackfillSql,
  hourDropSql,
  hourTableSql,
  hourTriggerSql,
} from "../../../utils/hour-rollup-sql"

/**
 * Clicks and orders per buyer and UTC month (see
 * src/utils/hour-rollup-sql.ts): plain tables keyed (buyer, month), no
 * model, kept by triggers on the buyer-day tables, filled from them for an
 * existing install. The leaderboard ranks from them (docs/reports.md).
 */
export class Migration20261206093000 extends Migration {
  override async up(): Promise<void> {
    for (const spec of [CLICK_BUYER_MONTH, ORDER_BUYER_MONTH]) {
      this.addSql(hourTableSql(spec))
      for (const sql of hourTriggerSql(spec)) {
        this.addSql(sql)
      }
      this.addSql(hourBackfillSql(spec))
    }
  }

  override async down(): Promise<void> {
    for (const spec of [CLICK_BUYER_MONTH, ORDER_BUYER_MONTH]) {
      for (const sql of hourDropSql(spec)) {
        this.addSql(sql)
      }
    }
  }
}
