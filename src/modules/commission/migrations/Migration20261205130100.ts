import { Migration } from "@medusajs/framework/mikro-orm/migrations"
import {
  LEDGER_GROUP_DAY,
  hourBackfillSql,
  hourDropSql,
  hourTableSql,
  hourTriggerSql,
} from "../../../utils/hour-rollup-sql"

/**
 * A buyer's groups by note and by product per UTC day (see
 * src/utils/hour-rollup-sql.ts): plain tables keyed (buyer, dim, day,
 * key), no model, kept by triggers on the 15-minute rollups, filled from
 * them for an existing install. Grouped reads take whole UTC days from
 * them and the 15-minute rows only at the range's ends.
 */
export class Migration20261205130100 extends Migration {
  override async up(): Promise<void> {
    for (const spec of [LEDGER_GROUP_DAY]) {
      this.addSql(hourTableSql(spec))
      for (const sql of hourTriggerSql(spec)) {
        this.addSql(sql)
      }
      this.addSql(hourBackfillSql(spec))
    }
  }

  override async down(): Promise<void> {
    for (const spec of [LEDGER_GROUP_DAY]) {
      for (const sql of hourDropSql(spec)) {
        this.addSql(sql)
      }
    }
  }
}
