import { defineRouteConfig } from "@medusajs/admin-sdk"
import { ChatBubbleLeftRight } from "@medusajs/icons"
import {
  Badge,
  createDataTableColumnHelper,
  createDataTableFilterHelper,
  Text,
  useDataTable,
} from "@medusajs/ui"
import { useMemo, useState } from "react"
import { useNavigate } from "react-router-dom"
import { useAdminQuery } from "../../lib/api"
import { formatDate } from "../../lib/dates"
import { useLocale, useT } from "../../lib/i18n"
import { PATHS } from "../../lib/paths"
import { sortable, useServerTable } from "../../lib/table"
import {
  HideNoteDrawer,
  hideOrRestoreActions,
  useRestoreNote,
} from "./components/hide-restore"
import {
  STATUS_COLOR,
  type AdminNote,
  type NotesList,
} from "./components/types"
import { SearchTableCard } from "../../lib/table-pagination"

/*
 * Notes: every note of the store (merchants' and buyers'), searched as the
 * store searches them (debounced, Chinese included), filtered by status,
 * buyer, tag and locale on the server, paged on the server. A row opens
 * the note; its menu hides it (with a reason) or restores it.
 */

type BuyerOption = { id: string; handle: string; display_name: string | null }

const col = createDataTableColumnHelper<AdminNote>()
const filter = createDataTableFilterHelper<AdminNote>()

const NotesPage = () => {
  const t = useT()
  const locale = useLocale()
  const navigate = useNavigate()
  const table = useServerTable({ pageSize: 20 })
  // The buyer filter offers the program's buyers (the first 100 by the
  // list's order); a buyer's own page lists all of theirs.
  const buyers = useAdminQuery<{ buyers: BuyerOption[] }>("/admin/buyers", {
    limit: 100,
  })
  const buyerName = useMemo(() => {
    const m = new Map<string, string>()
    for (const b of buyers.data?.buyers ?? []) {
      m.set(b.id, b.display_name || `@${b.handle}`)
    }
    return m
  }, [buyers.data])
  const [hiding, setHiding] = useState<AdminNote | null>(null)
  const restore = useRestoreNote()

  const columns = useMemo(
    () => [
      col.accessor("title", {
        header: t("notes.columns.title"),
        ...sortable(t, "notes.columns.title"),
        cell: ({ row }) => (
          <div className="flex flex-col py-1">
            <Text size="small" weight="plus" className="truncate">
              {row.original.title}
            </Text>
            {row.original.hidden_reason && row.original.status === "hidden" ? (
              <Text size="xsmall" className="text-ui-fg-error">
                {t("notes.hiddenBecause", {
                  reason: row.original.hidden_reason,
                })}
              </Text>
            ) : null}
          </div>
        ),
      }),
      col.accessor("status", {
        header: t("notes.columns.status"),
        cell: ({ row }) => (
          <Badge size="2xsmall" color={STATUS_COLOR[row.original.status]}>
            {t(`notes.status.${row.original.status}`)}
          </Badge>
        ),
      }),
      col.accessor("buyer_id", {
        header: t("notes.columns.author"),
        cell: ({ row }) =>
          row.original.buyer_id
            ? (buyerName.get(row.original.buyer_id) ?? row.original.buyer_id)
            : t("notes.merchant"),
      }),
      col.accessor("tags", {
        header: t("notes.columns.tags"),
        cell: ({ row }) => (
          <div className="flex flex-wrap gap-1">
            {row.original.tags.slice(0, 3).map((tag) => (
              <Badge key={tag} size="2xsmall">
                {tag}
              </Badge>
            ))}
            {row.original.tags.length > 3 ? (
              <Text size="xsmall" className="text-ui-fg-muted">
                +{row.original.tags.length - 3}
              </Text>
            ) : null}
          </div>
        ),
      }),
      col.accessor("locale", {
        header: t("notes.columns.locale"),
        cell: ({ row }) => row.original.locale ?? "–",
      }),
      col.display({
        id: "products",
        header: t("notes.columns.products"),
        cell: ({ row }) => row.original.products?.length ?? 0,
      }),
      col.accessor("published_at", {
        header: t("notes.columns.published"),
        ...sortable(t, "notes.columns.published"),
        cell: ({ row }) => formatDate(row.original.published_at, locale),
      }),
      col.action({
        actions: hideOrRestoreActions(t, "notes", { hide: setHiding, restore }),
      }),
    ],
    [t, locale, buyerName, restore]
  )

  const filters = useMemo(
    () => [
      filter.accessor("status", {
        type: "multiselect",
        label: t("notes.columns.status"),
        options: (["draft", "published", "hidden"] as const).map((s) => ({
          label: t(`notes.status.${s}`),
          value: s,
        })),
      }),
      filter.accessor("buyer_id", {
        type: "select",
        label: t("notes.columns.author"),
        options: (buyers.data?.buyers ?? []).map((b) => ({
          label: b.display_name || `@${b.handle}`,
          value: b.id,
        })),
      }),
      filter.accessor("tags", {
        type: "string",
        label: t("notes.filters.tag"),
        placeholder: t("notes.filters.tagPlaceholder"),
      }),
      filter.accessor("locale", {
        type: "string",
        label: t("notes.columns.locale"),
        placeholder: "zh-CN",
      }),
    ],
    [t, buyers.data]
  )

  // The list route names the tag filter `tag`.
  const query = table.query
  const tags = query.tags
  const effective = useMemo(() => {
    const q = { ...query }
    delete q.tags
    if (typeof tags === "string" && tags.trim()) {
      q.tag = tags.trim()
    }
    return q
  }, [query, tags])
  const notes = useAdminQuery<NotesList>("/admin/notes", effective)

  const dataTable = useDataTable({
    data: notes.data?.notes ?? [],
    columns,
    filters,
    getRowId: (n) => n.id,
    rowCount: notes.data?.count ?? 0,
    isLoading: notes.isPending,
    onRowClick: (_e, row) => navigate(PATHS.note(row.id)),
    ...table.props,
  })

  return (
    <SearchTableCard instance={dataTable} list={notes} prefix="notes">
      <HideNoteDrawer
        note={hiding}
        onOpenChange={(o) => !o && setHiding(null)}
      />
    </SearchTableCard>
  )
}

export const config = defineRouteConfig({
  label: "notes.nav",
  translationNs: "shoppable",
  icon: ChatBubbleLeftRight,
})

export default NotesPage
