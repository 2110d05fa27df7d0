// The raw baseline of the reports benchmark: each report's numbers (totals,
// series, groups) computed by GROUP BY over the raw tables `referral_click`,
// `attribution_line` and `commission_entry`, one statement per table, each
// with GROUPING SETS so one scan answers the totals, the series and the
// groups: the metrics of docs/reports.md ("Metrics") without any rollup.
// Timed as the reports are: 4 clients in a closed loop, every latency kept.

const MONEY = `
  sum(base_amount) FILTER (WHERE type = 'accrual') AS sales,
  sum(amount) FILTER (WHERE type = 'accrual') AS accrued,
  sum(amount) FILTER (WHERE type = 'reversal') AS reversed,
  sum(amount) FILTER (WHERE type = 'adjustment') AS adjusted,
  sum(amount) AS net,
  sum(amount) FILTER (WHERE status = 'pending') AS pending,
  sum(amount) FILTER (WHERE status = 'on_hold') AS on_hold,
  sum(amount) FILTER (WHERE status = 'approved') AS approved,
  sum(amount) FILTER (WHERE status = 'paid') AS paid`

/**
 * The three statements of one report. `buyerId` null: the whole program.
 * `groupBy`: null, 'note' or 'buyer'. `visitors`: distinct visitors too
 * (the reports answer them with `visitors=include` only). Bindings: $1 from, $2 to, $3 tz,
 * $4 interval, then $5 the buyer.
 */
export function rawStatements({ buyerId, groupBy, visitors = false }) {
  const key =
    groupBy === "note" ? "note_id" : groupBy === "buyer" ? "buyer_id" : null
  const sets = key
    ? `GROUPING SETS ((), (b), (${key}))`
    : "GROUPING SETS ((), (b))"
  const buyer = buyerId ? "AND buyer_id = $5" : ""
  const b = `date_trunc($4::text, x.at AT TIME ZONE $3::text) AT TIME ZONE $3::text`
  const shape = (k) =>
    `CASE WHEN GROUPING(b) = 0 THEN 'series' ${k ? `WHEN GROUPING(${k}) = 0 THEN 'group' ` : ""}ELSE 'total' END AS shape,
     b${k ? `, ${k} AS key` : ", NULL::text AS key"}`
  return [
    {
      name: "clicks",
      sql: `SELECT ${shape(key)},
          count(*) FILTER (WHERE dropped_reason IS NULL) AS clicks,
          ${visitors ? "count(DISTINCT visitor_id) FILTER (WHERE dropped_reason IS NULL)" : "NULL::bigint"} AS unique_visitors,
          count(*) FILTER (WHERE dropped_reason = 'head') AS dropped_head,
          count(*) FILTER (WHERE dropped_reason = 'bot') AS dropped_bot,
          count(*) FILTER (WHERE dropped_reason = 'duplicate') AS dropped_duplicate,
          count(*) FILTER (WHERE dropped_reason = 'burst') AS dropped_burst,
          count(*) FILTER (WHERE dropped_reason = 'not_earning') AS dropped_not_earning
        FROM (SELECT x.*, ${b} AS b FROM (SELECT *, clicked_at AS at FROM referral_click
               WHERE clicked_at >= $1 AND clicked_at < $2 AND deleted_at IS NULL ${buyer}) x) c
        GROUP BY ${sets}`,
    },
    {
      name: "orders",
      sql: `SELECT ${shape(key)},
          count(DISTINCT order_id) AS orders, sum(quantity) AS units
        FROM (SELECT x.*, ${b} AS b FROM (SELECT *, created_at AS at FROM attribution_line
               WHERE created_at >= $1 AND created_at < $2 AND deleted_at IS NULL ${buyer}) x) l
        GROUP BY ${sets}`,
    },
    {
      name: "money",
      sql: `SELECT ${shape(key)}, currency_code, ${MONEY}
        FROM (SELECT x.*, ${b} AS b FROM (SELECT *, created_at AS at FROM commission_entry
               WHERE created_at >= $1 AND created_at < $2 AND deleted_at IS NULL
                 AND status <> 'void' ${buyer}) x) e
        GROUP BY ${
          key
            ? `GROUPING SETS ((currency_code), (b, currency_code), (${key}, currency_code))`
            : "GROUPING SETS ((currency_code), (b, currency_code))"
        }`,
    },
  ]
}

/**
 * One raw report: the three statements, then (with groups) the page
 * ordered as the route orders it and the page's labels (one more query).
 */
export async function rawReport(client, q) {
  const params = [q.from, q.to, q.tz, q.interval]
  if (q.buyerId) {
    params.push(q.buyerId)
  }
  const out = {}
  for (const s of rawStatements(q)) {
    out[s.name] = (await client.query(s.sql, params)).rows
  }
  if (q.groupBy) {
    const metric = (k) => {
      const m = out.money.find(
        (r) =>
          r.shape === "group" && r.key === k && r.currency_code === q.currency
      )
      return m ? Number(m[q.orderBy]) : 0
    }
    const clicksOf = new Map(
      out.clicks
        .filter((r) => r.shape === "group")
        .map((r) => [r.key, Number(r.clicks)])
    )
    const keys = [
      ...new Set(
        [...out.clicks, ...out.orders, ...out.money]
          .filter((r) => r.shape === "group")
          .map((r) => r.key)
      ),
    ]
    keys.sort(
      (a, b) =>
        metric(b) - metric(a) ||
        (clicksOf.get(b) ?? 0) - (clicksOf.get(a) ?? 0) ||
        (a === null ? 1 : b === null ? -1 : a < b ? -1 : a > b ? 1 : 0)
    )
    out.page = keys.slice(0, 20)
    const ids = out.page.filter((k) => k !== null)
    const table = q.groupBy === "buyer" ? "buyer" : "note"
    const label =
      q.groupBy === "buyer" ? "coalesce(display_name, handle)" : "title"
    out.labels = (
      await client.query(
        `SELECT id, ${label} AS label FROM ${table} WHERE id = ANY($1)`,
        [ids]
      )
    ).rows
  }
  return out
}

/** Closed loop at `connections` clients for `durationMs`; exact percentiles. */
export async function loadRaw({ clients, queries, durationMs }) {
  const latencies = []
  let next = 0
  const deadline = Date.now() + durationMs
  await Promise.all(
    clients.map(async (client) => {
      while (Date.now() < deadline) {
        const q = queries[next++ % queries.length]
        const t = process.hrtime.bigint()
        await rawReport(client, q)
        latencies.push(Number(process.hrtime.bigint() - t) / 1e6)
      }
    })
  )
  latencies.sort((a, b) => a - b)
  const pct = (p) =>
    latencies[
      Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))
    ]
  return {
    requests: latencies.length,
    rps: latencies.length / (durationMs / 1000),
    p50: pct(50),
    p95: pct(95),
    p99: pct(99),
  }
}
