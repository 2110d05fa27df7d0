import type { MedusaContainer } from "@medusajs/framework/types"
import {
  StoreFixture,
  createApprovedBuyer,
  createCustomerSession,
  createStoreFixture,
  followBuyLink,
  placeOrder,
  publishBuyerNote,
  settle,
} from "./fixtures"

type Api = Parameters<typeof placeOrder>[0] & {
  get: (url: string, config?: unknown) => Promise<{ data: any }>
}
type Session = Awaited<ReturnType<typeof createCustomerSession>>

export type PromoWorld = {
  f: StoreFixture
  lin: Session
  linId: string
  maya: Session
  mayaId: string
  shopper: Session
  /** Maya's published note tagging the first product, and its buy-link code. */
  mayaLink: string
}

/**
 * The promo-code specs' world: the store, two approved buyers (lin, who
 * gets codes, and maya, whose buy link competes with them), a shopper, and
 * a 10 % default commission rule.
 */
export async function createPromoWorld(
  api: Api,
  container: MedusaContainer
): Promise<PromoWorld> {
  const f = await createStoreFixture(container)
  const lin = await createApprovedBuyer(
    api,
    container,
    f,
    "lin@promo.test",
    "lin"
  )
  const maya = await createApprovedBuyer(
    api,
    container,
    f,
    "maya@promo.test",
    "maya"
  )
  const shopper = await createCustomerSession(
    container,
    f,
    "shopper@promo.test"
  )
  await api.post(
    "/admin/commission-rules",
    { scope: "default", type: "percentage", rate: "10" },
    f.adminHeaders
  )
  const note = await publishBuyerNote(api, maya.session, "Maya's pick", [
    f.products[0].id,
  ])
  return {
    f,
    lin: lin.session,
    linId: lin.buyerId,
    maya: maya.session,
    mayaId: maya.buyerId,
    shopper,
    mayaLink: note.codes[0],
  }
}

/** Gives lin (or `buyerId`) a code through the admin route; the created code. */
export async function giveCode(
  api: Api,
  w: PromoWorld,
  body: Record<string, unknown>,
  buyerId = w.linId
) {
  return (
    await api.post(
      `/admin/buyers/${buyerId}/promo-codes`,
      body,
      w.f.adminHeaders
    )
  ).data.promo_code
}

/**
 * An order of the first product's first variant ×2 and the third product's
 * first variant ×1 (EUR 20 each, EUR 80 in all, no tax), with `codes`
 * applied to the cart, and optionally through maya's buy link.
 */
export async function orderWithCodes(
  api: Api,
  container: MedusaContainer,
  w: PromoWorld,
  opts: { codes: string[]; viaMaya?: boolean; as?: Session }
) {
  const click_id = opts.viaMaya
    ? await followBuyLink(api, container, w.mayaLink)
    : undefined
  const headers = (opts.as ?? w.shopper).headers
  return placeOrder(api, w.f, {
    headers,
    items: [
      { variant_id: w.f.products[0].variants[0].id, quantity: 2 },
      { variant_id: w.f.products[2].variants[0].id, quantity: 1 },
    ],
    click_id,
    before: (cartId) =>
      api.post(
        `/store/carts/${cartId}/promotions`,
        { promo_codes: opts.codes },
        headers
      ),
  })
}

/** Polls the order's attribution decision (decided by the `order.placed` subscriber). */
export async function waitForDecision(
  api: Api,
  w: PromoWorld,
  orderId: string
) {
  const deadline = Date.now() + 30_000
  for (;;) {
    const res = await settle(
      api.get(`/admin/orders/${orderId}/attribution`, w.f.adminHeaders)
    )
    if (res.status === 200) {
      return res.data.attribution
    }
    if (Date.now() > deadline) {
      throw new Error(`no attribution decided for ${orderId}`)
    }
    await new Promise((r) => setTimeout(r, 100))
  }
}

/** The order's commission entries, oldest first. */
export async function entriesOfOrder(api: Api, w: PromoWorld, orderId: string) {
  return (
    await api.get(
      `/admin/commissions?order_id=${orderId}&limit=200`,
      w.f.adminHeaders
    )
  ).data.commissions.reverse() as {
    buyer_id: string
    amount: string
    base_amount: string
    order_line_id: string
    note_id: string | null
  }[]
}

/** Polls the order's entries until `done` holds (accrual is asynchronous). */
export async function waitForEntries(
  api: Api,
  w: PromoWorld,
  orderId: string,
  done: (n: number) => boolean
) {
  const deadline = Date.now() + 30_000
  for (;;) {
    const entries = await entriesOfOrder(api, w, orderId)
    if (done(entries.length)) {
      return entries
    }
    if (Date.now() > deadline) {
      throw new Error(
        `entries of ${orderId} never matched: ${JSON.stringify(entries)}`
      )
    }
    await new Promise((r) => setTimeout(r, 100))
  }
}
