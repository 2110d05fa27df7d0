import { buildSearchSql } from "../service"
import { cjkBigrams, parseSearch } from "../utils/search-query"

describe("parseSearch", () => {
  it("splits Latin words from CJK runs", () => {
    expect(parseSearch("best 面霜 for winter 保湿")).toEqual({
      latin: "best for winter",
      cjk: ["面霜", "保湿"],
    })
  })

  it("turns a CJK run into adjacent bigrams", () => {
    expect(cjkBigrams("这款面霜")).toBe("这款 款面 面霜")
    expect(cjkBigrams("霜")).toBe("霜")
    expect(parseSearch("面霜很好").cjk).toEqual(["面霜 霜很 很好"])
  })

  it("handles Japanese kana and Korean", () => {
    expect(parseSearch("クリーム").cjk).toEqual(["クリ リー ーム"])
    expect(parseSearch("크림 추천").cjk).toEqual(["크림", "추천"])
  })

  it("normalises full-width forms (NFKC)", () => {
    expect(parseSearch("ＣＲＥＡＭ").latin).toBe("CREAM")
  })

  it("keeps punctuation out of CJK runs", () => {
    expect(parseSearch("面霜，好用！").cjk).toEqual(["面霜", "好用"])
  })
})

describe("buildSearchSql", () => {
  it("binds every user value and never interpolates it", () => {
    const q = "'); drop table note; --"
    const { sql, bindings } = buildSearchSql({
      q,
      tag: "x'y",
      limit: 20,
      offset: 0,
    })
    expect(sql).not.toContain("drop table")
    expect(sql).not.toContain("x'y")
    expect(bindings).toContain("x'y")
    expect(bindings).toContain("'); drop table note; --")
  })

  it("uses the text index and ranks when there is a query", () => {
    const { sql, bindings } = buildSearchSql({
      q: "cream 面霜",
      limit: 5,
      offset: 10,
    })
    expect(sql).toContain("websearch_to_tsquery('english', ?)")
    expect(sql).toContain("phraseto_tsquery('simple', ?)")
    expect(sql).toContain("n.search_vector @@ q.query")
    expect(sql).toContain("ts_rank_cd")
    expect(bindings.slice(0, 2)).toEqual(["cream", "面霜"])
    expect(bindings.slice(-2)).toEqual([5, 10])
  })

  it("orders by recency without a query and filters published by default", () => {
    const { sql, bindings } = buildSearchSql({ limit: 20, offset: 0 })
    expect(sql).not.toContain("@@")
    expect(sql).toContain("ORDER BY n.published_at DESC")
    expect(bindings).toEqual(["published", 20, 0])
  })

  it("normalises the tag filter like stored tags", () => {
    const { bindings } = buildSearchSql({
      tag: "#SkinCare",
      limit: 20,
      offset: 0,
    })
    expect(bindings).toContain("skincare")
  })
})
