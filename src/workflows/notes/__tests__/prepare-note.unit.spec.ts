import { prepareNoteForCreate, prepareNoteUpdate } from "../utils/prepare-note"

const now = new Date("2026-11-29T10:00:00Z")

describe("prepareNoteForCreate", () => {
  it("sets published_at only for published notes and cleans fields", () => {
    const out = prepareNoteForCreate(
      {
        title: "  A   title ",
        body: "<b>hi</b>",
        tags: ["#A", "a"],
        status: "published",
        products: [
          { product_id: "p1", caption: "  " },
          { product_id: "p2", position: 7 },
        ],
      },
      now
    )
    expect(out).toMatchObject({
      title: "A title",
      body: "hi",
      tags: ["a"],
      published_at: now,
      images: [],
      locale: null,
      buyer_id: null,
    })
    expect(out.products).toEqual([
      { product_id: "p1", caption: null, position: 0 },
      { product_id: "p2", caption: null, position: 7 },
    ])
    expect(prepareNoteForCreate({ title: "t", body: "b" }, now)).toMatchObject({
      status: "draft",
      published_at: null,
    })
  })
})

describe("prepareNoteUpdate", () => {
  it("publishes a draft: sets published_at once", () => {
    const first = prepareNoteUpdate(
      "n1",
      { status: "draft", published_at: null },
      { status: "published" },
      now
    )
    expect(first).toEqual({
      data: { id: "n1", status: "published", published_at: now },
      becomesPublished: true,
    })
    const earlier = new Date("2026-01-01T00:00:00Z")
    const again = prepareNoteUpdate(
      "n1",
      { status: "draft", published_at: earlier },
      { status: "published" },
      now
    )
    expect(again.data).toEqual({ id: "n1", status: "published" })
    expect(again.becomesPublished).toBe(true)
  })

  it("writes only the given fields and does not republish a published note", () => {
    const out = prepareNoteUpdate(
      "n1",
      { status: "published", published_at: now },
      { title: "New", status: "published" },
      now
    )
    expect(out).toEqual({
      data: { id: "n1", title: "New" },
      becomesPublished: false,
    })
  })
})
