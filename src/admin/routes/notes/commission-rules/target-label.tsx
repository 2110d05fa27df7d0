import { Text } from "@medusajs/ui"
import { useAdminQuery } from "../../../lib/api"
import { PICKERS, type PickerSource } from "../../../lib/entity-picker"
import { useT } from "../../../lib/i18n"
import type { Rule, TargetKey } from "./rules"
import { TARGETS } from "./rules"

const SOURCES: Partial<Record<TargetKey, PickerSource>> = {
  product_id: PICKERS.product,
  collection_id: PICKERS.collection,
  category_id: PICKERS.category,
  buyer_id: PICKERS.buyer,
}

/** The name of one target (a product's title, a buyer's display name). */
function Named({ source, id }: { source: PickerSource; id: string }) {
  const one = source.one!
  const q = useAdminQuery<Record<string, Record<string, unknown>>>(
    one.path(id),
    {},
    { staleTime: 60_000, retry: false }
  )
  const rec = q.data?.[one.key]
  return <>{rec ? source.toItem(rec).label : id}</>
}

/** What a rule targets, by name: "Night cream", "Lin · Night cream", "Every sale". */
export function RuleTarget({ rule }: { rule: Rule }) {
  const t = useT()
  const keys = TARGETS[rule.scope]
  if (!keys.length) {
    return <>{t("rules.everySale")}</>
  }
  return (
    <span className="inline-flex flex-wrap items-center gap-x-1">
      {keys.map((k, i) => {
        const id = rule[k]
        const source = SOURCES[k]
        return (
          <span key={k}>
            {i > 0 ? " · " : null}
            {!id ? (
              "–"
            ) : k === "tier" ? (
              id
            ) : k === "variant_id" ? (
              <Text size="small" className="font-mono" asChild>
                <span>{id}</span>
              </Text>
            ) : source ? (
              <Named source={source} id={id} />
            ) : (
              id
            )}
          </span>
        )
      })}
    </span>
  )
}
