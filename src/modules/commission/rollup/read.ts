import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/postgresql"
import { MedusaError } from "@medusajs/framework/utils"
import type {
  LedgerRollupRow,
  ReportInterval,
  RollupQuery,
} from "../../../types/reports"
import { bucketEdges } from "../../../utils/bucket-starts"
import {
  splitByDays,
  splitByHours,
  splitDaysByMonths,
  type Spans,
} from "../../../utils/hour-spans"
import { decimal } from "../utils/money"
import { LEDGER_MONEY, LEDGER_SUMS, LedgerMoneyColumn } from "./columns"

const DAY_MS = 24 * 3600 * 1000
const INTERVALS: readonly ReportInterval[] = ["hour", "day", "week", "month"]

/** The group key's column, per `group_by` the ledger splits money by. */
const KEY_COLUMN: Partial<Record<string, string>> = {
  note: "note_id",
  product: "product_id",
  buyer: "buyer_id",
}

const SUMS = LEDGER_SUMS.join(", ")
const FINE = `SELECT bucket, buyer_id, note_id, product_id, currency_code, ${SUMS}
  FROM ledger_rollup`

type Sql = { text: string; bindings: unknown[] }

type Raw = {
  bucket: string | null
  key: string | null
  currency_code: string
} & {
  [k in LedgerMoneyColumn | "net"]: string
}

/**
 * The ledger's money over [from, to) from its rollups (docs/reports.md):
 * per currency (`totals`), per bucket cut in `tz` and currency (`series`),
 * or per note, product or buyer and currency (`groups`). Sums are numeric
 * in SQL, answered as decimal strings. Money is not split by utm values or
 * referer: those groups are empty here.
 *
 * Without a note and by buyer or by nothing, whole UTC days are read from
 * `ledger_buyer_day` (one row per buyer and day, not 96), the 15-minute
 * rows only at the range's ragged ends.
 */
export async function readLedgerRollup(
  manager: SqlEntityManager,
  q: RollupQuery
): Promise<LedgerRollupRow[]> {
  let keyColumn: string | null = null
  if (q.shape === "groups") {
    keyColumn = (q.group_by && KEY_COLUMN[q.group_by]) ?? null
    if (!keyColumn || q.keys?.length === 0) {
      return []
    }
  }
  if (q.shape === "series" && !INTERVALS.includes(q.interval as never)) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `interval must be one of ${INTERVALS.join(", ")}`
    )
  }

  const where: string[] = []
  const bindings: unknown[] = []
  if (q.filters.buyer_id) {
    where.push("buyer_id = ?")
    bindings.push(q.filters.buyer_id)
  }
  if (q.filters.note_id) {
    where.push("note_id = ?")
    bindings.push(q.filters.note_id)
  }
  if (keyColumn && q.keys) {
    where.push(`${keyColumn} IN (?)`)
    bindings.push(q.keys.map((k) => k ?? ""))
  }
  const source =
    q.shape === "series" && !q.filters.note_id && q.to > q.from
      ? await hourlySource(manager, q)
      : rangeSource(q, where, bindings)

  // A ranking read of groups (`only`) sums the one amount it ranks by;
  // the others answer "0" without being read.
  const only = q.shape === "groups" ? q.only : undefined
  const wanted = (c: LedgerMoneyColumn | "net") =>
    only === undefined || only === c
  const money = [
    ...LEDGER_MONEY.map((c) =>
      wanted(c) ? `sum(${c})::text AS ${c}` : `NULL::text AS ${c}`
    ),
    wanted("net")
      ? "(sum(accrued) + sum(reversed) + sum(adjusted))::text AS net"
      : "NULL::text AS net",
  ].join(", ")
  let text: string
  const params: unknown[] = []
  if (q.shape === "series") {
    // The bucket's local start, as a UTC ISO instant (formatted here: the
    // driver answers timestamps as text in the session's zone).
    // With `with_totals`, the range's rows too (bucket null), summed in
    // the same statement.
    text = `SELECT b AS bucket, NULL::text AS key, currency_code, ${money}
      FROM (SELECT to_char((date_trunc(?, bucket AT TIME ZONE ?) AT TIME ZONE ?) AT TIME ZONE 'UTC',
          'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS b, s.*
        FROM (${source.text}) s) x
      GROUP BY ${q.with_totals ? "GROUPING SETS ((b, currency_code), (currency_code))" : "b, currency_code"}
      HAVING sum(entries) <> 0
      ORDER BY 1 NULLS FIRST, currency_code`
    params.push(q.interval, q.tz, q.tz, ...source.bindings)
  } else if (keyColumn && only && only !== "counts" && q.rank_currency) {
    // Ranking in one currency: its rows, and for a group without one the
    // group's first row, its amounts null ("0"), so the groups are those
    // of the read without the currency, with fewer rows (the leaderboard
    // has a row per buyer and currency).
    const cols = [...LEDGER_MONEY, "net"]
      .map((c) => `CASE WHEN mine THEN ${c} END AS ${c}`)
      .join(", ")
    text = `SELECT NULL::text AS bucket, key, currency_code, ${cols}
      FROM (SELECT g.*, lower(currency_code) = ? AS mine,
          bool_or(lower(currency_code) = ?) OVER (PARTITION BY key) AS has,
          row_number() OVER (PARTITION BY key ORDER BY currency_code) AS n
        FROM (SELECT nullif(${keyColumn}, '') AS key, currency_code, ${money}
          FROM (${source.text}) s
          GROUP BY ${keyColumn}, currency_code HAVING sum(entries) <> 0) g) w
      WHERE mine OR (NOT has AND n = 1)
      ORDER BY key, currency_code`
    params.push(q.rank_currency, q.rank_currency, ...source.bindings)
  } else if (keyColumn) {
    text = `SELECT NULL::text AS bucket, nullif(${keyColumn}, '') AS key,
        currency_code, ${money}
      FROM (${source.text}) s
      GROUP BY ${keyColumn}, currency_code HAVING sum(entries) <> 0
      ORDER BY ${keyColumn}, currency_code`
    params.push(...source.bindings)
  } else {
    text = `SELECT NULL::text AS bucket, NULL::text AS key, currency_code, ${money}
      FROM (${source.text}) s
      GROUP BY currency_code HAVING sum(entries) <> 0
      ORDER BY currency_code`
    params.push(...source.bindings)
  }
  const rows = (await manager.execute(text, params)) as Raw[]
  return rows.map((r) => ({
    bucket: r.bucket,
    key: r.key,
    currency_code: r.currency_code,
    sales: numericText(r.sales),
    accrued: numericText(r.accrued),
    reversed: numericText(r.reversed),
    adjusted: numericText(r.adjusted),
    net: numericText(r.net),
    pending: numericText(r.pending),
    on_hold: numericText(r.on_hold),
    approved: numericText(r.approved),
    paid: numericText(r.paid),
  }))
}

// PostgreSQL's text of a numeric: sign, digits, and the scale's decimals.
const PG_NUMERIC = /^(-?)(\d+)(?:\.(\d*?)0*)?$/

/**
 * `decimal` of a numeric's text (trailing zeros and "-0" gone) without a
 * BigNumber per value: a report reads nine amounts per row, up to
 * thousands of rows. Anything else goes through `decimal`.
 */
export function numericText(text: string | null): string {
  if (text === null || text === "0") {
    // A ranking read's amounts it does not rank by are null (not read).
    return "0"
  }
  const m = text === null ? null : PG_NUMERIC.exec(text)
  if (!m) {
    return decimal(text ?? 0)
  }
  const int = m[2].replace(/^0+(?=\d)/, "")
  const frac = m[3] ?? ""
  const negative = m[1] === "-" && (int !== "0" || frac !== "")
  return `${negative ? "-" : ""}${int}${frac ? `.${frac}` : ""}`
}

/**
 * A buyer's or the program's series: the hourly rows (`ledger_hour`, the
 * buyer's scope or '*') for the whole hours that fall in one bucket, the
 * 15-minute rows for the rest (the range's ragged ends, the hours a zone
 * offset by 30 or 45 minutes cuts). The edges are the series' bucket
 * starts, cut as the series cuts them.
 */
async function hourlySource(
  manager: SqlEntityManager,
  q: RollupQuery
): Promise<Sql> {
  const edges =
    q.edges ?? (await bucketEdges(manager, q.from, q.to, q.tz, q.interval!))
  const buyer = q.filters.buyer_id
  // A buyer's whole UTC days that fall in one bucket from the buyer-day
  // rows (the program has no day rows: its hours).
  const { days, hours, quarters } = buyer
    ? splitByDays(+q.from, +q.to, edges)
    : { days: { from: [], to: [] }, ...splitByHours(+q.from, +q.to, edges) }
  const parts: Sql[] = []
  const spans = (s: { from: number[]; to: number[] }) => [
    s.from.map((t) => new Date(t)),
    s.to.map((t) => new Date(t)),
  ]
  const join = (column: string) =>
    `FROM unnest(ARRAY[?]::timestamptz[], ARRAY[?]::timestamptz[]) AS s (a, b)
     JOIN %T r ON r.${column} >= s.a AND r.${column} < s.b`
  if (days.from.length) {
    parts.push({
      text: `SELECT r.day AS bucket, r.buyer_id, ''::text AS note_id,
          ''::text AS product_id, r.currency_code, ${LEDGER_SUMS.map((c) => `r.${c}`).join(", ")}
        ${join("day").replace("%T", "ledger_buyer_day")} WHERE r.buyer_id = ?`,
      bindings: [...spans(days), buyer],
    })
  }
  if (hours.from.length) {
    parts.push({
      text: `SELECT r.hour AS bucket, r.scope AS buyer_id, ''::text AS note_id,
          ''::text AS product_id, r.currency_code, ${LEDGER_SUMS.map((c) => `r.${c}`).join(", ")}
        ${join("hour").replace("%T", "ledger_hour")} WHERE r.scope = ?`,
      bindings: [...spans(hours), buyer ?? "*"],
    })
  }
  if (quarters.from.length) {
    parts.push({
      text: `SELECT r.bucket, r.buyer_id, r.note_id, r.product_id, r.currency_code,
          ${LEDGER_SUMS.map((c) => `r.${c}`).join(", ")}
        ${join("bucket").replace("%T", "ledger_rollup")}${buyer ? " WHERE r.buyer_id = ?" : ""}`,
      bindings: [...spans(quarters), ...(buyer ? [buyer] : [])],
    })
  }
  if (!parts.length) {
    // An empty range: no row.
    return { text: `${FINE} WHERE FALSE`, bindings: [] }
  }
  return {
    text: parts.map((p) => p.text).join("\n  UNION ALL\n  "),
    bindings: parts.flatMap((p) => p.bindings),
  }
}

/**
 * The rollup rows of [from, to) with the filters: the 15-minute rows, or,
 * when no note or product is asked for and the range holds a whole UTC
 * day, the 15-minute rows before the first midnight and after the last
 * and the buyer-day rows between.
 */
function rangeSource(
  q: RollupQuery,
  where: string[],
  bindings: unknown[]
): Sql {
  const fine = (from: Date, to: Date): Sql => ({
    text: `${FINE} WHERE ${["bucket >= ?", "bucket < ?", ...where].join(" AND ")}`,
    bindings: [from, to, ...bindings],
  })
  const byBuyerOrNothing =
    q.shape === "totals" || (q.shape === "groups" && q.group_by === "buyer")
  // A buyer's groups by note or product: the group-day rows of the dim.
  const buyerGroups =
    q.shape === "groups" &&
    (q.group_by === "note" || q.group_by === "product") &&
    !!q.filters.buyer_id &&
    !q.filters.note_id
  const firstDay = Math.ceil(q.from.getTime() / DAY_MS) * DAY_MS
  const lastDay = Math.floor(q.to.getTime() / DAY_MS) * DAY_MS
  if (
    !(byBuyerOrNothing || buyerGroups) ||
    q.filters.note_id ||
    firstDay >= lastDay
  ) {
    return fine(q.from, q.to)
  }
  if (buyerGroups) {
    const keyColumn = q.group_by === "note" ? "note_id" : "product_id"
    const head = fine(q.from, new Date(firstDay))
    const tail = fine(new Date(lastDay), q.to)
    // `group_by` is note or product (checked above): the dim is a literal.
    const days: Sql = {
      text: `SELECT day AS bucket, buyer_id,
          ${keyColumn === "note_id" ? "key" : "''::text"} AS note_id,
          ${keyColumn === "product_id" ? "key" : "''::text"} AS product_id,
          currency_code, ${SUMS}
        FROM ledger_group_day
        WHERE ${[
          `dim = '${q.group_by}'`,
          "day >= ?",
          "day < ?",
          ...where.map((w) => w.replace(`${keyColumn} IN`, "key IN")),
        ].join(" AND ")}`,
      bindings: [new Date(firstDay), new Date(lastDay), ...bindings],
    }
    return {
      text: [head, days, tail].map((s) => s.text).join("\n  UNION ALL\n  "),
      bindings: [head, days, tail].flatMap((s) => s.bindings),
    }
  }
  // The ends: every buyer's whole hours from `ledger_hour`, the rest from
  // the 15-minute rows.
  const ends = (from: number, to: number): Sql[] => {
    const { hours, quarters } = splitByHours(from, to)
    const out: Sql[] = quarters.from.map((f, i) =>
      fine(new Date(f), new Date(quarters.to[i]))
    )
    if (hours.from.length) {
      out.push({
        text: `SELECT * FROM (
            SELECT r.hour AS bucket, r.scope AS buyer_id, ''::text AS note_id,
              ''::text AS product_id, r.currency_code, ${LEDGER_SUMS.map((c) => `r.${c}`).join(", ")}
            FROM unnest(ARRAY[?]::timestamptz[], ARRAY[?]::timestamptz[]) AS s (a, b)
            JOIN ledger_hour r ON r.hour >= s.a AND r.hour < s.b
            WHERE r.scope <> '*') h
          ${where.length ? `WHERE ${where.join(" AND ")}` : ""}`,
        bindings: [
          hours.from.map((t) => new Date(t)),
          hours.to.map((t) => new Date(t)),
          ...bindings,
        ],
      })
    }
    return out
  }
  // The whole days: per-buyer month rows where a month lies in the range
  // (or mostly: minus its days outside), day rows for the rest.
  const { months, add, subtract } = splitDaysByMonths(
    firstDay,
    lastDay,
    Date.now()
  )
  const rowsOf = (
    table: string,
    column: string,
    spans: Spans,
    sign: "" | "-"
  ): Sql[] =>
    spans.from.map((f, i) => ({
      text: `SELECT ${column} AS bucket, buyer_id, ''::text AS note_id, ''::text AS product_id,
          currency_code, ${LEDGER_SUMS.map((c) => `${sign}${c} AS ${c}`).join(", ")}
        FROM ${table} WHERE ${[`${column} >= ?`, `${column} < ?`, ...where].join(" AND ")}`,
      bindings: [new Date(f), new Date(spans.to[i]), ...bindings],
    }))
  const all = [
    ...ends(q.from.getTime(), firstDay),
    ...rowsOf("ledger_buyer_month", "month", months, ""),
    ...rowsOf("ledger_buyer_day", "day", add, ""),
    ...rowsOf("ledger_buyer_day", "day", subtract, "-"),
    ...ends(lastDay, q.to.getTime()),
  ]
  return {
    text: all.map((s) => s.text).join("\n  UNION ALL\n  "),
    bindings: all.flatMap((s) => s.bindings),
  }
}
