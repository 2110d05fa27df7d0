import { randomBytes } from "node:crypto"

const ALPHABET =
  "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"

/** Length of a buy-link code: 12 base62 characters, about 71 bits. */
export const BUY_LINK_CODE_LENGTH = 12

export const BUY_LINK_CODE_PATTERN = /^[0-9A-Za-z]{12}$/

/**
 * Mints the code of a buy link (`/r/{code}`). Drawn from the OS CSPRNG with
 * rejection sampling (no modulo bias), so codes cannot be guessed from one
 * another or enumerated.
 */
export function mintBuyLinkCode(): string {
  let out = ""
  while (out.length < BUY_LINK_CODE_LENGTH) {
    for (const byte of randomBytes(BUY_LINK_CODE_LENGTH * 2)) {
      // 248 = 62 * 4: bytes at or above it would favour the first letters.
      if (byte < 248 && out.length < BUY_LINK_CODE_LENGTH) {
        out += ALPHABET[byte % 62]
      }
    }
  }
  return out
}
