/**
 * Money in the admin stays what the API sends: exact decimal strings in
 * major units ("12.5"), per currency, never floats and never summed across
 * currencies. Formatting hands the string itself to Intl.NumberFormat
 * (which formats a numeric string exactly); the few sums and differences
 * the pages make are done on scaled BigInts.
 */

const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/

type Scaled = { int: bigint; scale: number }

/** `"12.5"` → `{ int: 125n, scale: 1 }`; null for anything else. */
export function parseDecimal(value: string | null | undefined): Scaled | null {
  const m = value == null ? null : DECIMAL.exec(String(value).trim())
  if (!m) {
    return null
  }
  const frac = m[3] ?? ""
  const int = BigInt(m[2] + frac)
  return { int: m[1] ? -int : int, scale: frac.length }
}

/** A scaled BigInt back to its shortest decimal string. */
export function toDecimal(int: bigint, scale: number): string {
  const neg = int < 0n
  const digits = (neg ? -int : int).toString().padStart(scale + 1, "0")
  let out = digits
  if (scale > 0) {
    const head = digits.slice(0, digits.length - scale)
    const tail = digits.slice(digits.length - scale).replace(/0+$/, "")
    out = tail ? `${head}.${tail}` : head
  }
  return neg && out !== "0" ? `-${out}` : out
}

function align(values: Scaled[]): { ints: bigint[]; scale: number } {
  const scale = Math.max(0, ...values.map((v) => v.scale))
  return {
    ints: values.map((v) => v.int * 10n ** BigInt(scale - v.scale)),
    scale,
  }
}

/** The exact sum of decimal strings (`"0.1" + "0.2"` is `"0.3"`). */
export function addDecimals(values: (string | null | undefined)[]): string {
  const parsed = values.map(parseDecimal).filter((p): p is Scaled => p !== null)
  const { ints, scale } = align(parsed)
  return toDecimal(
    ints.reduce((a, b) => a + b, 0n),
    scale
  )
}

/** `a − b`, exactly. */
export function subtractDecimals(a: string, b: string): string {
  const pa = parseDecimal(a) ?? { int: 0n, scale: 0 }
  const pb = parseDecimal(b) ?? { int: 0n, scale: 0 }
  const { ints, scale } = align([pa, pb])
  return toDecimal(ints[0] - ints[1], scale)
}

/** -1, 0 or 1 as `a` is below, equal to or above `b` (numerically). */
export function compareDecimals(a: string, b: string): -1 | 0 | 1 {
  const d = parseDecimal(subtractDecimals(a, b))
  if (!d || d.int === 0n) {
    return 0
  }
  return d.int < 0n ? -1 : 1
}

/** The sign of a decimal string: -1, 0 or 1. */
export function signOf(value: string | null | undefined): -1 | 0 | 1 {
  const p = parseDecimal(value)
  if (!p || p.int === 0n) {
    return 0
  }
  return p.int < 0n ? -1 : 1
}

/**
 * The change from `before` to `now` as a percentage string with one
 * decimal, rounded half away from zero ("+12.5%", "-3%"); null when
 * `before` is zero (no base to compare with).
 */
export function percentChange(
  now: string | number | null | undefined,
  before: string | number | null | undefined
): string | null {
  const n = parseDecimal(now == null ? "0" : String(now))
  const b = parseDecimal(before == null ? "0" : String(before))
  if (!n || !b || b.int === 0n) {
    return null
  }
  const { ints } = align([n, b])
  // (now - before) / before × 1000 (per mille), rounded half away from 0.
  const num = (ints[0] - ints[1]) * 1000n
  const den = ints[1] < 0n ? -ints[1] : ints[1]
  const q = num / den
  const r = num % den
  const rounded = 2n * (r < 0n ? -r : r) >= den ? q + (num < 0n ? -1n : 1n) : q
  const out = toDecimal(rounded, 1)
  return `${rounded > 0n ? "+" : ""}${out}%`
}

/** `"0.123456"` → `"12.3456%"`: the decimal point moved two places, exactly. */
export function ratioToPercent(ratio: string | null | undefined): string {
  const p = parseDecimal(ratio)
  if (!p) {
    return "–"
  }
  return `${shift(p)}%`
}

function shift(p: Scaled): string {
  return p.scale >= 2
    ? toDecimal(p.int, p.scale - 2)
    : toDecimal(p.int * 10n ** BigInt(2 - p.scale), 0)
}

type NumberFormatWithStrings = { format: (value: string) => string }

/**
 * `formatMoney("1234.5", "eur", "en")` → `€1,234.50`. The string goes to
 * Intl as a string: no float on the way.
 */
export function formatMoney(
  amount: string | null | undefined,
  currency: string,
  locale?: string
): string {
  if (amount == null || amount === "") {
    return "–"
  }
  try {
    const nf = new Intl.NumberFormat(locale, {
      style: "currency",
      currency: currency.toUpperCase(),
    }) as unknown as NumberFormatWithStrings
    return nf.format(amount)
  } catch {
    return `${amount} ${currency.toUpperCase()}`
  }
}

/** A whole count in the admin's language (`12,345`). */
export function formatCount(
  value: number | null | undefined,
  locale?: string
): string {
  return value == null ? "–" : new Intl.NumberFormat(locale).format(value)
}
