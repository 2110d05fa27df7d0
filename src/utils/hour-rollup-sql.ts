import { CLICK_COUNTS } from "../modules/attribution/rollup/columns"
import { LEDGER_SUMS } from "../modules/commission/rollup/columns"

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
  /** The derived table. */
  hour: string
  /** Key columns besides scope and hour (e.g. the currency). */
  keys: string[]
  /** The additive columns, the same name in both tables. */
  sums: string[]
  /** SQL type of the additive columns in the derived table. */
  type: string
  /** Trigger function name. */
  fn: string
  /**
   * How a fine row fans out into derived rows: the derived table's
   * leading key columns and, per derived row, their values over the fine
   * row `d`. Default: `scope` = the buyer and '*' (the program).
   */
  fanout?: { columns: string[]; rows: string[][]; fine: string[] }
  /**
   * The time grain (default `hour`: column `hour`; `day`: column `day`;
   * `month`: column `month`, the UTC month's first instant).
   */
  grain?: "hour" | "day" | "month"
  /** The fine table's time column, when it is not `bucket` (a day table's `day`). */
  fineTime?: string
  /**
   * When two fine tables feed one derived table: the condition on the
   * derived rows this one owns (emptied when its fine table is).
   */
  owns?: string
}

const BY_SCOPE = {
  columns: ["scope"],
  rows: [["d.buyer_id"], ["'*'"]],
  fine: ["buyer_id"],
}

const shape = (s: HourRollupSpec) => {
  const fanout = s.fanout ?? BY_SCOPE
  const time = s.grain ?? "hour"
  return {
    fanout,
    time,
    // The derived key: the fan-out columns, the time, the carried keys.
    key: [...fanout.columns, time, ...s.keys],
    // What the trigger reads of a fine row.
    fineCols: ["bucket", ...fanout.fine, ...s.keys],
  }
}

const BIN = (time: string, col: string) =>
  time === "month"
    ? `date_trunc('month', ${col}, 'UTC')`
    : `date_bin('1 ${time}', ${col}, timestamptz '2000-01-01 00:00:00+00')`

/** A fine column of row `t` as the builders read it (the time as `bucket`). */
const fineCol = (s: HourRollupSpec, t: string, c: string) =>
  c === "bucket" && s.fineTime ? `${t}.${s.fineTime} AS bucket` : `${t}.${c}`

/** The table, its primary key covering the reads (fan-out, then time). */
export function hourTableSql(s: HourRollupSpec): string {
  const { key, fanout, time } = shape(s)
  const cols = [
    ...fanout.columns.map((c) => `${c} text NOT NULL`),
    `${time} timestamptz NOT NULL`,
    ...s.keys.map((k) => `${k} text NOT NULL`),
    ...s.sums.map((c) => `${c} ${s.type} NOT NULL DEFAULT 0`),
  ]
  return `CREATE TABLE IF NOT EXISTS ${s.hour} (${cols.join(", ")},
    CONSTRAINT ${s.hour}_pkey PRIMARY KEY (${key.join(", ")}));`
}

/**
 * Adds the deltas of `source` (fine rows: bucket, the fan-out's fine
 * columns, the keys and the sums) to the derived table, each fine row once
 * per fan-out row, in key order, leaving rows whose deltas are all zero
 * alone.
 */
export function hourUpsertSql(s: HourRollupSpec, source: string): string {
  const { key, fanout, time } = shape(s)
  const values = fanout.rows.map((r) => `(${r.join(", ")})`).join(", ")
  const select = [
    ...fanout.columns.map((c) => `v.${c}`),
    BIN(time, "d.bucket"),
    ...s.keys.map((k) => `d.${k}`),
  ]
  const positions = select.map((_, i) => String(i + 1)).join(", ")
  return `INSERT INTO ${s.hour} AS r (${key.join(", ")}, ${s.sums.join(", ")})
  SELECT ${select.join(", ")}, ${s.sums.map((c) => `sum(d.${c})`).join(", ")}
    FROM (${source}) d
    CROSS JOIN LATERAL (VALUES ${values}) v (${fanout.columns.join(", ")})
   GROUP BY ${positions}
  HAVING ${s.sums.map((c) => `sum(d.${c}) <> 0`).join(" OR ")}
   ORDER BY ${positions}
  ON CONFLICT (${key.join(", ")}) DO UPDATE SET
    ${s.sums.map((c) => `${c} = r.${c} + EXCLUDED.${c}`).join(", ")};`
}

/** The trigger function and its four triggers on the fine table. */
export function hourTriggerSql(s: HourRollupSpec): string[] {
  const cols = shape(s).fineCols
  const plain = (t: string, sign = "") =>
    `SELECT ${cols.map((c) => fineCol(s, t, c)).join(", ")}, ${s.sums.map((c) => `${sign}${t}.${c} AS ${c}`).join(", ")} FROM`
  const onInsert = hourUpsertSql(s, `${plain("n")} new_rows n`)
  const onDelete = hourUpsertSql(s, `${plain("o", "-")} old_rows o`)
  // An upsert's UPDATE keeps the row's key: the delta is new minus old.
  const onUpdate = hourUpsertSql(
    s,
    `SELECT ${cols.map((c) => fineCol(s, "n", c)).join(", ")}, ${s.sums
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
         ${s.owns ? `DELETE FROM ${s.hour} WHERE ${s.owns};` : `TRUNCATE ${s.hour};`}
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

/** Fills the derived table from its fine table (an existing install). */
export function hourBackfillSql(s: HourRollupSpec): string {
  const cols = [...shape(s).fineCols, ...s.sums]
  return `DELETE FROM ${s.hour}${s.owns ? ` WHERE ${s.owns}` : ""};
  ${hourUpsertSql(s, `SELECT ${cols.map((c) => fineCol(s, "f", c)).join(", ")} FROM ${s.fine} f`)}`
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

/**
 * A buyer's groups by note and by product per UTC day (`dim` 'note' or
 * 'product', `key` the id, '' for none), for grouped reads over whole
 * days.
 */
const BY_NOTE_AND_PRODUCT = {
  columns: ["buyer_id", "dim", "key"],
  rows: [
    ["d.buyer_id", "'note'", "d.note_id"],
    ["d.buyer_id", "'product'", "d.product_id"],
  ],
  fine: ["buyer_id", "note_id", "product_id"],
}

const CLICK_SUMS = [...CLICK_COUNTS]

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

/** Clicks of a buyer's notes and products per UTC day. */
export const CLICK_GROUP_DAY: HourRollupSpec = {
  fine: "click_rollup",
  hour: "click_group_day",
  keys: [],
  sums: CLICK_SUMS,
  type: "bigint",
  fn: "attribution_click_group_day",
  fanout: BY_NOTE_AND_PRODUCT,
  grain: "day",
}

/**
 * From `order_rollup` (distinct orders per 15 minutes, buyer, note and
 * product): an order has one note, so by note the sums over products
 * would count an order once per product: by note comes from
 * `order_note_rollup` instead (ORDER_NOTE_DAY).
 */
export const ORDER_PRODUCT_DAY: HourRollupSpec = {
  fine: "order_rollup",
  hour: "order_group_day",
  keys: [],
  sums: ["orders", "units"],
  type: "bigint",
  fn: "attribution_order_product_day",
  fanout: {
    columns: ["buyer_id", "dim", "key"],
    rows: [["d.buyer_id", "'product'", "d.product_id"]],
    fine: ["buyer_id", "product_id"],
  },
  grain: "day",
  owns: "dim = 'product'",
}

/** Orders of a buyer's notes per UTC day, into the same table. */
export const ORDER_NOTE_DAY: HourRollupSpec = {
  fine: "order_note_rollup",
  hour: "order_group_day",
  keys: [],
  sums: ["orders", "units"],
  type: "bigint",
  fn: "attribution_order_note_day",
  fanout: {
    columns: ["buyer_id", "dim", "key"],
    rows: [["d.buyer_id", "'note'", "d.note_id"]],
    fine: ["buyer_id", "note_id"],
  },
  grain: "day",
  owns: "dim = 'note'",
}

export const LEDGER_HOUR: HourRollupSpec = {
  fine: "ledger_rollup",
  hour: "ledger_hour",
  keys: ["currency_code"],
  sums: [...LEDGER_SUMS],
  type: "numeric",
  fn: "commission_ledger_hour",
}

/** The ledger of a buyer's notes and products per UTC day and currency. */
export const LEDGER_GROUP_DAY: HourRollupSpec = {
  ...LEDGER_HOUR,
  hour: "ledger_group_day",
  fn: "commission_ledger_group_day",
  fanout: BY_NOTE_AND_PRODUCT,
  grain: "day",
}

/**
 * Per buyer and UTC month (`month`: the month's first instant), summed
 * from the buyer-day tables, so a long leaderboard range reads a row per
 * buyer and whole month (or the month minus the days outside the range)
 * instead of one per day. Kept by triggers on the day tables like the
 * hourly ones on the 15-minute tables.
 */
const BY_BUYER = {
  columns: ["buyer_id"],
  rows: [["d.buyer_id"]],
  fine: ["buyer_id"],
}

export const CLICK_BUYER_MONTH: HourRollupSpec = {
  fine: "click_buyer_day",
  hour: "click_buyer_month",
  keys: [],
  sums: CLICK_SUMS,
  type: "bigint",
  fn: "attribution_click_buyer_month",
  fanout: BY_BUYER,
  grain: "month",
  fineTime: "day",
}

export const ORDER_BUYER_MONTH: HourRollupSpec = {
  fine: "order_buyer_day",
  hour: "order_buyer_month",
  keys: [],
  sums: ["orders", "units"],
  type: "bigint",
  fn: "attribution_order_buyer_month",
  fanout: BY_BUYER,
  grain: "month",
  fineTime: "day",
}

export const LEDGER_BUYER_MONTH: HourRollupSpec = {
  fine: "ledger_buyer_day",
  hour: "ledger_buyer_month",
  keys: ["currency_code"],
  sums: [...LEDGER_SUMS],
  type: "numeric",
  fn: "commission_ledger_buyer_month",
  fanout: BY_BUYER,
  grain: "month",
  fineTime: "day",
}
