import { randomFillSync } from "node:crypto"

// Crockford's base32, as ULIDs use.
const B32 = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
const POOL_SIZE = 4096
const pool = Buffer.alloc(POOL_SIZE)
let offset = POOL_SIZE

/**
 * Random bytes from a pooled CSPRNG buffer: one system call per 4 KiB
 * instead of one per id (the redirect mints two random values per click,
 * and per-call `randomBytes` showed up as the largest cost in its profile).
 */
export function pooledRandomBytes(n: number): Buffer {
  if (offset + n > POOL_SIZE) {
    randomFillSync(pool)
    offset = 0
  }
  const out = Buffer.from(pool.subarray(offset, offset + n))
  offset += n
  return out
}

/**
 * A click id in Medusa's id format (`click_` + 26 characters of a ULID: 48
 * bits of milliseconds, 80 random bits), minted without Medusa's
 * `generateEntityId`, whose ULID library draws one random byte per
 * character from the system.
 */
export function mintClickId(now = Date.now()): string {
  let time = ""
  let t = now
  for (let i = 0; i < 10; i++) {
    time = B32[t % 32] + time
    t = Math.floor(t / 32)
  }
  const bytes = pooledRandomBytes(10)
  let random = ""
  // 80 bits → 16 base32 characters, 5 bits each.
  let acc = 0
  let bits = 0
  for (const b of bytes) {
    acc = (acc << 8) | b
    bits += 8
    while (bits >= 5) {
      bits -= 5
      random += B32[(acc >> bits) & 31]
    }
    acc &= (1 << bits) - 1
  }
  return `click_${time}${random}`
}

/**
 * When a click id was minted (ms), read back from its first 10 characters;
 * null for an id this module did not mint.
 */
export function clickMintedAt(id: string): number | null {
  const m = /^click_([0-9A-HJKMNP-TV-Z]{10})[0-9A-HJKMNP-TV-Z]{16}$/.exec(id)
  if (!m) {
    return null
  }
  let t = 0
  for (const ch of m[1]) {
    t = t * 32 + B32.indexOf(ch)
  }
  return t
}

/** A visitor id for the first-party cookie: 128 random bits, base64url. */
export function mintVisitorId(): string {
  return pooledRandomBytes(16).toString("base64url")
}
