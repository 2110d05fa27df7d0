import { Migration } from "@medusajs/framework/mikro-orm/migrations"
import {
  DIRECT_ORDER_FUNCTION_SQL,
  ORDER_APPEND_FUNCTION_SQL,
  ORDER_FOLD_BEFORE_DELETE_SQL,
  ORDER_FOLD_FUNCTION_SQL,
  ORDER_PENDING_TABLE_SQL,
  ORDER_PENDING_TRUNCATE_SQL,
} from "../rollup/order-fold-sql"

/*
 * The attribution lines' write path folds later, as the clicks do
 * (../rollup/order-fold-sql.ts): the insert trigger on `attribution_line`
 * appends the statement's lines to `order_rollup_pending`, and
 * `attribution_order_fold()` upserts them into the order rollups (the job
 * every second, and every read first). The trigger keeps its name.
 *
 * `attribution_line` is held in SHARE mode while the trigger changes (no
 * line is written meanwhile), so every line is counted once: by the old
 * trigger, or appended and folded.
 */
export class Migration20261206124500 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`LOCK TABLE attribution_line IN SHARE MODE;`)
    this.addSql(ORDER_PENDING_TABLE_SQL)
    this.addSql(ORDER_FOLD_FUNCTION_SQL)
    this.addSql(ORDER_APPEND_FUNCTION_SQL)
    for (const sql of [
      ...ORDER_FOLD_BEFORE_DELETE_SQL,
      ...ORDER_PENDING_TRUNCATE_SQL,
    ]) {
      this.addSql(sql)
    }
  }

  override async down(): Promise<void> {
    // The pending lines folded first, then the trigger writes the rollups
    // itself again.
    this.addSql(`LOCK TABLE attribution_line IN SHARE MODE;`)
    this.addSql(`SELECT attribution_order_fold();`)
    this.addSql(DIRECT_ORDER_FUNCTION_SQL)
    this.addSql(
      `DROP TRIGGER IF EXISTS attribution_line_fold_before_delete ON attribution_line;`
    )
    this.addSql(
      `DROP TRIGGER IF EXISTS attribution_line_pending_truncate ON attribution_line;`
    )
    this.addSql(
      `DROP FUNCTION IF EXISTS attribution_line_fold_before_delete();`
    )
    this.addSql(`DROP FUNCTION IF EXISTS attribution_line_pending_truncate();`)
    this.addSql(`DROP FUNCTION IF EXISTS attribution_order_fold();`)
    this.addSql(`DROP TABLE IF EXISTS order_rollup_pending;`)
  }
}
