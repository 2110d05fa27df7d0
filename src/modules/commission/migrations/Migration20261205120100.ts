import { Migration } from "@medusajs/framework/mikro-orm/migrations"
import {
  LEDGER_HOUR,
  hourBackfillSql,
  hourDropSql,
  hourTableSql,
  hourTriggerSql,
} from "../../../utils/hour-rollup-sql"

/**
 * The hourly report rollup `ledger_hour` (scope × UTC hour × currency,
 * see src/utils/hour-rollup-sql.ts): a plain table with its key as
 * the primary key, no model (the ORM neither reads nor writes them), kept
 * by triggers on `ledger_rollup`, filled from it for an existing install.
 */
export class Migration20261205120100 extends Migration {
  override async up(): Promise<void> {
    for (const spec of [LEDGER_HOUR]) {
      this.addSql(hourTableSql(spec))
      for (const sql of hourTriggerSql(spec)) {
        this.addSql(sql)
      }
      this.addSql(hourBackfillSql(spec))
    }
  }

  override async down(): Promise<void> {
    for (const spec of [LEDGER_HOUR]) {
      for (const sql of hourDropSql(spec)) {
        this.addSql(sql)
      }
    }
  }
}
