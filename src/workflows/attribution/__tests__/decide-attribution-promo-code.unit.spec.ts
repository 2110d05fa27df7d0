import { decideAttribution } from "../utils/decide-attribution"

const placed = new Date("2026-11-29T12:00:00Z")
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
  b_maya: { status: "approved", customer_id: "cus_maya" },
  b_sus: { status: "suspended", customer_id: "cus_sus" },
}
const mayaClick = {
  id: "c_maya",
  buyer_id: "b_maya",
  note_id: "n_maya",
  clicked_at: new Date(placed.getTime() - 3_600_000),
  dropped_reason: null,
}
const base = {
  order,
  buyers,
  taggedProducts: { n_maya: ["p_cream"] },
  windowDays: 30,
  basket: "tagged" as const,
}
const linCode = [{ buyer_id: "b_lin", code: "LIN10" }]
const allLines = [
  {
    order_line_id: "li_1",
    product_id: "p_cream",
    variant_id: "v_1",
    quantity: 2,
  },
  {
    order_line_id: "li_2",
    product_id: "p_other",
    variant_id: "v_2",
    quantity: 1,
  },
]

describe("decideAttribution with buyer promo codes", () => {
  it("credits every line to the code's buyer without a click", () => {
    const d = decideAttribution({ ...base, clicks: [], promoCodes: linCode })
    expect(d).toEqual({
      order_id: "order_1",
      outcome: "attributed",
      reason: "promo_code",
      click_id: null,
      buyer_id: "b_lin",
      note_id: null,
      basket: "order",
      window_days: 30,
      lines: allLines,
    })
  })

  it("lets the code win over another buyer's click by default", () => {
    for (const precedence of [undefined, "code" as const]) {
      const d = decideAttribution({
        ...base,
        clicks: [mayaClick],
        promoCodes: linCode,
        precedence,
      })
      expect(d).toMatchObject({
        outcome: "attributed",
        reason: "promo_code_over_click",
        buyer_id: "b_lin",
        click_id: null,
        lines: allLines,
      })
    }
  })

  it("lets the click win with precedence 'click', crediting the click's lines", () => {
    const d = decideAttribution({
      ...base,
      clicks: [mayaClick],
      promoCodes: linCode,
      precedence: "click",
    })
    expect(d).toMatchObject({
      outcome: "attributed",
      reason: "click_over_promo_code",
      buyer_id: "b_maya",
      click_id: "c_maya",
      note_id: "n_maya",
      basket: "tagged",
    })
    expect(d.lines.map((l) => l.order_line_id)).toEqual(["li_1"])
  })

  it("the shopper's own code earns nothing (self_referral), and does not block a click that earns", () => {
    const own = { ...order, customer_id: "cus_lin" }
    expect(
      decideAttribution({
        ...base,
        order: own,
        clicks: [],
        promoCodes: linCode,
      })
    ).toMatchObject({
      outcome: "none",
      reason: "self_referral",
      buyer_id: "b_lin",
      lines: [],
    })
    expect(
      decideAttribution({
        ...base,
        order: own,
        clicks: [mayaClick],
        promoCodes: linCode,
      })
    ).toMatchObject({
      outcome: "attributed",
      reason: "last_click",
      buyer_id: "b_maya",
    })
  })

  it("a suspended buyer's code earns nothing, with its reason", () => {
    const sus = [{ buyer_id: "b_sus", code: "SUS10" }]
    expect(
      decideAttribution({ ...base, clicks: [], promoCodes: sus })
    ).toMatchObject({
      outcome: "none",
      reason: "promo_code_buyer_not_approved",
      buyer_id: "b_sus",
    })
    expect(
      decideAttribution({
        ...base,
        clicks: [mayaClick],
        promoCodes: sus,
        precedence: "code",
      })
    ).toMatchObject({ outcome: "attributed", reason: "last_click" })
  })

  it("two buyers' codes: the first code in order decides, whatever their order", () => {
    const both = [
      { buyer_id: "b_maya", code: "MAYA5" },
      { buyer_id: "b_lin", code: "LIN10" },
    ]
    for (const promoCodes of [both, [...both].reverse()]) {
      expect(
        decideAttribution({ ...base, clicks: [], promoCodes }).buyer_id
      ).toBe("b_lin")
    }
  })

  it("without codes, decides exactly as the click rule", () => {
    expect(
      decideAttribution({ ...base, clicks: [mayaClick], promoCodes: [] })
    ).toEqual(decideAttribution({ ...base, clicks: [mayaClick] }))
  })
})
