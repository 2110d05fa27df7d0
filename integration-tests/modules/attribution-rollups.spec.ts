import { moduleIntegrationTestRunner } from "@medusajs/test-utils"
import path from "node:path"
import { ATTRIBUTION_MODULE } from "../../src/modules/attribution"
import AttributionLine from "../../src/modules/attribution/models/attribution-line"
import ClickBuyerDay from "../../src/modules/attribution/models/click-buyer-day"
import OrderAttribution from "../../src/modules/attribution/models/order-attribution"
import OrderBuyerDay from "../../src/modules/attribution/models/order-buyer-day"
import OrderNoteRollup from "../../src/modules/attribution/models/order-note-rollup"
import OrderRollup from "../../src/modules/attribution/models/order-rollup"
import ReferralClick from "../../src/modules/attribution/models/referral-click"
import ReferralClickFailure from "../../src/modules/attribution/models/referral-click-failure"
import type AttributionModuleService from "../../src/modules/attribution/service"
import type {
  ClickRecord,
  DroppedReason,
} from "../../src/modules/attribution/service"
import type {
  ClickRollupRow,
  ReportGroupBy,
  ReportInterval,
  RollupQuery,
} from "../../src/types/reports"
import { HOUR_ROLLUPS, hourRollupMismatches } from "../helpers/hour-rollups"

jest.setTimeout(240 * 1000)

const resolve = path.join(__dirname, "../../src/modules/attribution")

const ROLLUP_TABLES = [
  "click_rollup",
  "click_visitor",
  "click_buyer_day",
  "order_rollup",
  "order_note_rollup",
  "order_buyer_day",
]
const ZONES = ["UTC", "Asia/Kolkata", "Asia/Kathmandu", "America/New_York"]
const INTERVALS: ReportInterval[] = ["hour", "day", "week", "month"]
const GROUPS: ReportGroupBy[] = [
  "note",
  "product",
  "utm_source",
  "utm_campaign",
  "referer",
  "buyer",
]
// Notes and their authors (null: a merchant's note).
const NOTES: [string, string | null][] = [
  ["note_1", "buyer_1"],
  ["note_2", "buyer_1"],
  ["note_3", "buyer_2"],
  ["note_4", "buyer_3"],
  ["note_5", null],
]
const PRODUCTS = ["prod_a", "prod_b", "prod_c"]
const REFERERS = [
  null,
  "https://WWW.Instagram.com/p/1",
  "http://t.co?x=1",
  "not a url",
  "https://user@Host.EXAMPLE:8080/",
  "android-app://com.google.android.gm/",
]
const UTM_SOURCES = [null, "ig", "tiktok"]
const UTM_CAMPAIGNS = [null, "spring", "fall"]
const REASONS: (DroppedReason | null)[] = [
  null,
  null,
  null,
  null,
  "head",
  "bot",
  "duplicate",
  "burst",
  "not_earning",
]
// Activity around both 2026 DST changes of New York, and a month apart.
const WINDOWS: [string, number][] = [
  ["2026-02-26T00:00:00Z", 14],
  ["2026-04-20T00:00:00Z", 3],
  ["2026-10-28T00:00:00Z", 7],
]
// Ranges read (15-minute aligned; the first two cross a DST change and do
// not start or end on a UTC day).
const RANGES: [string, string][] = [
  ["2026-03-06T18:30:00Z", "2026-03-10T04:45:00Z"],
  ["2026-10-30T05:15:00Z", "2026-11-02T23:45:00Z"],
  ["2026-02-01T00:00:00Z", "2026-12-01T00:00:00Z"],
]

/** A small deterministic generator (mulberry32). */
function rng(seed: number) {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

type Line = {
  order_id: string
  buyer_id: string
  note_id: string
  product_id: string | null
  quantity: number
  created_at: Date
}

function makeData(seed: number) {
  const r = rng(seed)
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]
  const clicks: ClickRecord[] = []
  const lines: Line[][] = []
  let n = 0
  for (const [start, days] of WINDOWS) {
    const t0 = Date.parse(start)
    for (let i = 0; i < 260 * days; i++) {
      const [note_id, buyer_id] = pick(NOTES)
      const product_id = pick(PRODUCTS)
      const at = new Date(t0 + Math.floor(r() * days * 86_400_000))
      clicks.push({
        id: `click_${String(n++).padStart(6, "0")}`,
        code: `code_${note_id}_${product_id}`,
        note_id,
        note_product_id: `np_${note_id}_${product_id}`,
        buyer_id,
        product_id,
        variant_id: null,
        visitor_id: `visitor_${Math.floor(r() * 12)}`,
        ip_hash: "ip",
        user_agent: "test",
        referer: pick(REFERERS),
        utm_source: pick(UTM_SOURCES),
        utm_medium: null,
        utm_campaign: pick(UTM_CAMPAIGNS),
        utm_term: null,
        utm_content: null,
        clicked_at: at,
        dropped_reason: pick(REASONS),
      })
    }
    // Orders: one to three lines each, of one buyer's note.
    for (let i = 0; i < 12 * days; i++) {
      const [note_id, author] = pick(NOTES)
      const buyer_id = author ?? "buyer_1"
      const at = new Date(t0 + Math.floor(r() * days * 86_400_000))
      const order_id = `order_${lines.length}`
      const count = 1 + Math.floor(r() * 3)
      lines.push(
        Array.from({ length: count }, () => ({
          order_id,
          buyer_id,
          note_id,
          // Two lines of one product in an order happen (variants).
          product_id: r() < 0.1 ? null : pick(PRODUCTS),
          quantity: 1 + Math.floor(r() * 4),
          created_at: at,
        }))
      )
    }
  }
  return { clicks, lines }
}

moduleIntegrationTestRunner<AttributionModuleService>({
  moduleName: ATTRIBUTION_MODULE,
  moduleModels: [
    ReferralClick,
    ReferralClickFailure,
    OrderAttribution,
    AttributionLine,
    ClickBuyerDay,
    OrderRollup,
    OrderNoteRollup,
    OrderBuyerDay,
  ],
  resolve,
  pathToMigrations: path.join(resolve, "migrations"),
  moduleOptions: { ip_hash_secret: "rollup-test-secret-0123456789" },
  testSuite: ({ service, MikroOrmWrapper }) => {
    const sql = async <T = Record<string, unknown>>(
      text: string,
      bindings: unknown[] = []
    ): Promise<T[]> =>
      (await MikroOrmWrapper.forkManager().execute(text, bindings)) as T[]

    /** Rows by which the hourly and group-day tables differ from their fine rollups. */
    const hourMismatches = async () => {
      // The clicks still pending first (as every read does).
      await service.foldClickRollups()
      const n = [
        await hourRollupMismatches(sql, HOUR_ROLLUPS.CLICK_HOUR),
        await hourRollupMismatches(sql, HOUR_ROLLUPS.ORDER_HOUR),
      ]
      // The group-day tables: their sum, in the second place.
      for (const spec of [
        HOUR_ROLLUPS.CLICK_GROUP_DAY,
        HOUR_ROLLUPS.ORDER_NOTE_DAY,
        HOUR_ROLLUPS.ORDER_PRODUCT_DAY,
      ]) {
        n[1] += await hourRollupMismatches(sql, spec)
      }
      return n
    }

    /** Inserts an order's lines in one statement, as recordDecision does, at a chosen time. */
    const insertOrder = async (order: Line[]) => {
      await sql(
        `INSERT INTO order_attribution (id, order_id, outcome, reason, click_id, buyer_id, note_id, basket, window_days, decided_at, created_at, updated_at)
         VALUES (?, ?, 'attributed', 'last_click', 'click_x', ?, ?, 'tagged', 30, ?, ?, ?)`,
        [
          `oattr_${order[0].order_id}`,
          order[0].order_id,
          order[0].buyer_id,
          order[0].note_id,
          order[0].created_at,
          order[0].created_at,
          order[0].created_at,
        ]
      )
      await sql(
        `INSERT INTO attribution_line (id, order_id, order_line_id, click_id, buyer_id, note_id, product_id, variant_id, quantity, order_attribution_id, created_at, updated_at)
         VALUES ${order.map(() => "(?, ?, ?, 'click_x', ?, ?, ?, NULL, ?, ?, ?, ?)").join(", ")}`,
        order.flatMap((l, i) => [
          `attr_${l.order_id}_${i}`,
          l.order_id,
          `${l.order_id}_line_${i}`,
          l.buyer_id,
          l.note_id,
          l.product_id,
          l.quantity,
          `oattr_${l.order_id}`,
          l.created_at,
          l.created_at,
        ])
      )
    }

    const seed = async () => {
      const data = makeData(11)
      for (let i = 0; i < data.clicks.length; i += 250) {
        const written = await service.recordClicks(
          data.clicks.slice(i, i + 250)
        )
        expect(written).toBe(Math.min(250, data.clicks.length - i))
      }
      for (const order of data.lines) {
        await insertOrder(order)
      }
      // Decisions through the service (lines at now()), one of them "none".
      await service.recordDecision({
        order_id: "order_live_1",
        outcome: "attributed",
        reason: "last_click",
        click_id: "click_000001",
        buyer_id: "buyer_2",
        note_id: "note_3",
        basket: "tagged",
        window_days: 30,
        lines: [
          {
            order_line_id: "ol1",
            product_id: "prod_a",
            variant_id: null,
            quantity: 2,
          },
          {
            order_line_id: "ol2",
            product_id: "prod_a",
            variant_id: null,
            quantity: 1,
          },
          {
            order_line_id: "ol3",
            product_id: "prod_b",
            variant_id: null,
            quantity: 5,
          },
        ],
      })
      await service.recordDecision({
        order_id: "order_live_2",
        outcome: "none",
        reason: "no_click",
        click_id: null,
        buyer_id: null,
        note_id: null,
        basket: "tagged",
        window_days: 30,
        lines: [],
      })
      return data
    }

    /** Every rollup row, without ids and timestamps, in a stable order. */
    const snapshot = async () => {
      await service.foldClickRollups()
      const out: Record<string, unknown[]> = {}
      for (const t of ROLLUP_TABLES) {
        const rows = await sql(`SELECT * FROM ${t}`)
        out[t] = rows
          .map((row) => {
            const skip = ["id", "created_at", "updated_at", "deleted_at"]
            return JSON.stringify(
              Object.fromEntries(
                Object.entries(row)
                  .filter(([k]) => !skip.includes(k))
                  .sort(([a], [b]) => a.localeCompare(b))
                  .map(([k, v]) => [k, v instanceof Date ? v.toISOString() : v])
              )
            )
          })
          .sort()
      }
      return out
    }

    /**
     * The same numbers as `readClickRollup`, straight from the raw tables:
     * each row's own time bucketed in the zone, referer hosts by the one
     * documented expression.
     */
    const expected = async (
      q: RollupQuery & { unique_visitors?: boolean }
    ): Promise<ClickRollupRow[]> => {
      const clickKey: Record<ReportGroupBy, string> = {
        note: "note_id",
        product: "product_id",
        utm_source: "NULLIF(utm_source, '')",
        utm_campaign: "NULLIF(utm_campaign, '')",
        referer: "NULLIF(attribution_referer_host(referer), '')",
        buyer: "buyer_id",
      }
      const lineKey: Partial<Record<ReportGroupBy, string>> = {
        note: "note_id",
        product: "product_id",
        buyer: "buyer_id",
      }
      const key = (map: Partial<Record<ReportGroupBy, string>>) =>
        q.shape === "groups" ? (map[q.group_by!] ?? null) : "NULL::text"
      const bucket = (col: string) =>
        q.shape === "series"
          ? `date_trunc('${q.interval}', ${col} AT TIME ZONE '${q.tz}') AT TIME ZONE '${q.tz}'`
          : "NULL::timestamptz"
      const filters = (time: string) => {
        const w = [`${time} >= ?`, `${time} < ?`]
        const b: unknown[] = [q.from, q.to]
        if (q.filters.buyer_id) {
          w.push("buyer_id = ?")
          b.push(q.filters.buyer_id)
        }
        if (q.filters.note_id) {
          w.push("note_id = ?")
          b.push(q.filters.note_id)
        }
        return { where: w.join(" AND "), b }
      }
      const cf = filters("clicked_at")
      const clicks = await sql<Record<string, unknown>>(
        `SELECT ${key(clickKey)} AS key, ${bucket("clicked_at")} AS bucket,
                count(*) FILTER (WHERE dropped_reason IS NULL)::int AS clicks,
                count(*) FILTER (WHERE dropped_reason = 'head')::int AS head,
                count(*) FILTER (WHERE dropped_reason = 'bot')::int AS bot,
                count(*) FILTER (WHERE dropped_reason = 'duplicate')::int AS duplicate,
                count(*) FILTER (WHERE dropped_reason = 'burst')::int AS burst,
                count(*) FILTER (WHERE dropped_reason = 'not_earning')::int AS not_earning,
                count(DISTINCT visitor_id) FILTER (WHERE dropped_reason IS NULL)::int AS visitors
           FROM referral_click WHERE ${cf.where} GROUP BY 1, 2`,
        cf.b
      )
      const lf = filters("created_at")
      const lk = key(lineKey)
      const orders =
        lk === null
          ? []
          : await sql<Record<string, unknown>>(
              `SELECT ${lk} AS key, ${bucket("created_at")} AS bucket,
                      count(DISTINCT order_id)::int AS orders, sum(quantity)::int AS units
                 FROM attribution_line WHERE ${lf.where} GROUP BY 1, 2`,
              lf.b
            )
      const rows = new Map<string, ClickRollupRow>()
      const at = (k: unknown, b: unknown) => {
        const iso = b ? new Date(b as string).toISOString() : null
        const id = `${iso ?? ""}|${k ?? ""}`
        let row = rows.get(id)
        if (!row) {
          row = {
            bucket: iso,
            key: (k as string | null) ?? null,
            clicks: 0,
            dropped: {
              head: 0,
              bot: 0,
              duplicate: 0,
              burst: 0,
              not_earning: 0,
            },
            unique_visitors: q.unique_visitors ? 0 : null,
            orders: 0,
            units: 0,
          }
          rows.set(id, row)
        }
        return row
      }
      for (const c of clicks) {
        const row = at(c.key, c.bucket)
        row.clicks += c.clicks as number
        for (const d of Object.keys(
          row.dropped
        ) as (keyof ClickRollupRow["dropped"])[]) {
          row.dropped[d] += c[d] as number
        }
        if (q.unique_visitors) {
          row.unique_visitors! += c.visitors as number
        }
      }
      for (const o of orders) {
        const row = at(o.key, o.bucket)
        row.orders += o.orders as number
        row.units += o.units as number
      }
      let out = [...rows.values()]
      if (q.shape === "groups" && q.keys) {
        out = out.filter((r) => q.keys!.includes(r.key))
      }
      if (q.shape === "totals" && !out.length) {
        out = [at(null, null)]
      }
      return sortRows(out)
    }

    const sortRows = (rows: ClickRollupRow[]) =>
      [...rows].sort((a, b) =>
        `${a.bucket ?? ""}|${a.key ?? ""}`.localeCompare(
          `${b.bucket ?? ""}|${b.key ?? ""}`
        )
      )

    const FILTERS: RollupQuery["filters"][] = [
      {},
      { buyer_id: "buyer_1" },
      { note_id: "note_3" },
    ]

    it("answers every shape, interval, grouping and filter as the raw tables do, in every zone", async () => {
      await seed()
      let checked = 0
      let rowsCompared = 0
      for (const tz of ZONES) {
        for (const [f, t] of RANGES) {
          const base = { from: new Date(f), to: new Date(t), tz }
          for (const filters of FILTERS) {
            const queries: (RollupQuery & { unique_visitors?: boolean })[] = [
              { ...base, filters, shape: "totals", unique_visitors: true },
              { ...base, filters, shape: "totals" },
              ...INTERVALS.map((interval) => ({
                ...base,
                filters,
                shape: "series" as const,
                interval,
                unique_visitors: true,
              })),
              // Without visitors: the hourly rollups alone where they can.
              ...INTERVALS.map((interval) => ({
                ...base,
                filters,
                shape: "series" as const,
                interval,
              })),
              ...GROUPS.map((group_by) => ({
                ...base,
                filters,
                shape: "groups" as const,
                group_by,
                unique_visitors: true,
              })),
            ]
            for (const q of queries) {
              const got = sortRows(await service.readClickRollup(q))
              const want = await expected(q)
              expect({ q, rows: got }).toEqual({ q, rows: want })
              checked++
              rowsCompared += got.length
            }
          }
        }
      }
      expect(checked).toBe(ZONES.length * RANGES.length * FILTERS.length * 16)
      expect(rowsCompared).toBeGreaterThan(5_000)
      expect(await hourMismatches()).toEqual([0, 0])
    })

    it("filters groups by key (null: the group without one) and gives orders only where they split", async () => {
      await seed()
      const base = {
        from: new Date("2026-02-01T00:00:00Z"),
        to: new Date("2026-12-01T00:00:00Z"),
        tz: "Asia/Kathmandu",
        filters: {},
        shape: "groups" as const,
      }
      for (const [group_by, keys] of [
        ["buyer", [null, "buyer_2"]],
        ["referer", [null, "www.instagram.com", "host.example"]],
        ["note", ["note_5"]],
        ["utm_source", []],
      ] as [ReportGroupBy, (string | null)[]][]) {
        const q = { ...base, group_by, keys }
        const got = sortRows(await service.readClickRollup(q))
        expect(got).toEqual(await expected(q))
        expect(got.map((r) => r.key).sort()).toEqual(
          [...keys].sort() as (string | null)[]
        )
      }
      const referer = await service.readClickRollup({
        ...base,
        group_by: "referer",
      })
      expect(referer.map((r) => r.key).sort()).toEqual(
        [
          "com.google.android.gm",
          "host.example",
          "t.co",
          "www.instagram.com",
          null,
        ].sort()
      )
      expect(referer.every((r) => r.orders === 0 && r.units === 0)).toBe(true)
      // Visitors are computed only when asked.
      expect(referer.every((r) => r.unique_visitors === null)).toBe(true)
      // The live decision: one order, counted once per product it has.
      const live = await service.readClickRollup({
        from: new Date(Date.now() - 3600_000),
        to: new Date(Date.now() + 3600_000),
        tz: "UTC",
        filters: { buyer_id: "buyer_2" },
        shape: "groups",
        group_by: "product",
      })
      expect(live.map((r) => [r.key, r.orders, r.units])).toEqual([
        ["prod_a", 1, 3],
        ["prod_b", 1, 5],
      ])
      const [totals] = await service.readClickRollup({
        from: new Date(Date.now() - 3600_000),
        to: new Date(Date.now() + 3600_000),
        tz: "UTC",
        filters: {},
        shape: "totals",
      })
      expect([totals.orders, totals.units, totals.clicks]).toEqual([1, 8, 0])
    })

    it("gives every bucket start of a range, as the series cut them, across DST changes", async () => {
      const distinctStarts = async (
        from: string,
        to: string,
        tz: string,
        interval: ReportInterval
      ) =>
        (
          await sql<{ s: Date }>(
            `SELECT DISTINCT date_trunc('${interval}', t AT TIME ZONE '${tz}') AT TIME ZONE '${tz}' AS s
               FROM generate_series(?::timestamptz, ?::timestamptz - interval '15 minutes', interval '15 minutes') t
              ORDER BY 1`,
            [from, to]
          )
        ).map((r) => new Date(r.s).toISOString())
      for (const tz of ZONES) {
        for (const [from, to] of [
          ...RANGES.slice(0, 2),
          ["2026-02-20T00:00:00Z", "2027-01-10T00:00:00Z"],
        ]) {
          for (const interval of INTERVALS) {
            if (
              interval === "hour" &&
              Date.parse(to) - Date.parse(from) > 8 * 86_400_000
            ) {
              continue
            }
            const starts = await service.reportBucketStarts(
              new Date(from),
              new Date(to),
              tz,
              interval
            )
            expect({ tz, interval, from, starts }).toEqual({
              tz,
              interval,
              from,
              starts: await distinctStarts(from, to, tz, interval),
            })
          }
        }
      }
      // New York: 23 hours on 2026-03-08, and the repeated 1 a.m. of
      // 2026-11-01 is one bucket (its local start read as standard time).
      const spring = await service.reportBucketStarts(
        new Date("2026-03-08T05:00:00Z"),
        new Date("2026-03-09T04:00:00Z"),
        "America/New_York",
        "hour"
      )
      expect(spring).toHaveLength(23)
      expect(spring.slice(1, 3)).toEqual([
        "2026-03-08T06:00:00.000Z",
        "2026-03-08T07:00:00.000Z",
      ])
      const fall = await service.reportBucketStarts(
        new Date("2026-11-01T04:00:00Z"),
        new Date("2026-11-02T05:00:00Z"),
        "America/New_York",
        "hour"
      )
      expect(fall).toHaveLength(24)
      expect(fall.slice(0, 3)).toEqual([
        "2026-11-01T04:00:00.000Z",
        "2026-11-01T06:00:00.000Z",
        "2026-11-01T07:00:00.000Z",
      ])
      expect(
        await service.reportBucketStarts(
          new Date("2026-03-06T18:30:00Z"),
          new Date("2026-03-08T18:30:00Z"),
          "Asia/Kathmandu",
          "day"
        )
      ).toEqual([
        "2026-03-06T18:15:00.000Z",
        "2026-03-07T18:15:00.000Z",
        "2026-03-08T18:15:00.000Z",
      ])
    })

    it("keeps rollups unchanged when clicks are written again, and undoes a compensated decision", async () => {
      const data = await seed()
      const before = await snapshot()
      // A re-delivered queue job: the same ids again, in one batch.
      expect(await service.recordClicks(data.clicks.slice(100, 400))).toBe(0)
      expect(await snapshot()).toEqual(before)

      // The attribution step's compensation deletes the decision's lines.
      const decided = await service.recordDecision({
        order_id: "order_live_3",
        outcome: "attributed",
        reason: "last_click",
        click_id: "click_000002",
        buyer_id: "buyer_1",
        note_id: "note_1",
        basket: "tagged",
        window_days: 30,
        lines: [
          {
            order_line_id: "ol9",
            product_id: "prod_a",
            variant_id: null,
            quantity: 4,
          },
          {
            order_line_id: "ol10",
            product_id: "prod_c",
            variant_id: null,
            quantity: 1,
          },
        ],
      })
      expect(await snapshot()).not.toEqual(before)
      const lines = await service.listAttributionLines({
        order_attribution_id: decided.id,
      })
      // One line first (the order stays in the note's groups), then the other.
      await service.deleteAttributionLines([lines[0].id])
      const [partial] = await service.readClickRollup({
        from: new Date(Date.now() - 3600_000),
        to: new Date(Date.now() + 3600_000),
        tz: "UTC",
        filters: { buyer_id: "buyer_1" },
        shape: "totals",
      })
      expect([partial.orders, partial.units]).toEqual([
        1,
        5 - lines[0].quantity,
      ])
      expect(await hourMismatches()).toEqual([0, 0])
      await service.deleteAttributionLines([lines[1].id])
      await service.deleteOrderAttributions(decided.id)
      expect(await snapshot()).toEqual(before)
      expect(await hourMismatches()).toEqual([0, 0])
    })

    /**
     * Runs `statements` in a transaction left open until `commit()` (which
     * resolves once it has committed).
     */
    const openTransaction = async (statements: [string, unknown[]][]) => {
      let release!: () => void
      const gate = new Promise<void>((r) => (release = r))
      let written!: () => void
      const wrote = new Promise<void>((r) => (written = r))
      const done = MikroOrmWrapper.forkManager().transactional(async (em) => {
        for (const [text, bindings] of statements) {
          await em.execute(text, bindings)
        }
        written()
        await gate
      })
      await Promise.race([wrote, done])
      return {
        commit: () => {
          release()
          return done
        },
      }
    }

    it("folds each click once, whatever order the click transactions commit in", async () => {
      const data = makeData(3)
      // Transaction A writes three clicks and stays open across a fold.
      const a = await openTransaction([
        [
          `INSERT INTO referral_click (id, code, note_id, note_product_id, buyer_id, product_id,
             visitor_id, ip_hash, clicked_at, dropped_reason)
           SELECT 'click_open_' || i, 'code', 'note_1', 'np', 'buyer_1', 'prod_a',
             'visitor_open', 'ip', now(), CASE WHEN i = 3 THEN 'bot' END
             FROM generate_series(1, 3) i`,
          [],
        ],
      ])
      // Transaction B commits after A began, and is folded while A is open.
      expect(await service.recordClicks(data.clicks.slice(0, 250))).toBe(250)
      expect(await service.foldClickRollups()).toBe(250)
      expect(await service.foldClickRollups()).toBe(0)
      await a.commit()
      // A's clicks were not lost: the next fold (here the read's) has them.
      const [totals] = await service.readClickRollup({
        from: new Date("2026-01-01T00:00:00Z"),
        to: new Date(Date.now() + 86_400_000),
        tz: "UTC",
        filters: {},
        shape: "totals",
      })
      const [raw] = await sql<{ counted: number; bot: number }>(
        `SELECT count(*) FILTER (WHERE dropped_reason IS NULL)::int AS counted,
                count(*) FILTER (WHERE dropped_reason = 'bot')::int AS bot
           FROM referral_click`
      )
      expect(totals.clicks).toBe(raw.counted)
      expect(totals.dropped.bot).toBe(raw.bot)
      expect(await sql(`SELECT * FROM click_rollup_pending`)).toEqual([])
      // Every click rollup equals its rebuild from the raw rows.
      const folded = await snapshot()
      expect(await hourMismatches()).toEqual([0, 0])
      await service.rebuildClickRollups()
      expect(await snapshot()).toEqual(folded)
    })

    it("folds each attribution line once, whatever order the decisions commit in", async () => {
      const at = new Date("2026-03-01T10:07:00Z")
      const line = (
        order_id: string,
        product_id: string,
        quantity: number
      ) => ({
        order_id,
        buyer_id: "buyer_1",
        note_id: "note_1",
        product_id,
        quantity,
        created_at: at,
      })
      // Decision A writes its two lines and stays open across a fold.
      const a = await openTransaction([
        [
          `INSERT INTO order_attribution (id, order_id, outcome, reason, click_id, buyer_id,
             note_id, basket, window_days, decided_at, created_at, updated_at)
           VALUES ('oattr_open', 'order_open', 'attributed', 'last_click', 'click_x', 'buyer_1',
                   'note_1', 'tagged', 30, ?, ?, ?)`,
          [at, at, at],
        ],
        [
          `INSERT INTO attribution_line (id, order_id, order_line_id, click_id, buyer_id, note_id,
             product_id, quantity, order_attribution_id, created_at, updated_at)
           VALUES ('attr_open_1', 'order_open', 'ol_open_1', 'click_x', 'buyer_1', 'note_1',
                   'prod_a', 2, 'oattr_open', ?, ?),
                  ('attr_open_2', 'order_open', 'ol_open_2', 'click_x', 'buyer_1', 'note_1',
                   'prod_b', 1, 'oattr_open', ?, ?)`,
          [at, at, at, at],
        ],
      ])
      // Decision B commits after A began, and is folded while A is open.
      await insertOrder([line("order_b", "prod_a", 3)])
      expect(await service.foldAttributionRollups()).toEqual({
        clicks: 0,
        lines: 1,
      })
      expect(
        await sql(
          `SELECT orders, units FROM order_buyer_day WHERE buyer_id = 'buyer_1'`
        )
      ).toEqual([{ orders: 1, units: 3 }])
      await a.commit()
      // A's lines were not lost: the next fold has them, each order once.
      expect(await service.foldAttributionRollups()).toEqual({
        clicks: 0,
        lines: 2,
      })
      expect(await sql(`SELECT * FROM order_rollup_pending`)).toEqual([])
      expect(
        await sql(
          `SELECT orders, units FROM order_buyer_day WHERE buyer_id = 'buyer_1'`
        )
      ).toEqual([{ orders: 2, units: 6 }])
      expect(
        await sql(
          `SELECT product_id, orders, units FROM order_rollup WHERE buyer_id = 'buyer_1' ORDER BY product_id`
        )
      ).toEqual([
        { product_id: "prod_a", orders: 2, units: 5 },
        { product_id: "prod_b", orders: 1, units: 1 },
      ])
      // The rollups equal their rebuild from the raw rows.
      const folded = await snapshot()
      expect(await hourMismatches()).toEqual([0, 0])
      await service.rebuildClickRollups()
      expect(await snapshot()).toEqual(folded)
    })

    it("rebuilds identical rollups from the raw tables, idempotently", async () => {
      await seed()
      const before = await snapshot()
      expect(before.click_rollup.length).toBeGreaterThan(100)
      const progress: { done: number; total: number }[] = []
      // Rollups of a buyer without raw rows are removed by the rebuild.
      await sql(
        `INSERT INTO click_buyer_day (id, day, buyer_id, counted) VALUES ('cbd_stale', '2026-01-01', 'buyer_gone', 3)`
      )
      await sql(`TRUNCATE click_rollup, click_visitor, order_rollup`)
      const result = await service.rebuildClickRollups({
        batchSize: 2,
        onProgress: (p) => {
          progress.push(p)
        },
      })
      // buyer_1..3, the merchant ('') and the stale one.
      expect(result).toEqual({ buyers: 5, batches: 3 })
      expect(progress.at(-1)).toEqual({ done: 5, total: 5 })
      expect(await snapshot()).toEqual(before)
      expect(await hourMismatches()).toEqual([0, 0])
      // An hourly row gone wrong is mended by the rebuild too.
      await sql(`UPDATE click_hour SET counted = counted + 7`)
      await sql(`DELETE FROM order_hour WHERE scope = '*'`)
      await sql(`UPDATE order_group_day SET units = units + 1`)
      expect((await hourMismatches())[0]).toBeGreaterThan(0)
      await service.rebuildClickRollups()
      expect(await snapshot()).toEqual(before)
      expect(await hourMismatches()).toEqual([0, 0])
      // Emptying a raw table empties its rollups.
      await sql(`TRUNCATE referral_click`)
      const after = await snapshot()
      expect(after.click_rollup).toEqual([])
      expect(after.order_rollup).toEqual(before.order_rollup)
      expect(await sql(`SELECT * FROM click_hour`)).toEqual([])
      expect(await hourMismatches()).toEqual([0, 0])
    })

    it("finds the first activity", async () => {
      expect(await service.firstActivityAt({})).toBeNull()
      await seed()
      const [row] = await sql<{ first: Date }>(
        `SELECT date_bin('15 minutes', least(
           (SELECT min(clicked_at) FROM referral_click WHERE buyer_id = 'buyer_2'),
           (SELECT min(created_at) FROM attribution_line WHERE buyer_id = 'buyer_2')),
           timestamptz '2000-01-01 00:00:00+00') AS first`
      )
      expect(await service.firstActivityAt({ buyer_id: "buyer_2" })).toEqual(
        new Date(row.first)
      )
      expect(
        await service.firstActivityAt({ note_id: "note_missing" })
      ).toBeNull()
    })

    if (process.env.MEASURE_ROLLUP_TRIGGER) {
      // Timing only (MEASURE_ROLLUP_TRIGGER=1): 500-click batches spread
      // over three weeks (nearly one new rollup row per click: the worst
      // case) and within one 15-minute bucket (what the live sink writes).
      it("measures the click trigger on 500-click batches", async () => {
        const data = makeData(5)
        const now = Date.now()
        const batches = (live: boolean) =>
          Array.from({ length: 10 }, (_, i) =>
            data.clicks.slice(i * 500, i * 500 + 500).map((c, j) => ({
              ...c,
              clicked_at: live ? new Date(now + j) : c.clicked_at,
            }))
          )
        const time = async (label: string, live: boolean, round: number) => {
          const ms: number[] = []
          for (const b of batches(live)) {
            const renamed = b.map((c) => ({
              ...c,
              id: `${c.id}_${label.replace(/ /g, "_")}_${live}_${round}`,
            }))
            const t = process.hrtime.bigint()
            await service.recordClicks(renamed)
            ms.push(Number(process.hrtime.bigint() - t) / 1e6)
          }
          ms.sort((a, b) => a - b)
          console.log(
            `${live ? "live" : "spread"} ${label}: median ${ms[5].toFixed(1)} ms, min ${ms[0].toFixed(1)} ms, max ${ms[9].toFixed(1)} ms per 500 clicks`
          )
        }
        for (let round = 0; round < 2; round++) {
          for (const live of [false, true]) {
            await time("with trigger", live, round)
            await sql(
              `ALTER TABLE referral_click DISABLE TRIGGER attribution_click_rollup_insert`
            )
            await time("without trigger", live, round)
            await sql(
              `ALTER TABLE referral_click ENABLE TRIGGER attribution_click_rollup_insert`
            )
          }
        }
      })
    }
  },
})
