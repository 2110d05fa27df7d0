import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/postgresql"
import { bucketEdges, bucketStarts } from "../bucket-starts"

/** A manager answering the bucket starts statement with one start per call. */
const fakeManager = () => {
  const calls: unknown[][] = []
  const manager = {
    execute: async (_sql: string, bindings: unknown[]) => {
      calls.push(bindings)
      return [{ start: bindings[1] as Date }]
    },
  } as unknown as SqlEntityManager
  return { manager, calls }
}

describe("bucketStarts", () => {
  it("asks the database once per range, zone and interval", async () => {
    const { manager, calls } = fakeManager()
    const from = new Date("2031-01-01T00:00:00Z")
    const to = new Date("2031-01-02T00:00:00Z")
    const first = await bucketStarts(manager, from, to, "UTC", "day")
    expect(first).toEqual(["2031-01-01T00:00:00.000Z"])
    expect(await bucketStarts(manager, from, to, "UTC", "day")).toBe(first)
    expect(await bucketEdges(manager, from, to, "UTC", "day")).toEqual([
      Date.parse("2031-01-01T00:00:00Z"),
    ])
    expect(calls).toHaveLength(1)
    // Another zone or interval is another question.
    await bucketStarts(manager, from, to, "Asia/Kolkata", "day")
    await bucketStarts(manager, from, to, "UTC", "hour")
    expect(calls).toHaveLength(3)
  })

  it("answers an empty range without a query and rejects an unknown interval", async () => {
    const { manager, calls } = fakeManager()
    const at = new Date("2031-02-01T00:00:00Z")
    expect(await bucketStarts(manager, at, at, "UTC", "day")).toEqual([])
    await expect(
      bucketStarts(manager, at, new Date(+at + 1), "UTC", "year" as never)
    ).rejects.toThrow("interval")
    expect(calls).toHaveLength(0)
  })

  it("keeps the last 512 ranges, the oldest going first", async () => {
    const { manager, calls } = fakeManager()
    const day = 24 * 3600 * 1000
    const base = Date.parse("2032-01-01T00:00:00Z")
    const ask = (i: number) =>
      bucketStarts(
        manager,
        new Date(base + i * day),
        new Date(base + (i + 1) * day),
        "UTC",
        "day"
      )
    for (let i = 0; i < 513; i++) {
      await ask(i)
    }
    expect(calls).toHaveLength(513)
    await ask(512)
    expect(calls).toHaveLength(513)
    // The first range was dropped for the 513th.
    await ask(0)
    expect(calls).toHaveLength(514)
  })
})
