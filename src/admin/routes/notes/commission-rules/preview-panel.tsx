import { Badge, Container, Heading, Text } from "@medusajs/ui"
import { useEffect, useState } from "react"
import { useAdminQuery } from "../../../lib/api"
import {
  EntityPicker,
  PICKERS,
  variantSource,
} from "../../../lib/entity-picker"
import { Field } from "../../../lib/form"
import { useLocale, useT } from "../../../lib/i18n"
import { formatMoney } from "../../../lib/money"
import { ErrorState, LoadingState } from "../../../lib/states"
import { useProductPrice } from "./use-product-price"
import { useTerms } from "./use-terms"
import { CurrencySelect, useStoreCurrencies } from "./rule-form"
import { commissionOn, type Preview } from "./rules"
import { RuleTarget } from "./target-label"

/**
 * Which rule pays a buyer (or, with none chosen, any buyer without rules
 * of their own) for a product (a variant, in a currency) now,
 * which rules were passed over and why, and what one unit at the variant's
 * current price earns (GET /admin/commission-rules/preview).
 */
export function PreviewPanel() {
  const t = useT()
  const locale = useLocale()
  const terms = useTerms()
  const currencies = useStoreCurrencies()
  const [buyer, setBuyer] = useState<string | null>(null)
  const [product, setProduct] = useState<string | null>(null)
  const [variant, setVariant] = useState<string | null>(null)
  const [currency, setCurrency] = useState("")

  useEffect(() => {
    if (!currency && currencies.length) {
      setCurrency(currencies[0])
    }
  }, [currencies, currency])

  // No buyer: the rule of a buyer with no rules of their own.
  const ready = !!product && !!currency
  const preview = useAdminQuery<Preview>(
    "/admin/commission-rules/preview",
    {
      buyer_id: buyer,
      product_id: product,
      variant_id: variant,
      currency_code: currency,
    },
    { enabled: ready, placeholderData: undefined, retry: false }
  )
  const { loaded, price: priceStr } = useProductPrice(
    product,
    variant,
    currency
  )
  const rule = preview.data?.commission_rule
  const earns = rule && priceStr ? commissionOn(rule, priceStr, currency) : null

  return (
    <Container className="divide-y p-0" data-testid="preview">
      <div className="px-6 py-4">
        <Heading level="h2">{t("rules.preview.title")}</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          {t("rules.preview.hint")}
        </Text>
      </div>
      <div className="grid grid-cols-1 gap-4 px-6 py-4 md:grid-cols-4">
        <Field
          id="preview-buyer"
          label={t("rules.targets.buyer_id")}
          optional
          optionalLabel={t("common.optional")}
        >
          <EntityPicker
            id="preview-buyer"
            source={PICKERS.buyer}
            value={buyer}
            onChange={(id) => setBuyer(id)}
          />
        </Field>
        <Field id="preview-product" label={t("rules.targets.product_id")}>
          <EntityPicker
            id="preview-product"
            source={PICKERS.product}
            value={product}
            onChange={(id) => {
              setProduct(id)
              setVariant(null)
            }}
          />
        </Field>
        <Field
          id="preview-variant"
          label={t("rules.targets.variant_id")}
          optional
          optionalLabel={t("common.optional")}
        >
          <EntityPicker
            id="preview-variant"
            source={variantSource(product ?? "")}
            disabled={!product}
            value={variant}
            onChange={(id) => setVariant(id)}
          />
        </Field>
        <Field id="preview-currency" label={t("rules.form.currency")}>
          <CurrencySelect
            id="preview-currency"
            value={currency}
            onChange={setCurrency}
            currencies={currencies}
          />
        </Field>
      </div>
      <div className="px-6 py-4" aria-live="polite">
        {!ready ? (
          <Text size="small" className="text-ui-fg-muted">
            {t("rules.preview.choose")}
          </Text>
        ) : preview.isError ? (
          <ErrorState error={preview.error} onRetry={() => preview.refetch()} />
        ) : preview.isPending || !preview.data ? (
          <LoadingState rows={2} />
        ) : (
          <div className="flex flex-col gap-y-4">
            {rule ? (
              <div
                className="flex flex-col gap-y-1"
                data-testid="preview-winner"
              >
                <Text size="small" weight="plus">
                  {t("rules.preview.applies", {
                    scope: t(`rules.scopes.${rule.scope}`),
                    terms: terms(rule),
                  })}
                </Text>
                <Text size="small" className="text-ui-fg-subtle">
                  <RuleTarget rule={rule} />
                </Text>
                {earns ? (
                  <Text size="small" data-testid="preview-earns">
                    {t("rules.preview.earns", {
                      amount: formatMoney(earns.amount, currency, locale),
                      price: formatMoney(priceStr, currency, locale),
                    })}
                    {earns.capped ? ` (${t("rules.preview.capped")})` : ""}
                  </Text>
                ) : priceStr === null && loaded ? (
                  <Text size="small" className="text-ui-fg-muted">
                    {t("rules.preview.noPrice", {
                      currency: currency.toUpperCase(),
                    })}
                  </Text>
                ) : null}
              </div>
            ) : (
              <Text size="small" weight="plus">
                {t("rules.preview.none")}
              </Text>
            )}
            {preview.data.passed_over.length ? (
              <div className="flex flex-col gap-y-2">
                <Text size="small" className="text-ui-fg-subtle">
                  {t("rules.preview.passedOver")}
                </Text>
                <ul className="flex flex-col gap-y-1">
                  {preview.data.passed_over.map((p) => (
                    <li key={p.rule_id} className="flex items-center gap-x-2">
                      <Badge size="2xsmall" color="orange">
                        {t(`rules.scopes.${p.scope}`)}
                      </Badge>
                      <Text size="small">{p.reason}</Text>
                    </li>
                  ))}
                </ul>
              </div>
            ) : null}
          </div>
        )}
      </div>
    </Container>
  )
}
