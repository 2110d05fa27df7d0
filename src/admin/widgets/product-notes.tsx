import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type { AdminProduct, DetailWidgetProps } from "@medusajs/framework/types"
import { Badge, Container, Heading, Text } from "@medusajs/ui"
import { useEffect, useState } from "react"
import { Link } from "react-router-dom"
import { useAdminQuery } from "../lib/api"
import { useLocale, useT } from "../lib/i18n"
import { formatMoney } from "../lib/money"
import { PATHS } from "../lib/paths"
import type { Report } from "../lib/report"
import { ErrorState, LoadingState } from "../lib/states"
import { useStoreCurrencies } from "../routes/notes/commission-rules/rule-form"
import {
  commissionOn,
  type Preview,
} from "../routes/notes/commission-rules/rules"
import { useProductPrice } from "../routes/notes/commission-rules/use-product-price"
import { useTerms } from "../routes/notes/commission-rules/use-terms"
import { STATUS_COLOR, type NotesList } from "../routes/notes/components/types"

/** How many tagging notes the widget lists; the count says if there are more. */
const SHOWN = 10

/**
 * On a product: its last 30 days in the program (counted clicks,
 * attributed orders, net commission per currency: the program report's
 * product group), the rule a buyer without rules of their own earns by on
 * it now (the rules preview with no buyer, in the store's first currency,
 * with what one unit at its price earns), and the notes that tag it.
 */
const ProductNotesWidget = ({
  data: product,
}: DetailWidgetProps<AdminProduct>) => {
  const t = useT()
  const notes = useAdminQuery<NotesList>("/admin/notes", {
    product_id: product.id,
    limit: SHOWN,
  })
  const list = notes.data?.notes ?? []

  return (
    <Container className="divide-y p-0" data-testid="product-notes">
      <div className="flex items-center justify-between px-6 py-4">
        <Heading level="h2">{t("widgets.product.title")}</Heading>
        {notes.data ? (
          <Text size="small" className="text-ui-fg-subtle">
            {t("widgets.product.count", { count: notes.data.count })}
          </Text>
        ) : null}
      </div>
      <Last30Days productId={product.id} />
      <DefaultRule productId={product.id} />
      {notes.isPending ? (
        <LoadingState rows={2} />
      ) : notes.isError ? (
        <ErrorState error={notes.error} onRetry={() => notes.refetch()} />
      ) : list.length ? (
        <ul>
          {list.map((n) => (
            <li
              key={n.id}
              className="flex items-center justify-between gap-x-2 px-6 py-3"
            >
              <Link
                to={PATHS.note(n.id)}
                className="text-ui-fg-interactive hover:text-ui-fg-interactive-hover txt-small truncate"
              >
                {n.title}
              </Link>
              <Badge size="2xsmall" color={STATUS_COLOR[n.status]}>
                {t(`notes.status.${n.status}`)}
              </Badge>
            </li>
          ))}
        </ul>
      ) : (
        <div className="px-6 py-4">
          <Text size="small" className="text-ui-fg-subtle">
            {t("widgets.product.none")}
          </Text>
        </div>
      )}
    </Container>
  )
}

function Figure({
  label,
  children,
  testId,
}: {
  label: string
  children: React.ReactNode
  testId: string
}) {
  return (
    <div className="flex flex-col">
      <Text size="xsmall" className="text-ui-fg-subtle">
        {label}
      </Text>
      <Text size="small" weight="plus" data-testid={testId}>
        {children}
      </Text>
    </div>
  )
}

/** Clicks, orders and net commission of the product over the last 30 days. */
function Last30Days({ productId }: { productId: string }) {
  const t = useT()
  const locale = useLocale()
  const report = useAdminQuery<Report>("/admin/program-report", {
    preset: "30d",
    group_by: "product",
    key: productId,
    limit: 1,
  })
  const group = report.data?.groups?.[0]
  return (
    <div className="flex flex-col gap-y-2 px-6 py-4">
      <Text size="small" className="text-ui-fg-subtle">
        {t("widgets.product.last30")}
      </Text>
      {report.isPending ? (
        <LoadingState rows={1} />
      ) : report.isError ? (
        <ErrorState error={report.error} onRetry={() => report.refetch()} />
      ) : (
        <div className="grid grid-cols-3 gap-x-2">
          <Figure label={t("widgets.product.clicks")} testId="product-clicks">
            {group?.clicks ?? 0}
          </Figure>
          <Figure label={t("widgets.product.orders")} testId="product-orders">
            {group?.orders ?? 0}
          </Figure>
          <Figure
            label={t("widgets.product.commission")}
            testId="product-commission"
          >
            {group?.currencies.length
              ? group.currencies.map((c) => (
                  <span key={c.currency_code} className="block">
                    {formatMoney(c.net, c.currency_code, locale)}
                  </span>
                ))
              : "–"}
          </Figure>
        </div>
      )}
    </div>
  )
}

/**
 * The rule that applies to the product for a buyer with no rules of
 * their own, and what one unit at its current price earns.
 */
function DefaultRule({ productId }: { productId: string }) {
  const t = useT()
  const locale = useLocale()
  const terms = useTerms()
  const currencies = useStoreCurrencies()
  const [currency, setCurrency] = useState("")
  useEffect(() => {
    if (!currency && currencies.length) {
      setCurrency(currencies[0])
    }
  }, [currencies, currency])
  const preview = useAdminQuery<Preview>(
    "/admin/commission-rules/preview",
    { product_id: productId, currency_code: currency },
    { enabled: !!currency, placeholderData: undefined, retry: false }
  )
  const { price } = useProductPrice(productId, null, currency)
  const rule = preview.data?.commission_rule
  const earns = rule && price ? commissionOn(rule, price, currency) : null

  return (
    <div className="flex flex-col gap-y-1 px-6 py-4" data-testid="product-rule">
      <Text size="small" className="text-ui-fg-subtle">
        {t("widgets.product.defaultRule")}
      </Text>
      {!currency || preview.isPending ? (
        <LoadingState rows={1} />
      ) : preview.isError ? (
        <ErrorState error={preview.error} onRetry={() => preview.refetch()} />
      ) : rule ? (
        <>
          <Text size="small" weight="plus">
            {t("rules.preview.applies", {
              scope: t(`rules.scopes.${rule.scope}`),
              terms: terms(rule),
            })}
          </Text>
          {earns && price ? (
            <Text size="small">
              {t("rules.preview.earns", {
                amount: formatMoney(earns.amount, currency, locale),
                price: formatMoney(price, currency, locale),
              })}
            </Text>
          ) : null}
        </>
      ) : (
        <Text size="small" weight="plus">
          {t("rules.preview.none")}
        </Text>
      )}
      <Link
        to={PATHS.rules}
        className="text-ui-fg-interactive hover:text-ui-fg-interactive-hover txt-small"
      >
        {t("widgets.product.rules")}
      </Link>
    </div>
  )
}

export const config = defineWidgetConfig({
  zone: "product.details.side.after",
})

export default ProductNotesWidget
