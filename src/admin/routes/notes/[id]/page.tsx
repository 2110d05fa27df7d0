import { MapPin, Trash, XMark } from "@medusajs/icons"
import {
  Badge,
  Button,
  Container,
  Heading,
  IconButton,
  Table,
  Text,
  toast,
} from "@medusajs/ui"
import { useState } from "react"
import { Link, useParams } from "react-router-dom"
import { useAdminMutation, useAdminQuery } from "../../../lib/api"
import { formatDateTime } from "../../../lib/dates"
import { EntityName, EntityPicker, PICKERS } from "../../../lib/entity-picker"
import { useLocale, useT } from "../../../lib/i18n"
import { PATHS } from "../../../lib/paths"
import { LoadingState, PageError } from "../../../lib/states"
import { HideNoteDrawer, useRestoreNote } from "../components/hide-restore"
import { NoteImages } from "../components/note-images"
import { NoteReport } from "../components/note-report"
import {
  STATUS_COLOR,
  type AdminNote,
  type NoteProduct,
} from "../components/types"
import { useConfirm } from "../../../lib/confirm"
import { toNoteProductInput } from "../../../../modules/notes/utils/product-input"

/*
 * One note: its text and images with the product pins at their points, the
 * tagged products (tag from the store's products, untag, place a pin by
 * clicking on an image, remove a pin), hide with a reason or restore, and
 * the note's own report. Pins are saved through `POST /admin/notes/{id}`
 * with the whole product list (products that stay keep their buy-link
 * codes); tagging and untagging through `POST /admin/notes/{id}/products`.
 */

type Labels = Map<string, string>

/** What the update route takes for one tagged product. */
const toInput = toNoteProductInput

function ProductTitle({
  productId,
  labels,
}: {
  productId: string
  labels: Labels
}) {
  const q = useAdminQuery<{ product: { id: string; title: string } }>(
    `/admin/products/${productId}`,
    { fields: "id,title" },
    { staleTime: 60_000, retry: false }
  )
  if (q.data) {
    labels.set(productId, q.data.product.title)
  }
  return <>{q.data?.product.title ?? productId}</>
}

const NoteDetailPage = () => {
  const { id = "" } = useParams()
  const t = useT()
  const locale = useLocale()
  const confirm = useConfirm()
  const note = useAdminQuery<{ note: AdminNote }>(`/admin/notes/${id}`)
  const [hiding, setHiding] = useState<AdminNote | null>(null)
  const [placing, setPlacing] = useState<NoteProduct | null>(null)
  const [tagging, setTagging] = useState<string | null>(null)
  const [labels] = useState<Labels>(() => new Map())
  const restore = useRestoreNote()

  const change = useAdminMutation<
    { add?: { product_id: string }[]; remove?: string[] },
    { note: AdminNote }
  >("POST", `/admin/notes/${id}/products`, { invalidate: ["/admin/notes"] })
  const update = useAdminMutation<
    { products: ReturnType<typeof toInput>[] },
    { note: AdminNote }
  >("POST", `/admin/notes/${id}`, { invalidate: ["/admin/notes"] })

  if (note.isError && !note.data) {
    return (
      <PageError
        title={t("notes.detail.title")}
        error={note.error}
        onRetry={() => note.refetch()}
      />
    )
  }
  if (!note.data) {
    return (
      <Container className="p-0">
        <LoadingState rows={8} />
      </Container>
    )
  }
  const n = note.data.note
  const products = n.products ?? []

  const savePins = async (next: NoteProduct[], message: string) => {
    try {
      await update.mutateAsync({ products: next.map(toInput) })
      toast.success(message)
    } catch (e) {
      toast.error((e as Error).message)
    }
  }

  const tag = async () => {
    if (!tagging) {
      return
    }
    try {
      await change.mutateAsync({ add: [{ product_id: tagging }] })
      setTagging(null)
      toast.success(t("notes.toast.tagged"))
    } catch (e) {
      toast.error((e as Error).message)
    }
  }

  const untag = async (p: NoteProduct) => {
    const ok = await confirm({
      title: t("notes.untag.title"),
      description: t("notes.untag.body"),
      confirmText: t("notes.actions.untag"),
    })
    if (!ok) {
      return
    }
    try {
      await change.mutateAsync({ remove: [p.product_id] })
      toast.success(t("notes.toast.untagged"))
    } catch (e) {
      toast.error((e as Error).message)
    }
  }

  return (
    <div className="flex flex-col gap-y-3">
      <Container className="divide-y p-0">
        <div className="flex flex-wrap items-start justify-between gap-4 px-6 py-4">
          <div className="flex flex-col gap-y-1">
            <div className="flex items-center gap-x-2">
              <Heading>{n.title}</Heading>
              <Badge size="2xsmall" color={STATUS_COLOR[n.status]}>
                {t(`notes.status.${n.status}`)}
              </Badge>
            </div>
            <Text size="small" className="text-ui-fg-subtle">
              {n.buyer_id ? (
                <Link
                  to={PATHS.buyer(n.buyer_id)}
                  className="text-ui-fg-interactive hover:underline"
                >
                  <EntityName source={PICKERS.buyer} id={n.buyer_id} />
                </Link>
              ) : (
                t("notes.merchant")
              )}
              {" · "}
              {n.locale ?? t("notes.detail.noLocale")}
              {" · "}
              {n.published_at
                ? t("notes.detail.publishedAt", {
                    at: formatDateTime(n.published_at, locale),
                  })
                : t("notes.detail.unpublished")}
            </Text>
            {n.status === "hidden" && n.hidden_reason ? (
              <Text size="small" className="text-ui-fg-error">
                {t("notes.hiddenBecause", { reason: n.hidden_reason })}
              </Text>
            ) : null}
            <Text size="small" className="text-ui-fg-subtle">
              {t("comments.count", { count: n.comments_count ?? 0 })}
              {" · "}
              <Link
                to={PATHS.comments(n.id)}
                className="text-ui-fg-interactive hover:underline"
              >
                {t("comments.viewAll")}
              </Link>
            </Text>
            {n.tags.length ? (
              <div className="flex flex-wrap gap-1 pt-1">
                {n.tags.map((tg) => (
                  <Badge key={tg} size="2xsmall">
                    {tg}
                  </Badge>
                ))}
              </div>
            ) : null}
          </div>
          {n.status === "hidden" ? (
            <Button
              size="small"
              variant="secondary"
              onClick={() => void restore(n)}
            >
              {t("notes.actions.restore")}
            </Button>
          ) : (
            <Button
              size="small"
              variant="secondary"
              onClick={() => setHiding(n)}
            >
              {t("notes.actions.hide")}
            </Button>
          )}
        </div>
        <div
          className="txt-small text-ui-fg-base prose max-w-none px-6 py-4 [&_a]:text-ui-fg-interactive [&_p]:mb-2"
          // body_html is rendered and sanitised by the API (see NoteDTO).
          dangerouslySetInnerHTML={{ __html: n.body_html }}
        />
      </Container>

      <Container className="divide-y p-0">
        <div className="flex items-center justify-between px-6 py-4">
          <Heading level="h2">{t("notes.detail.images")}</Heading>
          {placing ? (
            <div className="flex items-center gap-x-2" role="status">
              <Text size="small" className="text-ui-fg-interactive">
                {t("notes.detail.placing", {
                  name: labels.get(placing.product_id) ?? placing.product_id,
                })}
              </Text>
              <Button
                size="small"
                variant="transparent"
                onClick={() => setPlacing(null)}
              >
                {t("common.actions.cancel")}
              </Button>
            </div>
          ) : null}
        </div>
        <NoteImages
          note={n}
          placing={placing}
          labels={(p) => labels.get(p.product_id) ?? p.product_id}
          onPlace={async (point) => {
            const target = placing
            setPlacing(null)
            if (!target) {
              return
            }
            await savePins(
              products.map((p) =>
                p.id === target.id ? { ...p, ...point } : p
              ),
              t("notes.toast.pinned")
            )
          }}
        />
      </Container>

      <Container className="divide-y p-0" data-testid="tagged-products">
        <div className="flex flex-wrap items-center justify-between gap-2 px-6 py-4">
          <Heading level="h2">{t("notes.detail.products")}</Heading>
          <div className="flex items-center gap-x-2">
            <div className="w-[260px]">
              <EntityPicker
                id="tag-product"
                source={PICKERS.product}
                value={tagging}
                placeholder={t("notes.detail.searchProducts")}
                onChange={(pid) => setTagging(pid)}
              />
            </div>
            <Button
              size="small"
              variant="secondary"
              disabled={!tagging}
              isLoading={change.isPending}
              onClick={() => void tag()}
            >
              {t("notes.actions.tag")}
            </Button>
          </div>
        </div>
        {products.length === 0 ? (
          <Text size="small" className="text-ui-fg-muted px-6 py-4">
            {t("notes.detail.noProducts")}
          </Text>
        ) : (
          <Table>
            <Table.Header>
              <Table.Row>
                <Table.HeaderCell>#</Table.HeaderCell>
                <Table.HeaderCell>{t("notes.detail.product")}</Table.HeaderCell>
                <Table.HeaderCell>{t("notes.detail.pin")}</Table.HeaderCell>
                <Table.HeaderCell>{t("notes.detail.code")}</Table.HeaderCell>
                <Table.HeaderCell className="text-right">
                  {t("notes.detail.actions")}
                </Table.HeaderCell>
              </Table.Row>
            </Table.Header>
            <Table.Body>
              {products.map((p, i) => (
                <Table.Row key={p.id}>
                  <Table.Cell>{i + 1}</Table.Cell>
                  <Table.Cell>
                    <ProductTitle productId={p.product_id} labels={labels} />
                    {p.caption ? (
                      <Text size="xsmall" className="text-ui-fg-subtle">
                        {p.caption}
                      </Text>
                    ) : null}
                  </Table.Cell>
                  <Table.Cell>
                    {p.image_index != null && p.x != null && p.y != null
                      ? t("notes.detail.pinAt", {
                          image: p.image_index + 1,
                          x: Math.round(p.x * 100),
                          y: Math.round(p.y * 100),
                        })
                      : t("notes.detail.noPin")}
                  </Table.Cell>
                  <Table.Cell>
                    <Text size="small" className="font-mono">
                      {p.code}
                    </Text>
                  </Table.Cell>
                  <Table.Cell>
                    <div className="flex items-center justify-end gap-x-1">
                      <Button
                        size="small"
                        variant="secondary"
                        disabled={!(n.images ?? []).length}
                        onClick={() => setPlacing(p)}
                      >
                        <MapPin />
                        {t("notes.actions.placePin")}
                      </Button>
                      {p.x != null ? (
                        <IconButton
                          size="small"
                          variant="transparent"
                          aria-label={t("notes.actions.removePin")}
                          onClick={() =>
                            void savePins(
                              products.map((q) =>
                                q.id === p.id
                                  ? {
                                      ...q,
                                      image_index: null,
                                      x: null,
                                      y: null,
                                    }
                                  : q
                              ),
                              t("notes.toast.unpinned")
                            )
                          }
                        >
                          <XMark />
                        </IconButton>
                      ) : null}
                      <IconButton
                        size="small"
                        variant="transparent"
                        aria-label={t("notes.actions.untag")}
                        onClick={() => void untag(p)}
                      >
                        <Trash />
                      </IconButton>
                    </div>
                  </Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        )}
      </Container>

      <NoteReport noteId={n.id} />
      <HideNoteDrawer
        note={hiding}
        onOpenChange={(o) => !o && setHiding(null)}
      />
    </div>
  )
}

export default NoteDetailPage
