import {
  Container,
  DataTable,
  StatusBadge,
  Text,
  createDataTableColumnHelper,
  createDataTableFilterHelper,
  useDataTable,
} from "@medusajs/ui"
import type { ReactNode } from "react"
import { useEffect, useMemo } from "react"
import { useNavigate } from "react-router-dom"
import {
  type Query,
  type Settlement,
  type SettlementsPage,
  useSettlements,
} from "../earnings/api"
import { SettlementStatusBadge } from "../earnings/badges"
import { useBuyerLabels } from "../earnings/buyer-labels"
import { useLocale, useT } from "../../lib/i18n"
import { paths } from "../earnings/paths"
import { sortable, useServerTable } from "../../lib/table"
import { attentionOf } from "./attention"
import { TableBody, TableToolbar } from "../../lib/table-pagination"
import { AmountCell, ledgerFilters, whenAndWhoColumns } from "../earnings/cells"

const column = createDataTableColumnHelper<Settlement>()
const filter = createDataTableFilterHelper<Settlement>()
const STATUSES = ["pending", "processing", "paid", "failed"] as const

/**
 * Settlements as a DataTable with server-side paging and filters; each row
 * says whether it needs the merchant. `onQuery` hands the page the current
 * filters (for the CSV download and the totals).
 */
export const SettlementsTable = ({
  title,
  fixed = {},
  actions,
  showBuyer = true,
  pageSize = 20,
  onData,
  onQuery,
  initialStatus,
}: {
  title: string
  fixed?: Query
  actions?: ReactNode
  showBuyer?: boolean
  pageSize?: number
  onData?: (data: SettlementsPage | undefined) => void
  onQuery?: (query: Query) => void
  initialStatus?: string[]
}) => {
  const t = useT()
  const locale = useLocale()
  const navigate = useNavigate()
  const state = useServerTable({
    pageSize,
    initialFilters: initialStatus ? { status: initialStatus } : {},
  })
  // `fixed` is usually written inline: compare it by value.
  const fixedKey = JSON.stringify(fixed)
  const query = useMemo(
    () => ({ ...state.query, ...(JSON.parse(fixedKey) as Query) }),
    [state.query, fixedKey]
  )
  const list = useSettlements(query)
  useEffect(() => onData?.(list.data), [list.data, onData])
  useEffect(() => onQuery?.(query), [query, onQuery])
  const rows = list.data?.settlements ?? []
  const buyers = useBuyerLabels(showBuyer ? rows.map((s) => s.buyer_id) : [])

  const columns = useMemo(
    () => [
      ...whenAndWhoColumns<Settlement>({
        t,
        locale,
        dateKey: "settlements.columns.created",
        buyerKey: "settlements.columns.buyer",
        buyers: showBuyer ? buyers : null,
      }),
      column.accessor("status", {
        header: t("settlements.columns.status"),
        ...sortable(t, "settlements.columns.status"),
        cell: ({ getValue }) => <SettlementStatusBadge status={getValue()} />,
      }),
      column.display({
        id: "attention",
        header: t("settlements.columns.attention"),
        cell: ({ row }) => {
          const a = attentionOf(row.original)
          return a ? (
            <StatusBadge color={a === "awaiting_payment" ? "orange" : "red"}>
              {t(`settlements.attentionKind.${a}`)}
            </StatusBadge>
          ) : (
            <Text size="small" className="text-ui-fg-muted">
              -
            </Text>
          )
        },
      }),
      column.accessor("provider", {
        header: t("settlements.columns.provider"),
        cell: ({ getValue }) => t(`settlements.provider.${getValue()}`),
      }),
      column.accessor("entry_count", {
        header: t("settlements.columns.entries"),
        headerAlign: "right",
        cell: ({ getValue }) => (
          <div className="text-right tabular-nums">{getValue()}</div>
        ),
      }),
      column.accessor("amount", {
        header: t("settlements.columns.amount"),
        ...sortable(t, "settlements.columns.amount"),
        headerAlign: "right",
        cell: ({ row }) => (
          <AmountCell
            amount={row.original.amount}
            currency={row.original.currency_code}
          />
        ),
      }),
    ],
    [t, locale, showBuyer, buyers]
  )

  const filters = useMemo(() => {
    const shared = ledgerFilters({
      t,
      createdKey: "settlements.columns.created",
      withBuyer: !fixed.buyer_id,
    })
    return [
      filter.accessor("status", {
        type: "multiselect",
        label: t("settlements.columns.status"),
        options: STATUSES.map((s) => ({
          label: t(`settlements.status.${s}`),
          value: s,
        })),
      }),
      filter.accessor("provider", {
        type: "radio",
        label: t("settlements.columns.provider"),
        options: ["manual", "stripe"].map((p) => ({
          label: t(`settlements.provider.${p}`),
          value: p,
        })),
      }),
      shared.currency,
      ...shared.buyer,
      shared.created,
    ]
  }, [t, fixed.buyer_id])

  const table = useDataTable({
    columns,
    data: rows,
    getRowId: (s) => s.id,
    rowCount: list.data?.count ?? 0,
    isLoading: list.isLoading,
    filters,
    ...state.props,
    onRowClick: (_e, row) => navigate(paths.settlement(row.id)),
  })

  return (
    <Container className="divide-y p-0">
      <DataTable instance={table}>
        <TableToolbar title={title} actions={actions} />
        <TableBody
          list={list}
          empty={{
            heading: t("settlements.empty.heading"),
            description: t("settlements.empty.description"),
          }}
        />
      </DataTable>
    </Container>
  )
}
