import { Migration } from "@medusajs/framework/mikro-orm/migrations"
import {
  APPEND_FUNCTION_SQL,
  FOLD_FUNCTION_SQL,
  PENDING_TABLE_SQL,
  TRUNCATE_FUNCTION_SQL,
  directClickFunctionSql,
} from "../rollup/fold-sql"

/*
 * The click write path folds later (docs/reports.md, "Storage",
 * bench/RESULTS.md): the trigger on `referral_click` appends the batch's
 * rollup columns to `click_rollup_pending`, and `attribution_click_fold()`
 * moves them into the five click rollups (the job every second, and every
 * read first). The trigger keeps its name.
 *
 * `referral_click` is held in SHARE mode while the trigger changes (no
 * click is written meanwhile), so every click is counted once: by the old
 * trigger, or appended and folded.
 *
 * No question mark in these statements (the driver reads it as a binding).
 */

const DIRECT_TRUNCATE_SQL = `CREATE OR REPLACE FUNCTION attribution_click_rollup_truncate() RETURNS trigger
     LANGUAGE plpgsql AS $fn$
   BEGIN
     TRUNCATE click_rollup, click_visitor, click_buyer_day, click_hour, click_group_day;
     RETURN NULL;
   END $fn$;`

export class Migration20261206091500 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`LOCK TABLE referral_click IN SHARE MODE;`)
    this.addSql(PENDING_TABLE_SQL)
    this.addSql(FOLD_FUNCTION_SQL)
    this.addSql(APPEND_FUNCTION_SQL)
    this.addSql(TRUNCATE_FUNCTION_SQL)
  }

  override async down(): Promise<void> {
    // The pending clicks folded first, then the trigger writes the rollups
    // itself again.
    this.addSql(`LOCK TABLE referral_click IN SHARE MODE;`)
    this.addSql(`SELECT attribution_click_fold();`)
    this.addSql(directClickFunctionSql())
    this.addSql(DIRECT_TRUNCATE_SQL)
    this.addSql(`DROP FUNCTION IF EXISTS attribution_click_fold();`)
    this.addSql(`DROP TABLE IF EXISTS click_rollup_pending;`)
  }
}
