import { useLocale, useT } from "../../../lib/i18n"
import { formatMoney } from "../../../lib/money"
import type { Rule } from "./rules"

/** The rule's terms: "12.5%", "€2.00 per unit", with its cap. */
export function useTerms() {
  const t = useT()
  const locale = useLocale()
  return (r: Rule) => {
    const base =
      r.type === "percentage"
        ? `${r.rate}%`
        : t("rules.perUnit", {
            amount: formatMoney(r.amount, r.currency_code ?? "", locale),
          })
    return r.cap_amount && r.cap_currency_code
      ? `${base} · ${t("rules.capped", { cap: formatMoney(r.cap_amount, r.cap_currency_code, locale) })}`
      : base
  }
}
