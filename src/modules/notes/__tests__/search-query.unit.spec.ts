import { buildSearchStatements, chooseSearchPlan } from "../utils/search-sql"
import { cjkBigrams, parseSearch } from "../utils/search-query"

describe("parseSearch", () => {
  it("splits Latin words from CJK runs", () => {
    expect(parseSearch("best 面霜 for winter 保湿")).toEqual({
      latin: "best for winter",
      cjk: [
        { text: "面霜", grams: "面霜" },
        { text: "保湿", grams: "保湿" },
      ],
    })
  })

  it("turns a CJK run into adjacent bigrams", () => {
    expect(cjkBigrams("这款面霜")).toBe("这款 款面 面霜")
    expect(cjkBigrams("霜")).toBe("霜")
    expect(parseSearch("面霜很好").cjk).toEqual([
      { text: "面霜很好", grams: "面霜 霜很 很好" },
    ])
  })

  it("handles Japanese kana and Korean", () => {
    expect(parseSearch("クリーム").cjk.map((r) => r.grams)).toEqual([
      "クリ リー ーム",
    ])
    expect(parseSearch("크림 추천").cjk.map((r) => r.grams)).toEqual([
      "크림",
      "추천",
    ])
  })

  it("normalises full-width forms (NFKC)", () => {
    expect(parseSearch("ＣＲＥＡＭ").latin).toBe("CREAM")
  })

  it("keeps punctuation out of CJK runs", () => {
    expect(parseSearch("面霜，好用！").cjk.map((r) => r.text)).toEqual([
      "面霜",
      "好用",
    ])
  })
})

const opts = { countCap: 1000, rankBlock: 1000 }

describe("buildSearchStatements", () => {
  it("binds every user value and never interpolates it", () => {
    const q = "'); drop table note; --"
    const { page, count } = buildSearchStatements(
      { q, tag: "x'y", limit: 20, offset: 0 },
      opts
    )
    for (const st of [page, count]) {
      expect(st.sql).not.toContain("drop table")
      expect(st.sql).not.toContain("x'y")
      expect(st.bindings).toContain("x'y")
      expect(st.bindings).toContain("'); drop table note; --")
    }
  })

  it("uses the text index, ranks within blocks, and caps the count", () => {
    const { page, count } = buildSearchStatements(
      { q: "cream 面霜", limit: 5, offset: 10 },
      opts
    )
    expect(page.sql).toContain("websearch_to_tsquery('english', ?)")
    expect(page.sql).toContain("plainto_tsquery('simple', ?)")
    expect(page.sql).toContain("n.search_vector @@ (websearch_to_tsquery")
    expect(page.sql).toContain("ts_rank_cd")
    // filters, match, candidates (one block of 1000 from 0), block size,
    // the rank's tsquery, then the page inside the block.
    expect(page.bindings).toEqual([
      "published",
      "cream",
      "面霜",
      1000,
      0,
      1000,
      "cream",
      "面霜",
      5,
      10,
    ])
    expect(count.bindings.slice(-1)).toEqual([1001])
  })

  it("checks CJK runs of three or more characters as substrings", () => {
    const { page } = buildSearchStatements(
      { q: "面霜很好 保湿", limit: 20, offset: 0 },
      opts
    )
    expect(page.sql.match(/strpos\(n\.body/g)).toHaveLength(1)
    // The substring check comes before the search-document match.
    expect(page.sql.indexOf("strpos")).toBeLessThan(
      page.sql.indexOf("n.search_vector @@")
    )
    expect(page.bindings).toContain("面霜很好")
    expect(page.bindings).toContain("面霜 霜很 很好")
  })

  it("takes two blocks when a page straddles a block boundary", () => {
    const { page } = buildSearchStatements(
      { q: "cream", limit: 20, offset: 990 },
      { countCap: 1000, rankBlock: 1000 }
    )
    expect(page.bindings).toEqual([
      "published",
      "cream",
      2000,
      0,
      1000,
      "cream",
      20,
      990,
    ])
    const deep = buildSearchStatements(
      { q: "cream", limit: 20, offset: 2500 },
      opts
    )
    expect(deep.page.bindings).toEqual([
      "published",
      "cream",
      1000,
      2000,
      1000,
      "cream",
      20,
      500,
    ])
  })

  it("orders by recency without a query and filters published by default", () => {
    const { page, count } = buildSearchStatements(
      { limit: 20, offset: 0 },
      opts
    )
    expect(page.sql).not.toContain("@@")
    expect(page.sql).toContain("ORDER BY n.published_at DESC")
    expect(page.bindings).toEqual(["published", 20, 0])
    expect(count.bindings).toEqual(["published", 1001])
  })

  it("normalises the tag filter like stored tags", () => {
    const { page } = buildSearchStatements(
      { tag: "#SkinCare", limit: 20, offset: 0 },
      opts
    )
    expect(page.bindings).toContain("skincare")
  })
})

describe("chooseSearchPlan", () => {
  const base = { block: 200, tableRows: 100_000, exact: true }
  // break-even: sqrt(200 * 100,000) ≈ 4,472 matches
  it("reads every match through the index when matches are few", () => {
    expect(chooseSearchPlan({ ...base, matches: 0 })).toBe("bitmap")
    expect(chooseSearchPlan({ ...base, matches: 150 })).toBe("bitmap")
    expect(chooseSearchPlan({ ...base, matches: 4000 })).toBe("bitmap")
  })

  it("walks newest first when matches are many", () => {
    expect(chooseSearchPlan({ ...base, matches: 5000, exact: false })).toBe(
      "walk"
    )
    expect(chooseSearchPlan({ ...base, matches: 4500 })).toBe("walk")
  })

  it("never walks for a block or less, even on a tiny table", () => {
    expect(
      chooseSearchPlan({ block: 200, tableRows: 10, matches: 150, exact: true })
    ).toBe("bitmap")
    expect(
      chooseSearchPlan({ block: 200, tableRows: 0, matches: 201, exact: true })
    ).toBe("walk")
  })
})
