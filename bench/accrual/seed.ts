import type { ExecArgs } from "@medusajs/framework/types"
import {
  ContainerRegistrationKeys,
  Modules,
  generateEntityId,
} from "@medusajs/framework/utils"
import { ATTRIBUTION_MODULE } from "../../src/modules/attribution"
import type AttributionModuleService from "../../src/modules/attribution/service"
import { COMMISSION_MODULE } from "../../src/modules/commission"
import type CommissionModuleService from "../../src/modules/commission/service"
import { NOTES_MODULE } from "../../src/modules/notes"
import type NotesModuleService from "../../src/modules/notes/service"

/**
 * Accrual benchmark data, on top of the demo seed: a default 10 % rule and
 * BENCH_ORDERS orders (default 10,000) of two lines, both tagged in one
 * buyer's note, each with a cart that carries a counted click on that note
 * (as a storefront would). Orders are written through the order and cart
 * modules in batches (placing 10,000 through checkout would take the
 * benchmark's whole budget); the pipeline measured starts at `order.placed`.
 * Idempotent: only the missing orders are added.
 */
export default async function seedAccrualBench({ container }: ExecArgs) {
  const want = Number(process.env.BENCH_ORDERS ?? 10_000)
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const orderModule = container.resolve(Modules.ORDER)
  const cartModule = container.resolve(Modules.CART)
  const link = container.resolve(ContainerRegistrationKeys.LINK)
  const notes = container.resolve<NotesModuleService>(NOTES_MODULE)
  const attribution =
    container.resolve<AttributionModuleService>(ATTRIBUTION_MODULE)
  const commission =
    container.resolve<CommissionModuleService>(COMMISSION_MODULE)

  if (!(await commission.listCommissionRules({ scope: "default" })).length) {
    await commission.createCommissionRules({
      scope: "default",
      type: "percentage",
      rate: "10",
    } as never)
  }
  const [note] = (
    await notes.listNotes(
      { status: "published", buyer_id: { $ne: null } },
      { relations: ["products"], order: { created_at: "ASC" } }
    )
  ).filter((n) => (n.products ?? []).length >= 2)
  if (!note) {
    throw new Error("run the demo seed first: no buyer note with two products")
  }
  const tagged = note.products.slice(0, 2)
  const [region] = await container
    .resolve(Modules.REGION)
    .listRegions({ currency_code: "eur" })

  const have = (
    await orderModule.listOrders({}, { select: ["id", "metadata"], take: null })
  ).filter((o) => (o.metadata as { bench?: boolean } | null)?.bench).length
  const BATCH = 500
  for (let done = have; done < want; done += BATCH) {
    const n = Math.min(BATCH, want - done)
    const clickIds = Array.from({ length: n }, () =>
      generateEntityId(undefined, "click")
    )
    await attribution.recordClicks(
      clickIds.map((id, i) => ({
        id,
        code: tagged[0].code,
        note_id: note.id,
        note_product_id: tagged[0].id,
        buyer_id: note.buyer_id,
        product_id: tagged[0].product_id,
        variant_id: null,
        visitor_id: `bench-visitor-${done + i}`,
        ip_hash: "bench",
        user_agent: "bench",
        referer: null,
        utm_source: null,
        utm_medium: null,
        utm_campaign: null,
        utm_term: null,
        utm_content: null,
        clicked_at: new Date(Date.now() - 3600_000),
        dropped_reason: null,
      }))
    )
    const carts = await cartModule.createCarts(
      clickIds.map((id) => ({
        currency_code: "eur",
        region_id: region?.id,
        email: "bench@shopper.test",
        metadata: { referral_click_id: id },
      }))
    )
    const orders = await orderModule.createOrders(
      clickIds.map((_, i) => ({
        currency_code: "eur",
        region_id: region?.id,
        email: "bench@shopper.test",
        metadata: { bench: true },
        items: tagged.map((t, j) => ({
          title: `Bench item ${j}`,
          product_id: t.product_id,
          variant_id: t.variant_id ?? undefined,
          quantity: 1 + ((done + i + j) % 3),
          unit_price: j ? 35.5 : 19.99,
        })),
      }))
    )
    await link.create(
      orders.map((o, i) => ({
        [Modules.ORDER]: { order_id: o.id },
        [Modules.CART]: { cart_id: carts[i].id },
      }))
    )
    logger.info(`accrual bench: ${done + n}/${want} orders`)
  }
}
