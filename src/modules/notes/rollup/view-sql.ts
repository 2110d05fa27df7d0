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

/*
 * Second step (Migration20261206094500): the coarser views rollups the
 * long reads use, kept by the same triggers from the same batch.
 *
 * - `note_view_day`: buyer × UTC day (a `timestamptz` at UTC midnight) ×
 *   note → views: the groups' (by note, by buyer) whole UTC days and a
 *   buyer's series' whole days.
 * - `note_view_program`: 15-minute bucket → the whole program's views: the
 *   program's series (a row per 15 minutes, whatever the number of notes,
 *   so every zone's bucket edges stay exact). A buyer's series reads its
 *   day rows and its 15-minute rows: a buyer has few of those.
 */

/** One rollup table the view triggers keep: its key columns and the rows of a view. */
type ViewTarget = {
  table: string
  keys: string[]
  /** The select list of one raw view `v` (joined to its note `n`), key columns first. */
  row: (sign: 1 | -1) => string
}

const BIN = (width: string) =>
  `date_bin('${width}', v.created_at, timestamptz '2000-01-01 00:00:00+00')`

export const VIEW_TARGETS: ViewTarget[] = [
  {
    table: "note_view_rollup",
    keys: ["buyer_id", "bucket", "note_id"],
    row: (sign) =>
      `coalesce(n.buyer_id, '') AS buyer_id, ${BIN("15 minutes")} AS bucket, v.note_id, ${sign} AS views`,
  },
  {
    table: "note_view_day",
    keys: ["buyer_id", "day", "note_id"],
    row: (sign) =>
      `coalesce(n.buyer_id, '') AS buyer_id, ${BIN("1 day")} AS day, v.note_id, ${sign} AS views`,
  },
  {
    table: "note_view_program",
    keys: ["bucket"],
    row: (sign) => `${BIN("15 minutes")} AS bucket, ${sign} AS views`,
  },
]

/**
 * The statements that add the views of the `sources` (transition tables or
 * `note_view`, each with its sign) to `t`, netted per key; with `prune`,
 * then the rows brought to 0 are dropped (a second statement: it must see
 * the first one's writes).
 */
export function viewTargetUpsertSql(
  t: ViewTarget,
  sources: [string, 1 | -1][],
  prune: boolean
): string[] {
  const keys = t.keys.join(", ")
  const rows = sources
    .map(
      ([src, sign]) =>
        `SELECT ${t.row(sign)} FROM ${src} v LEFT JOIN note n ON n.id = v.note_id WHERE v.deleted_at IS NULL`
    )
    .join(" UNION ALL ")
  const summed = `SELECT ${keys}, sum(views)::bigint AS views FROM (${rows}) x
    GROUP BY ${keys} HAVING sum(views) <> 0`
  const out = [
    `INSERT INTO ${t.table} AS r (${keys}, views)
     ${summed} ORDER BY ${keys}
     ON CONFLICT (${keys}) DO UPDATE SET views = r.views + EXCLUDED.views;`,
  ]
  if (prune) {
    out.push(
      `DELETE FROM ${t.table} r USING (${summed}) d
        WHERE r.views = 0 AND ${t.keys.map((k) => `r.${k} = d.${k}`).join(" AND ")};`
    )
  }
  return out
}

const triggerBody = (sources: [string, 1 | -1][], prune: boolean) =>
  VIEW_TARGETS.flatMap((t) => viewTargetUpsertSql(t, sources, prune)).join(
    "\n     "
  )

export const VIEW_ROLLUPS_V2_SQL = [
  `CREATE TABLE IF NOT EXISTS note_view_day (
     buyer_id text NOT NULL,
     day timestamptz NOT NULL,
     note_id text NOT NULL,
     views bigint NOT NULL DEFAULT 0,
     CONSTRAINT note_view_day_pkey PRIMARY KEY (buyer_id, day, note_id)
   );`,
  `CREATE INDEX IF NOT EXISTS "IDX_note_view_day_day" ON note_view_day (day);`,
  `CREATE TABLE IF NOT EXISTS note_view_program (
     bucket timestamptz NOT NULL,
     views bigint NOT NULL DEFAULT 0,
     CONSTRAINT note_view_program_pkey PRIMARY KEY (bucket)
   );`,
  `CREATE OR REPLACE FUNCTION notes_view_rollup_insert() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     ${triggerBody([["new_rows", 1]], false)}
     RETURN NULL;
   END $$;`,
  `CREATE OR REPLACE FUNCTION notes_view_rollup_delete() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     ${triggerBody([["old_rows", -1]], true)}
     RETURN NULL;
   END $$;`,
  `CREATE OR REPLACE FUNCTION notes_view_rollup_update() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     ${triggerBody(
       [
         ["old_rows", -1],
         ["new_rows", 1],
       ],
       true
     )}
     RETURN NULL;
   END $$;`,
  `CREATE OR REPLACE FUNCTION notes_view_rollup_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     TRUNCATE note_view_rollup, note_view_day, note_view_program;
     RETURN NULL;
   END $$;`,
]

/** Every views rollup again from `note_view` (the rebuild; the migration's backfill). */
export const VIEW_ROLLUPS_V2_REBUILD_SQL = [
  `LOCK TABLE note_view IN SHARE MODE;`,
  `DELETE FROM note_view_rollup;`,
  `DELETE FROM note_view_day;`,
  `DELETE FROM note_view_program;`,
  ...VIEW_TARGETS.flatMap((t) =>
    viewTargetUpsertSql(t, [["note_view", 1]], false)
  ),
]

/** Back to the first step: the 15-minute rollup alone. */
export const VIEW_ROLLUPS_V2_DOWN_SQL = [
  ...VIEW_ROLLUP_SQL.filter((s) => /^\s*CREATE OR REPLACE FUNCTION/.test(s)),
  `DROP TABLE IF EXISTS note_view_day;`,
  `DROP TABLE IF EXISTS note_view_program;`,
]
