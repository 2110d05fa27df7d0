/*
 * The ledger's rollup write path (docs/reports.md, "Storage"): the
 * triggers on `commission_entry` compute each statement's deltas as before
 * (ledger-triggers-sql.ts) but only append them to `ledger_rollup_pending`
 * (a narrow heap without an index); `commission_ledger_fold()` adds the
 * committed pending deltas to `ledger_rollup` and `ledger_buyer_day` in one
 * statement (and so, by their triggers, to the hourly, group-day and
 * month tables). The rollup rows, and the program-wide hour rows every
 * ledger write touched, are then written by one fold at a time, not by
 * every concurrent ledger transaction under their row locks. Who folds:
 * the report-rollups job every second, every read of the ledger rollups
 * first, and the rebuild under the ledger's SHARE lock.
 *
 * Deltas are additive (a status move is its old row out and its new row
 * in), so folding them late, in any grouping, gives the same sums.
 * `DELETE … RETURNING` sees committed rows only: a delta of a transaction
 * still open waits for the next fold. Migrations build their SQL from
 * here: change it only by adding.
 */
import {
  DELTA_COLUMNS,
  FN_SETTINGS,
  FN_SETTINGS_NO_NESTLOOP,
  SUMS,
  fn,
  ledgerTriggers,
  rebuildFunctionSql,
  upsert,
} from "./ledger-triggers-sql"

export const LEDGER_PENDING_TABLE_SQL = `CREATE TABLE IF NOT EXISTS ledger_rollup_pending (
    bucket timestamptz NOT NULL,
    buyer_id text NOT NULL,
    note_id text NOT NULL,
    product_id text NOT NULL,
    currency_code text NOT NULL,
    ${SUMS.map((c) => `${c} numeric NOT NULL`).join(",\n    ")}
  ) WITH (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 5000,
          autovacuum_vacuum_insert_scale_factor = 0, autovacuum_vacuum_insert_threshold = 5000);`

/** The triggers' sink: the deltas appended. */
export const appendSink = (deltas: string) => `
  INSERT INTO ledger_rollup_pending (${DELTA_COLUMNS})
  ${deltas};`

/** The three trigger functions, appending (`sink` = upsert: as before). */
export const ledgerTriggerFunctionsSql = (
  sink: (deltas: string) => string = appendSink
) =>
  ledgerTriggers(sink).map((t) =>
    fn(
      t.name,
      t.body,
      t.name === "commission_ledger_rollup_update"
        ? FN_SETTINGS_NO_NESTLOOP
        : FN_SETTINGS
    )
  )

const BUYER_DAY = "  )\n  INSERT INTO ledger_buyer_day"

/** The upsert of the pending deltas, one statement, counting them. */
const foldStatement = () => {
  const sql = upsert(`SELECT ${DELTA_COLUMNS} FROM p`).trim()
  if (!sql.startsWith("WITH d AS (") || sql.split(BUYER_DAY).length !== 2) {
    throw new Error("ledger-fold-sql: the upsert's shape changed")
  }
  return `WITH p AS (
    DELETE FROM ledger_rollup_pending RETURNING ${DELTA_COLUMNS}
  ), ${sql.slice("WITH ".length).replace(BUYER_DAY, "  ), b AS (\n  INSERT INTO ledger_buyer_day").replace(/;$/, "")}
  )
  SELECT count(*) INTO folded_count FROM p;`
}

export const LEDGER_FOLD_LOCK = `hashtext('commission_ledger_fold')`

/**
 * `commission_ledger_fold()`: folds every committed pending delta and
 * returns how many. Nothing pending: returns 0 at once, without the lock.
 */
export const ledgerFoldFunctionSql = () => `
CREATE OR REPLACE FUNCTION commission_ledger_fold() RETURNS bigint
LANGUAGE plpgsql
${FN_SETTINGS}
AS $fn$
DECLARE
  folded_count bigint;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM ledger_rollup_pending) THEN
    RETURN 0;
  END IF;
  PERFORM pg_advisory_xact_lock(${LEDGER_FOLD_LOCK});
  ${foldStatement()}
  RETURN folded_count;
END
$fn$;`

/** The rebuild folds first, under the ledger's SHARE lock. */
export const rebuildWithFoldSql = () =>
  rebuildFunctionSql(`
  PERFORM commission_ledger_fold();`)
