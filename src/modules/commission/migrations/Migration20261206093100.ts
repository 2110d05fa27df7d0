import { Migration } from "@medusajs/framework/mikro-orm/migrations"
import {
  LEDGER_BUYER_MONTH,
  hourBackfillSql,
  hourDropSql,
  hourTableSql,
  hourTriggerSql,
} from "../../../utils/hour-rollup-sql"

/**
 * The ledger per buyer, UTC month and currency (see
 * src/utils/hour-rollup-sql.ts): a plain table keyed (buyer, month,
 * currency), no model, kept by triggers on `ledger_buyer_day`, filled from
 * it for an existing install. The leaderboard ranks from it
 * (docs/reports.md).
 */
export class Migration20261206093100 extends Migration {
  override async up(): Promise<void> {
    this.addSql(hourTableSql(LEDGER_BUYER_MONTH))
    for (const sql of hourTriggerSql(LEDGER_BUYER_MONTH)) {
      this.addSql(sql)
    }
    this.addSql(hourBackfillSql(LEDGER_BUYER_MONTH))
  }

  override async down(): Promise<void> {
    for (const sql of hourDropSql(LEDGER_BUYER_MONTH)) {
      this.addSql(sql)
    }
  }
}
