import { defineRouteConfig } from "@medusajs/admin-sdk"
import {
  Badge,
  createDataTableColumnHelper,
  createDataTableFilterHelper,
  Text,
  useDataTable,
} from "@medusajs/ui"
import { useMemo, useState } from "react"
import { Link, useSearchParams } from "react-router-dom"
import type { AdminNoteCommentsResponse, Wire } from "../../../../types"
import { useAdminQuery } from "../../../lib/api"
import { formatDateTime } from "../../../lib/dates"
import { useLocale, useT } from "../../../lib/i18n"
import { PATHS } from "../../../lib/paths"
import { useServerTable } from "../../../lib/table"
import { SearchTableCard } from "../../../lib/table-pagination"
import {
  HideCommentDrawer,
  useRestoreComment,
  type Comment,
} from "./moderation"
import { hideOrRestoreActions } from "../components/hide-restore"

/*
 * Comments: the newest comments of every note, for moderation. Searched in
 * the body (debounced), filtered by status, the note's buyer, the note, the
 * commenter and the date on the server, paged on the server. A row's menu
 * hides the comment (with a reason) or restores it. `?note_id=` (the note
 * page's link) opens the list filtered to one note.
 */

type BuyerOption = { id: string; handle: string; display_name: string | null }

const col = createDataTableColumnHelper<Comment>()
const filter = createDataTableFilterHelper<Comment>()

const STATUS_COLOR = { visible: "green", hidden: "red" } as const

const CommentsPage = () => {
  const t = useT()
  const locale = useLocale()
  const [params] = useSearchParams()
  const noteId = params.get("note_id")
  const table = useServerTable({
    pageSize: 20,
    initialFilters: noteId ? { note_id: noteId } : {},
  })
  const buyers = useAdminQuery<{ buyers: BuyerOption[] }>("/admin/buyers", {
    limit: 100,
  })
  const [hiding, setHiding] = useState<Comment | null>(null)
  const restore = useRestoreComment()

  const columns = useMemo(
    () => [
      col.accessor("body", {
        header: t("comments.columns.comment"),
        cell: ({ row }) => (
          <div className="flex max-w-[420px] flex-col gap-y-0.5 whitespace-normal py-2">
            {row.original.parent_id ? (
              <Text size="xsmall" className="text-ui-fg-muted">
                {t("comments.reply")}
              </Text>
            ) : null}
            {/* Plain text: React renders it as text, never as HTML. */}
            <Text size="small" className="line-clamp-3 whitespace-pre-line">
              {row.original.body}
            </Text>
            {row.original.status === "hidden" && row.original.hidden_reason ? (
              <Text size="xsmall" className="text-ui-fg-error">
                {t("comments.hiddenBecause", {
                  reason: row.original.hidden_reason,
                })}
              </Text>
            ) : null}
          </div>
        ),
      }),
      col.display({
        id: "author",
        header: t("comments.columns.author"),
        cell: ({ row }) => {
          const a = row.original.author
          return (
            <div className="flex flex-col">
              <Text size="small">
                {a.display_name ?? t("comments.noName")}
                {a.buyer_handle ? ` (@${a.buyer_handle})` : ""}
              </Text>
              {a.email ? (
                <Text size="xsmall" className="text-ui-fg-subtle">
                  {a.email}
                </Text>
              ) : null}
            </div>
          )
        },
      }),
      col.display({
        id: "note",
        header: t("comments.columns.note"),
        cell: ({ row }) => (
          <Link
            to={PATHS.note(row.original.note_id)}
            className="text-ui-fg-interactive block max-w-[220px] truncate hover:underline"
            onClick={(e) => e.stopPropagation()}
          >
            {row.original.note.title ?? row.original.note_id}
          </Link>
        ),
      }),
      col.accessor("status", {
        header: t("comments.columns.status"),
        cell: ({ row }) => (
          <Badge size="2xsmall" color={STATUS_COLOR[row.original.status]}>
            {t(`comments.status.${row.original.status}`)}
          </Badge>
        ),
      }),
      col.accessor("created_at", {
        header: t("comments.columns.created"),
        cell: ({ row }) => formatDateTime(row.original.created_at, locale),
      }),
      col.action({
        actions: hideOrRestoreActions(t, "comments", {
          hide: setHiding,
          restore,
        }),
      }),
    ],
    [t, locale, restore]
  )

  const filters = useMemo(
    () => [
      filter.accessor("status", {
        type: "select",
        label: t("comments.columns.status"),
        options: (["visible", "hidden"] as const).map((s) => ({
          label: t(`comments.status.${s}`),
          value: s,
        })),
      }),
      filter.accessor("note.buyer_id", {
        type: "select",
        label: t("comments.filters.buyer"),
        options: (buyers.data?.buyers ?? []).map((b) => ({
          label: b.display_name || `@${b.handle}`,
          value: b.id,
        })),
      }),
      filter.accessor("note_id", {
        type: "string",
        label: t("comments.filters.note"),
        placeholder: "note_…",
      }),
      filter.accessor("customer_id", {
        type: "string",
        label: t("comments.filters.customer"),
        placeholder: "cus_…",
      }),
      filter.accessor("created_at", {
        type: "date",
        label: t("comments.columns.created"),
        format: "date",
        options: [],
      }),
    ],
    [t, buyers.data]
  )

  // The list route names the note's buyer `buyer_id`.
  const query = useMemo(() => {
    const q = { ...table.query }
    const buyer = q["note.buyer_id"]
    delete q["note.buyer_id"]
    return buyer ? { ...q, buyer_id: buyer } : q
  }, [table.query])
  const list = useAdminQuery<Wire<AdminNoteCommentsResponse>>(
    "/admin/note-comments",
    query
  )

  const dataTable = useDataTable({
    data: list.data?.comments ?? [],
    columns,
    filters,
    getRowId: (c) => c.id,
    rowCount: list.data?.count ?? 0,
    isLoading: list.isPending,
    ...table.props,
  })

  return (
    <SearchTableCard instance={dataTable} list={list} prefix="comments">
      <HideCommentDrawer
        comment={hiding}
        onOpenChange={(o) => !o && setHiding(null)}
      />
    </SearchTableCard>
  )
}

export const config = defineRouteConfig({
  label: "comments.nav",
  translationNs: "shoppable",
  rank: 2,
})

export default CommentsPage
