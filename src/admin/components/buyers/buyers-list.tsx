import { FlagMini } from "@medusajs/icons"
import {
  Badge,
  Container,
  DataTable,
  Heading,
  Text,
  Tooltip,
  createDataTableColumnHelper,
  createDataTableFilterHelper,
  useDataTable,
} from "@medusajs/ui"
import { useMemo } from "react"
import { useNavigate } from "react-router-dom"
import { type Buyer, useBuyers } from "../earnings/api"
import { BuyerStatusBadge } from "../earnings/badges"
import { useLocale, useT } from "../../lib/i18n"
import { paths } from "../earnings/paths"
import { formatDate } from "../../lib/dates"
import { sortable, useServerTable } from "../../lib/table"
import { useFlaggedBuyers } from "./use-signals"
import { TableBody } from "../../lib/table-pagination"

const column = createDataTableColumnHelper<Buyer>()
const filter = createDataTableFilterHelper<Buyer & { flagged: string }>()

/** Buyers: search, filter by status, tier and review flags; a row opens the buyer. */
export const BuyersList = () => {
  const t = useT()
  const locale = useLocale()
  const navigate = useNavigate()
  const state = useServerTable({ pageSize: 20 })
  const flagged = useFlaggedBuyers()

  const onlyFlagged = state.filtering.flagged === "yes"
  const flaggedIds = useMemo(
    () => [...(flagged.data?.keys() ?? [])].slice(0, 100),
    [flagged.data]
  )
  const { flagged: _f, ...rest } = state.query
  const query = onlyFlagged ? { ...rest, id: flaggedIds.join(",") } : rest
  const waitingForFlags = onlyFlagged && !flagged.data
  const noFlags = onlyFlagged && !!flagged.data && flaggedIds.length === 0
  const list = useBuyers(query, !waitingForFlags && !noFlags)

  const columns = useMemo(
    () => [
      column.accessor("display_name", {
        header: t("buyers.columns.buyer"),
        ...sortable(t, "buyers.columns.buyer"),
        cell: ({ row }) => (
          <div className="flex flex-col">
            <Text size="small" weight="plus" leading="compact">
              {row.original.display_name}
            </Text>
            <Text size="xsmall" className="text-ui-fg-subtle">
              @{row.original.handle}
            </Text>
          </div>
        ),
      }),
      column.accessor("status", {
        header: t("buyers.columns.status"),
        ...sortable(t, "buyers.columns.status"),
        cell: ({ getValue }) => <BuyerStatusBadge status={getValue()} />,
      }),
      column.accessor("tier", {
        header: t("buyers.columns.tier"),
        ...sortable(t, "buyers.columns.tier"),
        cell: ({ getValue }) => (
          <Badge size="2xsmall" color="grey">
            {getValue()}
          </Badge>
        ),
      }),
      column.display({
        id: "flags",
        header: t("buyers.columns.flags"),
        cell: ({ row }) => {
          const signals = flagged.data?.get(row.original.id)
          if (!signals?.length) {
            return (
              <Text size="small" className="text-ui-fg-muted">
                -
              </Text>
            )
          }
          return (
            <Tooltip
              content={signals
                .map((s) => t(`buyers.signals.${s.kind}`))
                .join(", ")}
            >
              <span className="text-ui-fg-error inline-flex items-center gap-x-1">
                <FlagMini />
                <Text size="small">{signals.length}</Text>
              </span>
            </Tooltip>
          )
        },
      }),
      column.accessor("created_at", {
        header: t("buyers.columns.applied"),
        ...sortable(t, "buyers.columns.applied"),
        cell: ({ getValue }) => formatDate(getValue(), locale),
      }),
    ],
    [t, locale, flagged.data]
  )

  const filters = useMemo(
    () => [
      filter.accessor("status", {
        type: "radio",
        label: t("buyers.columns.status"),
        options: (["pending", "approved", "suspended"] as const).map((s) => ({
          label: t(`buyers.status.${s}`),
          value: s,
        })),
      }),
      filter.accessor("tier", {
        type: "string",
        label: t("buyers.columns.tier"),
        placeholder: "gold",
      }),
      filter.accessor("flagged", {
        type: "radio",
        label: t("buyers.filters.flagged"),
        options: [{ label: t("buyers.filters.flaggedYes"), value: "yes" }],
      }),
    ],
    [t]
  )

  const rows = noFlags ? [] : (list.data?.buyers ?? [])
  const table = useDataTable({
    columns,
    data: rows,
    getRowId: (b) => b.id,
    rowCount: noFlags ? 0 : (list.data?.count ?? 0),
    isLoading: list.isLoading || waitingForFlags,
    filters,
    ...state.props,
    onRowClick: (_e, row) => navigate(paths.buyer(row.id)),
  })

  return (
    <Container className="divide-y p-0">
      <DataTable instance={table}>
        <DataTable.Toolbar className="flex flex-col items-start justify-between gap-2 md:flex-row md:items-center">
          <div>
            <Heading level="h1">{t("buyers.title")}</Heading>
            <Text size="small" className="text-ui-fg-subtle">
              {t("buyers.subtitle")}
            </Text>
          </div>
          <div className="flex items-center gap-x-2">
            <DataTable.FilterMenu tooltip={t("buyers.filter")} />
            <DataTable.Search placeholder={t("buyers.search")} />
          </div>
        </DataTable.Toolbar>
        <TableBody
          list={list}
          empty={{
            heading: t("buyers.empty.heading"),
            description: t("buyers.empty.description"),
          }}
        />
      </DataTable>
    </Container>
  )
}
