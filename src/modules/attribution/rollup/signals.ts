import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/postgresql"

/*
 * Reads behind the program report's review signals (docs/reports.md,
 * "Review signals"). Raw SQL: per-buyer aggregates over 15-minute rollup
 * rows and attribution decisions with window functions, DISTINCT ON and
 * grouping sets, which the generated list methods cannot express. Every
 * value is a binding.
 *
 * Each read answers one row per buyer with data in [from, to) and one row
 * for the whole program (`buyer_id` null). Times are 15-minute bucket
 * starts (the rollups' grain; decision times floored to it).
 */

export type SignalRange = { from: Date; to: Date }

/** Clicks and orders of one buyer (or of the program) over the range. */
export type ClickSignalRow = {
  /** Null: the whole program (every click, merchant notes too). */
  buyer_id: string | null
  /** Counted clicks. */
  clicks: number
  /** Dropped clicks, every reason. */
  dropped: number
  /** Attributed orders. */
  orders: number
  /** The first bucket with a dropped click. */
  first_dropped_at: Date | null
  /** The first bucket with an attributed order. */
  first_order_at: Date | null
  /** The most counted clicks in one bucket, and the first bucket holding them. */
  peak_clicks: number
  peak_at: Date | null
  /** Buckets with a counted click. */
  active_buckets: number
  /** The first bucket whose counted clicks exceed `spike_factor` × the mean per active bucket. */
  first_spike_at: Date | null
}

/** A buyer's (or the program's) attributed orders by shopper and address. */
export type OrderSignalRow = {
  buyer_id: string | null
  /** Attributed orders decided in the range. */
  orders: number
  /** The most orders of one customer (null customers not counted), and the bucket of its first. */
  customer_orders: number
  customer_first_at: Date | null
  /** The most orders to one shipping address hash, and the bucket of its first. */
  address_orders: number
  address_first_at: Date | null
}

/** Orders refused as self-referral, per buyer (and the program). */
export type SelfReferralRow = {
  buyer_id: string | null
  orders: number
  first_at: Date | null
  /** Up to 20 of the orders, earliest first. */
  order_ids: string[]
}

const FLOOR_15 = (col: string) =>
  `to_timestamp(floor(extract(epoch FROM ${col}) / 900) * 900)`

const n = (v: unknown) => Number(v ?? 0)
const t = (v: unknown) => (v ? new Date(v as string) : null)

/**
 * Counted and dropped clicks, orders, and the busiest bucket per buyer and
 * for the program, from `click_rollup` and `order_note_rollup` (15-minute
 * rows: a spike needs the buckets).
 */
export async function readClickSignals(
  manager: SqlEntityManager,
  range: SignalRange & { spike_factor: number }
): Promise<ClickSignalRow[]> {
  const { from, to } = range
  const rows = (await manager.execute(
    `WITH c AS (
       SELECT NULLIF(buyer_id, '') AS buyer_id, bucket, sum(counted) AS counted,
         sum(dropped_head + dropped_bot + dropped_duplicate + dropped_burst + dropped_not_earning) AS dropped
       FROM click_rollup WHERE bucket >= ? AND bucket < ?
       GROUP BY 1, 2),
     s AS (
       SELECT buyer_id AS k, bucket, counted, dropped FROM c WHERE buyer_id IS NOT NULL
       UNION ALL
       SELECT '' AS k, bucket, sum(counted), sum(dropped) FROM c GROUP BY bucket),
     w AS (
       SELECT s.*, sum(counted) OVER p AS total,
         count(*) FILTER (WHERE counted > 0) OVER p AS active,
         row_number() OVER (PARTITION BY k ORDER BY counted DESC, bucket) AS rank
       FROM s WINDOW p AS (PARTITION BY k)),
     a AS (
       SELECT k, sum(counted) AS clicks, sum(dropped) AS dropped,
         min(bucket) FILTER (WHERE dropped > 0) AS first_dropped_at,
         max(counted) AS peak_clicks,
         min(bucket) FILTER (WHERE rank = 1 AND counted > 0) AS peak_at,
         max(active) AS active_buckets,
         -- counted > factor × (total ÷ active), without dividing
         min(bucket) FILTER (WHERE counted > 0 AND counted * active > ? * total) AS first_spike_at
       FROM w GROUP BY k),
     o AS (
       SELECT NULLIF(buyer_id, '') AS buyer_id, bucket, orders
       FROM order_note_rollup WHERE bucket >= ? AND bucket < ? AND orders <> 0),
     oa AS (
       SELECT buyer_id AS k, sum(orders) AS orders, min(bucket) AS first_order_at
       FROM o WHERE buyer_id IS NOT NULL GROUP BY buyer_id
       UNION ALL
       SELECT '' AS k, sum(orders), min(bucket) FROM o HAVING count(*) > 0)
     SELECT k, a.clicks, a.dropped, oa.orders, a.first_dropped_at, oa.first_order_at,
       a.peak_clicks, a.peak_at, a.active_buckets, a.first_spike_at
     FROM a FULL JOIN oa USING (k)
     ORDER BY k`,
    [from, to, range.spike_factor, from, to]
  )) as Record<string, unknown>[]
  return rows.map((r) => ({
    buyer_id: r.k === "" ? null : (r.k as string),
    clicks: n(r.clicks),
    dropped: n(r.dropped),
    orders: n(r.orders),
    first_dropped_at: t(r.first_dropped_at),
    first_order_at: t(r.first_order_at),
    peak_clicks: n(r.peak_clicks),
    peak_at: t(r.peak_at),
    active_buckets: n(r.active_buckets),
    first_spike_at: t(r.first_spike_at),
  }))
}

/**
 * Attributed orders decided in the range per buyer (and for the program,
 * across buyers), with the largest number from one customer and from one
 * shipping address hash. Decisions from before those columns existed have
 * nulls and count in `orders` only. Ties go to the earlier first order.
 */
export async function readOrderSignals(
  manager: SqlEntityManager,
  range: SignalRange
): Promise<OrderSignalRow[]> {
  const top = (col: string) => `SELECT DISTINCT ON (k) k, count(*) AS top,
         ${FLOOR_15("min(decided_at)")} AS first_at
       FROM g WHERE ${col} IS NOT NULL
       GROUP BY k, ${col}
       ORDER BY k, count(*) DESC, min(decided_at)`
  const rows = (await manager.execute(
    `WITH o AS (
       SELECT buyer_id, customer_id, shipping_address_hash, decided_at
       FROM order_attribution
       WHERE deleted_at IS NULL AND outcome = 'attributed' AND buyer_id IS NOT NULL
         AND decided_at >= ? AND decided_at < ?),
     g AS (
       SELECT buyer_id AS k, customer_id, shipping_address_hash, decided_at FROM o
       UNION ALL
       SELECT '' AS k, customer_id, shipping_address_hash, decided_at FROM o),
     total AS (SELECT k, count(*) AS orders FROM g GROUP BY k),
     by_customer AS (${top("customer_id")}),
     by_address AS (${top("shipping_address_hash")})
     SELECT total.k, total.orders,
       by_customer.top AS customer_orders, by_customer.first_at AS customer_first_at,
       by_address.top AS address_orders, by_address.first_at AS address_first_at
     FROM total
       LEFT JOIN by_customer USING (k)
       LEFT JOIN by_address USING (k)
     ORDER BY total.k`,
    [range.from, range.to]
  )) as Record<string, unknown>[]
  return rows.map((r) => ({
    buyer_id: r.k === "" ? null : (r.k as string),
    orders: n(r.orders),
    customer_orders: n(r.customer_orders),
    customer_first_at: t(r.customer_first_at),
    address_orders: n(r.address_orders),
    address_first_at: t(r.address_first_at),
  }))
}

/**
 * Orders whose attribution was refused because the shopper is the clicked
 * note's buyer (`reason = 'self_referral'`), decided in the range.
 */
export async function readSelfReferrals(
  manager: SqlEntityManager,
  range: SignalRange
): Promise<SelfReferralRow[]> {
  const rows = (await manager.execute(
    `SELECT buyer_id, grouping(buyer_id) AS program, count(*) AS orders,
       ${FLOOR_15("min(decided_at)")} AS first_at,
       (array_agg(order_id ORDER BY decided_at, order_id))[1:20] AS order_ids
     FROM order_attribution
     WHERE deleted_at IS NULL AND outcome = 'none' AND reason = 'self_referral'
       AND buyer_id IS NOT NULL AND decided_at >= ? AND decided_at < ?
     GROUP BY GROUPING SETS ((buyer_id), ())
     HAVING count(*) > 0
     ORDER BY 2, 1`,
    [range.from, range.to]
  )) as Record<string, unknown>[]
  return rows.map((r) => ({
    buyer_id: n(r.program) === 1 ? null : (r.buyer_id as string),
    orders: n(r.orders),
    first_at: t(r.first_at),
    order_ids: (r.order_ids as string[] | null) ?? [],
  }))
}
