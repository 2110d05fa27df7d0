import { readdirSync, readFileSync } from "fs"
import { join } from "path"

/*
 * The admin's string catalogues: every language ships the same keys as
 * English, and each string keeps English's `{{placeholders}}` (a dropped or
 * renamed one renders as a blank or as the raw key in the dashboard).
 */
const ROOT = join(__dirname, "..")
const BASE = "en"
const LANGS = ["zhCN"]

type Tree = { [key: string]: string | Tree }

function areas(lang: string): string[] {
  return readdirSync(join(ROOT, lang))
    .filter((f) => f.endsWith(".json"))
    .sort()
}

function load(lang: string, area: string): Tree {
  return JSON.parse(readFileSync(join(ROOT, lang, area), "utf8")) as Tree
}

/** Every leaf as its dotted path and string. */
function flatten(tree: Tree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>()
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key
    if (typeof value === "string") {
      out.set(path, value)
    } else {
      for (const [p, v] of flatten(value, path)) {
        out.set(p, v)
      }
    }
  }
  return out
}

/** The sorted, distinct interpolation names of a string: `{{ count }}` → count. */
function placeholders(s: string): string[] {
  const names = [...s.matchAll(/\{\{\s*([^}\s]+)\s*\}\}/g)].map((m) => m[1])
  return [...new Set(names)].sort()
}

/** What is wrong with `other` against `base`, one line per problem. */
function compare(
  base: Map<string, string>,
  other: Map<string, string>
): string[] {
  const problems: string[] = []
  for (const [key, en] of base) {
    const tr = other.get(key)
    if (tr === undefined) {
      problems.push(`missing ${key}`)
      continue
    }
    const want = placeholders(en).join(",")
    const got = placeholders(tr).join(",")
    if (want !== got) {
      problems.push(`${key}: placeholders {${got}} instead of {${want}}`)
    }
  }
  for (const key of other.keys()) {
    if (!base.has(key)) {
      problems.push(`extra ${key}`)
    }
  }
  return problems
}

describe("admin string catalogues", () => {
  it("finds the English catalogues", () => {
    expect(areas(BASE)).toEqual(
      expect.arrayContaining([
        "buyers.json",
        "commissions.json",
        "common.json",
        "notes.json",
        "overview.json",
        "rules.json",
        "settlements.json",
      ])
    )
  })

  describe.each(LANGS)("%s", (lang) => {
    it("has a twin of every English file and no file English lacks", () => {
      expect(areas(lang)).toEqual(areas(BASE))
    })

    it.each(areas(BASE))("%s has English's keys and placeholders", (area) => {
      const problems = compare(
        flatten(load(BASE, area)),
        flatten(load(lang, area))
      )
      expect(problems).toEqual([])
    })
  })

  describe("the comparison itself", () => {
    const en = flatten({
      title: "Buyers",
      detail: { approved: "@{{handle}} is approved", count: "{{count}} x" },
    })

    it("accepts a faithful translation", () => {
      const zh = flatten({
        title: "买手",
        detail: { approved: "已通过 @{{ handle }}", count: "{{count}} 个" },
      })
      expect(compare(en, zh)).toEqual([])
    })

    it("names a missing key, an extra key and a changed placeholder", () => {
      const zh = flatten({
        title: "买手",
        subtitle: "多余",
        detail: { approved: "已通过 @{{name}}" },
      })
      expect(compare(en, zh)).toEqual([
        "detail.approved: placeholders {name} instead of {handle}",
        "missing detail.count",
        "extra subtitle",
      ])
    })

    it("counts a placeholder dropped from a string", () => {
      expect(
        compare(flatten({ a: "{{x}} of {{y}}" }), flatten({ a: "{{x}}" }))
      ).toEqual(["a: placeholders {x} instead of {x,y}"])
    })
  })
})
