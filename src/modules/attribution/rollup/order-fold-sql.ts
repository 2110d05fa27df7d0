/*
 * The attribution lines' write path (docs/reports.md, "Storage"), folded as
 * the clicks are (./fold-sql.ts): the insert trigger on `attribution_line`
 * only appends the statement's lines to `order_rollup_pending` (a narrow
 * heap without an index); `attribution_order_fold()` moves the committed
 * pending lines into `order_rollup`, `order_note_rollup` and
 * `order_buyer_day` with the same three upserts the trigger ran before
 * (whose own triggers keep the hour, group-day and month rows). Before, each
 * decision updated those shared rows in the writing transaction, and
 * concurrent orders of one hour queued on the program-wide rows.
 *
 * Exact: an order's lines are inserted in one statement (recordDecision)
 * and an order is decided once, so its lines commit together and are
 * folded together; `count(DISTINCT order_id)` over a fold adds each order
 * once to each of its groups, as it did per statement. A line keeps its own
 * `created_at`, so its bucket does not depend on when it is folded.
 *
 * A deletion (the attribution step's compensation) first folds (a
 * statement trigger before the delete), so the delete trigger's
 * subtraction finds the lines it takes out; a truncate empties the pending
 * lines with the rollups.
 *
 * Who folds: `attribution_click_fold()`'s callers (./fold.ts folds both),
 * that is the job every second and every read of the rollups first.
 * Migrations build their SQL from here: change it only by adding.
 * No question mark in these statements (the driver reads it as a binding).
 */

const NEW_ID = (prefix: string) =>
  `'${prefix}_' || replace(gen_random_uuid()::text, '-', '')`

export const ORDER_FOLD_LOCK = `hashtext('attribution_order_fold')`

/** The line columns the three order rollups read. */
const LINE_COLUMNS = [
  "created_at",
  "buyer_id",
  "note_id",
  "product_id",
  "order_id",
  "quantity",
]

export const ORDER_PENDING_TABLE_SQL = `CREATE TABLE IF NOT EXISTS order_rollup_pending (
    created_at timestamptz NOT NULL,
    buyer_id text NOT NULL,
    note_id text NOT NULL,
    product_id text,
    order_id text NOT NULL,
    quantity integer NOT NULL
  ) WITH (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 5000,
          autovacuum_vacuum_insert_scale_factor = 0, autovacuum_vacuum_insert_threshold = 5000);`

/**
 * The three upserts of the line trigger (Migration20261201034948), over
 * the lines in `source` (aliased `n`).
 */
function orderUpsertsSql(source: string): string {
  return `INSERT INTO order_rollup AS r (id, bucket, buyer_id, note_id, product_id, orders, units)
     SELECT ${NEW_ID("orl")}, l.bucket, l.buyer_id, l.note_id, l.product_id,
            count(DISTINCT l.order_id), sum(l.quantity)
       FROM (SELECT attribution_bucket_15m(n.created_at) AS bucket, n.buyer_id, n.note_id,
                    coalesce(n.product_id, '') AS product_id, n.order_id, n.quantity
               FROM ${source}) l
      GROUP BY l.bucket, l.buyer_id, l.note_id, l.product_id
     ON CONFLICT (bucket, buyer_id, note_id, product_id) DO UPDATE SET
       orders = r.orders + EXCLUDED.orders, units = r.units + EXCLUDED.units, updated_at = now();

     INSERT INTO order_note_rollup AS r (id, bucket, buyer_id, note_id, orders, units)
     SELECT ${NEW_ID("onrl")}, l.bucket, l.buyer_id, l.note_id, count(DISTINCT l.order_id), sum(l.quantity)
       FROM (SELECT attribution_bucket_15m(n.created_at) AS bucket, n.buyer_id, n.note_id, n.order_id, n.quantity
               FROM ${source}) l
      GROUP BY l.bucket, l.buyer_id, l.note_id
     ON CONFLICT (bucket, buyer_id, note_id) DO UPDATE SET
       orders = r.orders + EXCLUDED.orders, units = r.units + EXCLUDED.units, updated_at = now();

     INSERT INTO order_buyer_day AS r (id, day, buyer_id, orders, units)
     SELECT ${NEW_ID("obd")}, l.day, l.buyer_id, count(DISTINCT l.order_id), sum(l.quantity)
       FROM (SELECT attribution_utc_day(n.created_at) AS day, n.buyer_id, n.order_id, n.quantity
               FROM ${source}) l
      GROUP BY l.day, l.buyer_id
     ON CONFLICT (day, buyer_id) DO UPDATE SET
       orders = r.orders + EXCLUDED.orders, units = r.units + EXCLUDED.units, updated_at = now();`
}

/** The line trigger: the statement's lines, appended. */
export const ORDER_APPEND_FUNCTION_SQL = `CREATE OR REPLACE FUNCTION attribution_line_rollup_insert() RETURNS trigger
     LANGUAGE plpgsql SET jit = off AS $fn$
   BEGIN
     INSERT INTO order_rollup_pending (${LINE_COLUMNS.join(", ")})
     SELECT ${LINE_COLUMNS.map((c) => `n.${c}`).join(", ")} FROM new_rows n;
     RETURN NULL;
   END $fn$;`

/**
 * The line trigger as it was before the fold: the three upserts from the
 * statement's lines. For the migration's down() and the benchmark.
 */
export const DIRECT_ORDER_FUNCTION_SQL = `CREATE OR REPLACE FUNCTION attribution_line_rollup_insert() RETURNS trigger
     LANGUAGE plpgsql AS $fn$
   BEGIN
     ${orderUpsertsSql("new_rows n")}
     RETURN NULL;
   END $fn$;`

/**
 * `attribution_order_fold()`: folds every committed pending line into the
 * order rollups and returns how many lines it folded. The lines leave the
 * pending table in one statement (`DELETE … RETURNING` sees committed rows
 * only: a decision still open waits for the next fold) into an array, which
 * the three upserts read. Nothing pending: returns 0 at once, without the
 * lock.
 */
export const ORDER_FOLD_FUNCTION_SQL = `CREATE OR REPLACE FUNCTION attribution_order_fold() RETURNS bigint
     LANGUAGE plpgsql SET jit = off AS $fn$
   DECLARE
     lines order_rollup_pending[];
   BEGIN
     IF NOT EXISTS (SELECT 1 FROM order_rollup_pending) THEN
       RETURN 0;
     END IF;
     PERFORM pg_advisory_xact_lock(${ORDER_FOLD_LOCK});
     WITH folded AS (
       DELETE FROM order_rollup_pending p RETURNING p::order_rollup_pending AS line
     )
     SELECT array_agg(f.line) INTO lines FROM folded f;
     IF lines IS NULL THEN
       RETURN 0;
     END IF;
     ${orderUpsertsSql("unnest(lines) n")}
     RETURN cardinality(lines);
   END $fn$;`

/** Before a deletion of lines: what is pending is folded first. */
export const ORDER_FOLD_BEFORE_DELETE_SQL = [
  `CREATE OR REPLACE FUNCTION attribution_line_fold_before_delete() RETURNS trigger
     LANGUAGE plpgsql AS $fn$
   BEGIN
     PERFORM attribution_order_fold();
     RETURN NULL;
   END $fn$;`,
  `DROP TRIGGER IF EXISTS attribution_line_fold_before_delete ON attribution_line;`,
  `CREATE TRIGGER attribution_line_fold_before_delete BEFORE DELETE ON attribution_line
     FOR EACH STATEMENT EXECUTE FUNCTION attribution_line_fold_before_delete();`,
]

/** A truncate of the lines empties the pending lines too. */
export const ORDER_PENDING_TRUNCATE_SQL = [
  `CREATE OR REPLACE FUNCTION attribution_line_pending_truncate() RETURNS trigger
     LANGUAGE plpgsql AS $fn$
   BEGIN
     TRUNCATE order_rollup_pending;
     RETURN NULL;
   END $fn$;`,
  `DROP TRIGGER IF EXISTS attribution_line_pending_truncate ON attribution_line;`,
  `CREATE TRIGGER attribution_line_pending_truncate AFTER TRUNCATE ON attribution_line
     FOR EACH STATEMENT EXECUTE FUNCTION attribution_line_pending_truncate();`,
]
