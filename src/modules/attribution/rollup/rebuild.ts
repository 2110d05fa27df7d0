import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/postgresql"
import type { RollupRebuildProgress } from "../../../types/reports"
import {
  CLICK_GROUP_DAY,
  CLICK_HOUR,
  ORDER_HOUR,
  ORDER_NOTE_DAY,
  ORDER_PRODUCT_DAY,
  hourBackfillSql,
} from "../../../utils/hour-rollup-sql"
import {
  clickBuyerDayInsertSql,
  clickRollupInsertSql,
  clickVisitorInsertSql,
} from "./click-sql"
import { foldClickRollups } from "./fold"

/*
 * Rebuilds the attribution rollups from the raw tables (docs/reports.md).
 * Raw SQL: the same aggregates as the triggers of migration
 * Migration20261201034948, over `referral_click` and `attribution_line`
 * instead of a statement's transition table, with the same helper functions
 * (attribution_bucket_15m, attribution_utc_day, attribution_referer_host).
 */

const ROLLUP_TABLES = [
  "click_rollup",
  "click_visitor",
  "click_buyer_day",
  "order_rollup",
  "order_note_rollup",
  "order_buyer_day",
]

const NEW_ID = (prefix: string) =>
  `'${prefix}_' || replace(gen_random_uuid()::text, '-', '')`

/** `{clicks}` and `{lines}` stand for the batch's raw rows. */
const CLICKS = { from: "referral_click n", where: "{clicks}", upsert: false }
const REBUILD_STATEMENTS = [
  clickRollupInsertSql(CLICKS),
  clickVisitorInsertSql(CLICKS),
  clickBuyerDayInsertSql(CLICKS),
  `INSERT INTO order_rollup (id, bucket, buyer_id, note_id, product_id, orders, units)
   SELECT ${NEW_ID("orl")}, l.bucket, l.buyer_id, l.note_id, l.product_id,
          count(DISTINCT l.order_id), sum(l.quantity)
     FROM (SELECT attribution_bucket_15m(n.created_at) AS bucket, n.buyer_id, n.note_id,
                  coalesce(n.product_id, '') AS product_id, n.order_id, n.quantity
             FROM {lines}) l
    GROUP BY l.bucket, l.buyer_id, l.note_id, l.product_id`,
  `INSERT INTO order_note_rollup (id, bucket, buyer_id, note_id, orders, units)
   SELECT ${NEW_ID("onrl")}, l.bucket, l.buyer_id, l.note_id, count(DISTINCT l.order_id), sum(l.quantity)
     FROM (SELECT attribution_bucket_15m(n.created_at) AS bucket, n.buyer_id, n.note_id, n.order_id, n.quantity
             FROM {lines}) l
    GROUP BY l.bucket, l.buyer_id, l.note_id`,
  `INSERT INTO order_buyer_day (id, day, buyer_id, orders, units)
   SELECT ${NEW_ID("obd")}, l.day, l.buyer_id, count(DISTINCT l.order_id), sum(l.quantity)
     FROM (SELECT attribution_utc_day(n.created_at) AS day, n.buyer_id, n.order_id, n.quantity
             FROM {lines}) l
    GROUP BY l.day, l.buyer_id`,
]

/**
 * Recomputes every attribution rollup from the raw tables, in batches of
 * buyers (the clicks without a buyer are the buyer ''). Each batch is one
 * short transaction that takes `referral_click` and `attribution_line` in
 * SHARE mode (no click or line is inserted meanwhile; reads go on), deletes
 * the batch's rollup rows and inserts them again. Rebuilds are serialised
 * by an advisory lock. Running it twice changes nothing.
 */
export async function rebuildClickRollups(
  manager: SqlEntityManager,
  opts: {
    onProgress?: (p: RollupRebuildProgress) => void | Promise<void>
    batchSize?: number
  } = {}
): Promise<{ buyers: number; batches: number }> {
  const batchSize = Math.max(1, opts.batchSize ?? 100)
  // Buyers with raw rows, and buyers with rollup rows (to clear stale ones).
  const buyers = (
    (await manager.execute(
      `SELECT coalesce(buyer_id, '') AS buyer_id FROM referral_click
       UNION SELECT buyer_id FROM attribution_line
       ${ROLLUP_TABLES.map((t) => `UNION SELECT buyer_id FROM ${t}`).join("\n")}
       ORDER BY 1`
    )) as { buyer_id: string }[]
  ).map((r) => r.buyer_id)

  let batches = 0
  await opts.onProgress?.({ done: 0, total: buyers.length })
  for (let i = 0; i < buyers.length; i += batchSize) {
    const batch = buyers.slice(i, i + batchSize)
    await manager.fork().transactional(async (em) => {
      await rebuildBatch(em as SqlEntityManager, batch)
    })
    batches++
    await opts.onProgress?.({
      done: Math.min(i + batchSize, buyers.length),
      total: buyers.length,
    })
  }
  // The hourly and group-day rollups summed again from the fine rows: the
  // click ones have no trigger on `click_rollup` (the fold writes them with
  // it, ./fold-sql.ts), so the batches above
  // left them as they were; the order ones follow their fine rows by their
  // own triggers and are summed again in case one was changed by hand. The
  // fine tables are held (SHARE: no click or line adds to the hours
  // meanwhile; reads go on).
  await manager.fork().transactional(async (em) => {
    await em.execute(
      `LOCK TABLE click_rollup, order_note_rollup, order_rollup IN SHARE MODE`
    )
    for (const spec of [
      CLICK_HOUR,
      ORDER_HOUR,
      CLICK_GROUP_DAY,
      ORDER_PRODUCT_DAY,
      ORDER_NOTE_DAY,
    ]) {
      await em.execute(hourBackfillSql(spec))
    }
  })
  return { buyers: buyers.length, batches }
}

async function rebuildBatch(
  em: SqlEntityManager,
  batch: string[]
): Promise<void> {
  await em.execute(
    `SELECT pg_advisory_xact_lock(hashtext('attribution_rollup_rebuild'))`
  )
  await em.execute(`LOCK TABLE referral_click, attribution_line IN SHARE MODE`)
  // The clicks still pending are folded first (their rollups are then
  // recomputed from the raw rows like the others; none is appended until
  // this batch commits): a pending click counted from the raw table here
  // and folded again later would count twice. The fold's lock is held to
  // the batch's end.
  await foldClickRollups(em)
  const list = batch.map(() => "?").join(", ")
  for (const table of ROLLUP_TABLES) {
    await em.execute(`DELETE FROM ${table} WHERE buyer_id IN (${list})`, batch)
  }
  // The clicks without a buyer are stored with a null buyer_id; the split
  // keeps the (buyer_id, clicked_at) index usable.
  const named = batch.filter((b) => b !== "")
  const clickCond = [
    named.length ? `n.buyer_id IN (${named.map(() => "?").join(", ")})` : null,
    named.length < batch.length ? "n.buyer_id IS NULL" : null,
  ]
    .filter(Boolean)
    .join(" OR ")
  const clicks = `(${clickCond})`
  const lines = `attribution_line n WHERE n.buyer_id IN (${list})`
  for (const statement of REBUILD_STATEMENTS) {
    const isClicks = statement.includes("{clicks}")
    await em.execute(
      statement.replace("{clicks}", clicks).replace("{lines}", lines),
      isClicks ? named : batch
    )
  }
}
