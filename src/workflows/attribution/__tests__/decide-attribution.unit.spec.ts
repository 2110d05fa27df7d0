import { decideAttribution } from "../utils/decide-attribution"

const placed = new Date("2026-11-29T12:00:00Z")
const daysAgo = (d: number) => new Date(placed.getTime() - d * 86_400_000)
const order = {
  id: "order_1",
  customer_id: "cus_shopper",
  created_at: placed,
  items: [
    { id: "li_1", product_id: "p_cream", variant_id: "v_1", quantity: 2 },
    { id: "li_2", product_id: "p_other", variant_id: "v_2", quantity: 1 },
  ],
}
const buyers = {
  b_lin: { status: "approved", customer_id: "cus_lin" },
  b_sus: { status: "suspended", customer_id: "cus_sus" },
}
const taggedProducts = { n_1: ["p_cream"], n_2: ["p_other"] }
const click = (id: string, over: Record<string, unknown> = {}) => ({
  id,
  buyer_id: "b_lin",
  note_id: "n_1",
  clicked_at: daysAgo(1),
  dropped_reason: null,
  ...over,
})
const base = {
  order,
  buyers,
  taggedProducts,
  windowDays: 30,
  basket: "tagged" as const,
}

describe("decideAttribution", () => {
  it("credits the tagged lines to the latest counted click in the window", () => {
    const d = decideAttribution({
      ...base,
      clicks: [
        click("c_old", { clicked_at: daysAgo(5), note_id: "n_2" }),
        click("c_new"),
      ],
    })
    expect(d).toMatchObject({
      outcome: "attributed",
      click_id: "c_new",
      buyer_id: "b_lin",
      note_id: "n_1",
    })
    expect(d.lines).toEqual([
      {
        order_line_id: "li_1",
        product_id: "p_cream",
        variant_id: "v_1",
        quantity: 2,
      },
    ])
  })

  it("credits the whole order with basket 'order'", () => {
    const d = decideAttribution({
      ...base,
      basket: "order",
      clicks: [click("c")],
    })
    expect(d.lines.map((l) => l.order_line_id)).toEqual(["li_1", "li_2"])
  })

  it.each([
    ["no click", [], "no_click"],
    [
      "only dropped clicks",
      [click("c", { dropped_reason: "bot" })],
      "click_not_counted",
    ],
    [
      "a click older than the window",
      [click("c", { clicked_at: daysAgo(31) })],
      "click_outside_window",
    ],
    [
      "a click after the order",
      [click("c", { clicked_at: new Date(placed.getTime() + 1000) })],
      "click_outside_window",
    ],
    ["a merchant note", [click("c", { buyer_id: null })], "merchant_note"],
    [
      "a suspended buyer",
      [click("c", { buyer_id: "b_sus" })],
      "buyer_not_approved",
    ],
    [
      "an unknown buyer",
      [click("c", { buyer_id: "b_gone" })],
      "buyer_not_approved",
    ],
    ["no tagged line", [click("c", { note_id: "n_9" })], "no_tagged_lines"],
  ])("credits nothing for %s", (_label, clicks, reason) => {
    const d = decideAttribution({ ...base, clicks: clicks as never })
    expect(d).toMatchObject({ outcome: "none", reason, lines: [] })
  })

  it("never credits the buyer's own order (self-referral)", () => {
    const d = decideAttribution({
      ...base,
      order: { ...order, customer_id: "cus_lin" },
      clicks: [click("c")],
    })
    expect(d).toMatchObject({
      outcome: "none",
      reason: "self_referral",
      buyer_id: "b_lin",
    })
  })

  it("ignores dropped clicks even when newer", () => {
    const d = decideAttribution({
      ...base,
      clicks: [
        click("c_counted", { clicked_at: daysAgo(3) }),
        click("c_dup", { dropped_reason: "duplicate" }),
      ],
    })
    expect(d.click_id).toBe("c_counted")
  })
})
