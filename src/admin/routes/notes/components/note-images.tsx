import { Text, clx } from "@medusajs/ui"
import { useT } from "../../../lib/i18n"
import type { AdminNote, NoteProduct } from "./types"

/*
 * The note's images with the product pins at their points (x, y in 0..1
 * of the image). In placing mode a click on an image answers the point.
 */
export function NoteImages({
  note,
  labels,
  placing,
  onPlace,
}: {
  note: AdminNote
  /** The pin's label (its product's name) by product id. */
  labels: (p: NoteProduct) => string
  /** The product whose pin is being placed, if any. */
  placing: NoteProduct | null
  onPlace: (point: { image_index: number; x: number; y: number }) => void
}) {
  const t = useT()
  const images = note.images ?? []
  if (!images.length) {
    return (
      <Text size="small" className="text-ui-fg-muted px-6 py-4">
        {t("notes.detail.noImages")}
      </Text>
    )
  }
  const products = note.products ?? []
  return (
    <div className="grid grid-cols-1 gap-4 px-6 py-4 md:grid-cols-2">
      {images.map((img, index) => (
        <figure key={`${img.url}-${index}`} className="flex flex-col gap-y-1">
          <div
            className={clx(
              "bg-ui-bg-subtle relative overflow-hidden rounded-lg border",
              placing && "cursor-crosshair ring-ui-border-interactive ring-2"
            )}
            data-testid={`note-image-${index}`}
            onClick={(e) => {
              if (!placing) {
                return
              }
              const box = e.currentTarget.getBoundingClientRect()
              const clamp = (v: number) => Math.min(1, Math.max(0, v))
              onPlace({
                image_index: index,
                x: clamp((e.clientX - box.left) / box.width),
                y: clamp((e.clientY - box.top) / box.height),
              })
            }}
          >
            <img
              src={img.url}
              alt={img.alt ?? ""}
              className="block h-auto w-full select-none"
              draggable={false}
            />
            {products
              .filter(
                (p) => p.image_index === index && p.x != null && p.y != null
              )
              .map((p) => (
                <span
                  key={p.id}
                  role="img"
                  aria-label={t("notes.detail.pinOf", { name: labels(p) })}
                  title={labels(p)}
                  className={clx(
                    "bg-ui-bg-base shadow-elevation-card-rest txt-compact-xsmall-plus absolute flex h-6 min-w-6 -translate-x-1/2 -translate-y-1/2 items-center justify-center rounded-full px-1.5",
                    placing?.id === p.id && "ring-ui-border-interactive ring-2"
                  )}
                  style={{
                    left: `${(p.x ?? 0) * 100}%`,
                    top: `${(p.y ?? 0) * 100}%`,
                  }}
                >
                  {products.indexOf(p) + 1}
                </span>
              ))}
          </div>
          {img.alt ? (
            <Text size="xsmall" className="text-ui-fg-subtle">
              {img.alt}
            </Text>
          ) : null}
        </figure>
      ))}
    </div>
  )
}
