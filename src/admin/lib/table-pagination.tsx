import {
  Container,
  DataTable,
  Heading,
  Text,
  type useDataTable,
} from "@medusajs/ui"
import type { ReactNode } from "react"
import { useT } from "./i18n"
import { ErrorState } from "./states"

/** A DataTable's pagination in the dashboard's language ("1 — 20 of 45 results"). */
export function TablePagination() {
  const t = useT()
  return (
    <DataTable.Pagination
      translations={{
        of: t("common.pagination.of"),
        results: t("common.pagination.results"),
        pages: t("common.pagination.pages"),
        prev: t("common.pagination.prev"),
        next: t("common.pagination.next"),
      }}
    />
  )
}

/**
 * A server table's rows and pagination, or what went wrong with a retry.
 * `empty` speaks when there are no rows at all; with filters or a search
 * that match none, the common "no results" speaks.
 */
export function TableBody({
  list,
  empty,
}: {
  list: { isError: boolean; error: unknown; refetch: () => unknown }
  empty: { heading: string; description: string }
}) {
  const t = useT()
  if (list.isError) {
    return <ErrorState error={list.error} onRetry={() => list.refetch()} />
  }
  return (
    <>
      <DataTable.Table
        emptyState={{
          empty,
          filtered: {
            heading: t("common.empty.title"),
            description: t("common.empty.filtered"),
          },
        }}
      />
      <TablePagination />
    </>
  )
}

/** A ledger table's toolbar: its title, the filter menu, the caller's actions. */
export function TableToolbar({
  title,
  actions,
}: {
  title: string
  actions?: ReactNode
}) {
  const t = useT()
  return (
    <DataTable.Toolbar className="flex flex-col items-start justify-between gap-2 md:flex-row md:items-center">
      <Heading level="h2">{title}</Heading>
      <div className="flex items-center gap-x-2">
        <DataTable.FilterMenu tooltip={t("buyers.filter")} />
        {actions}
      </div>
    </DataTable.Toolbar>
  )
}

/** A searchable list page's toolbar: title and subtitle, filter menu, search box. */
function SearchTableToolbar({
  title,
  subtitle,
  filterTooltip,
  searchPlaceholder,
}: {
  title: string
  subtitle: string
  filterTooltip: string
  searchPlaceholder: string
}) {
  return (
    <DataTable.Toolbar className="flex flex-col items-start justify-between gap-2 px-6 py-4 md:flex-row md:items-center">
      <div>
        <Heading>{title}</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          {subtitle}
        </Text>
      </div>
      <div className="flex items-center gap-x-2">
        <DataTable.FilterMenu tooltip={filterTooltip} />
        <DataTable.Search placeholder={searchPlaceholder} />
      </div>
    </DataTable.Toolbar>
  )
}

/**
 * A searchable list page: the card, its toolbar (title, filter menu,
 * search), the table or its error, and pagination. Its texts are the
 * catalogue's `{prefix}.title`, `.subtitle`, `.filters.add`, `.search`,
 * `.empty.title` and `.empty.body`; `children` go after the card's table
 * (the page's drawers).
 */
export function SearchTableCard<TData>({
  instance,
  list,
  prefix,
  children,
}: {
  instance: ReturnType<typeof useDataTable<TData>>
  list: { isError: boolean; error: unknown; refetch: () => unknown }
  prefix: "notes" | "comments"
  children?: ReactNode
}) {
  const t = useT()
  return (
    <Container className="divide-y p-0">
      <DataTable instance={instance}>
        <SearchTableToolbar
          title={t(`${prefix}.title`)}
          subtitle={t(`${prefix}.subtitle`)}
          filterTooltip={t(`${prefix}.filters.add`)}
          searchPlaceholder={t(`${prefix}.search`)}
        />
        <TableBody
          list={list}
          empty={{
            heading: t(`${prefix}.empty.title`),
            description: t(`${prefix}.empty.body`),
          }}
        />
      </DataTable>
      {children}
    </Container>
  )
}
