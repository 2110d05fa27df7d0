import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import {
  StoreFixture,
  createApprovedBuyer,
  createStoreFixture,
  settle,
  sql,
} from "../helpers/fixtures"
import { rawRequest } from "../helpers/raw-http"

jest.setTimeout(180 * 1000)

// Each class of bad input the adversarial pass found, sent as an attacker
// would (raw bytes, no client normalisation): every answer is a 4xx that
// names the field, and nothing is written.
medusaIntegrationTestRunner({
  inApp: true,
  env: {},
  testSuite: ({ api, getContainer }) => {
    let f: StoreFixture
    const base = () => api.defaults.baseURL as string
    const send = (
      method: string,
      path: string,
      opts: {
        store?: boolean
        body?: string | Buffer
        contentType?: string | null
      } = {}
    ) =>
      rawRequest(base(), {
        method,
        path,
        body: opts.body,
        headers: {
          ...(opts.store ? f.storeHeaders.headers : f.adminHeaders.headers),
          ...(opts.body !== undefined && opts.contentType !== null
            ? { "content-type": opts.contentType ?? "application/json" }
            : {}),
        },
      })
    const count = async (table: string) =>
      Number(
        (
          await sql<{ n: string }>(
            getContainer(),
            `SELECT count(*) AS n FROM ${table}`
          )
        )[0].n
      )

    beforeEach(async () => {
      f = await createStoreFixture(getContainer())
    })

    const note = (extra: Record<string, unknown> = {}) => ({
      title: "Night cream",
      body: "A rich cream",
      status: "published",
      images: [{ url: "https://img.example/a.jpg" }],
      products: [{ product_id: f.products[0].id }],
      ...extra,
    })

    it("answers a path that does not decode with a 400 naming the parameter, and a buy link with the storefront home", async () => {
      for (const bad of ["%ZZ", "%E0%A4%A", "%ED%A0%80", "%", "%00"]) {
        for (const [method, path, store] of [
          ["GET", `/admin/notes/${bad}`, false],
          ["POST", `/admin/notes/${bad}/hide`, false],
          ["GET", `/admin/settlements/${bad}`, false],
          ["GET", `/admin/orders/${bad}/attribution`, false],
          ["GET", `/store/notes/${bad}`, true],
          ["GET", `/store/buyers/me/notes/${bad}`, true],
          ["POST", `/store/carts/${bad}/referral`, true],
        ] as const) {
          const res = await send(method, path, {
            store,
            body: method === "POST" ? "{}" : undefined,
          })
          // The store's own routes check the customer first (401).
          expect([400, 401]).toContain(res.status)
          if (res.status === 400) {
            expect(res.json.message).toMatch(/^id: /)
          }
        }
        const redirect = await rawRequest(base(), {
          method: "GET",
          path: `/r/${bad}`,
        })
        expect(redirect.status).toBe(302)
        expect(redirect.headers.location).toBe(
          new URL("/", process.env.STOREFRONT_URL).toString()
        )
      }
    })

    it("refuses NUL and unpaired surrogates anywhere, naming the field, and writes nothing", async () => {
      const before = await count("note")
      const cases: [string, string, string, boolean?][] = [
        ["GET", "/store/notes?q=%00", "q", true],
        ["GET", "/store/notes?tag=a%00b", "tag", true],
        ["GET", "/admin/commissions?buyer_id=%00", "buyer_id"],
        ["GET", "/store/notes?%00=1", "query", true],
      ]
      for (const [method, path, field, store] of cases) {
        const res = await send(method, path, { store })
        expect(res.status).toBe(400)
        expect(res.json.message.startsWith(`${field}: `)).toBe(true)
      }
      const bodies: [unknown, string][] = [
        [note({ title: "a\u0000b" }), "title"],
        [
          note({ images: [{ url: "https://x.example/a.jpg", alt: "\u0000" }] }),
          "images[0].alt",
        ],
        [note({ metadata: { k: "\ud800" } }), "metadata.k"],
        [note({ metadata: { "\udc00": 1 } }), "metadata"],
        [
          note({ products: [{ product_id: "prod\u0000" }] }),
          "products[0].product_id",
        ],
      ]
      for (const [body, field] of bodies) {
        const res = await send("POST", "/admin/notes", {
          body: JSON.stringify(body),
        })
        expect(res.status).toBe(400)
        expect(res.json.message.startsWith(`${field}: `)).toBe(true)
      }
      expect(await count("note")).toBe(before)
    })

    it("refuses bodies nested too deep, too large, or not JSON", async () => {
      const deepArrays = `{"metadata":{"a":${"[".repeat(30000)}${"]".repeat(30000)}}}`
      const deepObjects = `{"metadata":${'{"a":'.repeat(5000)}1${"}".repeat(5000)}}`
      for (const body of [deepArrays, deepObjects]) {
        const res = await send("POST", "/admin/notes", { body })
        expect(res.status).toBe(400)
        expect(res.json.message).toContain("nested deeper")
      }
      const big = await send("POST", "/admin/notes", {
        body: JSON.stringify(note({ body: "x".repeat(2 * 1024 * 1024) })),
      })
      expect(big.status).toBe(413)
      expect(big.json).toMatchObject({ type: "payload_too_large" })
      const broken = await send("POST", "/admin/notes", { body: '{"title":' })
      expect(broken.status).toBe(400)
      expect(broken.json.message).toContain("not valid JSON")
      const notObject = await send("POST", "/admin/notes", { body: "[1]" })
      expect(notObject.status).toBe(400)
    })

    it("never starts a settlement run from a body it cannot parse", async () => {
      const { buyerId } = await createApprovedBuyer(
        api,
        getContainer(),
        f,
        "buyer@notes.test",
        "buyer_one"
      )
      const body = JSON.stringify({ buyer_id: buyerId, currency_code: "eur" })
      for (const contentType of [
        null,
        "text/plain",
        "multipart/form-data; boundary=x",
        "application/xml",
        "application/vnd.api+json",
        "application/x-www-form-urlencoded",
        "application/json; charset=latin1",
      ]) {
        const res = await send("POST", "/admin/settlements", {
          body,
          contentType,
        })
        expect(res.status).toBe(415)
        expect(res.json.type).toBe("unsupported_media_type")
      }
      expect(await count("settlement_run")).toBe(0)
      // The same body as JSON runs for that one buyer only.
      const ok = await send("POST", "/admin/settlements", { body })
      expect(ok.status).toBe(200)
      const runs = await sql<{ buyer_id: string; currency_code: string }>(
        getContainer(),
        "SELECT buyer_id, currency_code FROM settlement_run"
      )
      expect(runs).toEqual([{ buyer_id: buyerId, currency_code: "eur" }])
    })

    it("refuses dates out of range or of another type, and numbers written as anything but decimal digits", async () => {
      const rule = (extra: Record<string, unknown>) =>
        JSON.stringify({
          scope: "default",
          type: "percentage",
          rate: "5",
          ...extra,
        })
      for (const starts_at of [
        "+275760-09-13T00:00:00Z",
        "0000-01-01T00:00:00Z",
        "-271821-04-20T00:00:00Z",
        true,
        false,
        [2020],
        "' OR '1'='1",
        "2020",
      ]) {
        const res = await send("POST", "/admin/commission-rules", {
          body: rule({ starts_at }),
        })
        expect(res.status).toBe(400)
        expect(res.json.message).toMatch(/^starts_at: /)
      }
      for (const q of [
        "created_from=%2B275760-09-13T00:00:00Z",
        "created_from=0000-01-01T00:00:00Z",
        "created_to=true",
        "created_from=%27%20OR%20%271%27%3D%271",
        "limit=0x10",
        "limit=0b11",
        "limit=",
        "offset=1e3",
      ]) {
        const res = await send("GET", `/admin/commissions?${q}`)
        expect(res.status).toBe(400)
        expect(res.json.message.startsWith(q.split("=")[0])).toBe(true)
      }
      const good = await send(
        "GET",
        "/admin/commissions?created_from=2026-01-01&created_to=2026-12-01T08:00:00%2B08:00&limit=10"
      )
      expect(good.status).toBe(200)
      expect(good.json.limit).toBe(10)
      expect(await count("commission_rule")).toBe(0)
    })

    it("keeps a tiny image point as a point and refuses a title of control characters", async () => {
      const tiny = await send("POST", "/admin/notes", {
        body: JSON.stringify(
          note({
            products: [
              {
                product_id: f.products[0].id,
                image_index: 0,
                x: 5e-324,
                y: 1e-46,
              },
            ],
          })
        ),
      })
      expect(tiny.status).toBe(200)
      expect(tiny.json.note.products[0]).toMatchObject({ x: 0, y: 0 })
      const blank = await send("POST", "/admin/notes", {
        body: JSON.stringify(note({ title: "\u0001\u0002\u001f\u007f" })),
      })
      expect(blank.status).toBe(400)
      expect(blank.json.message).toBe("title: must not be empty")
    })

    it("names nested fields by their path", async () => {
      const alt = await send("POST", "/admin/notes", {
        body: JSON.stringify(
          note({ images: [{ url: "https://x.example/a.jpg", alt: 5 }] })
        ),
      })
      expect(alt.status).toBe(400)
      expect(alt.json.message).toMatch(/^images\[0\]\.alt: /)
      const x = await send("POST", "/admin/notes", {
        body: JSON.stringify(
          note({
            products: [
              { product_id: f.products[0].id },
              { product_id: f.products[1].id },
              { product_id: f.products[2].id, x: 2, y: 0.5 },
            ],
          })
        ),
      })
      expect(x.status).toBe(400)
      expect(x.json.message).toMatch(/^products\[2\]\.x: /)
      const locale = await send(
        "GET",
        "/store/notes?note_locale=%3Cscript%3E",
        {
          store: true,
        }
      )
      expect(locale.status).toBe(400)
      expect(locale.json.message).toBe(
        "note_locale: must be a language tag such as en or zh-CN"
      )
      const unknown = await send("POST", "/admin/notes", {
        body: JSON.stringify(note({ colour: "red" })),
      })
      expect(unknown.status).toBe(400)
      expect(unknown.json.message).toBe("colour: unknown field")
    })

    it("refuses rules with more decimals than their currency or fields foreign to their scope, and answers money as decimal strings", async () => {
      const post = (body: Record<string, unknown>) =>
        send("POST", "/admin/commission-rules", { body: JSON.stringify(body) })
      const flat = { scope: "default", type: "flat", currency_code: "eur" }
      for (const [body, field] of [
        [{ ...flat, amount: "1.234" }, "amount"],
        [{ ...flat, currency_code: "jpy", amount: "1.5" }, "amount"],
        [
          {
            scope: "buyer",
            type: "percentage",
            rate: "5",
            buyer_id: "b_1",
            tier: "gold",
          },
          "tier",
        ],
        [
          {
            scope: "default",
            type: "percentage",
            rate: "5",
            currency_code: "eur",
          },
          "currency_code",
        ],
        [
          {
            scope: "default",
            type: "percentage",
            rate: "5",
            cap_amount: "1.001",
            cap_currency_code: "eur",
          },
          "cap_amount",
        ],
      ] as const) {
        const res = await post(body)
        expect(res.status).toBe(400)
        expect(res.json.message.startsWith(`${field}: `)).toBe(true)
      }
      expect(await count("commission_rule")).toBe(0)
      const created = await post({
        ...flat,
        amount: "1.25",
        cap_amount: 3,
        cap_currency_code: "eur",
      })
      expect(created.status).toBe(200)
      expect(created.json.commission_rule).toMatchObject({
        amount: "1.25",
        cap_amount: "3",
        rate: null,
      })
      expect(created.json.commission_rule.raw_amount).toBeUndefined()
      const pct = await post({
        scope: "default",
        type: "percentage",
        rate: 12.5,
      })
      expect(pct.json.commission_rule.rate).toBe("12.5")
      const list = await send("GET", "/admin/commission-rules")
      for (const r of list.json.commission_rules) {
        for (const k of ["rate", "amount", "cap_amount"]) {
          expect(r[k] === null || typeof r[k] === "string").toBe(true)
        }
      }
      const update = await send(
        "POST",
        `/admin/commission-rules/${created.json.commission_rule.id}`,
        {
          body: JSON.stringify({ amount: "0.001" }),
        }
      )
      expect(update.status).toBe(400)
      expect(update.json.message).toMatch(/^amount: /)
    })

    it("answers 409 when a product is tagged twice through the products route", async () => {
      const created = (
        await settle(api.post("/admin/notes", note(), f.adminHeaders))
      ).data.note
      const again = await send("POST", `/admin/notes/${created.id}/products`, {
        body: JSON.stringify({ add: [{ product_id: f.products[0].id }] }),
      })
      expect(again.status).toBe(409)
      expect(again.json.message).toMatch(/^add\[0\]\.product_id: /)
      const rows = await sql(
        getContainer(),
        "SELECT id FROM note_product WHERE note_id = ? AND deleted_at IS NULL",
        [created.id]
      )
      expect(rows).toHaveLength(1)
    })
  },
})
