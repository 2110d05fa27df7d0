import { DataTable } from "@medusajs/ui"
import { useT } from "./i18n"

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
