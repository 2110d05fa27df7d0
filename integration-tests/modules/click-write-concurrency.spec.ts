import { moduleIntegrationTestRunner } from "@medusajs/test-utils"
import path from "node:path"
import { ATTRIBUTION_MODULE } from "../../src/modules/attribution"
import ReferralClick from "../../src/modules/attribution/models/referral-click"
import ReferralClickFailure from "../../src/modules/attribution/models/referral-click-failure"
import type AttributionModuleService from "../../src/modules/attribution/service"
import type { ClickRecord } from "../../src/modules/attribution/service"

jest.setTimeout(240 * 1000)

const resolve = path.join(__dirname, "../../src/modules/attribution")

/*
 * Direct click writes that run at the same time (docs/edge.md, "When Redis
 * is unreachable"): during a Redis outage the edge and the Medusa route
 * write their clicks to PostgreSQL themselves, while the click worker
 * writes what reached the queue; a click whose enqueue timed out after
 * Redis took it is written by both. Every concurrent batch must commit: a
 * deadlock (40P01) fails the whole batch back to its retry, and two
 * batches holding the same click ids in different orders used to
 * deadlock on the raw rows.
 */

const NOTES = ["note_1", "note_2", "note_3"]
const PRODUCTS = ["prod_a", "prod_b"]

let seq = 0
function click(at: Date, i: number): ClickRecord {
  const n = seq++
  return {
    id: `click_cc${String(n).padStart(8, "0")}${Math.random().toString(36).slice(2, 8)}`,
    code: `code${i % 5}`,
    note_id: NOTES[i % NOTES.length],
    note_product_id: `np_${i % 5}`,
    buyer_id: i % 4 === 0 ? null : `buyer_${i % 3}`,
    product_id: PRODUCTS[i % PRODUCTS.length],
    variant_id: null,
    visitor_id: `vis_${i % 7}`,
    ip_hash: `ip${i % 11}`,
    user_agent: "test",
    referer: i % 2 ? "https://www.instagram.com/p/1" : null,
    utm_source: i % 3 ? "ig" : null,
    utm_medium: null,
    utm_campaign: null,
    utm_term: null,
    utm_content: null,
    clicked_at: new Date(at.getTime() + (i % 3) * 15 * 60_000),
    dropped_reason: i % 6 === 5 ? "duplicate" : null,
  }
}

/** Fisher-Yates on a copy. */
function shuffled<T>(list: T[]): T[] {
  const out = [...list]
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1))
    ;[out[i], out[j]] = [out[j], out[i]]
  }
  return out
}

moduleIntegrationTestRunner<AttributionModuleService>({
  moduleName: ATTRIBUTION_MODULE,
  moduleModels: [ReferralClick, ReferralClickFailure],
  resolve,
  pathToMigrations: path.join(resolve, "migrations"),
  moduleOptions: { ip_hash_secret: "click-concurrency-secret-0123456789" },
  testSuite: ({ service, MikroOrmWrapper }) => {
    const count = async (table: string) =>
      Number(
        (
          (await MikroOrmWrapper.forkManager().execute(
            `select count(*) as n from ${table}`
          )) as { n: string }[]
        )[0].n
      )

    it("two batches of the same clicks in different orders both commit, each click stored once", async () => {
      const at = new Date("2026-12-06T08:00:00Z")
      for (let round = 0; round < 3; round++) {
        const clicks = Array.from({ length: 3000 }, (_, i) => click(at, i))
        // The edge's direct write (arrival order) and the worker's batch
        // of the jobs Redis took anyway (its own order).
        const results = await Promise.allSettled([
          service.writeClicks(clicks),
          service.writeClicks([...clicks].reverse()),
          service.writeClicks(shuffled(clicks)),
        ])
        const failed = results.flatMap((r) =>
          r.status === "rejected"
            ? [`${r.reason?.code}: ${String(r.reason?.message).slice(-200)}`]
            : []
        )
        expect(failed).toEqual([])
        const written = results.reduce(
          (n, r) => n + (r.status === "fulfilled" ? r.value.written : 0),
          0
        )
        expect(written).toBe(clicks.length)
      }
      expect(await count("referral_click")).toBe(9000)
      expect(await count("referral_click_failure")).toBe(0)
    })

    it("concurrent batches of different clicks with the same rollup keys all commit", async () => {
      const at = new Date("2026-12-06T09:00:00Z")
      const before = await count("referral_click")
      for (let round = 0; round < 3; round++) {
        const batches = Array.from({ length: 4 }, () =>
          shuffled(Array.from({ length: 300 }, (_, i) => click(at, i)))
        )
        const results = await Promise.allSettled(
          batches.map((b) => service.writeClicks(b))
        )
        const failed = results.flatMap((r) =>
          r.status === "rejected"
            ? [`${r.reason?.code}: ${String(r.reason?.message).slice(-200)}`]
            : []
        )
        expect(failed).toEqual([])
      }
      expect((await count("referral_click")) - before).toBe(3 * 4 * 300)
    })
  },
})
