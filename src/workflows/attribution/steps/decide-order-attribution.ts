import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ATTRIBUTION_MODULE } from "../../../modules/attribution"
import type AttributionModuleService from "../../../modules/attribution/service"
import { BUYERS_MODULE } from "../../../modules/buyers"
import type BuyersModuleService from "../../../modules/buyers/service"
import {
  CandidateClick,
  OrderForAttribution,
  UsedPromoCode,
  decideAttribution,
} from "../utils/decide-attribution"
import { clickMintedAt } from "../../../modules/attribution/utils/ids"
import {
  CLOCK_SKEW_MS,
  UNWRITTEN_CLICK_GRACE_MS,
} from "./validate-cart-referral"

export const decideOrderAttributionStepId = "decide-order-attribution"

// The customer's carts looked at for earlier clicks (last updated first).
const MAX_CARTS = 50

// What the decision reads of a click (`CandidateClick`).
const CLICK_FIELDS = [
  "id",
  "buyer_id",
  "note_id",
  "clicked_at",
  "dropped_reason",
]

// How long the decision waits for the click its cart carries when that click
// is not stored yet (see `waitForCarriedClick`).
export const CARRIED_CLICK_WAIT_MS = 60 * 1000

/**
 * The click an order's cart carries, once it is stored. The redirect answers
 * before its click is written (the click queue, the in-process batch, a
 * worker restarting), and a cart accepts such a click for ten minutes
 * (`validateCartReferralStep`). An order placed in that gap must not be
 * decided for good without it: when the carried click was minted within that
 * grace of the order, this polls for it for up to `CARRIED_CLICK_WAIT_MS`
 * from now (the queue drains in milliseconds; a restarted worker drains it
 * beside this event). A click that never comes (refused by the database, or
 * forged inside the grace) leaves the order decided without it.
 */
async function waitForCarriedClick(
  attribution: AttributionModuleService,
  clickId: string,
  orderCreatedAt: Date | string,
  waitMs = CARRIED_CLICK_WAIT_MS
): Promise<CandidateClick | null> {
  const minted = clickMintedAt(clickId)
  const placed = new Date(orderCreatedAt).getTime()
  if (
    minted === null ||
    minted > placed + CLOCK_SKEW_MS ||
    placed - minted > UNWRITTEN_CLICK_GRACE_MS
  ) {
    return null
  }
  const deadline = Date.now() + waitMs
  for (let pause = 50; ; pause = Math.min(pause * 2, 1000)) {
    const [click] = (await attribution.listReferralClicks(
      { id: clickId },
      {
        select: CLICK_FIELDS,
        take: 1,
      }
    )) as unknown as CandidateClick[]
    if (click || Date.now() >= deadline) {
      return click ?? null
    }
    await new Promise((r) =>
      setTimeout(r, Math.min(pause, deadline - Date.now()))
    )
  }
}

/**
 * Reads what the decision needs (the order, the clicks its cart and the
 * customer's recent carts carry, their buyers and the clicked notes' tagged
 * products, the buyer promo codes the order used) and decides with
 * `decideAttribution`, adding the shopper and
 * the keyed hash of the shipping address for the review signals. Read-only.
 *
 * @example
 * const decision = decideOrderAttributionStep({ order_id: "order_123" })
 */
export const decideOrderAttributionStep = createStep(
  decideOrderAttributionStepId,
  async (input: { order_id: string }, { container }) => {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const attribution =
      container.resolve<AttributionModuleService>(ATTRIBUTION_MODULE)
    const {
      window: windowDays,
      basket,
      precedence,
    } = (() => {
      const o = attribution.getOptions()
      return {
        window: o.attribution_window_days,
        basket: o.basket,
        precedence: o.promo_code_precedence,
      }
    })()

    const {
      data: [order],
    } = await query.graph({
      entity: "order",
      fields: [
        "id",
        "customer_id",
        "created_at",
        "items.*",
        // The promotions that discounted the lines (Medusa 2.15 and 2.21
        // alike keep each line's adjustments with the promotion's id).
        "items.adjustments.promotion_id",
        "cart.id",
        "cart.metadata",
        "shipping_address.address_1",
        "shipping_address.address_2",
        "shipping_address.postal_code",
        "shipping_address.city",
        "shipping_address.province",
        "shipping_address.country_code",
      ],
      filters: { id: input.order_id },
    })
    const o = order as
      | (OrderForAttribution & {
          cart?: {
            id: string
            metadata?: Record<string, unknown> | null
          } | null
          shipping_address?: Parameters<
            AttributionModuleService["hashAddress"]
          >[0]
        })
      | undefined
    if (!o) {
      return new StepResponse(null)
    }

    const clickIds = new Set<string>()
    const carried = o.cart?.metadata?.referral_click_id
    if (typeof carried === "string") {
      clickIds.add(carried)
    }
    if (o.customer_id) {
      const since = new Date(
        new Date(o.created_at).getTime() - windowDays * 24 * 3600 * 1000
      )
      // By the last update, not the creation: a cart opened before the
      // window may carry a click made inside it, and carrying a click
      // updates the cart, so every cart whose click can be in the window was
      // updated inside it. The click's own time decides (`decideAttribution`).
      const { data: carts } = await query.graph({
        entity: "cart",
        fields: ["id", "metadata", "updated_at"],
        filters: {
          customer_id: o.customer_id,
          updated_at: { $gte: since },
        },
        pagination: { take: MAX_CARTS, order: { updated_at: "DESC" } },
      })
      for (const c of carts as {
        metadata?: Record<string, unknown> | null
      }[]) {
        const id = c.metadata?.referral_click_id
        if (typeof id === "string") {
          clickIds.add(id)
        }
      }
    }

    const clicks = clickIds.size
      ? ((await attribution.listReferralClicks(
          { id: [...clickIds] },
          {
            select: CLICK_FIELDS,
          }
        )) as unknown as CandidateClick[])
      : []
    if (typeof carried === "string" && !clicks.some((c) => c.id === carried)) {
      const arrived = await waitForCarriedClick(
        attribution,
        carried,
        o.created_at
      )
      if (arrived) {
        clicks.push(arrived)
      }
    }

    // The buyers' personal codes among the promotions the order used.
    const promotionIds = [
      ...new Set(
        (o.items as { adjustments?: { promotion_id?: string | null }[] }[])
          .flatMap((i) => i.adjustments ?? [])
          .map((a) => a.promotion_id)
          .filter((p): p is string => !!p)
      ),
    ]
    const promoCodes: UsedPromoCode[] = promotionIds.length
      ? (
          await container
            .resolve<BuyersModuleService>(BUYERS_MODULE)
            .listBuyerPromoCodes(
              { promotion_id: promotionIds },
              { select: ["buyer_id", "code"] }
            )
        ).map((r) => ({ buyer_id: r.buyer_id, code: r.code }))
      : []

    const buyerIds = [
      ...new Set([
        ...clicks.map((c) => c.buyer_id).filter((b): b is string => !!b),
        ...promoCodes.map((c) => c.buyer_id),
      ]),
    ]
    const buyers: Record<string, { status: string; customer_id: string }> = {}
    if (buyerIds.length) {
      const { data } = await query.graph({
        entity: "buyer",
        fields: ["id", "status", "customer_id"],
        filters: { id: buyerIds },
      })
      for (const b of data as {
        id: string
        status: string
        customer_id: string
      }[]) {
        buyers[b.id] = b
      }
    }

    const noteIds = [...new Set(clicks.map((c) => c.note_id))]
    const taggedProducts: Record<string, string[]> = {}
    if (noteIds.length) {
      const { data } = await query.graph({
        entity: "note_product",
        fields: ["note_id", "product_id"],
        filters: { note_id: noteIds },
      })
      for (const np of data as { note_id: string; product_id: string }[]) {
        ;(taggedProducts[np.note_id] ??= []).push(np.product_id)
      }
    }

    return new StepResponse({
      ...decideAttribution({
        order: o,
        clicks,
        buyers,
        taggedProducts,
        windowDays,
        basket,
        promoCodes,
        precedence,
      }),
      // Kept for the report's review signals (repeat customers, addresses).
      customer_id: o.customer_id ?? null,
      shipping_address_hash: attribution.hashAddress(o.shipping_address),
    })
  }
)
