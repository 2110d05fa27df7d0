import type { ExecArgs } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { writeFileSync } from "node:fs"
import { ATTRIBUTION_MODULE } from "../../src/modules/attribution"
import type AttributionModuleService from "../../src/modules/attribution/service"
import type { ClickRecord } from "../../src/modules/attribution/service"
import {
  APPEND_FUNCTION_SQL,
  directClickFunctionSql,
} from "../../src/modules/attribution/rollup/fold-sql"
import {
  DIRECT_ORDER_FUNCTION_SQL,
  ORDER_APPEND_FUNCTION_SQL,
} from "../../src/modules/attribution/rollup/order-fold-sql"
import {
  appendSink,
  ledgerTriggerFunctionsSql,
} from "../../src/modules/commission/rollup/ledger-fold-sql"
import { upsert } from "../../src/modules/commission/rollup/ledger-triggers-sql"
import {
  CLICK_HOUR,
  LEDGER_HOUR,
  ORDER_HOUR,
  hourBackfillSql,
} from "../../src/utils/hour-rollup-sql"
import { COMMISSION_MODULE } from "../../src/modules/commission"
import type CommissionModuleService from "../../src/modules/commission/service"

/**
 * The reports benchmark's write paths, with the rollup triggers enabled and
 * disabled (`ALTER TABLE … DISABLE TRIGGER`, in the benchmark database
 * only) in alternating rounds (on, off, off, on, …, so a drift of the
 * machine weighs on both alike), on the seeded tables:
 *
 * - clicks: `recordClicks` (the sink's multi-row insert) of batches of 500,
 *   one after the other as the sink writes them;
 * - ledger (the same three paths, their own triggers): per order, as the accrual pipeline's module calls do:
 *   `recordDecision` (attribution lines), `accrueLines` (accruals),
 *   `syncOrderLedger` (fulfilled: the hold starts; one order in ten had a
 *   unit returned: a reversal), then `setOrderHold` on and off, the release
 *   dated after the hold (pending → on_hold → approved): the ledger's insert
 *   and status-update paths. Four orders at a time (the event bus's
 *   concurrency in bench:accrual).
 *
 * Rows are written for buyers `buyer_ingest_*` only, which the reports
 * never read, and removed afterwards with their rollup rows (triggers off
 * for the session), so the seeded data stays as seeded. Writes the figures
 * as JSON to BENCH_WRITE_OUT.
 */

const CLICK_TRIGGERS = { referral_click: ["attribution_click_rollup_insert"] }
const LEDGER_TRIGGERS = {
  attribution_line: ["attribution_line_rollup_insert"],
  commission_entry: [
    "commission_ledger_rollup_insert",
    "commission_ledger_rollup_update",
    "commission_ledger_rollup_delete",
  ],
}
/** Whether the rollup triggers fire. */
type Mode = "on" | "off"
/**
 * The click paths: `on` the shipped one (the trigger appends to
 * `click_rollup_pending`, a fold every second as the job does, and a last
 * fold at the round's end), `off` no trigger, `direct` the trigger that
 * upserts the five rollups itself (before the fold; installed for its
 * rounds only).
 */
const CLICK_MODES = ["on", "off", "direct", "direct", "off", "on"] as const
type ClickMode = (typeof CLICK_MODES)[number]

/** A small seeded PRNG (mulberry32): the same batches in every run. */
function rng(seed: number) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const REFERERS = [
  "https://www.instagram.com/",
  "https://www.tiktok.com/@notes",
  "https://www.google.com/",
  "https://t.co/xyz",
  "https://news.example.com/issue-12",
  "https://www.pinterest.com/pin/123/",
]
const SOURCES = ["instagram", "tiktok", "pinterest", "newsletter", "youtube"]
const CAMPAIGNS = ["spring-edit", "summer-sale", "launch", "holiday", "new-in"]
const DROPPED = ["head", "bot", "bot", "duplicate", "duplicate", "burst"]

type Pg = {
  raw: (sql: string, bindings?: unknown[]) => Promise<{ rows: unknown[] }>
  transaction: <T>(fn: (trx: Pg) => Promise<T>) => Promise<T>
}

async function setTriggers(
  pg: Pg,
  tables: Record<string, string[]>,
  mode: Mode
) {
  for (const [table, names] of Object.entries(tables)) {
    for (const name of names) {
      await pg.raw(
        `ALTER TABLE ${table} ${mode === "on" ? "ENABLE" : "DISABLE"} TRIGGER ${name}`
      )
    }
  }
}

/** Removes the benchmark's own rows and their rollup rows (no trigger runs). */
async function cleanUp(pg: Pg) {
  await pg.transaction(async (trx) => {
    await trx.raw(`SET LOCAL session_replication_role = replica`)
    for (const sql of [
      `DELETE FROM referral_click WHERE buyer_id LIKE 'buyer_ingest_%'`,
      `DELETE FROM click_rollup_pending WHERE buyer_id LIKE 'buyer_ingest_%'`,
      `DELETE FROM commission_entry WHERE buyer_id LIKE 'buyer_ingest_%'`,
      `DELETE FROM ledger_rollup_pending WHERE buyer_id LIKE 'buyer_ingest_%'`,
      `DELETE FROM attribution_line WHERE buyer_id LIKE 'buyer_ingest_%'`,
      `DELETE FROM order_attribution WHERE buyer_id LIKE 'buyer_ingest_%'`,
      ...[
        "click_rollup",
        "click_visitor",
        "click_buyer_day",
        "order_rollup",
        "order_note_rollup",
        "order_buyer_day",
        "ledger_rollup",
        "ledger_buyer_day",
        "click_group_day",
        "order_group_day",
        "ledger_group_day",
        "click_buyer_month",
        "order_buyer_month",
        "ledger_buyer_month",
      ].map((t) => `DELETE FROM ${t} WHERE buyer_id LIKE 'buyer_ingest_%'`),
      // The hourly rollups' triggers were off too: summed again from the
      // fine rows (the program's '*' rows held the removed buyers).
      ...[CLICK_HOUR, ORDER_HOUR, LEDGER_HOUR].map(hourBackfillSql),
    ]) {
      await trx.raw(sql)
    }
  })
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)]
}

export default async function benchWritePaths({ container }: ExecArgs) {
  const rounds = Number(process.env.BENCH_WRITE_ROUNDS ?? 6)
  const clickRounds = Number(process.env.BENCH_CLICK_ROUNDS ?? 6)
  const batchesPerRound = Number(process.env.BENCH_CLICK_BATCHES ?? 40)
  const ordersPerRound = Number(process.env.BENCH_LEDGER_ORDERS ?? 400)
  const pg = container.resolve(ContainerRegistrationKeys.PG_CONNECTION) as Pg
  const attribution =
    container.resolve<AttributionModuleService>(ATTRIBUTION_MODULE)
  const commission =
    container.resolve<CommissionModuleService>(COMMISSION_MODULE)
  const log = (m: string) => process.stderr.write(`[bench] ${m}\n`)
  const random = rng(7)
  const zipf = (n: number) =>
    Math.min(n - 1, Math.floor(Math.exp(random() * Math.log(n + 1))) - 1)
  const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)]

  await cleanUp(pg)
  // The accruals need a rule: the default 10 % one, as setup.ts makes it
  // (BENCH_SKIP_READS=1 runs this without setup.ts: no rule, no accrual).
  if (!(await commission.listCommissionRules({ scope: "default" })).length) {
    await commission.createCommissionRules({
      scope: "default",
      type: "percentage",
      rate: "10",
    } as never)
  }

  // ---- clicks
  let clickSeq = 0
  const clickBatch = (): ClickRecord[] => {
    const now = Date.now()
    return Array.from({ length: 500 }, () => {
      const b = zipf(100)
      const note = b + 100 * zipf(10)
      const p = random() < 0.3 ? 1 : 0
      const v = Math.floor(300000 * random() ** 3)
      const source = random() < 0.35 ? null : pick(SOURCES)
      const dropped = random() < 0.1 ? pick(DROPPED) : null
      return {
        id: `click_ingest_${process.pid}_${clickSeq++}`,
        code: `in${note}p${p}`,
        note_id: `note_ingest_${note}`,
        note_product_id: `notep_ingest_${note}_${p}`,
        buyer_id: `buyer_ingest_${b}`,
        product_id: `prod_bench_${(note + p * 97) % 200}`,
        variant_id: null,
        visitor_id: `vis_${v}`,
        ip_hash: `ip${v}`,
        user_agent: "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X)",
        referer: random() < 0.3 ? null : pick(REFERERS),
        utm_source: source,
        utm_medium: source ? "social" : null,
        utm_campaign: random() < 0.5 ? null : pick(CAMPAIGNS),
        utm_term: null,
        utm_content: null,
        // A sink batch holds the clicks of the last second or so.
        clicked_at: new Date(now - Math.floor(random() * 1000)),
        dropped_reason: dropped as ClickRecord["dropped_reason"],
      }
    })
  }
  const clickMs: Record<ClickMode, number[]> = { on: [], off: [], direct: [] }
  // The folds of the `on` rounds: every second meanwhile, and one at the end.
  const folds = { count: 0, clicks: 0, ms: 0 }
  const fold = async () => {
    const t = performance.now()
    const n = await attribution.foldClickRollups()
    if (n > 0) {
      // As the job does (src/jobs/fold-report-rollups.ts).
      await pg.raw(`VACUUM (SKIP_LOCKED) click_rollup_pending`)
    }
    folds.ms += performance.now() - t
    folds.count++
    folds.clicks += n
  }
  const writeClicks = async (
    mode: ClickMode,
    batches: number,
    keep: boolean
  ) => {
    await pg.raw(
      mode === "direct" ? directClickFunctionSql() : APPEND_FUNCTION_SQL
    )
    await setTriggers(pg, CLICK_TRIGGERS, mode === "off" ? "off" : "on")
    let writing = true
    const folder =
      mode !== "on"
        ? Promise.resolve()
        : (async () => {
            while (writing) {
              // The job's schedule: a fold a second.
              await new Promise((r) => setTimeout(r, 1000))
              await fold()
            }
          })()
    try {
      for (let i = 0; i < batches; i++) {
        const batch = clickBatch()
        const t = performance.now()
        const written = await attribution.recordClicks(batch)
        const ms = performance.now() - t
        if (written !== batch.length) {
          throw new Error(`recordClicks wrote ${written} of ${batch.length}`)
        }
        if (keep) {
          clickMs[mode].push(ms)
        }
      }
    } finally {
      writing = false
      await folder
    }
    if (mode === "on") {
      await fold()
    }
  }
  log("clicks: warm-up (4 batches each way, not counted)")
  for (const mode of ["on", "off", "direct"] as const) {
    await writeClicks(mode, 4, false)
  }
  Object.assign(folds, { count: 0, clicks: 0, ms: 0 })
  for (let r = 0; r < clickRounds; r++) {
    const mode = CLICK_MODES[r % CLICK_MODES.length]
    await writeClicks(mode, batchesPerRound, true)
    log(
      `clicks round ${r + 1}/${clickRounds} (${mode}): ${batchesPerRound} × 500, median batch ${median(clickMs[mode].slice(-batchesPerRound)).toFixed(1)} ms`
    )
  }
  const pending = (
    (await pg.raw(`SELECT count(*)::int AS n FROM click_rollup_pending`)) as {
      rows: { n: number }[]
    }
  ).rows[0].n
  if (folds.clicks !== clickMs.on.length * 500 || pending !== 0) {
    throw new Error(
      `clicks: ${folds.clicks} folded of ${clickMs.on.length * 500}, ${pending} left pending`
    )
  }
  await pg.raw(APPEND_FUNCTION_SQL)
  await setTriggers(pg, CLICK_TRIGGERS, "on")
  await cleanUp(pg)

  // ---- ledger
  let orderSeq = 0
  const ledgerRounds: {
    mode: ClickMode
    orders: number
    lines: number
    ms: number
  }[] = []
  const oneOrder = async () => {
    const n = orderSeq++
    const orderId = `order_ingest_${process.pid}_${n}`
    const b = zipf(100)
    const note = b + 100 * zipf(10)
    const count = 1 + (random() >= 0.5 ? 1 : 0) + (random() >= 0.85 ? 1 : 0)
    const currency = random() < 0.8 ? "eur" : "usd"
    const lines = Array.from({ length: count }, (_, i) => ({
      order_line_id: `ordli_ingest_${process.pid}_${n}_${i}`,
      product_id: `prod_bench_${(note + i * 97) % 200}`,
      variant_id: null,
      quantity: 1 + Math.floor(random() ** 2 * 3),
      unit: (5 + Math.floor(random() * 19500) / 100).toFixed(2),
    }))
    const returned = random() < 0.1
    const at = new Date()
    await attribution.recordDecision({
      order_id: orderId,
      outcome: "attributed",
      reason: "last_click",
      click_id: `click_ingest_for_${n}`,
      buyer_id: `buyer_ingest_${b}`,
      note_id: `note_ingest_${note}`,
      basket: count === 3 ? "order" : "tagged",
      window_days: 30,
      lines: lines.map(({ unit: _unit, ...l }) => l),
    })
    await commission.accrueLines(
      lines.map((l) => ({
        order_id: orderId,
        order_line_id: l.order_line_id,
        attribution_line_id: null,
        buyer_id: `buyer_ingest_${b}`,
        tier: null,
        note_id: `note_ingest_${note}`,
        product_id: l.product_id,
        variant_id: null,
        collection_id: null,
        category_ids: [],
        currency_code: currency,
        quantity: l.quantity,
        base_amount: (Number(l.unit) * l.quantity).toFixed(2),
        at,
      }))
    )
    await commission.syncOrderLedger({
      order_id: orderId,
      canceled: false,
      lines: lines.map((l, i) => ({
        order_line_id: l.order_line_id,
        quantity: l.quantity,
        fulfilled_quantity: l.quantity,
        returned_quantity: returned && i === 0 ? 1 : 0,
      })),
      refund_share: { numerator: "0", denominator: "1" },
    })
    await commission.setOrderHold({ order_id: orderId, hold: true })
    await commission.setOrderHold(
      { order_id: orderId, hold: false },
      new Date(Date.now() + 15 * 24 * 3600 * 1000)
    )
    return count
  }
  // The ledger folds of the `on` rounds: every second meanwhile (as the
  // job does), and one at the round's end; timed apart from the orders.
  const ledgerFolds = { count: 0, deltas: 0, ms: 0 }
  const ledgerFold = async () => {
    const t = performance.now()
    const n = await commission.foldLedgerRollups()
    if (n > 0) {
      await pg.raw(`VACUUM (SKIP_LOCKED) ledger_rollup_pending`)
    }
    // The attribution lines' fold (since the order rollups fold too).
    const { lines } = await attribution.foldAttributionRollups()
    if (lines > 0) {
      await pg.raw(`VACUUM (SKIP_LOCKED) order_rollup_pending`)
    }
    ledgerFolds.ms += performance.now() - t
    ledgerFolds.count++
    ledgerFolds.deltas += n
  }
  // `direct`: the triggers that upsert the rollups themselves (before
  // the ledger fold), installed for its rounds only.
  // BENCH_FUNCTION_STATS=1 (with track_functions = 'pl' on the bench
  // database): where each ledger path's trigger time goes, per mode, from
  // pg_stat_user_functions before and after each round.
  type FnStat = { calls: number; ms: number; self: number }
  const perMode: Record<string, Record<string, FnStat>> = {}
  const functionStats = async (): Promise<Record<string, FnStat>> => {
    if (process.env.BENCH_FUNCTION_STATS !== "1") {
      return {}
    }
    // An idle backend sends its statistics within 10 s (PostgreSQL 15):
    // wait them out.
    await new Promise((r) => setTimeout(r, 11_000))
    await pg.raw(`SELECT pg_stat_clear_snapshot()`)
    const { rows } = (await pg.raw(
      `SELECT funcname, calls::int AS calls, total_time AS ms, self_time AS self
         FROM pg_stat_user_functions`
    )) as { rows: (FnStat & { funcname: string })[] }
    return Object.fromEntries(rows.map((r) => [r.funcname, r]))
  }
  const addStats = (
    mode: string,
    a: Record<string, FnStat>,
    b: Record<string, FnStat>
  ) => {
    const into = (perMode[mode] ??= {})
    for (const [name, f] of Object.entries(b)) {
      const calls = f.calls - (a[name]?.calls ?? 0)
      if (calls > 0) {
        const t = (into[name] ??= { calls: 0, ms: 0, self: 0 })
        t.calls += calls
        t.ms += f.ms - (a[name]?.ms ?? 0)
        t.self += f.self - (a[name]?.self ?? 0)
      }
    }
  }
  const ledgerRound = async (mode: ClickMode, orders: number) => {
    for (const sql of ledgerTriggerFunctionsSql(
      mode === "direct" ? upsert : appendSink
    )) {
      await pg.raw(sql)
    }
    await pg.raw(
      mode === "direct" ? DIRECT_ORDER_FUNCTION_SQL : ORDER_APPEND_FUNCTION_SQL
    )
    await setTriggers(pg, LEDGER_TRIGGERS, mode === "off" ? "off" : "on")
    let left = orders
    let lines = 0
    let writing = true
    const folder =
      mode !== "on"
        ? Promise.resolve()
        : (async () => {
            while (writing) {
              await new Promise((r) => setTimeout(r, 1000))
              await ledgerFold()
            }
          })()
    const t = performance.now()
    try {
      await Promise.all(
        Array.from({ length: 4 }, async () => {
          while (left > 0) {
            left--
            const n = await oneOrder()
            lines += n
          }
        })
      )
    } finally {
      writing = false
    }
    const ms = performance.now() - t
    await folder
    if (mode === "on") {
      await ledgerFold()
    }
    return { mode, orders, lines, ms }
  }
  // BENCH_LEDGER_ORDERS=0: the click path alone.
  const ledger = ordersPerRound > 0
  log(
    ledger
      ? "ledger: warm-up (40 orders each way, not counted)"
      : "ledger: skipped"
  )
  const warmLines = !ledger
    ? 0
    : (await ledgerRound("on", 40)).lines +
      (await ledgerRound("off", 40)).lines +
      (await ledgerRound("direct", 40)).lines
  Object.assign(ledgerFolds, { count: 0, deltas: 0, ms: 0 })
  for (let r = 0; ledger && r < rounds; r++) {
    const mode = CLICK_MODES[r % CLICK_MODES.length]
    const before = await functionStats()
    const res = await ledgerRound(mode, ordersPerRound)
    addStats(mode, before, await functionStats())
    ledgerRounds.push(res)
    log(
      `ledger round ${r + 1}/${rounds} (triggers ${mode}): ${res.orders} orders, ${res.lines} lines in ${(res.ms / 1000).toFixed(1)} s (${((res.lines / res.ms) * 1000).toFixed(1)} lines/s)`
    )
  }
  for (const [mode, fns] of Object.entries(perMode)) {
    for (const [name, f] of Object.entries(fns).sort(
      (a, b) => b[1].ms - a[1].ms
    )) {
      log(
        `ledger ${mode}: ${name} ${f.calls} calls, ${f.ms.toFixed(0)} ms (${(f.ms / f.calls).toFixed(2)} ms per call, own ${(f.self / f.calls).toFixed(2)})`
      )
    }
  }
  await pg.raw(ORDER_APPEND_FUNCTION_SQL)
  for (const sql of ledgerTriggerFunctionsSql()) {
    await pg.raw(sql)
  }
  await setTriggers(pg, LEDGER_TRIGGERS, "on")
  const written = (
    (await pg.raw(
      `SELECT count(*)::int AS n FROM commission_entry
        WHERE buyer_id LIKE 'buyer_ingest_%' AND type = 'accrual'`
    )) as { rows: { n: number }[] }
  ).rows[0].n
  const expected = ledgerRounds.reduce((a, r) => a + r.lines, 0) + warmLines
  if (written !== expected) {
    throw new Error(`ledger: ${written} accruals written, ${expected} lines`)
  }
  await cleanUp(pg)

  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0)
  const clickFigure = (mode: ClickMode) => ({
    batches: clickMs[mode].length,
    clicks: clickMs[mode].length * 500,
    clicks_per_s: (clickMs[mode].length * 500) / (sum(clickMs[mode]) / 1000),
    batch_p50_ms: median(clickMs[mode]),
    batch_p95_ms: [...clickMs[mode]].sort((a, b) => a - b)[
      Math.min(
        clickMs[mode].length - 1,
        Math.ceil(0.95 * clickMs[mode].length) - 1
      )
    ],
  })
  const ledgerFigure = (mode: ClickMode) => {
    const rs = ledgerRounds.filter((r) => r.mode === mode)
    const ms = sum(rs.map((r) => r.ms))
    return {
      rounds: rs.length,
      orders: sum(rs.map((r) => r.orders)),
      lines: sum(rs.map((r) => r.lines)),
      seconds: ms / 1000,
      lines_per_s: sum(rs.map((r) => r.lines)) / (ms / 1000),
      orders_per_s: sum(rs.map((r) => r.orders)) / (ms / 1000),
      round_lines_per_s: rs.map((r) => (r.lines / r.ms) * 1000),
    }
  }
  writeFileSync(
    process.env.BENCH_WRITE_OUT ?? "/tmp/reports-write.json",
    JSON.stringify({
      clicks: {
        on: clickFigure("on"),
        off: clickFigure("off"),
        direct: clickFigure("direct"),
        // What the folds of the `on` rounds took (beside the inserts).
        fold: {
          ...folds,
          ms_per_1000_clicks: folds.clicks
            ? (folds.ms / folds.clicks) * 1000
            : 0,
        },
      },
      ledger: ledger
        ? {
            on: ledgerFigure("on"),
            off: ledgerFigure("off"),
            direct: ledgerFigure("direct"),
            fold: ledgerFolds,
          }
        : null,
    })
  )
}
