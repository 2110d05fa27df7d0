import {
  CLICK_GROUP_DAY,
  CLICK_HOUR,
  hourUpsertSql,
} from "../../../utils/hour-rollup-sql"
import {
  type ClickSource,
  clickBuyerDayInsertSql,
  clickCountsSql,
  clickRollupInsertSql,
  clickVisitorInsertSql,
} from "./click-sql"

/*
 * The click write path (docs/reports.md, "Storage"): the trigger on
 * `referral_click` only appends the batch's rollup columns to
 * `click_rollup_pending` (a narrow heap without an index); the fold moves
 * the pending rows into the five click rollups in one transaction. Who
 * folds: the `notes-fold-report-rollups` job every second, and every read of
 * the click rollups first (so a report is exact whatever the job does).
 *
 * The fold is `DELETE FROM click_rollup_pending … RETURNING`: a statement
 * sees the committed rows only, so a click of a transaction still open is
 * neither folded nor lost (it is there for the next fold), whatever order
 * transactions commit in. Folds are serialised by a transaction-scoped
 * advisory lock (the rebuild takes it too).
 *
 * Migrations build their SQL from here: change it only by adding.
 * No question mark in these statements (the driver reads it as a binding).
 */

/** The raw click columns the five click rollups read. */
export const PENDING_COLUMNS = [
  "clicked_at",
  "buyer_id",
  "note_id",
  "product_id",
  "utm_source",
  "utm_campaign",
  "referer",
  "visitor_id",
  "dropped_reason",
]

export const FOLD_LOCK = `hashtext('attribution_click_fold')`

/**
 * Rows leave as soon as they are folded: autovacuum is told to come after
 * a few thousand dead rows, not a fifth of the table (which is small).
 */
export const PENDING_TABLE_SQL = `CREATE TABLE IF NOT EXISTS click_rollup_pending (
    clicked_at timestamptz NOT NULL,
    buyer_id text,
    note_id text NOT NULL,
    product_id text NOT NULL,
    utm_source text,
    utm_campaign text,
    referer text,
    visitor_id text NOT NULL,
    dropped_reason text
  ) WITH (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 5000,
          autovacuum_vacuum_insert_scale_factor = 0, autovacuum_vacuum_insert_threshold = 5000);`

/** The click trigger: the batch's rollup columns, appended. */
export const APPEND_FUNCTION_SQL = `CREATE OR REPLACE FUNCTION attribution_click_rollup_insert() RETURNS trigger
     LANGUAGE plpgsql SET jit = off AS $fn$
   BEGIN
     INSERT INTO click_rollup_pending (${PENDING_COLUMNS.join(", ")})
     SELECT ${PENDING_COLUMNS.map((c) => `n.${c}`).join(", ")} FROM new_rows n;
     RETURN NULL;
   END $fn$;`

/**
 * The trigger as it was before the fold (Migration20261206061500): it
 * upserts the five click rollups from the batch itself. For the
 * migration's down() and the benchmark's comparison.
 */
export function directClickFunctionSql(): string {
  const batch: ClickSource = { from: "new_rows n", where: "TRUE", upsert: true }
  return `CREATE OR REPLACE FUNCTION attribution_click_rollup_insert() RETURNS trigger
     LANGUAGE plpgsql SET jit = off AS $fn$
   BEGIN
     ${clickRollupInsertSql(batch)};
     ${clickVisitorInsertSql(batch)};
     ${clickBuyerDayInsertSql(batch)};
     ${hourUpsertSql(CLICK_HOUR, clickCountsSql(batch))}
     ${hourUpsertSql(CLICK_GROUP_DAY, clickCountsSql(batch))}
     RETURN NULL;
   END $fn$;`
}

const FOLDED: ClickSource = {
  from: "hosted n",
  where: "TRUE",
  upsert: true,
  host: "referer_host",
}
const noSemicolon = (sql: string) => sql.trim().replace(/;$/, "")

/**
 * `attribution_click_fold()`: folds every committed pending row into the
 * five click rollups (one statement: the delete's rows feed five upserts)
 * and returns how many it folded. Nothing pending: returns 0 at once,
 * without the lock.
 */
export const FOLD_FUNCTION_SQL = `CREATE OR REPLACE FUNCTION attribution_click_fold() RETURNS bigint
     LANGUAGE plpgsql SET jit = off SET work_mem = '32MB' AS $fn$
   DECLARE
     folded_count bigint;
   BEGIN
     IF NOT EXISTS (SELECT 1 FROM click_rollup_pending) THEN
       RETURN 0;
     END IF;
     PERFORM pg_advisory_xact_lock(${FOLD_LOCK});
     WITH folded AS (
       DELETE FROM click_rollup_pending RETURNING ${PENDING_COLUMNS.join(", ")}
     ), hosts AS (
       SELECT r.referer, attribution_referer_host(r.referer) AS referer_host
         FROM (SELECT DISTINCT coalesce(f.referer, '') AS referer FROM folded f) r
     ), hosted AS (
       SELECT f.*, h.referer_host
         FROM folded f JOIN hosts h ON h.referer = coalesce(f.referer, '')
     ), rollup AS (
       ${clickRollupInsertSql(FOLDED)}
     ), visitor AS (
       ${clickVisitorInsertSql(FOLDED)}
     ), buyer_day AS (
       ${clickBuyerDayInsertSql(FOLDED)}
     ), hour AS (
       ${noSemicolon(hourUpsertSql(CLICK_HOUR, clickCountsSql(FOLDED)))}
     ), group_day AS (
       ${noSemicolon(hourUpsertSql(CLICK_GROUP_DAY, clickCountsSql(FOLDED)))}
     )
     SELECT count(*) INTO folded_count FROM folded;
     RETURN folded_count;
   END $fn$;`

export const TRUNCATE_FUNCTION_SQL = `CREATE OR REPLACE FUNCTION attribution_click_rollup_truncate() RETURNS trigger
     LANGUAGE plpgsql AS $fn$
   BEGIN
     TRUNCATE click_rollup_pending, click_rollup, click_visitor, click_buyer_day, click_hour, click_group_day;
     RETURN NULL;
   END $fn$;`
