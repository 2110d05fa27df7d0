import fc from "fast-check"
import { StoreCartReferral } from "../../api/store/carts/validators"
import { mintClickId } from "../../modules/attribution/utils/ids"
import {
  captureReferral,
  cartMetadata,
  clearReferralCookie,
  clickTime,
  forgetReferral,
  parseRef,
  readReferral,
  refFromUrl,
  referralCookie,
  rememberReferral,
  serializeReferralCookie,
} from "../referral"

const DAY = 86_400_000
const NOW = Date.UTC(2026, 2, 15, 12, 0, 0)

/** A click id as the redirect mints it, `ageMs` before NOW. */
const click = (ageMs = 0) => mintClickId(NOW - ageMs)

/** A `Set-Cookie` value split into its name, value and attributes. */
function parseSetCookie(header: string) {
  const [pair, ...attrs] = header.split("; ")
  const eq = pair.indexOf("=")
  const attributes: Record<string, string | true> = {}
  for (const a of attrs) {
    const i = a.indexOf("=")
    attributes[(i < 0 ? a : a.slice(0, i)).toLowerCase()] =
      i < 0 ? true : a.slice(i + 1)
  }
  return { name: pair.slice(0, eq), value: pair.slice(eq + 1), attributes }
}

/**
 * `document.cookie` as a browser keeps it for one page: each assignment
 * sets one cookie (Max-Age ≤ 0 deletes it), reading gives `name=value`
 * pairs of the live ones.
 */
function fakeDocument(clock: () => number) {
  const jar = new Map<string, { value: string; expiresAt: number }>()
  const writes: string[] = []
  return {
    writes,
    get cookie() {
      return [...jar]
        .filter(([, c]) => c.expiresAt > clock())
        .map(([n, c]) => `${n}=${c.value}`)
        .join("; ")
    },
    set cookie(header: string) {
      writes.push(header)
      const { name, value, attributes } = parseSetCookie(header)
      const maxAge = Number(attributes["max-age"])
      if (maxAge <= 0) {
        jar.delete(name)
      } else {
        jar.set(name, { value, expiresAt: clock() + maxAge * 1000 })
      }
    },
  }
}

describe("parseRef", () => {
  it("should accept the ids the redirect mints and trim them", () => {
    const id = click()
    expect(parseRef(id)).toBe(id)
    expect(parseRef(`  ${id}\n`)).toBe(id)
    expect(clickTime(id)).toBe(NOW)
  })

  it("should ignore garbage", () => {
    const id = click()
    for (const bad of [
      undefined,
      null,
      42,
      ["click_01"],
      "",
      "ref",
      id.toLowerCase(),
      id.slice(0, -1),
      `${id}0`,
      id.replace("click_", "clk_"),
      `${id}' OR '1'='1`,
      `<script>${id}</script>`,
      `click_${"0".repeat(25)}é`,
    ]) {
      expect(parseRef(bad)).toBeNull()
    }
  })

  it("should accept exactly what POST /store/carts/{id}/referral accepts", () => {
    const alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcz_- \t\n'é"
    const nearClickId = fc
      .tuple(
        fc.constantFrom("click_", "click", "Click_", "", " click_"),
        fc.string({
          unit: fc.constantFrom(...alphabet.split("")),
          minLength: 24,
          maxLength: 28,
        }),
        fc.constantFrom("", " ", "\n", "x")
      )
      .map(([a, b, c]) => a + b + c)
    // Mostly well-formed ids with white space around, some a character
    // short or long.
    const wellFormed = fc
      .tuple(
        fc.constantFrom("", " ", "\t", "\u00a0"),
        fc.string({
          unit: fc.constantFrom(..."0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"),
          minLength: 25,
          maxLength: 27,
        }),
        fc.constantFrom("", " ", "\n")
      )
      .map(([a, b, c]) => `${a}click_${b}${c}`)
    const seen = { accepted: 0, refused: 0 }
    fc.assert(
      fc.property(fc.oneof(wellFormed, nearClickId, fc.string()), (value) => {
        const api = StoreCartReferral.safeParse({ click_id: value })
        const ours = parseRef(value)
        expect(ours !== null).toBe(api.success)
        if (api.success) {
          expect(ours).toBe(api.data.click_id)
        }
        seen[api.success ? "accepted" : "refused"]++
      }),
      { numRuns: 3000 }
    )
    expect(seen.accepted).toBeGreaterThan(100)
    expect(seen.refused).toBeGreaterThan(100)
  })
})

describe("refFromUrl", () => {
  const id = click()

  it("should read ref from a landing URL in any form", () => {
    const url = `https://shop.example/products/cream?ref=${id}&utm_source=x`
    expect(refFromUrl(url, { now: NOW })).toBe(id)
    expect(refFromUrl(new URL(url), { now: NOW })).toBe(id)
    expect(refFromUrl(`/products/cream?ref=${id}`, { now: NOW })).toBe(id)
    expect(refFromUrl(new URL(url).searchParams, { now: NOW })).toBe(id)
    // Next.js' `searchParams` prop.
    expect(refFromUrl({ ref: id, utm_source: "x" }, { now: NOW })).toBe(id)
    expect(refFromUrl({ ref: ["junk", id] }, { now: NOW })).toBe(id)
  })

  it("should ignore a missing, bad or expired ref", () => {
    expect(refFromUrl("https://shop.example/products/cream")).toBeNull()
    expect(refFromUrl("/p?ref=click_123")).toBeNull()
    expect(refFromUrl("/p?ref=%E0%A4%A")).toBeNull()
    expect(refFromUrl("http://[", { now: NOW })).toBeNull()
    expect(refFromUrl({}, { now: NOW })).toBeNull()
    expect(refFromUrl(`/p?ref=${click(31 * DAY)}`, { now: NOW })).toBeNull()
  })

  it("should take the last valid ref when several are given", () => {
    const older = click(DAY)
    expect(
      refFromUrl(`/p?ref=${older}&ref=${id}&ref=garbage`, { now: NOW })
    ).toBe(id)
  })
})

describe("the referral cookie", () => {
  it("should round-trip through a Set-Cookie header and a Cookie header", () => {
    const id = click()
    const header = serializeReferralCookie(id, { now: NOW, secure: true })!
    const { name, value, attributes } = parseSetCookie(header)
    expect(name).toBe("notes_ref")
    expect(value).toBe(id)
    expect(attributes).toEqual({
      "max-age": String(30 * 86_400),
      expires: new Date(NOW + 30 * DAY).toUTCString(),
      path: "/",
      samesite: "Lax",
      secure: true,
    })
    const cookieHeader = `notes_vid=abc; ${name}=${value}; other=1`
    expect(readReferral(cookieHeader, { now: NOW })).toBe(id)
    // Next.js' cookie store.
    const store = new Map([[name, { value }]])
    expect(readReferral(store, { now: NOW })).toBe(id)
  })

  it("should leave Secure off on http and honour name, window and domain", () => {
    const id = click()
    const c = referralCookie(id, {
      now: NOW,
      secure: false,
      cookieName: "ref_click",
      windowDays: 7,
      domain: ".shop.example",
    })!
    expect(c).toEqual({
      name: "ref_click",
      value: id,
      maxAge: 7 * 86_400,
      expires: new Date(NOW + 7 * DAY),
      path: "/",
      sameSite: "lax",
      secure: false,
      domain: ".shop.example",
    })
    const header = serializeReferralCookie(id, {
      now: NOW,
      secure: false,
      cookieName: "ref_click",
      windowDays: 7,
      domain: ".shop.example",
    })!
    expect(parseSetCookie(header).attributes).not.toHaveProperty("secure")
    expect(parseSetCookie(header).attributes.domain).toBe(".shop.example")
    expect(
      readReferral(`ref_click=${id}`, { now: NOW, cookieName: "ref_click" })
    ).toBe(id)
    expect(readReferral(`notes_ref=${id}`, { cookieName: "ref_click" })).toBe(
      null
    )
  })

  it("should last until the click's window ends, counted from the click", () => {
    const id = click(29 * DAY)
    expect(referralCookie(id, { now: NOW })!.maxAge).toBe(86_400)
    expect(readReferral(`notes_ref=${id}`, { now: NOW })).toBe(id)
    expect(readReferral(`notes_ref=${id}`, { now: NOW + DAY - 1 })).toBe(id)
    expect(readReferral(`notes_ref=${id}`, { now: NOW + DAY })).toBeNull()
    // A click past its window gives no cookie at all.
    expect(referralCookie(click(30 * DAY), { now: NOW })).toBeNull()
    expect(serializeReferralCookie(click(40 * DAY), { now: NOW })).toBeNull()
    // A client clock behind the server's: the whole window from now.
    expect(
      referralCookie(mintClickId(NOW + 60_000), { now: NOW })!.maxAge
    ).toBe(30 * 86_400)
  })

  it("should ignore a cookie holding garbage", () => {
    for (const header of [
      "notes_ref=",
      "notes_ref=click_1",
      "notes_ref=%E0%A4%A",
      `notes_ref=${click().toLowerCase()}`,
      "notes_refx=click_01J9Z7Y6X5W4V3T2S1R0QPNMKH",
      "",
    ]) {
      expect(readReferral(header, { now: NOW })).toBeNull()
    }
    // A good one beside a bad one of the same name (another path).
    const id = click()
    expect(
      readReferral(`notes_ref=junk; notes_ref="${id}"`, { now: NOW })
    ).toBe(id)
  })

  it("should delete with a cookie that has expired", () => {
    const { name, value, attributes } = parseSetCookie(
      clearReferralCookie({ secure: true })
    )
    expect([name, value]).toEqual(["notes_ref", ""])
    expect(attributes["max-age"]).toBe("0")
    expect(new Date(attributes.expires as string).getTime()).toBe(0)
  })
})

describe("in the browser", () => {
  const g = globalThis as unknown as Record<string, unknown>
  let now = NOW
  let doc: ReturnType<typeof fakeDocument>

  beforeEach(() => {
    now = NOW
    doc = fakeDocument(() => now)
    g.document = doc
    g.location = { href: "https://shop.example/", protocol: "https:" }
  })
  afterEach(() => {
    delete g.document
    delete g.location
  })

  it("should keep a landing page's ref and read it back on later pages", () => {
    const id = click()
    g.location = {
      href: `https://shop.example/products/cream?ref=${id}`,
      protocol: "https:",
    }
    expect(captureReferral(undefined, { now })).toBe(id)
    expect(parseSetCookie(doc.writes[0]).attributes.secure).toBe(true)

    // A later page without ref still carries the click.
    g.location = { href: "https://shop.example/cart", protocol: "https:" }
    now += 10 * DAY
    expect(captureReferral(undefined, { now })).toBe(id)
    expect(readReferral(undefined, { now })).toBe(id)
    expect(doc.writes).toHaveLength(1)

    // The browser drops it when the window ends.
    now = NOW + 30 * DAY
    expect(readReferral(undefined, { now })).toBeNull()
  })

  it("should let a later click replace an earlier one", () => {
    const first = click(2 * DAY)
    const second = click()
    expect(rememberReferral(first, { now })).toBe(true)
    expect(captureReferral(`/p?ref=${second}`, { now })).toBe(second)
    expect(readReferral(undefined, { now })).toBe(second)
  })

  it("should not write garbage or expired refs, nor keep a forgotten one", () => {
    const id = click()
    expect(rememberReferral("click_1", { now })).toBe(false)
    expect(rememberReferral(click(31 * DAY), { now })).toBe(false)
    expect(captureReferral("/p?ref=%3Cscript%3E", { now })).toBeNull()
    expect(doc.writes).toEqual([])

    rememberReferral(id, { now })
    expect(captureReferral("/p?ref=garbage", { now })).toBe(id)
    forgetReferral()
    expect(readReferral(undefined, { now })).toBeNull()
  })

  it("should set Secure only on https pages", () => {
    g.location = { href: "http://localhost:8000/", protocol: "http:" }
    rememberReferral(click(), { now })
    expect(parseSetCookie(doc.writes[0]).attributes).not.toHaveProperty(
      "secure"
    )
  })
})

describe("outside a browser", () => {
  it("should neither read nor write document.cookie", () => {
    expect(rememberReferral(click(), { now: NOW })).toBe(false)
    expect(readReferral(undefined, { now: NOW })).toBeNull()
    expect(captureReferral(undefined, { now: NOW })).toBeNull()
    expect(() => forgetReferral()).not.toThrow()
  })
})

describe("cartMetadata", () => {
  it("should carry a valid click as metadata.referral_click_id", () => {
    const id = click()
    expect(cartMetadata(id, { now: NOW })).toEqual({ referral_click_id: id })
    expect({
      region_id: "reg_1",
      ...cartMetadata(` ${id} `, { now: NOW }),
    }).toEqual({
      region_id: "reg_1",
      referral_click_id: id,
    })
  })

  it("should carry nothing for a missing, bad or expired click", () => {
    for (const ref of [null, undefined, "", "click_1", click(31 * DAY)]) {
      expect(cartMetadata(ref, { now: NOW })).toEqual({})
    }
  })
})
