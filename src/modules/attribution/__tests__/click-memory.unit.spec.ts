import fc from "fast-check"
import IORedis from "ioredis"
import { ClickGuard } from "../utils/click-guard"
import { CLICK_MEMORY_LUA, memoryPrefix } from "../utils/click-memory"
import { ClickQueue } from "../utils/click-queue"
import { mintClickId } from "../utils/ids"

// The duplicate and burst memory shared in Redis (the click queue's Lua
// script) against the in-process ClickGuard: the same sequence of clicks
// gets the same verdicts, whether the clicks reach Redis one at a time or
// many in one round trip. A real Redis (REDIS_URL, else 127.0.0.1:6379).
const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379"
const RULES = { dedupeWindowMs: 60_000, burstLimit: 3, burstWindowMs: 60_000 }

jest.setTimeout(120_000)

describe("shared click memory", () => {
  const name = `notes-clicks-memory-unit-${process.pid}`
  const queue = new ClickQueue({
    redisUrl: REDIS_URL,
    name,
    enqueueTimeoutMs: 5000,
    batchSize: 100,
    flushMs: 50,
    memory: RULES,
  })
  const redis = new IORedis(REDIS_URL)

  afterAll(async () => {
    const keys = [
      ...(await redis.keys(`bull:${name}:*`)),
      ...(await redis.keys(`${memoryPrefix(name)}*`)),
    ]
    if (keys.length) {
      await redis.del(...keys)
    }
    redis.disconnect()
    await queue.close()
  })

  const click = (id: string) => ({
    id,
    clicked_at: new Date(),
    dropped_reason: null,
    code: "ABCDEFGHJKLM",
  })

  it("classifies a sequence as ClickGuard does, and marks the dropped clicks' jobs", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            ip: fc.constantFrom("ip-a", "ip-b", "ip-c"),
            visitor: fc.constantFrom("v1", "v2", "v3", "v4"),
            product: fc.constantFrom("p1", "p2"),
          }),
          { minLength: 1, maxLength: 25 }
        ),
        fc.boolean(),
        async (clicks, together) => {
          await queue.resetMemory()
          const guard = new ClickGuard(RULES)
          const now = Date.now()
          const ids = clicks.map(() => mintClickId())
          const expected = clicks.map((c, i) => {
            if (guard.isBurst(c.ip, now)) {
              return { reason: "burst", ref: null }
            }
            const original = guard.duplicateOf(
              `${c.visitor}|n|${c.product}`,
              now,
              ids[i]
            )
            return original
              ? { reason: "duplicate", ref: original }
              : { reason: null, ref: null }
          })
          const add = (i: number) =>
            queue.add(click(ids[i]), {
              ipHash: clicks[i].ip,
              dedupeKey: `${clicks[i].visitor}|n|${clicks[i].product}`,
            })
          const got = together
            ? await Promise.all(clicks.map((_, i) => add(i)))
            : await clicks.reduce<Promise<unknown[]>>(
                async (acc, _, i) => [...(await acc), await add(i)],
                Promise.resolve([])
              )
          expect(got).toEqual(expected)
          // The job of each click carries the verdict's reason.
          const reasons = await Promise.all(
            ids.map(
              async (id) =>
                JSON.parse((await redis.hget(`bull:${name}:${id}`, "data"))!)
                  .dropped_reason
            )
          )
          expect(reasons).toEqual(expected.map((e) => e.reason))
        }
      ),
      { numRuns: 40 }
    )
  })

  // ioredis sends a command again after a reconnect when its answer never
  // came: a MULTI that Redis applied just before going down runs twice.
  it("gives a replayed click its first verdict and counts it once", async () => {
    const prefix = `${memoryPrefix(name)}replay:`
    const run = (...clicks: [string, string, string][]) =>
      redis.eval(
        CLICK_MEMORY_LUA,
        0,
        60_000,
        2,
        60_000,
        prefix,
        `bull:${name}:`,
        ...clicks.flat()
      ) as Promise<string[]>
    const first = mintClickId()
    const second = mintClickId()
    expect(await run(["ip-r", "v1|n|p", first])).toEqual([""])
    // The replay: the click is not a duplicate of itself, nor counted again.
    expect(await run(["ip-r", "v1|n|p", first])).toEqual([""])
    expect(await redis.get(`${prefix}burst:ip-r`)).toBe("1")
    // Another click of the same visitor is still a duplicate of the first,
    // and its replay answers the same.
    expect(await run(["ip-r", "v1|n|p", second])).toEqual([
      `duplicate:${first}`,
    ])
    expect(await run(["ip-r", "v1|n|p", second])).toEqual([
      `duplicate:${first}`,
    ])
    // The third click of the IP is a burst (limit 2), once.
    const third = mintClickId()
    expect(await run(["ip-r", "v2|n|p", third])).toEqual(["burst"])
    expect(await run(["ip-r", "v2|n|p", third])).toEqual(["burst"])
    expect(await redis.get(`${prefix}burst:ip-r`)).toBe("3")
  })

  it("forgets bursts when the window ends, as ClickGuard does", async () => {
    const short = new ClickQueue({
      redisUrl: REDIS_URL,
      name: `${name}-short`,
      enqueueTimeoutMs: 5000,
      batchSize: 100,
      flushMs: 50,
      memory: { dedupeWindowMs: 300, burstLimit: 1, burstWindowMs: 300 },
    })
    try {
      const add = (visitor: string) =>
        short.add(click(mintClickId()), {
          ipHash: "ip-x",
          dedupeKey: `${visitor}|n|p`,
        })
      expect((await add("v1")).reason).toBeNull()
      expect((await add("v2")).reason).toBe("burst")
      // Wait for the key to expire (the signal), not for a fixed time.
      const key = `${memoryPrefix(`${name}-short`)}burst:ip-x`
      const deadline = Date.now() + 10_000
      while ((await redis.exists(key)) && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 20))
      }
      expect(await redis.exists(key)).toBe(0)
      expect((await add("v3")).reason).toBeNull()
      expect((await add("v1")).reason).toBe("burst")
    } finally {
      const keys = [
        ...(await redis.keys(`bull:${name}-short:*`)),
        ...(await redis.keys(`${memoryPrefix(`${name}-short`)}*`)),
      ]
      if (keys.length) {
        await redis.del(...keys)
      }
      await short.close()
    }
  })
})
