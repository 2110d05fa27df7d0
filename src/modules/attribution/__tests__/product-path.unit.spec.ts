import { parseAttributionOptions } from "../utils/options"
import { fillProductPath, visitorCountry } from "../utils/product-path"

describe("product_path and {country}", () => {
  const starter = (extra: Record<string, unknown> = {}) =>
    parseAttributionOptions({
      product_path: "/{country}/products/{handle}",
      default_country: "DK",
      ...extra,
    })

  it("fills every placeholder, URL-encoded", () => {
    expect(
      fillProductPath("/{country}/products/{handle}?id={id}", {
        handle: "night cream/2",
        id: "prod_1",
        country: "nl",
      })
    ).toBe("/nl/products/night%20cream%2F2?id=prod_1")
    expect(
      fillProductPath("/p/{id}", { handle: "h", id: "prod_1", country: "nl" })
    ).toBe("/p/prod_1")
  })

  it("takes the first header with a country the storefront serves, lower case", () => {
    const options = starter({ countries: ["dk", "NL", "de"] })
    expect(options.default_country).toBe("dk")
    expect(options.countries).toEqual(["dk", "nl", "de"])
    expect(visitorCountry({ "cf-ipcountry": "NL" }, options)).toBe("nl")
    expect(
      visitorCountry(
        { "cf-ipcountry": "US", "x-vercel-ip-country": "DE" },
        options
      )
    ).toBe("de")
    expect(visitorCountry({ "cloudfront-viewer-country": "de" }, options)).toBe(
      "de"
    )
  })

  it("falls back to default_country for an unknown, malformed or unserved country", () => {
    const options = starter({ countries: ["dk", "nl"] })
    for (const value of [
      undefined,
      "",
      "XX", // Cloudflare: unknown
      "T1", // Cloudflare: Tor
      "US", // not served
      "nld",
      "n",
      "../admin",
      "NL, DE",
      ["NL", "DE"],
    ]) {
      expect(
        visitorCountry(
          { "cf-ipcountry": value } as Record<string, string>,
          options
        )
      ).toBe("dk")
    }
    // Without a list any two-letter code is taken.
    expect(visitorCountry({ "cf-ipcountry": "US" }, starter())).toBe("us")
  })

  it("reads only the configured headers", () => {
    const options = starter({ country_headers: ["X-Country"] })
    expect(options.country_headers).toEqual(["x-country"])
    expect(visitorCountry({ "cf-ipcountry": "NL" }, options)).toBe("dk")
    expect(visitorCountry({ "x-country": "se" }, options)).toBe("se")
    expect(
      visitorCountry({ "cf-ipcountry": "NL" }, starter({ country_headers: [] }))
    ).toBe("dk")
  })

  it("keeps the old default and paths without {country}", () => {
    const options = parseAttributionOptions({})
    expect(options.product_path).toBe("/products/{handle}")
    expect(options.default_country).toBeUndefined()
    expect(
      parseAttributionOptions({ product_path: "/shop/{id}" }).product_path
    ).toBe("/shop/{id}")
  })

  it.each([
    [
      { product_path: "/{country}/products/{handle}" },
      "Invalid option 'default_country' of the shoppable notes plugin: is required when product_path contains {country}",
    ],
    [
      { product_path: "/{locale}/products/{handle}", default_country: "dk" },
      "Invalid option 'product_path' of the shoppable notes plugin: may only contain the placeholders {handle}, {id}, {country}",
    ],
    [
      { product_path: "/{country/products/{handle}", default_country: "dk" },
      "Invalid option 'product_path'",
    ],
    [
      { product_path: "/{country}/products", default_country: "dk" },
      "Invalid option 'product_path' of the shoppable notes plugin: must contain {handle} or {id}",
    ],
    [
      { default_country: "dnk" },
      "Invalid option 'default_country' of the shoppable notes plugin: must be a two-letter country code such as dk",
    ],
    [
      { default_country: "se", countries: ["dk", "nl"] },
      "Invalid option 'default_country' of the shoppable notes plugin: must be one of countries (dk, nl)",
    ],
    [{ countries: [] }, "Invalid option 'countries'"],
    [{ countries: ["dk", "1"] }, "Invalid option 'countries.1'"],
    [
      { country_headers: ["cf ipcountry"] },
      "Invalid option 'country_headers.0' of the shoppable notes plugin: must be an HTTP header name",
    ],
    [{ country_headers: "cf-ipcountry" }, "Invalid option 'country_headers'"],
  ])("refuses %j at load", (raw, message) => {
    expect(() => parseAttributionOptions(raw)).toThrow(message)
  })
})
