import type {
  DataTableFilteringState,
  DataTablePaginationState,
  DataTableSortingState,
} from "@medusajs/ui"
import { useMemo, useState } from "react"
import type { Query } from "./api"

/**
 * Server-side paging, search and filters for a DataTable: the table's
 * state, and the query the list route takes (`limit`, `offset`, `q` and
 * one param per filter; a date filter `x_at` becomes `x_from`/`x_to`;
 * a sorted column becomes `order`, `-field` when descending). No sort
 * sends no `order`: the route's default (newest first) applies.
 */
export function useTableState(
  pageSize = 20,
  initial: DataTableFilteringState = {}
) {
  const [pagination, setPagination] = useState<DataTablePaginationState>({
    pageIndex: 0,
    pageSize,
  })
  const [search, setSearch] = useState("")
  const [filtering, setFiltering] = useState<DataTableFilteringState>(initial)
  const [sorting, setSorting] = useState<DataTableSortingState | null>(null)

  const query = useMemo(() => {
    const q: Query = {
      limit: pagination.pageSize,
      offset: pagination.pageIndex * pagination.pageSize,
    }
    if (search.trim()) {
      q.q = search.trim()
    }
    for (const [key, value] of Object.entries(filtering)) {
      if (value == null || value === "") {
        continue
      }
      if (Array.isArray(value)) {
        if (value.length) {
          q[key] = value.join(",")
        }
      } else if (typeof value === "object") {
        // `created_at` → `created_from` / `created_to`.
        const base = key.replace(/_at$/, "")
        const range = value as { $gte?: string; $lte?: string }
        if (range.$gte) {
          q[`${base}_from`] = range.$gte
        }
        if (range.$lte) {
          q[`${base}_to`] = range.$lte
        }
      } else {
        q[key] = String(value)
      }
    }
    if (sorting) {
      q.order = `${sorting.desc ? "-" : ""}${sorting.id}`
    }
    return q
  }, [pagination, search, filtering, sorting])

  return {
    query,
    pagination: { state: pagination, onPaginationChange: setPagination },
    search: {
      state: search,
      onSearchChange: (s: string) => {
        setSearch(s)
        setPagination((p) => ({ ...p, pageIndex: 0 }))
      },
    },
    filtering: {
      state: filtering,
      onFilteringChange: (f: DataTableFilteringState) => {
        setFiltering(f)
        setPagination((p) => ({ ...p, pageIndex: 0 }))
      },
    },
    sorting: {
      state: sorting,
      onSortingChange: (s: DataTableSortingState) => {
        setSorting(s)
        setPagination((p) => ({ ...p, pageIndex: 0 }))
      },
    },
  }
}
