import {
  Button,
  Container,
  DataTable,
  Heading,
  StatusBadge,
  Text,
  createDataTableColumnHelper,
  toast,
  useDataTable,
} from "@medusajs/ui"
import { useState } from "react"
import { Link, useParams } from "react-router-dom"
import {
  type CommissionEntry,
  type Settlement,
  useSettlement,
} from "../earnings/api"
import { EntryStatusBadge, SettlementStatusBadge } from "../earnings/badges"
import { useBuyerLabels } from "../earnings/buyer-labels"
import { useLocale, useT } from "../../lib/i18n"
import { formatMoney, signOf } from "../../lib/money"
import { paths } from "../earnings/paths"
import { formatDateTime } from "../../lib/dates"
import { ErrorState } from "../../lib/states"
import { DetailHeader, DetailRow, LoadingPage } from "../earnings/states"
import { useServerTable } from "../../lib/table"
import { attentionOf } from "./attention"
import { downloadCsv } from "./csv"
import {
  MarkFailedDrawer,
  MarkPaidDrawer,
  RetryButton,
} from "./settlement-actions"
import { TablePagination } from "../../lib/table-pagination"
import { AmountCell, OrderLink } from "../earnings/cells"

const column = createDataTableColumnHelper<CommissionEntry>()

/** One settlement: what it pays, its state, its entries, and what to do next. */
export const SettlementDetail = () => {
  const { id } = useParams()
  const t = useT()
  const locale = useLocale()
  const state = useServerTable({ pageSize: 20 })
  const detail = useSettlement(id, {
    limit: state.query.limit,
    offset: state.query.offset,
  })
  const s = detail.data?.settlement
  const buyers = useBuyerLabels(s ? [s.buyer_id] : [])
  const [downloading, setDownloading] = useState(false)

  const columns = [
    column.accessor("created_at", {
      header: t("commissions.columns.date"),
      cell: ({ getValue }) => formatDateTime(getValue(), locale),
    }),
    column.accessor("type", {
      header: t("commissions.columns.type"),
      cell: ({ getValue }) => t(`commissions.type.${getValue()}`),
    }),
    column.accessor("status", {
      header: t("commissions.columns.status"),
      cell: ({ getValue }) => <EntryStatusBadge status={getValue()} />,
    }),
    column.accessor("order_id", {
      header: t("commissions.columns.order"),
      cell: ({ getValue }) => <OrderLink id={getValue()} />,
    }),
    column.accessor("reason", {
      header: t("commissions.columns.detail"),
      cell: ({ getValue }) => getValue() ?? "-",
    }),
    column.accessor("amount", {
      header: t("commissions.columns.amount"),
      headerAlign: "right",
      cell: ({ row }) => (
        <AmountCell
          amount={row.original.amount}
          currency={row.original.currency_code}
          signed
        />
      ),
    }),
  ]

  const table = useDataTable({
    columns,
    data: detail.data?.entries ?? [],
    getRowId: (e) => e.id,
    rowCount: detail.data?.entries_count ?? 0,
    isLoading: detail.isLoading,
    pagination: state.props.pagination,
  })

  if (detail.isError) {
    return (
      <Container className="p-0">
        <ErrorState error={detail.error} onRetry={() => detail.refetch()} />
      </Container>
    )
  }
  if (!s) {
    return <LoadingPage />
  }
  const attention = attentionOf(s)
  const buyer = buyers.get(s.buyer_id)

  return (
    <div className="flex flex-col gap-y-3">
      <Container className="divide-y p-0">
        <DetailHeader
          title={formatMoney(s.amount, s.currency_code)}
          subtitle={s.id}
          badges={
            <>
              <SettlementStatusBadge status={s.status} />
              {attention && (
                <StatusBadge
                  color={attention === "awaiting_payment" ? "orange" : "red"}
                >
                  {t(`settlements.attentionKind.${attention}`)}
                </StatusBadge>
              )}
            </>
          }
          actions={<Actions settlement={s} />}
        />
        {s.failure_reason && (
          <div
            role="status"
            className="bg-ui-tag-red-bg text-ui-tag-red-text px-6 py-3"
          >
            <Text size="small">{s.failure_reason}</Text>
          </div>
        )}
        <DetailRow label={t("settlements.columns.buyer")}>
          <Link
            to={paths.buyer(s.buyer_id)}
            className="text-ui-fg-interactive hover:underline"
          >
            {buyer ? `${buyer.display_name} (@${buyer.handle})` : s.buyer_id}
          </Link>
        </DetailRow>
        <DetailRow label={t("settlements.columns.provider")}>
          {t(`settlements.provider.${s.provider}`)}
          {s.provider_account_id ? ` · ${s.provider_account_id}` : ""}
        </DetailRow>
        <DetailRow label={t("settlements.detail.reference")}>
          {s.provider_reference ?? "-"}
        </DetailRow>
        <DetailRow label={t("settlements.detail.attempts")}>
          {s.attempts}
        </DetailRow>
        {s.reversed_amount && signOf(s.reversed_amount) !== 0 && (
          <DetailRow label={t("settlements.detail.reversed")}>
            {formatMoney(s.reversed_amount, s.currency_code)}
          </DetailRow>
        )}
        <DetailRow label={t("settlements.columns.created")}>
          {formatDateTime(s.created_at, locale)}
        </DetailRow>
        <DetailRow label={t("settlements.detail.paidAt")}>
          {formatDateTime(s.paid_at, locale)}
        </DetailRow>
        {s.failed_at && (
          <DetailRow label={t("settlements.detail.failedAt")}>
            {formatDateTime(s.failed_at, locale)}
          </DetailRow>
        )}
        <DetailRow label={t("settlements.detail.idempotencyKey")}>
          <code className="txt-compact-xsmall">{s.idempotency_key}</code>
        </DetailRow>
      </Container>
      <Container className="divide-y p-0">
        <DataTable instance={table}>
          <DataTable.Toolbar className="flex items-center justify-between">
            <Heading level="h2">
              {t("settlements.detail.entries", { count: s.entry_count })}
            </Heading>
            <Button
              size="small"
              variant="secondary"
              isLoading={downloading}
              onClick={async () => {
                setDownloading(true)
                try {
                  await downloadCsv(
                    `/admin/settlements/${s.id}`,
                    {},
                    `settlement-${s.id}.csv`
                  )
                } catch (e) {
                  toast.error((e as Error).message)
                } finally {
                  setDownloading(false)
                }
              }}
            >
              {t("settlements.csv")}
            </Button>
          </DataTable.Toolbar>
          <DataTable.Table
            emptyState={{
              empty: { heading: t("settlements.detail.noEntries") },
            }}
          />
          <TablePagination />
        </DataTable>
      </Container>
    </div>
  )
}

/** What the merchant can do with a settlement in its state. */
const Actions = ({ settlement: s }: { settlement: Settlement }) => {
  const manualOpen = s.provider === "manual" && s.status === "processing"
  const retryable =
    s.status === "failed" ||
    (s.provider !== "manual" &&
      (s.status === "pending" || s.status === "processing"))
  return (
    <>
      {retryable && <RetryButton settlement={s} />}
      {manualOpen && <MarkFailedDrawer settlement={s} />}
      {manualOpen && <MarkPaidDrawer settlement={s} />}
    </>
  )
}
