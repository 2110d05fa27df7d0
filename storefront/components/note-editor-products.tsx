"use client"

import {
  useEffect,
  useId,
  useRef,
  useState,
  type KeyboardEvent,
  type PointerEvent,
} from "react"
import { searchProducts } from "@/app/account/notes/actions"
import styles from "./note-editor.module.css"
import {
  clamp01,
  type EditorImage,
  type EditorProduct,
  type ProductHit,
} from "./note-editor-types"

const percent = (v: number) => `${Math.round(v * 100)}%`

/**
 * A product search as a combobox (WAI-ARIA's list autocomplete): typing
 * asks Medusa's `/store/products?q=` through a server action, 250 ms after
 * the last key; arrows move through the results, Enter tags the active
 * one, Escape closes the list.
 */
export function ProductSearch({
  onPick,
}: {
  onPick: (hit: ProductHit) => void
}) {
  const id = useId()
  const listId = `${id}-list`
  const [q, setQ] = useState("")
  const [hits, setHits] = useState<ProductHit[]>([])
  const [open, setOpen] = useState(false)
  const [active, setActive] = useState(-1)
  const [busy, setBusy] = useState(false)
  const asked = useRef(0)

  useEffect(() => {
    const query = q.trim()
    if (!query) {
      setHits([])
      setBusy(false)
      return
    }
    const ticket = ++asked.current
    setBusy(true)
    const timer = setTimeout(() => {
      searchProducts(query)
        .then((found) => {
          // An answer to an older query than the last one is dropped.
          if (ticket === asked.current) {
            setHits(found)
            setActive(found.length ? 0 : -1)
            setOpen(true)
          }
        })
        .catch(() => {
          if (ticket === asked.current) {
            setHits([])
          }
        })
        .finally(() => {
          if (ticket === asked.current) {
            setBusy(false)
          }
        })
    }, 250)
    return () => clearTimeout(timer)
  }, [q])

  const pick = (hit: ProductHit) => {
    onPick(hit)
    setQ("")
    setHits([])
    setOpen(false)
    setActive(-1)
  }

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === "ArrowDown" && hits.length) {
      e.preventDefault()
      setOpen(true)
      setActive((a) => (a + 1) % hits.length)
    } else if (e.key === "ArrowUp" && hits.length) {
      e.preventDefault()
      setOpen(true)
      setActive((a) => (a <= 0 ? hits.length - 1 : a - 1))
    } else if (e.key === "Enter") {
      // Never submits the note from the search box.
      e.preventDefault()
      if (open && active >= 0 && hits[active]) {
        pick(hits[active])
      }
    } else if (e.key === "Escape") {
      setOpen(false)
    }
  }

  const expanded = open && q.trim() !== "" && !busy
  const status = busy
    ? "Searching…"
    : q.trim() && open
      ? hits.length
        ? `${hits.length} product${hits.length > 1 ? "s" : ""} found`
        : "No product found"
      : ""

  return (
    <div className={styles.search}>
      <label htmlFor={`${id}-q`}>Search products to tag</label>
      <div className={styles.comboBox}>
        <input
          id={`${id}-q`}
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={expanded}
          aria-controls={listId}
          aria-activedescendant={
            expanded && active >= 0 ? `${id}-opt-${active}` : undefined
          }
          autoComplete="off"
          value={q}
          onChange={(e) => {
            setQ(e.target.value)
            setOpen(true)
          }}
          onKeyDown={onKeyDown}
          onBlur={() => setOpen(false)}
        />
        <ul
          id={listId}
          role="listbox"
          aria-label="Products"
          className={styles.listbox}
          hidden={!expanded || hits.length === 0}
        >
          {hits.map((hit, i) => (
            <li
              key={hit.id}
              id={`${id}-opt-${i}`}
              role="option"
              aria-selected={i === active}
              className={styles.option}
              // Before the input's blur closes the list.
              onMouseDown={(e) => {
                e.preventDefault()
                pick(hit)
              }}
              onMouseEnter={() => setActive(i)}
            >
              {hit.thumbnail ? (
                <img
                  src={hit.thumbnail}
                  alt=""
                  className={styles.optionThumb}
                />
              ) : (
                <span className={styles.optionThumb} aria-hidden="true" />
              )}
              {hit.title}
            </li>
          ))}
        </ul>
      </div>
      <p role="status" className={styles.hint}>
        {status}
      </p>
    </div>
  )
}

/**
 * The tagged products: which one the next click on an image places, where
 * its pin is, and buttons for what a pointer does on the images.
 */
export function TaggedProducts({
  products,
  selected,
  imageCount,
  onSelect,
  onChange,
}: {
  products: EditorProduct[]
  selected: string | null
  imageCount: number
  onSelect: (id: string | null) => void
  onChange: (next: EditorProduct[]) => void
}) {
  if (!products.length) {
    return <p className={styles.hint}>No product tagged yet.</p>
  }
  const update = (id: string, change: Partial<EditorProduct>) =>
    onChange(
      products.map((p) => (p.product_id === id ? { ...p, ...change } : p))
    )
  return (
    <ul className={styles.tagged} aria-label="Tagged products">
      {products.map((p) => {
        const isSelected = p.product_id === selected
        return (
          <li
            key={p.product_id}
            className={`${styles.taggedRow} ${isSelected ? styles.selectedRow : ""}`}
          >
            <div className={styles.taggedText}>
              <span className={styles.taggedTitle}>{p.title}</span>
              <span className={styles.small}>
                {p.x !== null && p.y !== null && p.image_index !== null
                  ? `Pin on image ${p.image_index + 1} at ${percent(p.x)} across, ${percent(p.y)} down`
                  : "No pin yet"}
              </span>
            </div>
            <div className={styles.rowActions}>
              <button
                type="button"
                className={styles.small}
                aria-pressed={isSelected}
                onClick={() => onSelect(isSelected ? null : p.product_id)}
              >
                {isSelected ? "Selected" : "Select"}
                <span className={styles.visuallyHidden}> {p.title}</span>
              </button>
              {imageCount > 0 && p.x === null && (
                <button
                  type="button"
                  className={styles.small}
                  onClick={() => {
                    update(p.product_id, { image_index: 0, x: 0.5, y: 0.5 })
                    onSelect(p.product_id)
                  }}
                >
                  Pin at centre
                  <span className={styles.visuallyHidden}> of image 1</span>
                </button>
              )}
              {p.x !== null && (
                <button
                  type="button"
                  className={styles.small}
                  onClick={() =>
                    update(p.product_id, {
                      image_index: null,
                      x: null,
                      y: null,
                    })
                  }
                >
                  Remove pin
                  <span className={styles.visuallyHidden}> of {p.title}</span>
                </button>
              )}
              <button
                type="button"
                className={styles.small}
                onClick={() => {
                  onChange(
                    products.filter((o) => o.product_id !== p.product_id)
                  )
                  if (isSelected) {
                    onSelect(null)
                  }
                }}
              >
                Untag
                <span className={styles.visuallyHidden}> {p.title}</span>
              </button>
            </div>
          </li>
        )
      })}
    </ul>
  )
}

/**
 * The images as the note page shows them (3:4, cropped to fill), with the
 * pins: a click places the selected product's pin at that point of the
 * image (`x`, `y` in 0..1 of the picture as shown); a pin can be dragged,
 * and, focused, moved with the arrow keys (Shift: by 5%) or removed with
 * Delete.
 */
export function PinBoard({
  images,
  products,
  selected,
  onSelect,
  onChange,
}: {
  images: EditorImage[]
  products: EditorProduct[]
  selected: string | null
  onSelect: (id: string | null) => void
  onChange: (next: EditorProduct[]) => void
}) {
  // The pin being dragged and where the pointer went down: it moves once
  // the pointer has gone 4 px, so a click only selects it.
  const dragging = useRef<{
    id: string
    x: number
    y: number
    moved: boolean
  } | null>(null)
  const chosen = products.find((p) => p.product_id === selected)

  const place = (id: string, image: number, x: number, y: number) =>
    onChange(
      products.map((p) =>
        p.product_id === id
          ? { ...p, image_index: image, x: clamp01(x), y: clamp01(y) }
          : p
      )
    )

  /** The point of the board under the pointer, 0..1. */
  const pointOf = (el: Element, clientX: number, clientY: number) => {
    const r = el.getBoundingClientRect()
    return [(clientX - r.left) / r.width, (clientY - r.top) / r.height] as const
  }

  const onPinKey = (e: KeyboardEvent<HTMLButtonElement>, p: EditorProduct) => {
    const step = e.shiftKey ? 0.05 : 0.01
    const moves: Record<string, [number, number]> = {
      ArrowLeft: [-step, 0],
      ArrowRight: [step, 0],
      ArrowUp: [0, -step],
      ArrowDown: [0, step],
    }
    if (moves[e.key] && p.x !== null && p.y !== null) {
      e.preventDefault()
      place(
        p.product_id,
        p.image_index ?? 0,
        p.x + moves[e.key][0],
        p.y + moves[e.key][1]
      )
      onSelect(p.product_id)
    } else if (e.key === "Delete" || e.key === "Backspace") {
      e.preventDefault()
      onChange(
        products.map((o) =>
          o.product_id === p.product_id
            ? { ...o, image_index: null, x: null, y: null }
            : o
        )
      )
    }
  }

  return (
    <div className={styles.pins}>
      <p className={styles.hint} id="pin-help">
        {chosen
          ? `Click an image to place the pin of “${chosen.title}”. Drag a pin to move it, or focus it and use the arrow keys; Delete removes it.`
          : products.length
            ? "Select a tagged product, then click an image to place its pin."
            : "Search a product to tag, then click an image to place its pin."}
      </p>
      <div className={styles.boards}>
        {images.map((img, i) => (
          <div
            key={`${img.url}-${i}`}
            className={`${styles.board} ${chosen ? styles.boardActive : ""}`}
            data-image-index={i}
            onClick={(e) => {
              if (chosen) {
                const [x, y] = pointOf(e.currentTarget, e.clientX, e.clientY)
                place(chosen.product_id, i, x, y)
              }
            }}
          >
            <img
              src={img.url}
              alt={img.alt || `Image ${i + 1}`}
              className={styles.boardImage}
              draggable={false}
            />
            {products
              .filter(
                (p) => p.image_index === i && p.x !== null && p.y !== null
              )
              .map((p) => (
                <button
                  key={p.product_id}
                  type="button"
                  className={[
                    styles.pin,
                    p.product_id === selected && styles.pinSelected,
                    // Near the right edge the label goes to the dot's left.
                    p.x! > 0.6 && styles.pinFlip,
                  ]
                    .filter(Boolean)
                    .join(" ")}
                  style={{ left: `${p.x! * 100}%`, top: `${p.y! * 100}%` }}
                  aria-label={`Pin of ${p.title} on image ${i + 1}, ${percent(p.x!)} across, ${percent(p.y!)} down`}
                  aria-describedby="pin-help"
                  data-product-id={p.product_id}
                  onClick={(e) => {
                    e.stopPropagation()
                    onSelect(p.product_id)
                  }}
                  onKeyDown={(e) => onPinKey(e, p)}
                  onPointerDown={(e: PointerEvent<HTMLButtonElement>) => {
                    e.currentTarget.setPointerCapture(e.pointerId)
                    dragging.current = {
                      id: p.product_id,
                      x: e.clientX,
                      y: e.clientY,
                      moved: false,
                    }
                    onSelect(p.product_id)
                  }}
                  onPointerMove={(e) => {
                    const drag = dragging.current
                    if (drag?.id !== p.product_id) {
                      return
                    }
                    drag.moved ||=
                      Math.hypot(e.clientX - drag.x, e.clientY - drag.y) > 4
                    if (drag.moved) {
                      const board = e.currentTarget.parentElement!
                      const [x, y] = pointOf(board, e.clientX, e.clientY)
                      place(p.product_id, i, x, y)
                    }
                  }}
                  onPointerUp={(e) => {
                    e.currentTarget.releasePointerCapture(e.pointerId)
                    dragging.current = null
                  }}
                >
                  <span className={styles.pinDot} aria-hidden="true" />
                  <span className={styles.pinLabel} aria-hidden="true">
                    {p.title}
                  </span>
                </button>
              ))}
          </div>
        ))}
      </div>
    </div>
  )
}
