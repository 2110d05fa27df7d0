import { Migration } from "@medusajs/framework/mikro-orm/migrations"

/**
 * Click rollups off the writing transaction (docs/reports.md, "Storage"):
 * a click batch's statement trigger now only appends the columns the
 * rollups read to `click_rollup_pending` (no index, no key: one heap row
 * per click), and the rollup upserts run when those rows are deleted, a
 * fold: `attribution_click_rollup_insert()`, the function the clicks'
 * trigger ran until now, becomes the statement-level AFTER DELETE trigger
 * of the pending table, its transition table (named `new_rows` as the
 * function expects) holding the deleted rows. A fold is one DELETE under an
 * advisory lock (src/modules/attribution/rollup/fold.ts): after each click
 * batch, on a timer, and before every rollup read, so reports stay exact.
 */
export class Migration20261205150000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`CREATE TABLE IF NOT EXISTS click_rollup_pending (
      clicked_at timestamptz NOT NULL,
      buyer_id text NULL,
      note_id text NOT NULL,
      product_id text NOT NULL,
      utm_source text NULL,
      utm_campaign text NULL,
      referer text NULL,
      visitor_id text NULL,
      dropped_reason text NULL
    );`)
    this
      .addSql(`CREATE OR REPLACE FUNCTION attribution_click_pending() RETURNS trigger
      LANGUAGE plpgsql AS $fn$
      BEGIN
        INSERT INTO click_rollup_pending
          (clicked_at, buyer_id, note_id, product_id, utm_source, utm_campaign, referer, visitor_id, dropped_reason)
        SELECT n.clicked_at, n.buyer_id, n.note_id, n.product_id, n.utm_source, n.utm_campaign,
               n.referer, n.visitor_id, n.dropped_reason
          FROM new_rows n;
        RETURN NULL;
      END $fn$;`)
    this.addSql(
      `DROP TRIGGER IF EXISTS attribution_click_rollup_insert ON referral_click;`
    )
    this.addSql(
      `DROP TRIGGER IF EXISTS attribution_click_pending ON referral_click;`
    )
    this
      .addSql(`CREATE TRIGGER attribution_click_pending AFTER INSERT ON referral_click
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
      EXECUTE FUNCTION attribution_click_pending();`)
    this.addSql(
      `DROP TRIGGER IF EXISTS attribution_click_rollup_fold ON click_rollup_pending;`
    )
    this
      .addSql(`CREATE TRIGGER attribution_click_rollup_fold AFTER DELETE ON click_rollup_pending
      REFERENCING OLD TABLE AS new_rows FOR EACH STATEMENT
      EXECUTE FUNCTION attribution_click_rollup_insert();`)
    // Emptying the clicks empties what waits to be folded too.
    this
      .addSql(`CREATE OR REPLACE FUNCTION attribution_click_rollup_truncate() RETURNS trigger
      LANGUAGE plpgsql AS $fn$
      BEGIN
        TRUNCATE click_rollup, click_visitor, click_buyer_day, click_rollup_pending;
        RETURN NULL;
      END $fn$;`)
  }

  override async down(): Promise<void> {
    // Fold what waits, then the clicks' trigger runs the upserts again.
    this.addSql(`DELETE FROM click_rollup_pending;`)
    this.addSql(
      `DROP TRIGGER IF EXISTS attribution_click_pending ON referral_click;`
    )
    this.addSql(`DROP FUNCTION IF EXISTS attribution_click_pending();`)
    this
      .addSql(`CREATE TRIGGER attribution_click_rollup_insert AFTER INSERT ON referral_click
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
      EXECUTE FUNCTION attribution_click_rollup_insert();`)
    this
      .addSql(`CREATE OR REPLACE FUNCTION attribution_click_rollup_truncate() RETURNS trigger
      LANGUAGE plpgsql AS $fn$
      BEGIN
        TRUNCATE click_rollup, click_visitor, click_buyer_day;
        RETURN NULL;
      END $fn$;`)
    this.addSql(`DROP TABLE IF EXISTS click_rollup_pending;`)
  }
}
