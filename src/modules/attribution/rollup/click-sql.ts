import { CLICK_COUNTS } from "./columns"

/*
 * The click rollups' statements (docs/reports.md, "Storage"), over raw
 * clicks `n` of `from` that match `where`: the fold runs them on the
 * pending clicks it took (./fold-sql.ts, with ON CONFLICT: the rows add to
 * what is there; before it, the click trigger ran them on its batch's
 * transition table), the rebuild on a batch of buyers' clicks (without:
 * it deleted their rows first). Migrations build their SQL from here:
 * change it only by adding.
 */

export type ClickSource = {
  from: string
  where: string
  upsert: boolean
  /**
   * A column of `from` that holds the referer host already (the fold
   * computes it once per distinct referer); without it, it is computed
   * from `referer` per row.
   */
  host?: string
}

/** The dimensions of `click_rollup`, its primary key's order. */
export const CLICK_DIMS = [
  "buyer_id",
  "bucket",
  "note_id",
  "product_id",
  "utm_source",
  "utm_campaign",
  "referer_host",
]

const COUNTS = `count(*) FILTER (WHERE c.dropped_reason IS NULL),
  count(*) FILTER (WHERE c.dropped_reason = 'head'),
  count(*) FILTER (WHERE c.dropped_reason = 'bot'),
  count(*) FILTER (WHERE c.dropped_reason = 'duplicate'),
  count(*) FILTER (WHERE c.dropped_reason = 'burst'),
  count(*) FILTER (WHERE c.dropped_reason = 'not_earning')`

const ADD_COUNTS = (extra = "") =>
  `${CLICK_COUNTS.map((m) => `${m} = r.${m} + EXCLUDED.${m}`).join(", ")}${extra}`

/** A raw click's dimensions (and `extra` columns of it). */
const DIMENSIONS = (extra: string, host?: string) =>
  `attribution_bucket_15m(n.clicked_at) AS bucket, coalesce(n.buyer_id, '') AS buyer_id,
   n.note_id, n.product_id, coalesce(n.utm_source, '') AS utm_source,
   coalesce(n.utm_campaign, '') AS utm_campaign,
   ${host ? `n.${host}` : "attribution_referer_host(n.referer)"} AS referer_host, ${extra}`

export function clickRollupInsertSql(s: ClickSource): string {
  const dims = CLICK_DIMS.join(", ")
  return `INSERT INTO click_rollup AS r (${dims}, ${CLICK_COUNTS.join(", ")})
   SELECT ${CLICK_DIMS.map((d) => `c.${d}`).join(", ")}, ${COUNTS}
     FROM (SELECT ${DIMENSIONS("n.dropped_reason", s.host)} FROM ${s.from} WHERE ${s.where}) c
    GROUP BY ${CLICK_DIMS.map((d) => `c.${d}`).join(", ")}
    ORDER BY ${CLICK_DIMS.map((_, i) => i + 1).join(", ")}${
      s.upsert ? `\n   ON CONFLICT (${dims}) DO UPDATE SET ${ADD_COUNTS()}` : ""
    }`
}

export function clickVisitorInsertSql(s: ClickSource): string {
  const dims = [...CLICK_DIMS, "visitor_id"].join(", ")
  return `INSERT INTO click_visitor (${dims})
   SELECT DISTINCT ${dims}
     FROM (SELECT ${DIMENSIONS("n.visitor_id", s.host)} FROM ${s.from}
            WHERE (${s.where}) AND n.dropped_reason IS NULL) c${
              s.upsert ? `\n   ON CONFLICT (${dims}) DO NOTHING` : ""
            }`
}

export function clickBuyerDayInsertSql(s: ClickSource): string {
  return `INSERT INTO click_buyer_day AS r (id, day, buyer_id, ${CLICK_COUNTS.join(", ")})
   SELECT 'cbd_' || replace(gen_random_uuid()::text, '-', ''), c.day, c.buyer_id, ${COUNTS}
     FROM (SELECT attribution_utc_day(n.clicked_at) AS day, coalesce(n.buyer_id, '') AS buyer_id,
                  n.dropped_reason
             FROM ${s.from} WHERE ${s.where}) c
    GROUP BY c.day, c.buyer_id
    ORDER BY 2, 3${
      s.upsert
        ? `\n   ON CONFLICT (day, buyer_id) DO UPDATE SET ${ADD_COUNTS(", updated_at = now()")}`
        : ""
    }`
}

/**
 * A batch's clicks one row each, with the columns the hourly and group-day
 * builders read (`hourUpsertSql`): bucket, buyer, note, product, counts.
 */
export function clickCountsSql(s: ClickSource): string {
  const flag = (reason: string) =>
    `coalesce(n.dropped_reason = '${reason}', false)::int`
  return `SELECT attribution_bucket_15m(n.clicked_at) AS bucket, coalesce(n.buyer_id, '') AS buyer_id,
       n.note_id, n.product_id, (n.dropped_reason IS NULL)::int AS counted,
       ${["head", "bot", "duplicate", "burst", "not_earning"].map((r) => `${flag(r)} AS dropped_${r}`).join(",\n       ")}
  FROM ${s.from} WHERE ${s.where}`
}
