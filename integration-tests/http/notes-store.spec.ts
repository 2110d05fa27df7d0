import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ApiKeyType, Modules } from "@medusajs/framework/utils"
import {
  createSalesChannelsWorkflow,
  linkProductsToSalesChannelWorkflow,
  linkSalesChannelsToApiKeyWorkflow,
} from "@medusajs/medusa/core-flows"
import {
  applyBuyerWorkflow,
  approveBuyerWorkflow,
  createNotesWorkflow,
} from "../../src/workflows"
import { StoreFixture, createStoreFixture, settle } from "../helpers/fixtures"

jest.setTimeout(120 * 1000)

medusaIntegrationTestRunner({
  inApp: true,
  env: {},
  testSuite: ({ api, getContainer }) => {
    let f: StoreFixture
    let ids: Record<string, string>
    let buyerBo: string

    beforeEach(async () => {
      f = await createStoreFixture(getContainer())
      const buyers: Record<string, string> = {}
      for (const handle of ["anna", "bo_buyer"]) {
        const customer = await getContainer()
          .resolve(Modules.CUSTOMER)
          .createCustomers({ email: `${handle}@notes.test` })
        const { result } = await applyBuyerWorkflow(getContainer()).run({
          input: { customer_id: customer.id, handle, display_name: handle },
        })
        await approveBuyerWorkflow(getContainer()).run({
          input: { id: result.id },
        })
        buyers[handle] = result.id
      }
      buyerBo = buyers.bo_buyer
      const notes = [
        {
          key: "cream",
          title: "The best night cream for dry skin",
          body: "I tried many creams. This cream keeps my skin soft all night.",
          tags: ["skincare", "night"],
          products: [{ product_id: f.products[0].id }],
          buyer_id: buyers.anna,
          locale: "en",
        },
        {
          key: "serum",
          title: "Sun serum review",
          body: "Light texture, no white cast. A cream would be heavier.",
          tags: ["sunscreen"],
          products: [
            {
              product_id: f.products[1].id,
              variant_id: f.products[1].variants[1].id,
            },
            { product_id: f.products[0].id },
          ],
          buyer_id: buyers.bo_buyer,
          locale: "en",
        },
        {
          key: "zh",
          title: "冬天必备",
          body: "这款面霜很好用，保湿效果一流。",
          tags: ["护肤"],
          products: [{ product_id: f.products[0].id }],
          buyer_id: buyers.bo_buyer,
          locale: "zh-CN",
        },
        {
          key: "draft",
          title: "Draft about cream",
          body: "cream cream cream",
          status: "draft" as const,
          tags: ["skincare"],
          products: [],
        },
      ]
      const { result } = await createNotesWorkflow(getContainer()).run({
        input: {
          notes: notes.map(({ key: _k, ...n }) => ({
            status: "published" as const,
            ...n,
          })),
        },
      })
      ids = Object.fromEntries(notes.map((n, i) => [n.key, result[i].id]))
    })

    const list = (qs: string) => api.get(`/store/notes${qs}`, f.storeHeaders)

    describe("GET /store/notes", () => {
      it("lists published notes only, newest first, with count and paging", async () => {
        const res = await list("")
        expect(res.data.count).toBe(3)
        expect(res.data.notes.map((n: { id: string }) => n.id).sort()).toEqual(
          [ids.cream, ids.serum, ids.zh].sort()
        )
        expect(res.data.notes[0]).not.toHaveProperty("status")
        const page = await list("?limit=2&offset=2")
        expect(page.data).toMatchObject({ count: 3, limit: 2, offset: 2 })
        expect(page.data.notes).toHaveLength(1)
        const past = await list("?limit=2&offset=10")
        expect(past.data).toMatchObject({ count: 3, notes: [] })
      })

      it("searches English full text, stemmed and ranked", async () => {
        const res = await list("?q=creams")
        // "cream" is in the title of the first note: it ranks first.
        expect(res.data.notes.map((n: { id: string }) => n.id)).toEqual([
          ids.cream,
          ids.serum,
        ])
        expect(res.data.count).toBe(2)
        expect(
          (await list("?q=texture")).data.notes.map((n: { id: string }) => n.id)
        ).toEqual([ids.serum])
        expect((await list("?q=nothingmatches")).data.count).toBe(0)
      })

      it("matches Chinese substrings of two and more characters, and single characters", async () => {
        for (const q of ["面霜", "这款面霜很好用", "保湿", "冬天", "霜"]) {
          const res = await list(`?q=${encodeURIComponent(q)}`)
          expect({
            q,
            ids: res.data.notes.map((n: { id: string }) => n.id),
          }).toEqual({
            q,
            ids: [ids.zh],
          })
        }
        // Both characters occur, but not next to each other.
        expect(
          (await list(`?q=${encodeURIComponent("面效")}`)).data.count
        ).toBe(0)
        expect(
          (await list(`?q=${encodeURIComponent("护肤")}`)).data.count
        ).toBe(1)
      })

      it("filters by tag, product, buyer and locale", async () => {
        const byTag = await list("?tag=%23SkinCare")
        expect(byTag.data.notes.map((n: { id: string }) => n.id)).toEqual([
          ids.cream,
        ])
        const byProduct = await list(`?product_id=${f.products[0].id}`)
        expect(byProduct.data.count).toBe(3)
        const byProduct1 = await list(`?product_id=${f.products[1].id}`)
        expect(byProduct1.data.notes.map((n: { id: string }) => n.id)).toEqual([
          ids.serum,
        ])
        const byBuyer = await list(`?buyer=${buyerBo}`)
        expect(byBuyer.data.count).toBe(2)
        const byLocale = await list("?note_locale=zh-CN")
        expect(byLocale.data.notes.map((n: { id: string }) => n.id)).toEqual([
          ids.zh,
        ])
        const combined = await list(
          `?buyer=bo_buyer&q=cream&product_id=${f.products[0].id}`
        )
        expect(combined.data.notes.map((n: { id: string }) => n.id)).toEqual([
          ids.serum,
        ])
      })

      it.each([
        ["limit over 100", "limit=101", "limit"],
        ["limit not a number", "limit=ten", "limit"],
        ["negative offset", "offset=-5", "offset"],
        ["unknown parameter", "sort=asc", "sort"],
        ["over-long query", `q=${"a".repeat(201)}`, "q"],
      ])(
        "rejects %s with a 400 naming the field",
        async (_label, qs, field) => {
          const res = await settle(list(`?${qs}`))
          expect(res.status).toBe(400)
          expect(res.data.message).toContain(field)
        }
      )

      it("treats odd search input as text, never as SQL or tsquery syntax", async () => {
        for (const q of [
          "'",
          "cream & | ! ( ) :*",
          "'); drop table note; --",
          "<->",
          "\\",
        ]) {
          const res = await settle(list(`?q=${encodeURIComponent(q)}`))
          expect({ q, status: res.status }).toEqual({ q, status: 200 })
        }
        expect((await list("")).data.count).toBe(3)
      })

      it("needs a publishable key", async () => {
        const res = await settle(api.get("/store/notes"))
        expect(res.status).toBe(400)
      })
    })

    describe("GET /store/notes/:id", () => {
      it("answers the note with products, prices in the region's currency and buy links", async () => {
        const res = await api.get(
          `/store/notes/${ids.serum}?region_id=${f.regionId}`,
          f.storeHeaders
        )
        const note = res.data.note
        expect(note.id).toBe(ids.serum)
        expect(note.products).toHaveLength(2)
        const [serum, cream] = note.products
        expect(serum.product).toEqual({
          id: f.products[1].id,
          title: "Sun Serum",
          handle: "sun-serum",
          thumbnail: "https://img.example/1.jpg",
        })
        // The tagged variant's price (50ml: 30 + 5).
        expect(serum.price).toMatchObject({
          variant_id: f.products[1].variants[1].id,
          currency_code: "eur",
          calculated_amount: 35,
        })
        // No variant tagged: the lowest price of the product.
        expect(cream.price).toMatchObject({
          currency_code: "eur",
          calculated_amount: 20,
        })
        expect(serum.buy_url).toMatch(/\/r\/[0-9A-Za-z]{12}$/)
        expect(serum.buy_url).not.toEqual(cream.buy_url)
        expect(serum).not.toHaveProperty("code")
      })

      it("prices in a currency, and without context gives no price", async () => {
        const usd = await api.get(
          `/store/notes/${ids.cream}?currency_code=USD`,
          f.storeHeaders
        )
        expect(usd.data.note.products[0].price).toMatchObject({
          currency_code: "usd",
          calculated_amount: 22,
        })
        const none = await api.get(`/store/notes/${ids.cream}`, f.storeHeaders)
        expect(none.data.note.products[0].price).toBeNull()
        expect(none.data.note.products[0].product.title).toBe("Night Cream")
      })

      it("hides products outside the key's sales channel and unpublished products", async () => {
        const productModule = getContainer().resolve(Modules.PRODUCT)
        await productModule.updateProducts(f.products[0].id, {
          status: "draft",
        })
        const res = await api.get(`/store/notes/${ids.serum}`, f.storeHeaders)
        expect(
          res.data.note.products.map(
            (p: { product_id: string }) => p.product_id
          )
        ).toEqual([f.products[1].id])
      })

      it("answers 404 for drafts and unknown notes, 400 for bad pricing params", async () => {
        expect(
          (await settle(api.get(`/store/notes/${ids.draft}`, f.storeHeaders)))
            .status
        ).toBe(404)
        expect(
          (await settle(api.get(`/store/notes/note_nope`, f.storeHeaders)))
            .status
        ).toBe(404)
        const region = await settle(
          api.get(
            `/store/notes/${ids.cream}?region_id=reg_nope`,
            f.storeHeaders
          )
        )
        expect(region.status).toBe(400)
        expect(region.data.message).toContain("region_id")
        const currency = await settle(
          api.get(
            `/store/notes/${ids.cream}?currency_code=euro`,
            f.storeHeaders
          )
        )
        expect(currency.status).toBe(400)
        expect(currency.data.message).toContain("currency_code")
      })
    })

    describe("one product view per sales channel", () => {
      type Headers = { headers: Record<string, string> }
      const idsOf = (items: { id: string }[]) => items.map((n) => n.id)
      const productIdsOf = (note: { products: { product_id: string }[] }) =>
        note.products.map((p) => p.product_id)

      /** A publishable key for a new sales channel carrying `productIds`. */
      const keyForChannel = async (
        name: string,
        productIds: string[]
      ): Promise<Headers> => {
        const container = getContainer()
        const {
          result: [channel],
        } = await createSalesChannelsWorkflow(container).run({
          input: { salesChannelsData: [{ name }] },
        })
        if (productIds.length) {
          await linkProductsToSalesChannelWorkflow(container).run({
            input: { id: channel.id, add: productIds },
          })
        }
        const key = await container.resolve(Modules.API_KEY).createApiKeys({
          title: name,
          type: ApiKeyType.PUBLISHABLE,
          created_by: "test",
        })
        await linkSalesChannelsToApiKeyWorkflow(container).run({
          input: { id: key.id, add: [channel.id] },
        })
        return { headers: { "x-publishable-api-key": key.token } }
      }

      /**
       * Lists the notes with `headers`, reads each note's page, and checks
       * that the list shows each note's products as its page does and that
       * `product_id` matches exactly the notes whose page shows the product.
       * Returns the products shown per note.
       */
      const expectListDetailAndFilterAgree = async (headers: Headers) => {
        const listed = (await api.get("/store/notes", headers)).data
        const shown: Record<string, string[]> = {}
        for (const item of listed.notes) {
          const detail = (await api.get(`/store/notes/${item.id}`, headers))
            .data.note
          expect({ note: item.id, products: productIdsOf(item) }).toEqual({
            note: item.id,
            products: productIdsOf(detail),
          })
          expect(
            item.products.map((p: { buy_url: string }) => p.buy_url)
          ).toEqual(detail.products.map((p: { buy_url: string }) => p.buy_url))
          shown[item.id] = productIdsOf(detail)
        }
        for (const product of f.products) {
          const res = (
            await api.get(`/store/notes?product_id=${product.id}`, headers)
          ).data
          const expected = Object.keys(shown)
            .filter((id) => shown[id].includes(product.id))
            .sort()
          expect({
            product: product.id,
            notes: idsOf(res.notes).sort(),
            count: res.count,
          }).toEqual({
            product: product.id,
            notes: expected,
            count: expected.length,
          })
        }
        return shown
      }

      it("list, detail and product filter agree for each publishable key", async () => {
        // The app's channel carries the serum only; the web's carries all.
        const app = await keyForChannel("Notes app", [f.products[1].id])

        const web = await expectListDetailAndFilterAgree(f.storeHeaders)
        expect(web).toEqual({
          [ids.cream]: [f.products[0].id],
          [ids.serum]: [f.products[1].id, f.products[0].id],
          [ids.zh]: [f.products[0].id],
        })

        // The cream is not in the app's channel: every note still lists (as
        // its page shows it), without the cream and its buy link.
        const inApp = await expectListDetailAndFilterAgree(app)
        expect(inApp).toEqual({
          [ids.cream]: [],
          [ids.serum]: [f.products[1].id],
          [ids.zh]: [],
        })
        const byCream = (
          await api.get(
            `/store/notes?product_id=${f.products[0].id}&limit=1&offset=5`,
            app
          )
        ).data
        expect(byCream).toMatchObject({ notes: [], count: 0 })

        // An unpublished product leaves every channel's view.
        await getContainer()
          .resolve(Modules.PRODUCT)
          .updateProducts(f.products[1].id, { status: "draft" })
        expect(await expectListDetailAndFilterAgree(f.storeHeaders)).toEqual({
          [ids.cream]: [f.products[0].id],
          [ids.serum]: [f.products[0].id],
          [ids.zh]: [f.products[0].id],
        })
        expect(await expectListDetailAndFilterAgree(app)).toEqual({
          [ids.cream]: [],
          [ids.serum]: [],
          [ids.zh]: [],
        })
      })

      it("a key without a sales channel sees the notes but no products", async () => {
        const key = await getContainer()
          .resolve(Modules.API_KEY)
          .createApiKeys({
            title: "no channel",
            type: ApiKeyType.PUBLISHABLE,
            created_by: "test",
          })
        const headers = { headers: { "x-publishable-api-key": key.token } }
        expect(await expectListDetailAndFilterAgree(headers)).toEqual({
          [ids.cream]: [],
          [ids.serum]: [],
          [ids.zh]: [],
        })
      })
    })
  },
})
