import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type { AdminProduct, DetailWidgetProps } from "@medusajs/framework/types"
import { Badge, Container, Heading, Text } from "@medusajs/ui"
import { Link } from "react-router-dom"
import { useAdminQuery } from "../lib/api"
import { useT } from "../lib/i18n"
import { PATHS } from "../lib/paths"
import { ErrorState, LoadingState } from "../lib/states"
import { STATUS_COLOR, type NotesList } from "../routes/notes/components/types"

/** How many tagging notes the widget lists; the count says if there are more. */
const SHOWN = 10

/**
 * On a product: the notes that tag it (`GET /admin/notes?product_id=`),
 * each a link to its page, or a quiet "No notes tag this product".
 */
const ProductNotesWidget = ({
  data: product,
}: DetailWidgetProps<AdminProduct>) => {
  const t = useT()
  const notes = useAdminQuery<NotesList>("/admin/notes", {
    product_id: product.id,
    limit: SHOWN,
  })
  const list = notes.data?.notes ?? []

  return (
    <Container className="divide-y p-0" data-testid="product-notes">
      <div className="flex items-center justify-between px-6 py-4">
        <Heading level="h2">{t("widgets.product.title")}</Heading>
        {notes.data ? (
          <Text size="small" className="text-ui-fg-subtle">
            {t("widgets.product.count", { count: notes.data.count })}
          </Text>
        ) : null}
      </div>
      {notes.isPending ? (
        <LoadingState rows={2} />
      ) : notes.isError ? (
        <ErrorState error={notes.error} onRetry={() => notes.refetch()} />
      ) : list.length ? (
        <ul>
          {list.map((n) => (
            <li
              key={n.id}
              className="flex items-center justify-between gap-x-2 px-6 py-3"
            >
              <Link
                to={PATHS.note(n.id)}
                className="text-ui-fg-interactive hover:text-ui-fg-interactive-hover txt-small truncate"
              >
                {n.title}
              </Link>
              <Badge size="2xsmall" color={STATUS_COLOR[n.status]}>
                {t(`notes.status.${n.status}`)}
              </Badge>
            </li>
          ))}
        </ul>
      ) : (
        <div className="px-6 py-4">
          <Text size="small" className="text-ui-fg-subtle">
            {t("widgets.product.none")}
          </Text>
        </div>
      )}
    </Container>
  )
}

export const config = defineWidgetConfig({
  zone: "product.details.side.after",
})

export default ProductNotesWidget
