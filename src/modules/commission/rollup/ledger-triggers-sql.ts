/*
 * The SQL of the ledger rollups' triggers (docs/reports.md, "Storage"),
 * built here for the migrations that install them (Migration20261201035004
 * and later): change it only by adding.
 */
import { LEDGER_SUMS } from "./columns"

export const SUMS = LEDGER_SUMS

export const live = (e: string) =>
  `${e}.status <> 'void' AND ${e}.deleted_at IS NULL`

/** An entry's row in the rollup: its bucket, buyer, note, product, currency. */
const dims = (e: string) => [
  `date_bin('15 minutes', ${e}.created_at, timestamptz '2000-01-01 00:00:00+00')`,
  `${e}.buyer_id`,
  `coalesce(${e}.note_id, '')`,
  `coalesce(${e}.product_id, '')`,
  `${e}.currency_code`,
]

/** What an entry adds to each of SUMS. */
const sums = (e: string) => {
  const when = (cond: string, value: string) =>
    `(CASE WHEN ${cond} THEN ${value} ELSE 0 END)`
  return [
    when(
      `${live(e)} AND ${e}.type = 'accrual'`,
      `coalesce(${e}.base_amount, 0)`
    ),
    when(`${live(e)} AND ${e}.type = 'accrual'`, `${e}.amount`),
    when(`${live(e)} AND ${e}.type = 'reversal'`, `${e}.amount`),
    when(`${live(e)} AND ${e}.type = 'adjustment'`, `${e}.amount`),
    when(`${e}.status = 'pending' AND ${e}.deleted_at IS NULL`, `${e}.amount`),
    when(`${e}.status = 'on_hold' AND ${e}.deleted_at IS NULL`, `${e}.amount`),
    when(`${e}.status = 'approved' AND ${e}.deleted_at IS NULL`, `${e}.amount`),
    when(`${e}.status = 'paid' AND ${e}.deleted_at IS NULL`, `${e}.amount`),
    when(live(e), "1"),
  ]
}

/** An entry's dimensions and contribution (negated with sign "-"). */
export const contribution = (e: string, sign: "" | "-" = "") =>
  [...dims(e), ...sums(e).map((x) => `${sign}${x}`)].join(",\n      ")

/** An updated entry's dimensions and new contribution minus its old one. */
const change = (o: string, n: string) => {
  const old = sums(o)
  return [...dims(n), ...sums(n).map((x, i) => `${x} - ${old[i]}`)].join(
    ",\n      "
  )
}

export const DELTA_COLUMNS = `bucket, buyer_id, note_id, product_id, currency_code, ${SUMS.join(", ")}`

/**
 * Adds the deltas (a query with DELTA_COLUMNS) to both tables, in one
 * statement: summed once per `ledger_rollup` row (rows whose deltas are all
 * zero left alone), the day rows summed from those, both upserted in key
 * order (two transactions touching the same rows lock them in the same
 * order).
 */
export const upsert = (deltas: string) => `
  WITH d AS (
    SELECT bucket, buyer_id, note_id, product_id, currency_code,
      ${SUMS.map((c) => `sum(${c}) AS ${c}`).join(", ")}
    FROM (${deltas}) x (${DELTA_COLUMNS})
    GROUP BY bucket, buyer_id, note_id, product_id, currency_code
    HAVING ${SUMS.map((c) => `sum(${c}) <> 0`).join(" OR ")}
  ), r AS (
    INSERT INTO ledger_rollup AS t (id, bucket, buyer_id, note_id, product_id, currency_code, ${SUMS.join(", ")})
    SELECT 'lgrl_' || replace(gen_random_uuid()::text, '-', ''),
      bucket, buyer_id, note_id, product_id, currency_code, ${SUMS.join(", ")}
    FROM d
    ORDER BY bucket, buyer_id, note_id, product_id, currency_code
    ON CONFLICT (bucket, buyer_id, note_id, product_id, currency_code) DO UPDATE SET
      ${SUMS.map((c) => `${c} = t.${c} + excluded.${c}`).join(", ")},
      updated_at = now()
    RETURNING 1
  )
  INSERT INTO ledger_buyer_day AS t (id, day, buyer_id, currency_code, ${SUMS.join(", ")})
  SELECT 'lgbd_' || replace(gen_random_uuid()::text, '-', ''), day, buyer_id, currency_code,
    ${SUMS.map((c) => `sum(${c})`).join(", ")}
  FROM (SELECT date_trunc('day', bucket, 'UTC') AS day, * FROM d) dd
  GROUP BY day, buyer_id, currency_code
  HAVING ${SUMS.map((c) => `sum(${c}) <> 0`).join(" OR ")}
  ORDER BY day, buyer_id, currency_code
  ON CONFLICT (day, buyer_id, currency_code) DO UPDATE SET
    ${SUMS.map((c) => `${c} = t.${c} + excluded.${c}`).join(", ")},
    updated_at = now();`

// What can move an entry's contribution. The guard trigger refuses most of
// it (all but status and, for compensations, deletion); checked anyway.
const CHANGED = [
  "status",
  "deleted_at",
  "amount",
  "base_amount",
  "type",
  "currency_code",
  "buyer_id",
  "note_id",
  "product_id",
  "created_at",
]
  .map((c) => `o.${c} IS DISTINCT FROM n.${c}`)
  .join("\n      OR ")
const SAME_ROW = [
  "buyer_id",
  "note_id",
  "product_id",
  "currency_code",
  "created_at",
]
  .map((c) => `o.${c} IS NOT DISTINCT FROM n.${c}`)
  .join(" AND ")

// Planner settings for the trigger statements. Transition tables have no
// statistics, so the planner expects millions of rows and a 50-million-row
// join: it would JIT-compile every statement (1.6 s on a 100,000-entry
// UPDATE, for nothing), sort both sides of the id join to merge them, and
// spill its sorts and hashes to disk under a 4 MB work_mem. A hash join in
// memory is what two equal sets of ids need (measured: 3.3 s → 1.2 s for
// the 100,000-entry UPDATE's trigger; see the issue-11 notes).
export const FN_SETTINGS =
  "SET jit = off SET work_mem = '64MB' SET enable_mergejoin = off"

export const fn = (name: string, body: string, settings = FN_SETTINGS) => `
CREATE OR REPLACE FUNCTION ${name}() RETURNS trigger
LANGUAGE plpgsql
${settings}
AS $fn$
BEGIN
  ${body}
  RETURN NULL;
END
$fn$;`

export const ledgerTriggers = (sink: (deltas: string) => string = upsert) => [
  {
    name: "commission_ledger_rollup_insert",
    event: "INSERT",
    referencing: "NEW TABLE AS n",
    body: sink(`SELECT ${contribution("e")} FROM n e WHERE ${live("e")}`),
  },
  {
    name: "commission_ledger_rollup_update",
    event: "UPDATE",
    referencing: "OLD TABLE AS o NEW TABLE AS n",
    // Most UPDATEs move no money (a settlement claim sets settlement_id, a
    // hold date available_at): a cheap check, planned in a fraction of the
    // upsert's time, ends them. Then one delta row per changed entry, or two
    // when it moved to another row (never, short of a compensation).
    body:
      `IF NOT EXISTS (SELECT 1 FROM o JOIN n ON n.id = o.id WHERE ${CHANGED}) THEN
    RETURN NULL;
  END IF;` +
      sink(`SELECT v.* FROM o JOIN n ON n.id = o.id
    CROSS JOIN LATERAL (
      SELECT ${change("o", "n")} WHERE ${SAME_ROW}
      UNION ALL
      SELECT ${contribution("o", "-")} WHERE NOT (${SAME_ROW})
      UNION ALL
      SELECT ${contribution("n")} WHERE NOT (${SAME_ROW})
    ) v (${DELTA_COLUMNS})
    WHERE ${CHANGED}`),
  },
  {
    name: "commission_ledger_rollup_delete",
    event: "DELETE",
    referencing: "OLD TABLE AS o",
    body: sink(`SELECT ${contribution("e", "-")} FROM o e WHERE ${live("e")}`),
  },
]

export const TRIGGERS = ledgerTriggers()

// And no nested loops (Migration20261205230000). The UPDATE trigger's
// cheap check is an EXISTS: planned for its first row, and with the join
// expected to match millions of rows, the planner picks a nested loop that
// rescans one transition table for each row of the other. When no money
// moved (the settlement claim, which sets settlement_id on every entry it
// takes) no row matches and the scan runs to the end: 400,000,000 pairs
// and 110 s for a 20,000-entry claim, where the hash join takes 49 ms
// (bench/RESULTS.md, settle). The delta statement's LATERAL stays a nested
// loop: nothing else can run it.
export const FN_SETTINGS_NO_NESTLOOP = `${FN_SETTINGS} SET enable_nestloop = off`

/** The UPDATE trigger's function, re-created with FN_SETTINGS_NO_NESTLOOP. */
export const updateTriggerFunctionSql = (
  settings = FN_SETTINGS_NO_NESTLOOP
) => {
  const t = TRIGGERS.find((x) => x.name === "commission_ledger_rollup_update")!
  return fn(t.name, t.body, settings)
}

/**
 * Some buyers' rows recomputed from the ledger, with the triggers' own
 * expressions; `prelude` runs after the lock (a later migration folds the
 * pending deltas there).
 */
export const rebuildFunctionSql = (prelude = "") => `
CREATE OR REPLACE FUNCTION commission_ledger_rollup_rebuild(buyer_ids text[]) RETURNS void
LANGUAGE plpgsql AS $fn$
BEGIN
  LOCK TABLE commission_entry IN SHARE MODE;${prelude}
  DELETE FROM ledger_rollup WHERE buyer_id = ANY(buyer_ids);
  DELETE FROM ledger_buyer_day WHERE buyer_id = ANY(buyer_ids);
  ${upsert(`SELECT ${contribution("e")} FROM commission_entry e
    WHERE e.buyer_id = ANY(buyer_ids) AND ${live("e")}`)}
END
$fn$;`
