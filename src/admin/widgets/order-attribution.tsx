import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type { AdminOrder, DetailWidgetProps } from "@medusajs/framework/types"
import { Badge, Container, Heading, Text, toast } from "@medusajs/ui"
import { Link } from "react-router-dom"
import { apiStatus, useAdminQuery } from "../lib/api"
import { formatDateTime } from "../lib/dates"
import { useLocale, useT } from "../lib/i18n"
import { formatMoney } from "../lib/money"
import { PATHS } from "../lib/paths"
import { ErrorState, LoadingState } from "../lib/states"
import { useCommissions } from "../components/earnings/api"
import { EntryStatusBadge } from "../components/earnings/badges"
import { useHoldOrder } from "../components/earnings/hold"
import { HoldButtons } from "../components/earnings/hold-drawer"
import { DetailRow } from "../components/earnings/states"

/** `GET /admin/orders/{id}/attribution` (404 until an attribution is decided). */
type Attribution = {
  id: string
  outcome: string
  reason: string | null
  decided_at: string
  click: { id: string; clicked_at: string; code: string | null } | null
  note: { id: string; title: string; status: string } | null
  buyer: { id: string; handle: string; display_name: string } | null
  lines: {
    id: string
    order_line_id: string
    product_id: string | null
    quantity: number | null
  }[]
}

/** Entries a hold stops short of a settlement; a release frees the held ones. */
const HOLDABLE = ["pending", "approved"]

/**
 * On an order: which buy link and note it came through, the buyer credited
 * and the lines credited, and the commission the order earned, with hold
 * and release (`POST /admin/commissions/hold|release`).
 */
const OrderAttributionWidget = ({
  data: order,
}: DetailWidgetProps<AdminOrder>) => {
  const t = useT()
  const locale = useLocale()
  const attribution = useAdminQuery<{ attribution: Attribution }>(
    `/admin/orders/${order.id}/attribution`,
    {},
    { retry: (n, e) => apiStatus(e) !== 404 && n < 2 }
  )
  const decided = attribution.data?.attribution
  const attributed = !!decided?.buyer && decided.outcome === "attributed"
  const entries = useCommissions({ order_id: order.id, limit: 100 }, attributed)
  const holdOrder = useHoldOrder()

  const list = entries.data?.commissions ?? []
  const canHold = list.some(
    (e) => HOLDABLE.includes(e.status) && !e.settlement_id
  )
  const canRelease = list.some((e) => e.status === "on_hold")

  const run = async (hold: boolean) => {
    try {
      await holdOrder.run({
        order_id: order.id,
        hold,
        label: `#${order.display_id ?? order.id}`,
      })
    } catch (e) {
      toast.error((e as Error).message)
    }
  }

  const notFound = attribution.isError && apiStatus(attribution.error) === 404
  const title = (
    <div className="flex items-center justify-between px-6 py-4">
      <Heading level="h2">{t("widgets.order.title")}</Heading>
      {attributed ? (
        <Badge size="2xsmall" color="green">
          {t("widgets.order.attributed")}
        </Badge>
      ) : null}
    </div>
  )

  if (attribution.isPending) {
    return (
      <Container className="divide-y p-0">
        {title}
        <LoadingState rows={2} />
      </Container>
    )
  }
  if (attribution.isError && !notFound) {
    return (
      <Container className="divide-y p-0">
        {title}
        <ErrorState
          error={attribution.error}
          onRetry={() => attribution.refetch()}
        />
      </Container>
    )
  }
  if (!decided || !attributed) {
    return (
      <Container className="divide-y p-0" data-testid="order-attribution">
        {title}
        <div className="px-6 py-4">
          <Text size="small" className="text-ui-fg-subtle">
            {t("widgets.order.none")}
          </Text>
          {decided?.reason ? (
            <Text size="xsmall" className="text-ui-fg-muted">
              {t("widgets.order.reason", { reason: decided.reason })}
            </Text>
          ) : null}
        </div>
      </Container>
    )
  }

  const titleOf = (lineId: string) =>
    order.items?.find((i) => i.id === lineId)?.product_title ??
    order.items?.find((i) => i.id === lineId)?.title ??
    lineId

  return (
    <Container className="divide-y p-0" data-testid="order-attribution">
      {title}
      <div>
        <DetailRow label={t("widgets.order.clickedAt")}>
          {formatDateTime(decided.click?.clicked_at, locale)}
        </DetailRow>
        <DetailRow label={t("widgets.order.note")}>
          {decided.note ? (
            <Link
              to={PATHS.note(decided.note.id)}
              className="text-ui-fg-interactive hover:text-ui-fg-interactive-hover"
            >
              {decided.note.title}
            </Link>
          ) : (
            "–"
          )}
        </DetailRow>
        <DetailRow label={t("widgets.order.buyer")}>
          <Link
            to={PATHS.buyer(decided.buyer!.id)}
            className="text-ui-fg-interactive hover:text-ui-fg-interactive-hover"
          >
            {decided.buyer!.display_name} (@{decided.buyer!.handle})
          </Link>
        </DetailRow>
        <DetailRow label={t("widgets.order.lines")}>
          {decided.lines.length ? (
            <ul className="flex flex-col gap-y-1">
              {decided.lines.map((l) => (
                <li key={l.id}>
                  {titleOf(l.order_line_id)}
                  {l.quantity != null ? ` × ${l.quantity}` : ""}
                </li>
              ))}
            </ul>
          ) : (
            "–"
          )}
        </DetailRow>
      </div>
      <div className="flex flex-col gap-y-2 px-6 py-4">
        <Text size="small" weight="plus">
          {t("widgets.order.commission")}
        </Text>
        {entries.isPending ? (
          <LoadingState rows={1} />
        ) : entries.isError ? (
          <ErrorState error={entries.error} onRetry={() => entries.refetch()} />
        ) : list.length ? (
          <ul className="flex flex-col gap-y-2" data-testid="order-commissions">
            {list.map((e) => (
              <li
                key={e.id}
                className="flex items-center justify-between gap-x-2"
              >
                <div className="flex items-center gap-x-2">
                  <Text size="small" className="text-ui-fg-subtle">
                    {t(`commissions.type.${e.type}`)}
                  </Text>
                  <EntryStatusBadge status={e.status} />
                </div>
                <Text size="small" className="tabular-nums">
                  {formatMoney(e.amount, e.currency_code, locale)}
                </Text>
              </li>
            ))}
          </ul>
        ) : (
          <Text size="small" className="text-ui-fg-subtle">
            {t("widgets.order.noCommission")}
          </Text>
        )}
      </div>
      {canHold || canRelease ? (
        <div className="flex justify-end gap-x-2 px-6 py-4">
          <HoldButtons
            holdOrder={holdOrder}
            onRun={run}
            canHold={canHold}
            canRelease={canRelease}
          />
        </div>
      ) : null}
    </Container>
  )
}

export const config = defineWidgetConfig({
  zone: "order.details.side.after",
})

export default OrderAttributionWidget
