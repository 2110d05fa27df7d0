import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type {
  AdminCustomer,
  DetailWidgetProps,
} from "@medusajs/framework/types"
import { Badge, Container, Heading, Text } from "@medusajs/ui"
import { Link } from "react-router-dom"
import { useT } from "../lib/i18n"
import { PATHS } from "../lib/paths"
import { ErrorState, LoadingState } from "../lib/states"
import { useBuyers } from "../components/earnings/api"
import { BuyerStatusBadge } from "../components/earnings/badges"
import { DetailRow } from "../components/earnings/states"

/**
 * On a customer: their buyer profile (`GET /admin/buyers?customer_id=`), or
 * a quiet "Not a buyer".
 */
const CustomerBuyerWidget = ({
  data: customer,
}: DetailWidgetProps<AdminCustomer>) => {
  const t = useT()
  const buyers = useBuyers({ customer_id: customer.id, limit: 1 })
  const buyer = buyers.data?.buyers[0]

  return (
    <Container className="divide-y p-0" data-testid="customer-buyer">
      <div className="flex items-center justify-between px-6 py-4">
        <Heading level="h2">{t("widgets.customer.title")}</Heading>
        {buyer ? (
          <Link
            to={PATHS.buyer(buyer.id)}
            className="text-ui-fg-interactive hover:text-ui-fg-interactive-hover txt-small"
          >
            {t("widgets.customer.open")}
          </Link>
        ) : null}
      </div>
      {buyers.isPending ? (
        <LoadingState rows={2} />
      ) : buyers.isError ? (
        <ErrorState error={buyers.error} onRetry={() => buyers.refetch()} />
      ) : buyer ? (
        <div>
          <DetailRow label={t("widgets.customer.handle")}>
            <Link
              to={PATHS.buyer(buyer.id)}
              className="text-ui-fg-interactive hover:text-ui-fg-interactive-hover"
            >
              @{buyer.handle}
            </Link>
          </DetailRow>
          <DetailRow label={t("widgets.customer.status")}>
            <BuyerStatusBadge status={buyer.status} />
          </DetailRow>
          <DetailRow label={t("widgets.customer.tier")}>
            <Badge size="2xsmall">{buyer.tier}</Badge>
          </DetailRow>
        </div>
      ) : (
        <div className="px-6 py-4">
          <Text size="small" className="text-ui-fg-subtle">
            {t("widgets.customer.none")}
          </Text>
        </div>
      )}
    </Container>
  )
}

export const config = defineWidgetConfig({
  zone: "customer.details.side.after",
})

export default CustomerBuyerWidget
