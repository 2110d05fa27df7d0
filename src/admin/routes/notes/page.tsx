import { defineRouteConfig } from "@medusajs/admin-sdk"
import { ChatBubbleLeftRight } from "@medusajs/icons"
import {
  Badge,
  Button,
  Container,
  Heading,
  Input,
  Select,
  Table,
  Text,
  toast,
} from "@medusajs/ui"
import { useCallback, useEffect, useState } from "react"
import { sdk } from "../../lib/sdk"

type AdminNote = {
  id: string
  title: string
  status: "draft" | "published" | "hidden"
  tags: string[]
  locale: string | null
  buyer_id: string | null
  hidden_reason: string | null
  published_at: string | null
  products?: { id: string }[]
}

type ListResponse = {
  notes: AdminNote[]
  count: number
  count_exact: boolean
  limit: number
  offset: number
}

const PAGE = 20
const statusColor = {
  draft: "grey",
  published: "green",
  hidden: "red",
} as const

/** Notes: search, filter by status, hide with a reason, restore. */
const NotesPage = () => {
  const [q, setQ] = useState("")
  const [status, setStatus] = useState<string>("all")
  const [offset, setOffset] = useState(0)
  const [data, setData] = useState<ListResponse | null>(null)
  const [loading, setLoading] = useState(false)

  const load = useCallback(async () => {
    setLoading(true)
    try {
      const query: Record<string, string | number> = { limit: PAGE, offset }
      if (q.trim()) {
        query.q = q.trim()
      }
      if (status !== "all") {
        query.status = status
      }
      setData(await sdk.client.fetch<ListResponse>("/admin/notes", { query }))
    } catch (e) {
      toast.error((e as Error).message)
    } finally {
      setLoading(false)
    }
  }, [q, status, offset])

  useEffect(() => {
    void load()
  }, [load])

  const hide = async (note: AdminNote) => {
    const reason = window.prompt(`Why hide “${note.title}”?`)
    if (!reason?.trim()) {
      return
    }
    try {
      await sdk.client.fetch(`/admin/notes/${note.id}/hide`, {
        method: "POST",
        body: { reason: reason.trim() },
      })
      toast.success("Note hidden")
      await load()
    } catch (e) {
      toast.error((e as Error).message)
    }
  }

  const restore = async (note: AdminNote) => {
    try {
      await sdk.client.fetch(`/admin/notes/${note.id}/restore`, {
        method: "POST",
        body: {},
      })
      toast.success("Note restored")
      await load()
    } catch (e) {
      toast.error((e as Error).message)
    }
  }

  return (
    <Container className="divide-y p-0">
      <div className="flex items-center justify-between gap-x-4 px-6 py-4">
        <div>
          <Heading level="h1">Notes</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            Shoppable notes by your store and your buyers.
          </Text>
        </div>
        <div className="flex items-center gap-x-2">
          <Input
            size="small"
            type="search"
            placeholder="Search (面霜, night cream…)"
            value={q}
            onChange={(e) => {
              setOffset(0)
              setQ(e.target.value)
            }}
          />
          <Select
            size="small"
            value={status}
            onValueChange={(v) => {
              setOffset(0)
              setStatus(v)
            }}
          >
            <Select.Trigger>
              <Select.Value />
            </Select.Trigger>
            <Select.Content>
              <Select.Item value="all">All statuses</Select.Item>
              <Select.Item value="published">Published</Select.Item>
              <Select.Item value="draft">Draft</Select.Item>
              <Select.Item value="hidden">Hidden</Select.Item>
            </Select.Content>
          </Select>
        </div>
      </div>
      <Table>
        <Table.Header>
          <Table.Row>
            <Table.HeaderCell>Title</Table.HeaderCell>
            <Table.HeaderCell>Status</Table.HeaderCell>
            <Table.HeaderCell>Tags</Table.HeaderCell>
            <Table.HeaderCell>Products</Table.HeaderCell>
            <Table.HeaderCell>Author</Table.HeaderCell>
            <Table.HeaderCell />
          </Table.Row>
        </Table.Header>
        <Table.Body>
          {(data?.notes ?? []).map((note) => (
            <Table.Row key={note.id}>
              <Table.Cell className="max-w-[320px] truncate">
                {note.title}
                {note.hidden_reason ? (
                  <Text size="xsmall" className="text-ui-fg-muted">
                    Hidden: {note.hidden_reason}
                  </Text>
                ) : null}
              </Table.Cell>
              <Table.Cell>
                <Badge size="2xsmall" color={statusColor[note.status]}>
                  {note.status}
                </Badge>
              </Table.Cell>
              <Table.Cell>{note.tags.join(", ")}</Table.Cell>
              <Table.Cell>{note.products?.length ?? 0}</Table.Cell>
              <Table.Cell>{note.buyer_id ?? "Store"}</Table.Cell>
              <Table.Cell className="text-right">
                {note.status === "hidden" ? (
                  <Button
                    size="small"
                    variant="secondary"
                    onClick={() => restore(note)}
                  >
                    Restore
                  </Button>
                ) : (
                  <Button
                    size="small"
                    variant="danger"
                    onClick={() => hide(note)}
                  >
                    Hide
                  </Button>
                )}
              </Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
      <Table.Pagination
        count={data?.count ?? 0}
        pageSize={PAGE}
        pageIndex={Math.floor(offset / PAGE)}
        pageCount={Math.max(1, Math.ceil((data?.count ?? 0) / PAGE))}
        canPreviousPage={offset > 0 && !loading}
        canNextPage={
          !!data &&
          !loading &&
          // Past the count cap the count is a floor: a full page means more.
          (offset + PAGE < data.count ||
            (!data.count_exact && data.notes.length === PAGE))
        }
        previousPage={() => setOffset(Math.max(0, offset - PAGE))}
        nextPage={() => setOffset(offset + PAGE)}
      />
    </Container>
  )
}

export const config = defineRouteConfig({
  label: "Notes",
  icon: ChatBubbleLeftRight,
})

export default NotesPage
