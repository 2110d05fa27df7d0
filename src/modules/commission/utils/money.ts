import { MathBN } from "@medusajs/framework/utils"
import type { BigNumberInput } from "@medusajs/framework/types"

// bignumber.js's ROUND_HALF_UP: ties away from zero.
const ROUND_HALF_UP = 4

const precisionCache = new Map<string, number>()

/**
 * Minor-unit digits of a currency (ISO 4217, from the runtime's ICU data):
 * 2 for EUR and USD, 0 for JPY and KRW, 3 for KWD and BHD.
 */
export function currencyPrecision(currencyCode: string): number {
  const code = currencyCode.toUpperCase()
  let digits = precisionCache.get(code)
  if (digits === undefined) {
    digits = new Intl.NumberFormat("en", {
      style: "currency",
      currency: code,
    }).resolvedOptions().maximumFractionDigits as number
    precisionCache.set(code, digits)
  }
  return digits
}

/** Rounds once, half-up, to the currency's minor unit; returns a decimal string. */
export function roundMoney(
  value: BigNumberInput,
  currencyCode: string
): string {
  return MathBN.convert(value)
    .decimalPlaces(currencyPrecision(currencyCode), ROUND_HALF_UP)
    .toFixed()
}

/** True when the value has no more decimals than the currency allows. */
export function fitsCurrency(value: BigNumberInput, currencyCode: string) {
  const v = MathBN.convert(value)
  return v.decimalPlaces(currencyPrecision(currencyCode)).eq(v)
}

/** A decimal string of any bigNumber input ("-0" normalised to "0"). */
export function decimal(value: BigNumberInput): string {
  const s = MathBN.convert(value).toFixed()
  return s === "-0" ? "0" : s
}
