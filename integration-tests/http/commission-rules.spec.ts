import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import {
  StoreFixture,
  createApprovedBuyer,
  createStoreFixture,
  settle,
  sql,
} from "../helpers/fixtures"

jest.setTimeout(120 * 1000)

medusaIntegrationTestRunner({
  inApp: true,
  env: {},
  testSuite: ({ api, getContainer }) => {
    let f: StoreFixture
    let buyerId: string

    beforeEach(async () => {
      f = await createStoreFixture(getContainer())
      const approved = await createApprovedBuyer(
        api,
        getContainer(),
        f,
        "lin@rules.test",
        "lin"
      )
      buyerId = approved.buyerId
      await api.post(
        `/admin/buyers/${buyerId}`,
        { tier: "gold" },
        f.adminHeaders
      )
    })

    const create = (body: Record<string, unknown>) =>
      settle(api.post("/admin/commission-rules", body, f.adminHeaders))

    it("creates percentage and flat rules with exact amounts, and lists and reads them", async () => {
      const pct = await create({
        scope: "default",
        type: "percentage",
        rate: "12.5",
      })
      expect(pct.status).toBe(200)
      expect(pct.data.commission_rule).toMatchObject({
        scope: "default",
        type: "percentage",
        is_active: true,
      })
      expect(pct.data.commission_rule.rate).toBe("12.5")
      const flat = await create({
        scope: "product",
        type: "flat",
        amount: 3,
        currency_code: "EUR",
        product_id: f.products[0].id,
        cap_amount: "50",
        cap_currency_code: "eur",
      })
      expect(flat.status).toBe(200)
      expect(flat.data.commission_rule).toMatchObject({
        currency_code: "eur",
        product_id: f.products[0].id,
        amount: "3",
        cap_amount: "50",
        rate: null,
      })
      const list = await api.get(
        "/admin/commission-rules?scope=product",
        f.adminHeaders
      )
      expect(list.data.count).toBe(1)
      const one = await api.get(
        `/admin/commission-rules/${pct.data.commission_rule.id}`,
        f.adminHeaders
      )
      expect(one.data.commission_rule.id).toBe(pct.data.commission_rule.id)
      expect(
        (
          await settle(
            api.get("/admin/commission-rules/crule_missing", f.adminHeaders)
          )
        ).status
      ).toBe(404)
    })

    it.each([
      [
        "a percentage over 100",
        { scope: "default", type: "percentage", rate: "100.01" },
        "rate",
      ],
      [
        "a negative percentage",
        { scope: "default", type: "percentage", rate: "-1" },
        "rate",
      ],
      [
        "a negative flat amount",
        { scope: "default", type: "flat", amount: "-3", currency_code: "eur" },
        "amount",
      ],
      [
        "a float with too many digits",
        { scope: "default", type: "percentage", rate: "1.12345678901" },
        "rate",
      ],
      [
        "a flat rule without currency",
        { scope: "default", type: "flat", amount: "3" },
        "currency_code",
      ],
      [
        "an unknown currency",
        { scope: "default", type: "flat", amount: "3", currency_code: "xyz" },
        "currency_code",
      ],
      [
        "a malformed currency",
        { scope: "default", type: "flat", amount: "3", currency_code: "euro" },
        "currency_code",
      ],
      [
        "ends before it starts",
        {
          scope: "default",
          type: "percentage",
          rate: "5",
          starts_at: "2026-12-01",
          ends_at: "2026-11-01",
        },
        "ends_at",
      ],
      [
        "an unknown product",
        {
          scope: "product",
          type: "percentage",
          rate: "5",
          product_id: "prod_missing",
        },
        "product_id",
      ],
      [
        "an unknown buyer",
        {
          scope: "buyer",
          type: "percentage",
          rate: "5",
          buyer_id: "buyer_missing",
        },
        "buyer_id",
      ],
      [
        "a scope without its key",
        {
          scope: "buyer_product",
          type: "percentage",
          rate: "5",
          buyer_id: "x",
        },
        "product_id",
      ],
      [
        "an unknown field",
        { scope: "default", type: "percentage", rate: "5", value: 5 },
        "value",
      ],
      [
        "a cap without currency",
        { scope: "default", type: "percentage", rate: "5", cap_amount: "9" },
        "cap_currency_code",
      ],
    ])(
      "rejects %s with a 400 naming the field",
      async (_label, body, field) => {
        const res = await create(body)
        expect(res.status).toBe(400)
        expect(res.data.message).toContain(field)
        const [{ count }] = await sql<{ count: string }>(
          getContainer(),
          "select count(*) from commission_rule"
        )
        expect(Number(count)).toBe(0)
      }
    )

    it("previews the rule that applies and the ones passed over", async () => {
      await create({ scope: "default", type: "percentage", rate: "5" })
      await create({
        scope: "tier",
        type: "percentage",
        rate: "8",
        tier: "gold",
      })
      const usd = (
        await create({
          scope: "buyer",
          type: "flat",
          amount: "2",
          currency_code: "usd",
          buyer_id: buyerId,
        })
      ).data.commission_rule
      const qs = (extra = "") =>
        `/admin/commission-rules/preview?product_id=${f.products[0].id}&buyer_id=${buyerId}&currency_code=eur${extra}`
      const res = await api.get(qs(), f.adminHeaders)
      expect(res.data.commission_rule).toMatchObject({
        scope: "tier",
        tier: "gold",
      })
      expect(res.data.passed_over).toEqual([
        {
          rule_id: usd.id,
          scope: "buyer",
          reason: "flat amount in usd, order in eur",
        },
      ])
      expect(res.data.context).toMatchObject({
        tier: "gold",
        currency_code: "eur",
      })
      // Without a buyer: what a buyer with no rules of their own gets,
      // at the tier asked for; the buyer's own flat rule is not a
      // candidate.
      const base = `/admin/commission-rules/preview?product_id=${f.products[0].id}&currency_code=eur`
      const anyone = await api.get(base, f.adminHeaders)
      expect(anyone.data.commission_rule).toMatchObject({
        scope: "default",
        rate: "5",
      })
      expect(anyone.data.passed_over).toEqual([])
      expect(anyone.data.context).toMatchObject({ buyer_id: null, tier: null })
      const gold = await api.get(`${base}&tier=gold`, f.adminHeaders)
      expect(gold.data.commission_rule).toMatchObject({
        scope: "tier",
        tier: "gold",
      })
      const silver = await api.get(`${base}&tier=silver`, f.adminHeaders)
      expect(silver.data.commission_rule.scope).toBe("default")
      const product = await create({
        scope: "product",
        type: "percentage",
        rate: "11",
        product_id: f.products[0].id,
      })
      const after = await api.get(qs(), f.adminHeaders)
      expect(after.data.commission_rule.id).toBe(
        product.data.commission_rule.id
      )
      const byDefault = await api.get(base, f.adminHeaders)
      expect(byDefault.data.commission_rule.id).toBe(
        product.data.commission_rule.id
      )

      for (const bad of [
        `/admin/commission-rules/preview?buyer_id=${buyerId}&currency_code=eur`,
        `/admin/commission-rules/preview?product_id=prod_missing&buyer_id=${buyerId}&currency_code=eur`,
        qs().replace(buyerId, "buyer_missing"),
        qs(`&variant_id=${f.products[1].variants[0].id}`),
        qs().replace("currency_code=eur", "currency_code=euros"),
        qs("&tier=gold"),
        `${base}&tier=`,
      ]) {
        const r = await settle(api.get(bad, f.adminHeaders))
        expect({ bad, status: r.status }).toEqual({ bad, status: 400 })
      }
      const both = await settle(api.get(qs("&tier=gold"), f.adminHeaders))
      expect(both.data.message).toMatch(/^tier: /)
    })

    it("previews collection and category rules from the product's own collection and categories", async () => {
      const category = (
        await api.post(
          "/admin/product-categories",
          { name: "Skin care", is_active: true },
          f.adminHeaders
        )
      ).data.product_category
      const collection = (
        await api.post("/admin/collections", { title: "Night" }, f.adminHeaders)
      ).data.collection
      await api.post(
        `/admin/products/${f.products[0].id}`,
        { collection_id: collection.id, categories: [{ id: category.id }] },
        f.adminHeaders
      )
      await create({ scope: "default", type: "percentage", rate: "5" })
      const preview = async (productId: string) =>
        (
          await api.get(
            `/admin/commission-rules/preview?product_id=${productId}&currency_code=eur`,
            f.adminHeaders
          )
        ).data
      const byCategory = (
        await create({
          scope: "category",
          type: "percentage",
          rate: "6",
          category_id: category.id,
        })
      ).data.commission_rule
      const first = await preview(f.products[0].id)
      expect(first.commission_rule.id).toBe(byCategory.id)
      expect(first.context).toMatchObject({
        collection_id: collection.id,
        category_ids: [category.id],
      })
      const byCollection = (
        await create({
          scope: "collection",
          type: "percentage",
          rate: "7",
          collection_id: collection.id,
        })
      ).data.commission_rule
      expect((await preview(f.products[0].id)).commission_rule.id).toBe(
        byCollection.id
      )
      // A product outside both gets the default.
      const other = await preview(f.products[1].id)
      expect(other.commission_rule).toMatchObject({
        scope: "default",
        rate: "5",
      })
      expect(other.context).toMatchObject({
        collection_id: null,
        category_ids: [],
      })
    })

    it("lists rules in the order asked for (scope, type, dates), ties on id; anything else is a 400 naming order", async () => {
      const ids: Record<string, string> = {}
      for (const [name, body] of [
        [
          "tier",
          { scope: "tier", type: "percentage", rate: "8", tier: "gold" },
        ],
        ["default", { scope: "default", type: "percentage", rate: "5" }],
        [
          "flat",
          {
            scope: "product",
            type: "flat",
            amount: "2",
            currency_code: "eur",
            product_id: f.products[0].id,
            ends_at: "2030-01-01T00:00:00Z",
          },
        ],
      ] as const) {
        ids[name] = (await create(body)).data.commission_rule.id
      }
      const order = async (o: string) =>
        (
          await api.get(`/admin/commission-rules?order=${o}`, f.adminHeaders)
        ).data.commission_rules.map((r: { id: string }) => r.id)
      expect(await order("created_at")).toEqual([
        ids.tier,
        ids.default,
        ids.flat,
      ])
      expect(await order("scope")).toEqual([ids.default, ids.flat, ids.tier])
      expect(await order("-type")).toEqual([
        ...[ids.tier, ids.default].sort().reverse(),
        ids.flat,
      ])
      for (const bad of ["rate", "-", "scope,type"]) {
        const res = await settle(
          api.get(
            `/admin/commission-rules?order=${encodeURIComponent(bad)}`,
            f.adminHeaders
          )
        )
        expect([bad, res.status]).toEqual([bad, 400])
        expect(res.data.message).toMatch(/^order: /)
      }
    })

    it("updates rate, dates and active flag, recording who; refuses type mismatches", async () => {
      const rule = (
        await create({ scope: "default", type: "percentage", rate: "5" })
      ).data.commission_rule
      const res = await api.post(
        `/admin/commission-rules/${rule.id}`,
        { rate: "7.25", is_active: false },
        f.adminHeaders
      )
      expect(res.data.commission_rule.rate).toBe("7.25")
      expect(res.data.commission_rule.is_active).toBe(false)
      expect(res.data.commission_rule.updated_by).toMatch(/^user_/)
      for (const [body, field] of [
        [{ amount: "3" }, "amount"],
        [{ rate: "101" }, "rate"],
        [{ scope: "buyer" }, "scope"],
        [{ starts_at: "2026-12-01", ends_at: "2026-01-01" }, "ends_at"],
      ] as const) {
        const bad = await settle(
          api.post(`/admin/commission-rules/${rule.id}`, body, f.adminHeaders)
        )
        expect({ field, status: bad.status }).toEqual({ field, status: 400 })
        expect(bad.data.message).toContain(field)
      }
      expect(
        (
          await settle(
            api.post(
              "/admin/commission-rules/crule_missing",
              { rate: "1" },
              f.adminHeaders
            )
          )
        ).status
      ).toBe(404)
    })

    it("refuses money with more decimal places than its currency has, on create and on update", async () => {
      const before = await sql(getContainer(), "SELECT id FROM commission_rule")
      for (const [body, message] of [
        [
          { amount: "1.234", currency_code: "eur" },
          "amount: has more decimal places than EUR has",
        ],
        [
          { amount: "1.5", currency_code: "JPY" },
          "amount: has more decimal places than JPY has",
        ],
        [
          {
            amount: "1",
            currency_code: "eur",
            cap_amount: "0.5",
            cap_currency_code: "jpy",
          },
          "cap_amount: has more decimal places than JPY has",
        ],
      ] as const) {
        const bad = await create({ scope: "default", type: "flat", ...body })
        expect({ body, status: bad.status }).toEqual({ body, status: 400 })
        expect(bad.data.message).toContain(message)
      }
      expect(
        await sql(getContainer(), "SELECT id FROM commission_rule")
      ).toHaveLength(before.length)

      const rule = (
        await create({
          scope: "default",
          type: "flat",
          amount: "2",
          currency_code: "jpy",
          cap_amount: "10",
          cap_currency_code: "eur",
        })
      ).data.commission_rule
      for (const [body, message] of [
        [{ amount: "2.5" }, "amount: has more decimal places than JPY has"],
        [
          { cap_amount: "10.001" },
          "cap_amount: has more decimal places than EUR has",
        ],
      ] as const) {
        const bad = await settle(
          api.post(`/admin/commission-rules/${rule.id}`, body, f.adminHeaders)
        )
        expect({ body, status: bad.status }).toEqual({ body, status: 400 })
        expect(bad.data.message).toContain(message)
      }
      const ok = await api.post(
        `/admin/commission-rules/${rule.id}`,
        { amount: "3", cap_amount: "10.25" },
        f.adminHeaders
      )
      expect(ok.data.commission_rule).toMatchObject({
        amount: "3",
        cap_amount: "10.25",
      })
    })

    it("rejects bad list parameters with a 400 naming the field", async () => {
      for (const qs of [
        "limit=101",
        "scope=everything",
        "is_active=maybe",
        "offset=-1",
        "foo=1",
      ]) {
        const res = await settle(
          api.get(`/admin/commission-rules?${qs}`, f.adminHeaders)
        )
        expect({ qs, status: res.status }).toEqual({ qs, status: 400 })
        expect(res.data.message).toContain(qs.split("=")[0])
      }
    })

    it("needs an admin", async () => {
      expect((await settle(api.get("/admin/commission-rules"))).status).toBe(
        401
      )
    })
  },
})
