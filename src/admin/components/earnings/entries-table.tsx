import {
  Container,
  DataTable,
  Text,
  createDataTableColumnHelper,
  createDataTableFilterHelper,
  useDataTable,
} from "@medusajs/ui"
import type { ReactNode } from "react"
import { useMemo } from "react"
import {
  type CommissionEntry,
  type CurrencyTotal,
  type Query,
  useCommissions,
} from "./api"
import { EntryStatusBadge } from "./badges"
import { useBuyerLabels } from "./buyer-labels"
import { useLocale, useT } from "../../lib/i18n"
import { formatMoney } from "../../lib/money"
import { sortable, useServerTable } from "../../lib/table"
import { TableBody, TableToolbar } from "../../lib/table-pagination"
import {
  AmountCell,
  OrderLink,
  ledgerFilters,
  whenAndWhoColumns,
} from "./cells"

const column = createDataTableColumnHelper<CommissionEntry>()
const filter = createDataTableFilterHelper<
  CommissionEntry & { created_at: string }
>()

export const ENTRY_STATUSES = ["pending", "approved", "on_hold", "paid", "void"]
export const ENTRY_TYPES = ["accrual", "reversal", "adjustment"]

/** The totals of a filtered ledger, one per currency. */
export const CurrencyTotals = ({
  totals,
  label,
}: {
  totals: CurrencyTotal[] | undefined
  label: string
}) => {
  const t = useT()
  if (!totals?.length) {
    return null
  }
  return (
    <div className="flex flex-wrap gap-3 px-6 py-4" data-testid="ledger-totals">
      {totals.map((c) => (
        <div
          key={c.currency_code}
          className="bg-ui-bg-subtle shadow-borders-base min-w-[160px] rounded-lg px-4 py-3"
        >
          <Text size="xsmall" className="text-ui-fg-subtle uppercase">
            {label} · {c.currency_code}
          </Text>
          <Text size="large" weight="plus" className="tabular-nums">
            {formatMoney(c.amount, c.currency_code)}
          </Text>
          <Text size="xsmall" className="text-ui-fg-muted">
            {t("commissions.entriesCount", { count: c.count })}
          </Text>
        </div>
      ))}
    </div>
  )
}

/**
 * The ledger as a DataTable: server-side paging and filters (status, type,
 * currency, order, buyer, creation dates), with the filtered totals per
 * currency. `fixed` narrows it for good (a buyer's ledger, an order's).
 */
export const EntriesTable = ({
  title,
  fixed = {},
  actions,
  showBuyer = true,
  pageSize = 20,
}: {
  title: string
  fixed?: Query
  actions?: ReactNode
  showBuyer?: boolean
  pageSize?: number
}) => {
  const t = useT()
  const locale = useLocale()
  const state = useServerTable({ pageSize })
  const list = useCommissions({ ...state.query, ...fixed })
  const entries = list.data?.commissions ?? []
  const buyers = useBuyerLabels(showBuyer ? entries.map((e) => e.buyer_id) : [])

  const columns = useMemo(
    () => [
      ...whenAndWhoColumns<CommissionEntry>({
        t,
        locale,
        dateKey: "commissions.columns.date",
        buyerKey: "commissions.columns.buyer",
        buyers: showBuyer ? buyers : null,
      }),
      column.accessor("type", {
        header: t("commissions.columns.type"),
        ...sortable(t, "commissions.columns.type"),
        cell: ({ getValue }) => t(`commissions.type.${getValue()}`),
      }),
      column.accessor("status", {
        header: t("commissions.columns.status"),
        ...sortable(t, "commissions.columns.status"),
        cell: ({ getValue }) => <EntryStatusBadge status={getValue()} />,
      }),
      column.accessor("order_id", {
        header: t("commissions.columns.order"),
        cell: ({ getValue }) => <OrderLink id={getValue()} />,
      }),
      column.display({
        id: "detail",
        header: t("commissions.columns.detail"),
        cell: ({ row }) => {
          const e = row.original
          if (e.reason) {
            return <span title={e.reason}>{e.reason}</span>
          }
          if (e.rule) {
            return e.rule.type === "percentage"
              ? t("commissions.rulePercent", {
                  rate: e.rule.rate,
                  scope: t(`rules.scopes.${e.rule.scope}`),
                })
              : t("commissions.ruleFlat", {
                  amount: formatMoney(e.rule.amount, e.currency_code),
                  scope: t(`rules.scopes.${e.rule.scope}`),
                })
          }
          return "-"
        },
      }),
      column.accessor("amount", {
        header: t("commissions.columns.amount"),
        ...sortable(t, "commissions.columns.amount"),
        headerAlign: "right",
        cell: ({ row }) => (
          <AmountCell
            amount={row.original.amount}
            currency={row.original.currency_code}
            signed
          />
        ),
      }),
    ],
    [t, locale, showBuyer, buyers]
  )

  const filters = useMemo(() => {
    const shared = ledgerFilters({
      t,
      createdKey: "commissions.columns.date",
      withBuyer: !fixed.buyer_id,
    })
    return [
      filter.accessor("status", {
        type: "multiselect",
        label: t("commissions.columns.status"),
        options: ENTRY_STATUSES.map((s) => ({
          label: t(`commissions.status.${s}`),
          value: s,
        })),
      }),
      filter.accessor("type", {
        type: "multiselect",
        label: t("commissions.columns.type"),
        options: ENTRY_TYPES.map((s) => ({
          label: t(`commissions.type.${s}`),
          value: s,
        })),
      }),
      shared.currency,
      ...(fixed.order_id
        ? []
        : [
            filter.accessor("order_id", {
              type: "string",
              label: t("commissions.columns.order"),
              placeholder: "order_…",
            }),
          ]),
      ...shared.buyer,
      shared.created,
    ]
  }, [t, fixed.order_id, fixed.buyer_id])

  const table = useDataTable({
    columns,
    data: entries,
    getRowId: (e) => e.id,
    rowCount: list.data?.count ?? 0,
    isLoading: list.isLoading,
    filters,
    ...state.props,
  })

  return (
    <Container className="divide-y p-0">
      <DataTable instance={table}>
        <TableToolbar title={title} actions={actions} />
        <CurrencyTotals
          totals={list.data?.totals}
          label={t("commissions.total")}
        />
        <TableBody
          list={list}
          empty={{
            heading: t("commissions.empty.heading"),
            description: t("commissions.empty.description"),
          }}
        />
      </DataTable>
    </Container>
  )
}
