import type { ClickGuard } from "./click-guard"
import type { ClickQueue } from "./click-queue"
import {
  type ClassifyInput,
  type ClickRecord,
  type DroppedReason,
  classifyClick,
  planClick,
} from "./redirect"

// Duplicate and burst memory shared by every process on the click queue's
// Redis (the Medusa route and the edge alike): the same rules as the
// in-process `ClickGuard`, decided by one Lua script that runs in the same
// MULTI as the clicks' jobs (one round trip for a turn's clicks).

/** What the shared memory needs of a click that reaches it (not HEAD, not a bot). */
export type MemoryCheck = {
  ipHash: string
  /** `visitor|note|product`, or null when duplicates are not looked for (window 0). */
  dedupeKey: string | null
}

/** The shared memory's answer for one click. */
export type MemoryVerdict = {
  reason: Extract<DroppedReason, "burst" | "duplicate"> | null
  /** The click id to send the visitor on with (the counted click's, for a duplicate). */
  ref: string | null
}

export type MemoryRules = {
  dedupeWindowMs: number
  burstLimit: number
  burstWindowMs: number
}

/** The Redis keys of a queue's shared memory (docs/edge.md). */
export function memoryPrefix(queueName: string): string {
  return `${queueName}:memory:`
}

/**
 * KEYS: none (the keys are built from the prefixes: one Redis, no cluster).
 * ARGV: dedupe window ms, burst limit, burst window ms, memory prefix, job
 * key prefix, then per click: ip hash, dedupe key ("" for none), click id.
 * Per click, in order: a burst is `INCR {prefix}burst:{ip}` (the window
 * starts at the IP's first click: PEXPIRE on 1; the first click of a window
 * is never a burst), else a duplicate is a failed `SET {prefix}dup:{key}
 * {id} NX PX window` (the counted click's id is the key's value). A click
 * the memory drops has its job's `dropped_reason` set here, in the same
 * MULTI that added the job, so no worker reads it before. Returns one
 * string per click: "" (counts), "burst", or "duplicate:{counted id}".
 *
 * Replays change nothing: each click's verdict is kept under
 * `{prefix}seen:{id}` for two minutes, and a click already seen gets the
 * same answer back without counting it again. ioredis sends a command
 * again after a reconnect when its answer never came, so a MULTI Redis
 * applied just before it went down runs twice; without this the second run
 * found the click's own dedupe key and stored a counted click as a
 * duplicate of itself (the topology drill's Redis restart caught it).
 */
export const CLICK_MEMORY_LUA = `
local dedupeMs = tonumber(ARGV[1])
local burstLimit = tonumber(ARGV[2])
local burstMs = tonumber(ARGV[3])
local prefix = ARGV[4]
local jobPrefix = ARGV[5]
local out = {}
for i = 6, #ARGV, 3 do
  local ip, dkey, id = ARGV[i], ARGV[i + 1], ARGV[i + 2]
  local skey = prefix .. "seen:" .. id
  local seen = redis.call("GET", skey)
  if seen then
    out[#out + 1] = seen
  else
    local verdict = ""
    local bkey = prefix .. "burst:" .. ip
    local n = redis.call("INCR", bkey)
    if n == 1 then
      redis.call("PEXPIRE", bkey, burstMs)
    end
    if n > 1 and n > burstLimit then
      verdict = "burst"
    elseif dkey ~= "" then
      local k = prefix .. "dup:" .. dkey
      if not redis.call("SET", k, id, "NX", "PX", dedupeMs) then
        verdict = "duplicate:" .. (redis.call("GET", k) or id)
      end
    end
    if verdict ~= "" then
      local jk = jobPrefix .. id
      local data = redis.call("HGET", jk, "data")
      if data then
        local d = cjson.decode(data)
        d["dropped_reason"] = verdict == "burst" and "burst" or "duplicate"
        redis.call("HSET", jk, "data", cjson.encode(d))
      end
    end
    redis.call("SET", skey, verdict, "PX", 120000)
    out[#out + 1] = verdict
  end
end
return out
`

/** One of the script's answers as a verdict. */
export function verdictOf(answer: string): MemoryVerdict {
  if (answer === "burst") {
    return { reason: "burst", ref: null }
  }
  if (answer.startsWith("duplicate:")) {
    return { reason: "duplicate", ref: answer.slice("duplicate:".length) }
  }
  return { reason: null, ref: null }
}

type PlanInput = Omit<Parameters<typeof planClick>[0], "classify">

/**
 * A buy link's click, classified and handed over, for the Medusa route and
 * the edge alike. With a click queue: HEAD requests and bots are decided
 * here (they never reach the memory), every other click is classified by
 * the shared memory in Redis in the same round trip as its job is added
 * (`ClickQueue.add`), and the verdict is mirrored in this process's
 * `guard`; when Redis refuses or is too slow, the click is classified by
 * that `guard` and given to `keep` (the caller's direct write), and the
 * visitor is still sent on. Without a queue: the
 * process's `guard`, then `keep`.
 */
export async function redirectClick<O extends string>(
  plan: PlanInput,
  sink: {
    queue: ClickQueue | null
    guard: ClickGuard
    dedupeWindowSeconds: number
    /** Keeps a click the queue did not take (`error`: why, or null without a queue). */
    keep: (click: ClickRecord, error: unknown) => O
  }
): Promise<{ click: ClickRecord; location: string; outcome: O | "queued" }> {
  const local = (c: ClassifyInput) =>
    classifyClick(sink.guard, sink.dedupeWindowSeconds, c)
  const queue = sink.queue
  if (!queue) {
    const planned = planClick({ ...plan, classify: local })
    return { ...planned, outcome: sink.keep(planned.click, null) }
  }
  let deferred: ClassifyInput | null = null
  const planned = planClick({
    ...plan,
    classify: (c) => {
      if (c.method === "HEAD" || c.isBot) {
        return local(c)
      }
      deferred = c
      return { reason: null, ref: c.clickId }
    },
  })
  const input = deferred as ClassifyInput | null
  const check: MemoryCheck | null = input && {
    ipHash: input.ipHash,
    dedupeKey:
      sink.dedupeWindowSeconds > 0
        ? `${input.visitorId}|${input.noteId}|${input.productId}`
        : null,
  }
  try {
    const verdict = await queue.add(planned.click, check)
    withVerdict(planned, verdict)
    if (input) {
      mirror(sink.guard, sink.dedupeWindowSeconds, input, verdict)
    }
    return { ...planned, outcome: "queued" }
  } catch (e) {
    // Redis refused or was too slow: this process's memory decides.
    if (input) {
      withVerdict(planned, local(input))
    }
    return { ...planned, outcome: sink.keep(planned.click, e) }
  }
}

/**
 * Records in this process's memory what the shared memory decided, as
 * `classifyClick` would have recorded it (the IP's count; the counted
 * click of the visitor, note and product), so that when Redis fails this
 * process classifies its own visitors' repeats as Redis did.
 */
function mirror(
  guard: ClickGuard,
  dedupeWindowSeconds: number,
  input: ClassifyInput,
  verdict: MemoryVerdict
): void {
  guard.isBurst(input.ipHash, input.now)
  if (verdict.reason !== "burst" && dedupeWindowSeconds > 0) {
    guard.duplicateOf(
      `${input.visitorId}|${input.noteId}|${input.productId}`,
      input.now,
      verdict.ref ?? input.clickId
    )
  }
}

/** Applies a memory verdict to a planned click: its reason, and the ref of the Location. */
function withVerdict(
  planned: { click: ClickRecord; location: string },
  verdict: { reason: DroppedReason | null; ref: string | null }
): void {
  if (!verdict.reason) {
    return
  }
  const id = planned.click.id
  planned.click.dropped_reason = verdict.reason
  if (verdict.ref && verdict.ref !== id) {
    // planClick sets `ref` first; the id is unique and URL-safe.
    planned.location = planned.location.replace(
      `ref=${id}`,
      `ref=${verdict.ref}`
    )
  }
}
