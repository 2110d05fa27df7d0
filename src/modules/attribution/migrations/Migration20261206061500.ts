import { Migration } from "@medusajs/framework/mikro-orm/migrations"
import {
  CLICK_GROUP_DAY,
  CLICK_HOUR,
  hourBackfillSql,
  hourUpsertSql,
} from "../../../utils/hour-rollup-sql"
import {
  CLICK_DIMS,
  clickBuyerDayInsertSql,
  clickCountsSql,
  clickRollupInsertSql,
  clickVisitorInsertSql,
} from "../rollup/click-sql"

/*
 * The click write path (docs/reports.md, "Storage", bench/RESULTS.md):
 *
 * 1. One statement-level trigger on `referral_click` writes every click
 *    rollup from the batch's transition table: `click_rollup`,
 *    `click_visitor`, `click_buyer_day` as before, and now `click_hour` and
 *    `click_group_day` too, which were kept by eight more statement
 *    triggers on `click_rollup` (an upsert fired two of them per table,
 *    each reading the upsert's transition tables). `click_rollup` is only
 *    written by this trigger and by the rebuild, which sums the hourly and
 *    group-day tables again from it at its end.
 * 2. `click_rollup` and `click_visitor` are plain tables keyed by their
 *    dimensions, buyer first (no model: the ORM never read or wrote them):
 *    the random `id` primary key (an index entry at a random place per
 *    row, and a uuid per row) goes, the key serves the buyer reads that
 *    the `(buyer_id, bucket)` indexes served, and a `(bucket)` index
 *    (appended at its end by each batch) serves the reads across buyers
 *    (the leaderboard's quarters, the signals, the trending refresh, the
 *    program's visitors). `created_at`, `updated_at` and `deleted_at`
 *    (never read) go: narrower rows.
 *
 * No question mark in these statements (the driver reads it as a binding).
 */

const BATCH = { from: "new_rows n", where: "TRUE", upsert: true }

const CLICK_INSERT_FUNCTION = `CREATE OR REPLACE FUNCTION attribution_click_rollup_insert() RETURNS trigger
     LANGUAGE plpgsql SET jit = off AS $fn$
   BEGIN
     ${clickRollupInsertSql(BATCH)};
     ${clickVisitorInsertSql(BATCH)};
     ${clickBuyerDayInsertSql(BATCH)};
     ${hourUpsertSql(CLICK_HOUR, clickCountsSql(BATCH))}
     ${hourUpsertSql(CLICK_GROUP_DAY, clickCountsSql(BATCH))}
     RETURN NULL;
   END $fn$;`

const CLICK_TRUNCATE_FUNCTION = `CREATE OR REPLACE FUNCTION attribution_click_rollup_truncate() RETURNS trigger
     LANGUAGE plpgsql AS $fn$
   BEGIN
     TRUNCATE click_rollup, click_visitor, click_buyer_day, click_hour, click_group_day;
     RETURN NULL;
   END $fn$;`

/** The derived tables' triggers on `click_rollup` (migrations 20261205120000, 20261205130000). */
const CASCADE_FUNCTIONS = [CLICK_HOUR.fn, CLICK_GROUP_DAY.fn]

export class Migration20261206061500 extends Migration {
  override async up(): Promise<void> {
    for (const fn of CASCADE_FUNCTIONS) {
      for (const x of ["ins", "upd", "del", "trunc"]) {
        this.addSql(`DROP TRIGGER IF EXISTS ${fn}_${x} ON click_rollup;`)
      }
      this.addSql(`DROP FUNCTION IF EXISTS ${fn}();`)
    }

    for (const [table, extra] of [
      ["click_rollup", []],
      ["click_visitor", ["visitor_id"]],
    ] as const) {
      const key = [...CLICK_DIMS, ...extra].join(", ")
      this.addSql(
        `ALTER TABLE ${table} DROP CONSTRAINT IF EXISTS ${table}_pkey;`
      )
      this.addSql(
        `ALTER TABLE ${table} DROP COLUMN IF EXISTS id, DROP COLUMN IF EXISTS created_at,
           DROP COLUMN IF EXISTS updated_at, DROP COLUMN IF EXISTS deleted_at;`
      )
      this.addSql(
        `ALTER TABLE ${table} ADD CONSTRAINT ${table}_pkey PRIMARY KEY (${key});`
      )
      this.addSql(`DROP INDEX IF EXISTS "IDX_${table}_dims_unique";`)
      this.addSql(`DROP INDEX IF EXISTS "IDX_${table}_buyer_bucket";`)
      this.addSql(
        `CREATE INDEX IF NOT EXISTS "IDX_${table}_bucket" ON ${table} (bucket);`
      )
    }

    this.addSql(CLICK_INSERT_FUNCTION)
    this.addSql(CLICK_TRUNCATE_FUNCTION)
    // The derived tables are the sums of click_rollup (they were, by their
    // triggers): summed again once, which changes nothing on a sound install.
    this.addSql(hourBackfillSql(CLICK_HOUR))
    this.addSql(hourBackfillSql(CLICK_GROUP_DAY))
  }

  override async down(): Promise<void> {
    throw new Error(
      "Migration20261206061500 cannot be undone: the click rollups' ids are gone (rebuild the rollups on the earlier schema instead)"
    )
  }
}
