/*
 * The hourly rollups of the reports (docs/reports.md, "Storage"): a table
 * per fine rollup (`click_rollup` → `click_hour`, `order_note_rollup` →
 * `order_hour`, `ledger_rollup` → `ledger_hour`), keyed by scope (a buyer
 * id, '' for no buyer, '*' for the whole program) and UTC hour, kept by
 * statement-level triggers on the fine table: whatever changes a fine row
 * (a click batch's upsert, an attribution's compensation, a rebuild's
 * delete and insert) changes its hour rows by the same amounts in the same
 * transaction, so an hour row is always the sum of its fine rows.
 *
 * Migrations build their SQL from here: change it only by adding.
 */

export type HourRollupSpec = {
  /** The fine rollup table (15-minute `bucket`, `buyer_id`, `id`). */
  fine: string
  /** The hourly table. */
  hour: string
  /** Key columns besides scope and hour (e.g. the currency). */
  keys: string[]
  /** The additive columns, the same name in both tables. */
  sums: string[]
  /** SQL type of the additive columns in the hourly table. */
  type: string
  /** Trigger function name. */
  fn: string
}

const HOUR = (col: string) =>
  `date_bin('1 hour', ${col}, timestamptz '2000-01-01 00:00:00+00')`

/** The table, its primary key covering the reads (scope, then hour). */
export function hourTableSql(s: HourRollupSpec): string {
  const cols = [
    `scope text NOT NULL`,
    `hour timestamptz NOT NULL`,
    ...s.keys.map((k) => `${k} text NOT NULL`),
    ...s.sums.map((c) => `${c} ${s.type} NOT NULL DEFAULT 0`),
  ]
  return `CREATE TABLE IF NOT EXISTS ${s.hour} (${cols.join(", ")},
    CONSTRAINT ${s.hour}_pkey PRIMARY KEY (scope, hour${s.keys.map((k) => `, ${k}`).join("")}));`
}

/**
 * Adds the deltas of `source` (rows with bucket, buyer_id, the keys and
 * the sums) to the hourly table, once under the buyer's scope and once
 * under '*', in key order, leaving rows whose deltas are all zero alone.
 */
export function hourUpsertSql(s: HourRollupSpec, source: string): string {
  const keys = s.keys.map((k) => `, d.${k}`).join("")
  const keyCols = s.keys.map((k) => `, ${k}`).join("")
  return `INSERT INTO ${s.hour} AS r (scope, hour${keyCols}, ${s.sums.join(", ")})
  SELECT v.scope, ${HOUR("d.bucket")}${keys}, ${s.sums.map((c) => `sum(d.${c})`).join(", ")}
    FROM (${source}) d
    CROSS JOIN LATERAL (VALUES (d.buyer_id), ('*')) v (scope)
   GROUP BY 1, 2${keys}
  HAVING ${s.sums.map((c) => `sum(d.${c}) <> 0`).join(" OR ")}
   ORDER BY 1, 2${keys}
  ON CONFLICT (scope, hour${keyCols}) DO UPDATE SET
    ${s.sums.map((c) => `${c} = r.${c} + EXCLUDED.${c}`).join(", ")};`
}

/** The trigger function and its four triggers on the fine table. */
export function hourTriggerSql(s: HourRollupSpec): string[] {
  const cols = ["bucket", "buyer_id", ...s.keys]
  const plain = (t: string, sign = "") =>
    `SELECT ${cols.map((c) => `${t}.${c}`).join(", ")}, ${s.sums.map((c) => `${sign}${t}.${c} AS ${c}`).join(", ")} FROM`
  const onInsert = hourUpsertSql(s, `${plain("n")} new_rows n`)
  const onDelete = hourUpsertSql(s, `${plain("o", "-")} old_rows o`)
  // An upsert's UPDATE keeps the row's key: the delta is new minus old.
  const onUpdate = hourUpsertSql(
    s,
    `SELECT ${cols.map((c) => `n.${c}`).join(", ")}, ${s.sums
      .map((c) => `n.${c} - o.${c} AS ${c}`)
      .join(", ")} FROM new_rows n JOIN old_rows o ON o.id = n.id`
  )
  const trigger = (suffix: string, event: string, referencing: string) => [
    `DROP TRIGGER IF EXISTS ${s.fn}_${suffix} ON ${s.fine};`,
    `CREATE TRIGGER ${s.fn}_${suffix} AFTER ${event} ON ${s.fine}
       ${referencing} FOR EACH STATEMENT EXECUTE FUNCTION ${s.fn}();`,
  ]
  return [
    `CREATE OR REPLACE FUNCTION ${s.fn}() RETURNS trigger
     LANGUAGE plpgsql SET jit = off AS $fn$
     BEGIN
       IF TG_OP = 'TRUNCATE' THEN
         TRUNCATE ${s.hour};
       ELSIF TG_OP = 'INSERT' THEN
         ${onInsert}
       ELSIF TG_OP = 'UPDATE' THEN
         ${onUpdate}
       ELSE
         ${onDelete}
       END IF;
       RETURN NULL;
     END $fn$;`,
    ...trigger("ins", "INSERT", "REFERENCING NEW TABLE AS new_rows"),
    ...trigger(
      "upd",
      "UPDATE",
      "REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows"
    ),
    ...trigger("del", "DELETE", "REFERENCING OLD TABLE AS old_rows"),
    ...trigger("trunc", "TRUNCATE", ""),
  ]
}

/** Fills the hourly table from its fine table (an existing install). */
export function hourBackfillSql(s: HourRollupSpec): string {
  const cols = ["bucket", "buyer_id", ...s.keys, ...s.sums]
  return `DELETE FROM ${s.hour};
  ${hourUpsertSql(s, `SELECT ${cols.map((c) => `f.${c}`).join(", ")} FROM ${s.fine} f`)}`
}

export function hourDropSql(s: HourRollupSpec): string[] {
  return [
    ...["ins", "upd", "del", "trunc"].map(
      (x) => `DROP TRIGGER IF EXISTS ${s.fn}_${x} ON ${s.fine};`
    ),
    `DROP FUNCTION IF EXISTS ${s.fn}();`,
    `DROP TABLE IF EXISTS ${s.hour};`,
  ]
}

const CLICK_SUMS = [
  "counted",
  "dropped_head",
  "dropped_bot",
  "dropped_duplicate",
  "dropped_burst",
  "dropped_not_earning",
]

export const CLICK_HOUR: HourRollupSpec = {
  fine: "click_rollup",
  hour: "click_hour",
  keys: [],
  sums: CLICK_SUMS,
  type: "bigint",
  fn: "attribution_click_hour",
}

/**
 * From `order_note_rollup` (distinct orders per 15 minutes, buyer and
 * note): an order has one buyer and one note (one click wins) and its
 * lines one time, so the sums are the distinct orders of the hour.
 */
export const ORDER_HOUR: HourRollupSpec = {
  fine: "order_note_rollup",
  hour: "order_hour",
  keys: [],
  sums: ["orders", "units"],
  type: "bigint",
  fn: "attribution_order_hour",
}

export const LEDGER_HOUR: HourRollupSpec = {
  fine: "ledger_rollup",
  hour: "ledger_hour",
  keys: ["currency_code"],
  sums: [
    "sales",
    "accrued",
    "reversed",
    "adjusted",
    "pending",
    "on_hold",
    "approved",
    "paid",
    "entries",
  ],
  type: "numeric",
  fn: "commission_ledger_hour",
}
