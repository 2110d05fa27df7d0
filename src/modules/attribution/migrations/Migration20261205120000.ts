import { Migration } from "@medusajs/framework/mikro-orm/migrations"
import {
  CLICK_HOUR,
  ORDER_HOUR,
  hourBackfillSql,
  hourDropSql,
  hourTableSql,
  hourTriggerSql,
} from "../../../utils/hour-rollup-sql"

/**
 * The hourly report rollups `click_hour` and `order_hour` (scope × UTC
 * hour, see src/utils/hour-rollup-sql.ts): plain tables with their key as
 * the primary key, no model (the ORM neither reads nor writes them), kept
 * by triggers on `click_rollup` and `order_note_rollup`, filled from them
 * for an existing install.
 */
export class Migration20261205120000 extends Migration {
  override async up(): Promise<void> {
    for (const spec of [CLICK_HOUR, ORDER_HOUR]) {
      this.addSql(hourTableSql(spec))
      for (const sql of hourTriggerSql(spec)) {
        this.addSql(sql)
      }
      this.addSql(hourBackfillSql(spec))
    }
  }

  override async down(): Promise<void> {
    for (const spec of [CLICK_HOUR, ORDER_HOUR]) {
      for (const sql of hourDropSql(spec)) {
        this.addSql(sql)
      }
    }
  }
}
