import type {
  DataTableFilteringState,
  DataTablePaginationState,
  DataTableSortingState,
} from "@medusajs/ui"
import { useMemo, useState } from "react"
import type { Query } from "./api"

/*
 * Server-side DataTable state: page, search (DataTable debounces it),
 * filters and sorting, turned into the list routes' query:
 * `limit`, `offset`, the search as `searchParam` (`q`), `order` as
 * `field` or `-field` (no sort sends no `order`: the route's default
 * applies), and each filter by its id.
 *
 *   const table = useServerTable({ pageSize: 20 })
 *   const list = useAdminQuery<…>("/admin/notes", table.query)
 *   useDataTable({ …, rowCount: list.data?.count, ...table.props })
 *
 * A filter's value: a string (or number, boolean) as is; a string[] as an
 * array (the list routes read it as repeated values); a date filter `x_at`
 * ({ $gte, $lte }) as `x_from` / `x_to`. Empty values are not sent.
 */
export function useServerTable({
  pageSize = 20,
  initialSorting = null,
  initialFilters = {},
  searchParam = "q",
}: {
  pageSize?: number
  initialSorting?: DataTableSortingState | null
  initialFilters?: DataTableFilteringState
  searchParam?: string
} = {}) {
  const [pagination, setPagination] = useState<DataTablePaginationState>({
    pageIndex: 0,
    pageSize,
  })
  const [search, setSearch] = useState("")
  const [filtering, setFiltering] =
    useState<DataTableFilteringState>(initialFilters)
  const [sorting, setSorting] = useState<DataTableSortingState | null>(
    initialSorting
  )

  const query = useMemo(() => {
    const q: Query = {
      limit: pagination.pageSize,
      offset: pagination.pageIndex * pagination.pageSize,
    }
    if (search.trim()) {
      q[searchParam] = search.trim()
    }
    for (const [id, value] of Object.entries(filtering)) {
      if (value == null || value === "") {
        continue
      }
      if (Array.isArray(value)) {
        if (value.length) {
          q[id] = value.map(String)
        }
      } else if (typeof value === "object") {
        // `created_at` → `created_from` / `created_to`.
        const base = id.replace(/_at$/, "")
        const range = value as { $gte?: string; $lte?: string }
        if (range.$gte) {
          q[`${base}_from`] = range.$gte
        }
        if (range.$lte) {
          q[`${base}_to`] = range.$lte
        }
      } else if (typeof value === "boolean") {
        q[id] = value
      } else {
        q[id] = String(value)
      }
    }
    if (sorting) {
      q.order = `${sorting.desc ? "-" : ""}${sorting.id}`
    }
    return q
  }, [pagination, search, filtering, sorting, searchParam])

  const resetPage = () => setPagination((p) => ({ ...p, pageIndex: 0 }))

  return {
    query,
    search,
    filtering,
    sorting,
    /** Spread into `useDataTable`. */
    props: {
      pagination: { state: pagination, onPaginationChange: setPagination },
      search: {
        state: search,
        onSearchChange: (s: string) => {
          setSearch(s)
          resetPage()
        },
        debounce: 300,
      },
      filtering: {
        state: filtering,
        onFilteringChange: (f: DataTableFilteringState) => {
          setFiltering(f)
          resetPage()
        },
      },
      sorting: {
        state: sorting,
        onSortingChange: (s: DataTableSortingState) => {
          setSorting(s)
          resetPage()
        },
      },
    },
  }
}

/**
 * A server-sorted column's options: the column id must be a field the list
 * route's `order` takes. `labelKey` names the column in the sort menu.
 */
export const sortable = (t: (key: string) => string, labelKey: string) => ({
  enableSorting: true,
  sortLabel: t(labelKey),
  sortAscLabel: t("common.sort.asc"),
  sortDescLabel: t("common.sort.desc"),
})
