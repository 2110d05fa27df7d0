import { moduleIntegrationTestRunner } from "@medusajs/test-utils"
import path from "node:path"
import { COMMISSION_MODULE } from "../../src/modules/commission"
import CommissionEntry from "../../src/modules/commission/models/commission-entry"
import CommissionRule from "../../src/modules/commission/models/commission-rule"
import Settlement from "../../src/modules/commission/models/settlement"
import CommissionModuleService from "../../src/modules/commission/service"
import { decimal } from "../../src/modules/commission/utils/money"
import type {
  LedgerRollupRow,
  ReportGroupBy,
  ReportInterval,
  RollupQuery,
} from "../../src/types/reports"
import { accrualLine, orderFacts } from "../helpers/ledger"
import { HOUR_ROLLUPS, hourRollupMismatches } from "../helpers/hour-rollups"
import { ledgerRollupMismatches } from "../helpers/ledger-rollups"

/**
 * The ledger's rollups (docs/reports.md): driven through the commission
 * module's own methods (accruals, fulfilment, approvals, holds, cancels,
 * returns, adjustments, settlements paid and failed, compensations), every
 * read shape is checked, in several time zones and across DST changes,
 * against the same sums computed from `commission_entry` directly.
 */

jest.setTimeout(5 * 60 * 1000)

const resolve = path.join(__dirname, "../../src/modules/commission")
const DAY = 24 * 3600 * 1000
const ZONES = ["UTC", "Asia/Kolkata", "Asia/Kathmandu", "America/New_York"]
const INTERVALS: ReportInterval[] = ["hour", "day", "week", "month"]
const GROUPS: ReportGroupBy[] = ["note", "product", "buyer"]
const MONEY = [
  "sales",
  "accrued",
  "reversed",
  "adjusted",
  "net",
  "pending",
  "on_hold",
  "approved",
  "paid",
] as const

// Entry times around the edges that matter: New York's spring-forward
// (2026-03-08 07:00Z) and fall-back (2026-11-01 06:00Z, 01:30 local twice),
// Kolkata's (+5:30) and Kathmandu's (+5:45) midnights, a month's and an
// ISO week's turn, and 15-minute edges.
const TIMES = [
  "2026-02-28T23:50:00Z",
  "2026-03-01T00:05:00Z",
  "2026-03-07T18:14:59Z",
  "2026-03-07T18:15:00Z",
  "2026-03-07T18:29:59Z",
  "2026-03-07T18:30:00Z",
  "2026-03-08T04:59:00Z",
  "2026-03-08T06:50:00Z",
  "2026-03-08T07:05:00Z",
  "2026-03-08T07:20:00Z",
  "2026-03-08T08:10:00Z",
  "2026-03-09T04:00:00Z",
  "2026-03-09T05:10:00Z",
  "2026-03-15T12:00:00Z",
  "2026-11-01T04:59:59Z",
  "2026-11-01T05:30:00Z",
  "2026-11-01T06:30:00Z",
  "2026-11-01T07:10:00Z",
].map((t) => new Date(t))

type Sql = (text: string, bindings?: unknown[]) => Promise<unknown[]>

moduleIntegrationTestRunner<CommissionModuleService>({
  moduleName: COMMISSION_MODULE,
  moduleModels: [CommissionRule, CommissionEntry, Settlement],
  resolve,
  pathToMigrations: path.join(resolve, "migrations"),
  testSuite: ({ service, MikroOrmWrapper }) => {
    const sql: Sql = (text, bindings = []) =>
      MikroOrmWrapper.forkManager().execute(text, bindings)

    /**
     * Moves entries to another creation time, as if written then (the
     * guard trigger allows it to a compensation only, so under its
     * setting): the rollup triggers move their money between buckets.
     */
    const backdate = async (ids: string[], at: Date) => {
      if (!ids.length) {
        return
      }
      await MikroOrmWrapper.forkManager().transactional(async (em) => {
        await em.execute(
          `SELECT set_config('commission.compensating', 'on', true)`
        )
        await em.execute(
          `UPDATE commission_entry SET created_at = ? WHERE id IN (?)`,
          [at, ids]
        )
      })
    }

    /** The same shapes, from the ledger itself (the report's definitions). */
    const direct = async (q: RollupQuery): Promise<LedgerRollupRow[]> => {
      const keyColumn =
        q.shape === "groups"
          ? { note: "note_id", product: "product_id", buyer: "buyer_id" }[
              q.group_by as string
            ]
          : undefined
      if (q.shape === "groups" && !keyColumn) {
        return []
      }
      const where = [
        "deleted_at IS NULL",
        "status <> 'void'",
        "created_at >= ?",
        "created_at < ?",
      ]
      const bindings: unknown[] = [q.from, q.to]
      if (q.filters.buyer_id) {
        where.push("buyer_id = ?")
        bindings.push(q.filters.buyer_id)
      }
      if (q.filters.note_id) {
        where.push("note_id = ?")
        bindings.push(q.filters.note_id)
      }
      if (keyColumn && q.keys) {
        const named = q.keys.filter((k): k is string => k !== null)
        const ors = [
          ...(named.length
            ? [`${keyColumn} IN (${named.map(() => "?").join(", ")})`]
            : []),
          ...(q.keys.includes(null) ? [`${keyColumn} IS NULL`] : []),
        ]
        where.push(ors.length ? `(${ors.join(" OR ")})` : "false")
        bindings.push(...named)
      }
      const s = (cond: string, v = "amount") =>
        `coalesce(sum(${v}) FILTER (WHERE ${cond}), 0)::text`
      const bucket =
        q.shape === "series"
          ? `(date_trunc('${q.interval}', created_at AT TIME ZONE '${q.tz}') AT TIME ZONE '${q.tz}')`
          : "NULL::timestamptz"
      // an instant, whatever form the driver answers it in
      const iso = (v: Date | string) =>
        new Date(
          typeof v === "string"
            ? v.replace(" ", "T").replace(/([+-]\d\d)$/, "$1:00")
            : v
        ).toISOString()
      const key = keyColumn ?? "NULL::text"
      const rows = (await sql(
        `SELECT ${bucket} AS bucket, ${key} AS key, currency_code,
           ${s("type = 'accrual'", "base_amount")} AS sales,
           ${s("type = 'accrual'")} AS accrued,
           ${s("type = 'reversal'")} AS reversed,
           ${s("type = 'adjustment'")} AS adjusted,
           coalesce(sum(amount), 0)::text AS net,
           ${s("status = 'pending'")} AS pending,
           ${s("status = 'on_hold'")} AS on_hold,
           ${s("status = 'approved'")} AS approved,
           ${s("status = 'paid'")} AS paid
         FROM commission_entry WHERE ${where.join(" AND ")}
         GROUP BY 1, 2, 3 ORDER BY 1, 2 NULLS FIRST, 3`,
        bindings
      )) as (Record<(typeof MONEY)[number], string> & {
        bucket: Date | string | null
        key: string | null
        currency_code: string
      })[]
      return rows.map((r) => ({
        bucket: r.bucket ? iso(r.bucket) : null,
        key: r.key,
        currency_code: r.currency_code,
        ...(Object.fromEntries(MONEY.map((m) => [m, decimal(r[m])])) as Record<
          (typeof MONEY)[number],
          string
        >),
      }))
    }

    const sorted = (rows: LedgerRollupRow[]) =>
      [...rows].sort((a, b) =>
        `${a.bucket}|${a.key ?? ""}|${a.currency_code}`.localeCompare(
          `${b.bucket}|${b.key ?? ""}|${b.currency_code}`
        )
      )

    /** Every shape, zone, interval and group, over several ranges. */
    const checkAllReads = async () => {
      const ranges: [Date, Date][] = [
        // all of it
        [new Date("2026-01-01T00:00:00Z"), new Date("2027-01-01T00:00:00Z")],
        // ragged ends around whole UTC days (the buyer-day path)
        [new Date("2026-03-07T18:15:00Z"), new Date("2026-11-01T06:45:00Z")],
        [new Date("2026-02-28T23:45:00Z"), new Date("2026-03-09T05:15:00Z")],
        // less than a day, inside one
        [new Date("2026-03-08T06:45:00Z"), new Date("2026-03-08T07:15:00Z")],
        // a now-ish range with the reversals and adjustments of today
        [
          new Date(Math.floor(Date.now() / DAY) * DAY - 2 * DAY),
          new Date(Math.ceil(Date.now() / DAY) * DAY + DAY),
        ],
      ]
      const filters: RollupQuery["filters"][] = [
        {},
        { buyer_id: "buyer_a" },
        { note_id: "note_1" },
        { buyer_id: "buyer_b", note_id: "note_2" },
      ]
      let checked = 0
      let nonEmpty = 0
      for (const [from, to] of ranges) {
        for (const f of filters) {
          const queries: RollupQuery[] = [
            { from, to, tz: "UTC", filters: f, shape: "totals" },
          ]
          for (const tz of ZONES) {
            for (const interval of INTERVALS) {
              queries.push({
                from,
                to,
                tz,
                filters: f,
                shape: "series",
                interval,
              })
            }
          }
          const groupsOf = (group_by: ReportGroupBy): RollupQuery => ({
            from,
            to,
            tz: "UTC",
            filters: f,
            shape: "groups",
            group_by,
          })
          queries.push(...GROUPS.map(groupsOf))
          queries.push(
            {
              from,
              to,
              tz: "UTC",
              filters: f,
              shape: "groups",
              group_by: "note",
              keys: ["note_1", null],
            },
            {
              from,
              to,
              tz: "UTC",
              filters: f,
              shape: "groups",
              group_by: "buyer",
              keys: ["buyer_b"],
            },
            {
              from,
              to,
              tz: "UTC",
              filters: f,
              shape: "groups",
              group_by: "product",
              keys: [],
            }
          )
          for (const q of queries) {
            const got = sorted(await service.readLedgerRollup(q))
            const want = sorted(await direct(q))
            expect([q, got]).toEqual([q, want])
            checked++
            nonEmpty += want.length ? 1 : 0
          }
          // A ranking read in one currency (the report's leaderboard by an
          // amount): that currency's amount per group, and one row without
          // amounts for a group with money in other currencies only.
          for (const group_by of GROUPS) {
            for (const rank_currency of ["usd", "jpy"]) {
              const q: RollupQuery = {
                ...groupsOf(group_by),
                only: "net",
                rank_currency,
              }
              const all = sorted(await direct(q))
              const want = [...new Set(all.map((r) => r.key))].flatMap(
                (key) => {
                  const rows = all.filter((r) => r.key === key)
                  const mine = rows.filter(
                    (r) => r.currency_code === rank_currency
                  )
                  return (mine.length ? mine : rows.slice(0, 1)).map((r) => ({
                    ...r,
                    ...Object.fromEntries(
                      MONEY.map((m) => [
                        m,
                        m === "net" && mine.length ? r.net : "0",
                      ])
                    ),
                  }))
                }
              )
              const got = sorted(await service.readLedgerRollup(q))
              expect([q, got]).toEqual([q, sorted(want)])
              checked++
              nonEmpty += want.length ? 1 : 0
            }
          }
        }
      }
      // money is never split by utm values or referer
      for (const group_by of [
        "utm_source",
        "utm_campaign",
        "referer",
      ] as const) {
        expect(
          await service.readLedgerRollup({
            from: new Date("2026-01-01T00:00:00Z"),
            to: new Date("2027-01-01T00:00:00Z"),
            tz: "UTC",
            filters: {},
            shape: "groups",
            group_by,
          })
        ).toEqual([])
      }
      return { checked, nonEmpty }
    }

    // Rows of both tables, sums as normalised decimals ("2.50" and "2.5"
    // are one value; a scale may differ between an upsert and a rebuild).
    const rollupState = async () => {
      const norm = (rows: unknown[]) =>
        (rows as Record<string, unknown>[]).map((r) => {
          const out: Record<string, unknown> = { ...r }
          for (const m of MONEY) {
            if (m in out) {
              out[m] = decimal(out[m] as string)
            }
          }
          return out
        })
      const raw = await rawRollupState()
      return { fine: norm(raw.fine), daily: norm(raw.daily) }
    }
    const rawRollupState = async () => ({
      // The deltas still pending first, as every read does.
      folded: await sql(`SELECT commission_ledger_fold()`),
      fine: await sql(
        `SELECT bucket, buyer_id, note_id, product_id, currency_code,
           sales::text, accrued::text, reversed::text, adjusted::text, pending::text,
           on_hold::text, approved::text, paid::text, entries::int
         FROM ledger_rollup ORDER BY 1, 2, 3, 4, 5`
      ),
      daily: await sql(
        `SELECT day, buyer_id, currency_code,
           sales::text, accrued::text, reversed::text, adjusted::text, pending::text,
           on_hold::text, approved::text, paid::text, entries::int
         FROM ledger_buyer_day ORDER BY 1, 2, 3`
      ),
    })

    /** What the rollups should hold, summed from the ledger directly. */
    const fromScratch = async () => {
      const sums = `coalesce(sum(base_amount) FILTER (WHERE type = 'accrual'), 0) AS sales,
           coalesce(sum(amount) FILTER (WHERE type = 'accrual'), 0) AS accrued,
           coalesce(sum(amount) FILTER (WHERE type = 'reversal'), 0) AS reversed,
           coalesce(sum(amount) FILTER (WHERE type = 'adjustment'), 0) AS adjusted,
           coalesce(sum(amount) FILTER (WHERE status = 'pending'), 0) AS pending,
           coalesce(sum(amount) FILTER (WHERE status = 'on_hold'), 0) AS on_hold,
           coalesce(sum(amount) FILTER (WHERE status = 'approved'), 0) AS approved,
           coalesce(sum(amount) FILTER (WHERE status = 'paid'), 0) AS paid,
           count(*) AS entries`
      const norm = (rows: unknown[]) =>
        (rows as Record<string, unknown>[]).map((r) =>
          Object.values(r).map((v) =>
            v instanceof Date ? v.toISOString() : String(v)
          )
        )
      const live = `FROM commission_entry WHERE status <> 'void' AND deleted_at IS NULL`
      const want = {
        fine: norm(
          await sql(
            `SELECT to_timestamp(floor(extract(epoch FROM created_at) / 900) * 900) AS bucket,
               buyer_id, coalesce(note_id, '') AS note_id,
               coalesce(product_id, '') AS product_id, currency_code, ${sums}
             ${live} GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5`
          )
        ),
        daily: norm(
          await sql(
            `SELECT (created_at AT TIME ZONE 'UTC')::date::timestamp AT TIME ZONE 'UTC' AS day,
               buyer_id, currency_code, ${sums}
             ${live} GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`
          )
        ),
      }
      // Rows left with nothing live (all voided) stay, with zeros: skipped.
      const got = await rollupState()
      const numeric = (rows: unknown[]) =>
        norm(rows)
          .filter((r) => r[r.length - 1] !== "0")
          .map((r) =>
            r.map((v) => (/^-?\d+(\.\d+)?$/.test(v) ? decimal(v) : v))
          )
      expect(numeric(got.fine)).toEqual(numeric(want.fine))
      expect(numeric(got.daily)).toEqual(numeric(want.daily))
      expect(await ledgerRollupMismatches(sql)).toEqual({ fine: 0, daily: 0 })
      expect(await hourRollupMismatches(sql, HOUR_ROLLUPS.LEDGER_HOUR)).toBe(0)
      expect(
        await hourRollupMismatches(sql, HOUR_ROLLUPS.LEDGER_GROUP_DAY)
      ).toBe(0)
      expect(
        await hourRollupMismatches(sql, HOUR_ROLLUPS.LEDGER_BUYER_MONTH)
      ).toBe(0)
      return want.fine.length
    }

    it("keeps every read shape equal to the ledger's own sums, through every status path", async () => {
      await service.createCommissionRules([
        { scope: "default", type: "percentage", rate: "10" },
        {
          scope: "product",
          type: "percentage",
          rate: "12.5",
          product_id: "prod_2",
        },
      ] as never)

      // Orders of two buyers, notes, products (and none), three currencies.
      const specs = TIMES.map((at, i) => ({
        order_id: `order_${i}`,
        at,
        buyer_id: i % 3 === 2 ? "buyer_b" : "buyer_a",
        currency_code: ["eur", "usd", "jpy"][i % 3],
        lines: [
          {
            id: `line_${i}_0`,
            quantity: 2,
            note_id: i % 4 === 3 ? null : `note_${(i % 2) + 1}`,
            product_id: i % 5 === 4 ? null : `prod_${(i % 2) + 1}`,
            base_amount: i % 3 === 2 ? `${1000 + i * 37}` : `${19 + i}.99`,
          },
          {
            id: `line_${i}_1`,
            quantity: 1,
            note_id: `note_${(i % 2) + 1}`,
            product_id: "prod_2",
            base_amount: i % 3 === 2 ? `${500 + i}` : `${7 + i}.35`,
          },
        ],
      }))
      const accrue = (s: (typeof specs)[number]) =>
        service.accrueLines(
          s.lines.map((l) =>
            accrualLine({
              order_id: s.order_id,
              order_line_id: l.id,
              buyer_id: s.buyer_id,
              note_id: l.note_id,
              product_id: l.product_id,
              currency_code: s.currency_code,
              quantity: l.quantity,
              base_amount: l.base_amount,
              at: s.at,
            })
          )
        )
      for (const s of specs) {
        const changes = await accrue(s)
        expect(changes.created).toHaveLength(2)
        await backdate(
          changes.created.map((c) => c.id),
          s.at
        )
      }
      await fromScratch()

      type Facts = { fulfilled: boolean; returned: number; canceled: boolean }
      const state = new Map<string, Facts>(
        specs.map((s) => [
          s.order_id,
          { fulfilled: false, returned: 0, canceled: false },
        ])
      )
      const sync = async (i: number, now = new Date(), at?: Date) => {
        const s = specs[i]
        const f = state.get(s.order_id)!
        const changes = await service.syncOrderLedger(
          orderFacts(
            s.order_id,
            s.lines.map((l) => ({
              id: l.id,
              quantity: l.quantity,
              fulfilled: f.fulfilled ? l.quantity : 0,
              returned: Math.min(f.returned, l.quantity),
            })),
            { canceled: f.canceled }
          ),
          now
        )
        // reversals written now, dated to a time of the scenario
        await backdate(
          changes.created.map((c) => c.id),
          at ?? new Date(s.at.getTime() + 3 * 3600 * 1000)
        )
        return changes
      }

      // Fulfil most orders (their hold starts), then approve what is due.
      for (let i = 0; i < specs.length; i++) {
        if (i % 6 !== 5) {
          state.get(specs[i].order_id)!.fulfilled = true
          await sync(i)
        }
      }
      const approved = await service.approveDueEntries(
        new Date(Date.now() + 30 * DAY),
        100_000
      )
      expect(approved.status_changes.length).toBeGreaterThan(10)
      await fromScratch()

      // Holds: an approved order and a pending one held, one released.
      await service.setOrderHold({ order_id: "order_0", hold: true })
      await service.setOrderHold({ order_id: "order_5", hold: true })
      await service.setOrderHold({ order_id: "order_6", hold: true })
      await service.setOrderHold({ order_id: "order_6", hold: false })
      // Cancels: pending entries are voided; approved ones reversed.
      state.get("order_11")!.canceled = true
      const voided = await sync(11)
      expect(voided.status_changes.some((c) => c.to === "void")).toBe(true)
      state.get("order_1")!.canceled = true
      const reversedOnCancel = await sync(1)
      expect(reversedOnCancel.created.length).toBeGreaterThan(0)
      // A partial return: reversals, some across the fall-back hour.
      state.get("order_14")!.returned = 1
      await sync(14, new Date(), new Date("2026-11-01T06:05:00Z"))
      // Adjustments (no note, no product), one then compensated away.
      for (const [amount, at] of [
        ["5.55", TIMES[3]],
        ["-1.10", TIMES[9]],
        ["250", TIMES[16]],
      ] as const) {
        const c = await service.createAdjustment({
          buyer_id: "buyer_a",
          currency_code: amount === "250" ? "jpy" : "eur",
          amount,
          reason: "rollup test",
          actor_id: null,
        })
        await backdate(
          c.created.map((e) => e.id),
          at
        )
      }
      const undone = await service.createAdjustment({
        buyer_id: "buyer_b",
        currency_code: "usd",
        amount: "3",
        reason: "undone",
        actor_id: null,
      })
      await fromScratch()
      await service.revertLedgerChanges(undone)
      // A workflow compensation restoring statuses (on_hold → approved)
      const held = await service.setOrderHold({
        order_id: "order_2",
        hold: true,
      })
      await fromScratch()
      await service.revertLedgerChanges(held)
      await fromScratch()

      // Settlements: claimed and paid (buyer_a eur), claimed and failed
      // (buyer_b jpy), claimed and paid then reverted by a compensation.
      const pay = async (buyer_id: string, currency_code: string) => {
        const claim = await service.claimSettlement({
          buyer_id,
          currency_code,
          account_id: null,
          threshold: "0",
          run_id: null,
        })
        expect(claim.settlement).toBeDefined()
        await service.beginSettlementAttempt(claim.settlement!.id)
        return claim.settlement!.id
      }
      const paidId = await pay("buyer_a", "eur")
      await service.completeSettlement({ id: paidId, reference: "tr_1" })
      const failedId = await pay("buyer_b", "jpy")
      await service.failSettlementReleasing({ id: failedId, reason: "nope" })
      const revertedId = await pay("buyer_a", "usd")
      await service.completeSettlement({ id: revertedId, reference: "tr_2" })
      await fromScratch()
      await service.revertSettlementPaid(revertedId)
      await service.completeSettlements([{ id: revertedId, reference: "tr_3" }])
      // A clawback after payment: order_0's paid entries reversed.
      await service.setOrderHold({ order_id: "order_0", hold: false })
      state.get("order_3")!.returned = 2
      await sync(3)

      const counts = (await sql(
        `SELECT status, type, count(*)::int AS n FROM commission_entry
         GROUP BY 1, 2 ORDER BY 1, 2`
      )) as { status: string; type: string; n: number }[]
      const statuses = new Set(counts.map((c) => c.status))
      for (const s of ["pending", "approved", "on_hold", "paid", "void"]) {
        expect([s, statuses.has(s)]).toEqual([s, true])
      }
      const types = new Set(counts.map((c) => c.type))
      expect(types).toEqual(new Set(["accrual", "reversal", "adjustment"]))

      const rows = await fromScratch()
      expect(rows).toBeGreaterThan(30)
      const { checked, nonEmpty } = await checkAllReads()
      expect(nonEmpty).toBeGreaterThan(checked / 3)

      // Re-applying the same facts writes nothing and changes nothing.
      const before = await rollupState()
      for (let i = 0; i < specs.length; i++) {
        expect((await accrue(specs[i])).created).toEqual([])
        const again = await sync(i)
        expect([i, again.created, again.status_changes]).toEqual([i, [], []])
      }
      await service.setOrderHold({ order_id: "order_5", hold: true })
      expect(await rollupState()).toEqual(before)

      // The rebuild gives the same rows, and again; it also repairs.
      const progress: { done: number; total: number }[] = []
      const result = await service.rebuildLedgerRollups({
        batch_size: 1,
        onProgress: (p) => {
          progress.push(p)
        },
      })
      expect(result).toEqual({ done: 2, total: 2 })
      expect(progress).toEqual([
        { done: 0, total: 2 },
        { done: 1, total: 2 },
        { done: 2, total: 2 },
      ])
      const after = await rollupState()
      // a rebuilt table has no rows left at zero by voids
      const nonZero = (s: typeof before) => ({
        fine: (s.fine as { entries: number }[]).filter((r) => r.entries),
        daily: (s.daily as { entries: number }[]).filter((r) => r.entries),
      })
      expect(after).toEqual(nonZero(before))
      await service.rebuildLedgerRollups()
      expect(await rollupState()).toEqual(after)
      await sql(`UPDATE ledger_rollup SET accrued = accrued + 1`)
      await sql(`DELETE FROM ledger_buyer_day WHERE buyer_id = 'buyer_b'`)
      await sql(
        `INSERT INTO ledger_rollup (id, bucket, buyer_id, currency_code, paid, entries)
         VALUES ('lgrl_ghost', now(), 'buyer_gone', 'eur', 1, 1)`
      )
      await sql(`UPDATE ledger_hour SET paid = paid + 1 WHERE scope = '*'`)
      await sql(`UPDATE ledger_group_day SET paid = paid + 1`)
      expect(
        await hourRollupMismatches(sql, HOUR_ROLLUPS.LEDGER_HOUR)
      ).toBeGreaterThan(0)
      await service.rebuildLedgerRollups({ batch_size: 10 })
      expect(await rollupState()).toEqual(after)
      expect(await hourRollupMismatches(sql, HOUR_ROLLUPS.LEDGER_HOUR)).toBe(0)
      expect(
        await hourRollupMismatches(sql, HOUR_ROLLUPS.LEDGER_GROUP_DAY)
      ).toBe(0)
      expect(
        await hourRollupMismatches(sql, HOUR_ROLLUPS.LEDGER_BUYER_MONTH)
      ).toBe(0)
      await checkAllReads()
    })

    it("counts a bulk status change of many entries in one aggregated statement", async () => {
      // 3,000 entries over 3 buyers and ~40 buckets, approved and paid in
      // bulk statements like a settlement run's.
      const values: string[] = []
      for (let i = 0; i < 3000; i++) {
        values.push(
          `('cment_bulk_${i}', 'bulk:${i}', 'accrual', 'pending', 'buyer_${i % 3}', 'eur',
            ${(i % 97) + 0.01}, '{"value":"${(i % 97) + 0.01}","precision":20}', 10,
            ${i % 5 ? `'note_${i % 4}'` : "NULL"}, 'prod_${i % 2}',
            timestamptz '2026-03-08T00:00:00Z' + interval '1 minute' * ${i % 600})`
        )
      }
      await sql(
        `INSERT INTO commission_entry (id, source_key, type, status, buyer_id, currency_code,
           amount, raw_amount, base_amount, note_id, product_id, created_at)
         VALUES ${values.join(", ")}`
      )
      await fromScratch()
      await sql(
        `UPDATE commission_entry SET status = 'approved' WHERE id LIKE 'cment_bulk_%' AND id NOT LIKE '%7'`
      )
      await sql(
        `UPDATE commission_entry SET settlement_id = 'stl_x' WHERE status = 'approved' AND buyer_id = 'buyer_1'`
      )
      await sql(
        `UPDATE commission_entry SET status = 'paid' WHERE settlement_id = 'stl_x'`
      )
      await sql(
        `UPDATE commission_entry SET status = 'void' WHERE status = 'pending' AND buyer_id = 'buyer_2'`
      )
      await fromScratch()
      await checkAllReads()
    })
  },
})
