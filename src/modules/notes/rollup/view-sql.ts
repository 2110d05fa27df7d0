/*
 * The views rollup (docs/reports.md, "Storage"): `note_view_rollup`,
 * 15-minute bucket (of the view's `created_at`) × buyer (the note's author,
 * '' for a merchant note) × note → views, the counted `note_view` rows
 * (`deleted_at IS NULL`). Kept by statement-level triggers on `note_view`
 * (insert, delete, update, truncate) in the same transaction as the rows;
 * rebuilt from the rows by `rebuildViewRollup`. Migrations build their SQL
 * from here: change it only by adding.
 */

/** The dimensions of `note_view_rollup`, its primary key's order. */
export const VIEW_DIMS = ["buyer_id", "bucket", "note_id"] as const

/**
 * The rollup rows of the views `v` of `from` (a transition table or
 * `note_view`), with `sign` (+1 or −1) on their counts.
 */
export const viewDeltaSql = (from: string, sign: 1 | -1) =>
  `SELECT coalesce(n.buyer_id, '') AS buyer_id,
          date_bin('15 minutes', v.created_at, timestamptz '2000-01-01 00:00:00+00') AS bucket,
          v.note_id, ${sign} * count(*) AS views
     FROM ${from} v LEFT JOIN note n ON n.id = v.note_id
    WHERE v.deleted_at IS NULL
    GROUP BY 1, 2, 3`

/**
 * Adds the summed `deltas` (rows of buyer_id, bucket, note_id, views); with
 * `prune`, then drops the rows they brought to 0 (a second statement: it
 * must see the first one's writes).
 */
const applyDeltas = (deltas: string, prune: boolean) => {
  const summed = `SELECT buyer_id, bucket, note_id, sum(views)::bigint AS views
      FROM (${deltas}) x GROUP BY 1, 2, 3 HAVING sum(views) <> 0`
  const upsert = `INSERT INTO note_view_rollup AS r (buyer_id, bucket, note_id, views)
    ${summed} ORDER BY 1, 2, 3
    ON CONFLICT (buyer_id, bucket, note_id) DO UPDATE SET views = r.views + EXCLUDED.views;`
  return prune
    ? `${upsert}
    DELETE FROM note_view_rollup r USING (${summed}) d
     WHERE r.views = 0 AND r.buyer_id = d.buyer_id AND r.bucket = d.bucket
       AND r.note_id = d.note_id;`
    : upsert
}

export const VIEW_ROLLUP_SQL = [
  `CREATE TABLE IF NOT EXISTS note_view_rollup (
     buyer_id text NOT NULL,
     bucket timestamptz NOT NULL,
     note_id text NOT NULL,
     views bigint NOT NULL DEFAULT 0,
     CONSTRAINT note_view_rollup_pkey PRIMARY KEY (buyer_id, bucket, note_id)
   );`,
  // A note's report; reads across buyers (the program, the leaderboard).
  `CREATE INDEX IF NOT EXISTS "IDX_note_view_rollup_note_bucket" ON note_view_rollup (note_id, bucket);`,
  `CREATE INDEX IF NOT EXISTS "IDX_note_view_rollup_bucket" ON note_view_rollup (bucket);`,
  `CREATE OR REPLACE FUNCTION notes_view_rollup_insert() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     ${applyDeltas(viewDeltaSql("new_rows", 1), false)}
     RETURN NULL;
   END $$;`,
  `CREATE OR REPLACE FUNCTION notes_view_rollup_delete() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     ${applyDeltas(viewDeltaSql("old_rows", -1), true)}
     RETURN NULL;
   END $$;`,
  // An update (a soft delete or restore, a moved row): the old rows out,
  // the new ones in, netted per rollup row.
  `CREATE OR REPLACE FUNCTION notes_view_rollup_update() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     ${applyDeltas(`${viewDeltaSql("old_rows", -1)} UNION ALL ${viewDeltaSql("new_rows", 1)}`, true)}
     RETURN NULL;
   END $$;`,
  `CREATE OR REPLACE FUNCTION notes_view_rollup_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     TRUNCATE note_view_rollup;
     RETURN NULL;
   END $$;`,
  `DROP TRIGGER IF EXISTS notes_view_rollup_insert ON note_view;`,
  `CREATE TRIGGER notes_view_rollup_insert AFTER INSERT ON note_view
     REFERENCING NEW TABLE AS new_rows
     FOR EACH STATEMENT EXECUTE FUNCTION notes_view_rollup_insert();`,
  `DROP TRIGGER IF EXISTS notes_view_rollup_delete ON note_view;`,
  `CREATE TRIGGER notes_view_rollup_delete AFTER DELETE ON note_view
     REFERENCING OLD TABLE AS old_rows
     FOR EACH STATEMENT EXECUTE FUNCTION notes_view_rollup_delete();`,
  `DROP TRIGGER IF EXISTS notes_view_rollup_update ON note_view;`,
  `CREATE TRIGGER notes_view_rollup_update AFTER UPDATE ON note_view
     REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
     FOR EACH STATEMENT EXECUTE FUNCTION notes_view_rollup_update();`,
  `DROP TRIGGER IF EXISTS notes_view_rollup_truncate ON note_view;`,
  `CREATE TRIGGER notes_view_rollup_truncate AFTER TRUNCATE ON note_view
     FOR EACH STATEMENT EXECUTE FUNCTION notes_view_rollup_truncate();`,
]

export const VIEW_ROLLUP_DOWN_SQL = [
  `DROP TRIGGER IF EXISTS notes_view_rollup_insert ON note_view;`,
  `DROP TRIGGER IF EXISTS notes_view_rollup_delete ON note_view;`,
  `DROP TRIGGER IF EXISTS notes_view_rollup_update ON note_view;`,
  `DROP TRIGGER IF EXISTS notes_view_rollup_truncate ON note_view;`,
  `DROP FUNCTION IF EXISTS notes_view_rollup_insert();`,
  `DROP FUNCTION IF EXISTS notes_view_rollup_delete();`,
  `DROP FUNCTION IF EXISTS notes_view_rollup_update();`,
  `DROP FUNCTION IF EXISTS notes_view_rollup_truncate();`,
  `DROP TABLE IF EXISTS note_view_rollup;`,
]

/** The whole rollup again from `note_view` (the rebuild; the migration's backfill). */
export const VIEW_ROLLUP_REBUILD_SQL = [
  `LOCK TABLE note_view IN SHARE MODE;`,
  `DELETE FROM note_view_rollup;`,
  `INSERT INTO note_view_rollup (buyer_id, bucket, note_id, views)
   ${viewDeltaSql("note_view", 1)} ORDER BY 1, 2, 3;`,
]
