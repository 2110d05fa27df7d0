import { Text } from "@medusajs/ui"
import {
  EntityName,
  PICKERS,
  type PickerSource,
} from "../../../lib/entity-picker"
import { useT } from "../../../lib/i18n"
import type { Rule, TargetKey } from "./rules"
import { TARGETS } from "./rules"

const SOURCES: Partial<Record<TargetKey, PickerSource>> = {
  product_id: PICKERS.product,
  collection_id: PICKERS.collection,
  category_id: PICKERS.category,
  buyer_id: PICKERS.buyer,
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
              <EntityName source={source} id={id} />
            ) : (
              id
            )}
          </span>
        )
      })}
    </span>
  )
}
