import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ATTRIBUTION_MODULE } from "../../src/modules/attribution"
import type AttributionModuleService from "../../src/modules/attribution/service"
import type { ClickRecord } from "../../src/modules/attribution/service"
import foldReportRollupsJob, {
  config,
} from "../../src/jobs/fold-report-rollups"
import { waitFor } from "../helpers/click-sink"
import { sql } from "../helpers/fixtures"

jest.setTimeout(240 * 1000)

const click = (i: number, at: Date): ClickRecord => ({
  id: `click_fold_${i}`,
  code: "code_fold",
  note_id: "note_fold",
  note_product_id: "np_fold",
  buyer_id: "buyer_fold",
  product_id: "prod_fold",
  variant_id: null,
  visitor_id: `visitor_${i % 2}`,
  ip_hash: "ip",
  user_agent: "test",
  referer: "https://www.instagram.com/p/1",
  utm_source: null,
  utm_medium: null,
  utm_campaign: null,
  utm_term: null,
  utm_content: null,
  clicked_at: at,
  dropped_reason: i === 0 ? "bot" : null,
})

/**
 * The click rollups' fold (docs/reports.md, "Storage"): the click trigger
 * appends to click_rollup_pending, the scheduled job folds every second
 * without any read asking for it.
 */
medusaIntegrationTestRunner({
  inApp: true,
  env: {},
  testSuite: ({ getContainer }) => {
    const attribution = () =>
      getContainer().resolve<AttributionModuleService>(ATTRIBUTION_MODULE)
    const pending = async () =>
      (
        await sql<{ n: number }>(
          getContainer(),
          `SELECT count(*)::int AS n FROM click_rollup_pending`
        )
      )[0].n
    const counted = async () =>
      (
        await sql<{ counted: number; bot: number }>(
          getContainer(),
          `SELECT coalesce(sum(counted), 0)::int AS counted, coalesce(sum(dropped_bot), 0)::int AS bot
             FROM click_hour WHERE scope = 'buyer_fold'`
        )
      )[0]

    it("is scheduled every second", () => {
      expect(config).toEqual({
        name: "notes-fold-report-rollups",
        schedule: { interval: 1000 },
      })
    })

    it("folds stored clicks into the rollups within seconds, without a read", async () => {
      const at = new Date()
      expect(
        await attribution().recordClicks([0, 1, 2, 3].map((i) => click(i, at)))
      ).toBe(4)
      // The job (every second) empties the pending rows; nothing reads.
      await waitFor("the fold job", async () => (await pending()) === 0, 5000)
      expect(await counted()).toEqual({ counted: 3, bot: 1 })

      // The job's function, called directly, folds what is pending.
      await sql(
        getContainer(),
        `INSERT INTO click_rollup_pending (clicked_at, buyer_id, note_id, product_id, visitor_id)
         VALUES (now(), 'buyer_fold', 'note_fold', 'prod_fold', 'visitor_x')`
      )
      await foldReportRollupsJob(getContainer())
      expect(await pending()).toBe(0)
      expect(await counted()).toEqual({ counted: 4, bot: 1 })
    })
  },
})
