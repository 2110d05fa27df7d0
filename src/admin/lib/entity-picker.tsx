import { Input, Text, clx } from "@medusajs/ui"
import { useEffect, useId, useRef, useState } from "react"
import { useAdminQuery } from "./api"
import { useT } from "./i18n"

/*
 * A search-as-you-type picker over one of the admin's list routes (the
 * store's products, variants, collections, categories; the program's
 * buyers). The merchant types, the list route searches (`q`), a click or
 * Enter picks. The id is the value; the label is read back for an id set
 * from outside (an edit form).
 */

export type PickerItem = { id: string; label: string; sub?: string }

export type PickerSource = {
  /** The list route, e.g. `/admin/products`. */
  path: string
  /** The list's key in the answer, e.g. `products`. */
  key: string
  /** Extra query (fields). */
  query?: Record<string, string>
  /** The single record's route and key, for the label of a given id. */
  one?: { path: (id: string) => string; key: string }
  toItem: (record: Record<string, unknown>) => PickerItem
}

const s = (v: unknown) => (v == null ? "" : String(v))

export const PICKERS = {
  product: {
    path: "/admin/products",
    key: "products",
    query: { fields: "id,title,handle,status" },
    one: { path: (id) => `/admin/products/${id}`, key: "product" },
    toItem: (r) => ({ id: s(r.id), label: s(r.title), sub: s(r.handle) }),
  },
  collection: {
    path: "/admin/collections",
    key: "collections",
    one: { path: (id) => `/admin/collections/${id}`, key: "collection" },
    toItem: (r) => ({ id: s(r.id), label: s(r.title), sub: s(r.handle) }),
  },
  category: {
    path: "/admin/product-categories",
    key: "product_categories",
    one: {
      path: (id) => `/admin/product-categories/${id}`,
      key: "product_category",
    },
    toItem: (r) => ({ id: s(r.id), label: s(r.name), sub: s(r.handle) }),
  },
  buyer: {
    path: "/admin/buyers",
    key: "buyers",
    one: { path: (id) => `/admin/buyers/${id}`, key: "buyer" },
    toItem: (r) => ({
      id: s(r.id),
      label: s(r.display_name || r.handle),
      sub: `@${s(r.handle)} · ${s(r.status)}`,
    }),
  },
} satisfies Record<string, PickerSource>

/** The variants of one product, as a picker source. */
export function variantSource(productId: string): PickerSource {
  return {
    path: `/admin/products/${productId}/variants`,
    key: "variants",
    query: { fields: "id,title,sku" },
    one: {
      path: (id) => `/admin/products/${productId}/variants/${id}`,
      key: "variant",
    },
    toItem: (r) => ({ id: s(r.id), label: s(r.title), sub: s(r.sku) }),
  }
}

export function EntityPicker({
  id,
  source,
  value,
  onChange,
  placeholder,
  invalid,
  disabled,
}: {
  id?: string
  source: PickerSource
  value: string | null | undefined
  onChange: (id: string | null, item: PickerItem | null) => void
  placeholder?: string
  invalid?: boolean
  disabled?: boolean
}) {
  const t = useT()
  const listId = useId()
  const [text, setText] = useState("")
  const [debounced, setDebounced] = useState("")
  const [open, setOpen] = useState(false)
  const [active, setActive] = useState(0)
  const [picked, setPicked] = useState<PickerItem | null>(null)
  const box = useRef<HTMLDivElement>(null)

  useEffect(() => {
    const h = setTimeout(() => setDebounced(text.trim()), 250)
    return () => clearTimeout(h)
  }, [text])

  // The label of an id set from outside.
  const one = useAdminQuery<Record<string, Record<string, unknown>>>(
    source.one ? source.one.path(value ?? "") : source.path,
    {},
    { enabled: !!value && !!source.one && picked?.id !== value }
  )
  useEffect(() => {
    if (!value) {
      setPicked(null)
      return
    }
    const rec = source.one && one.data?.[source.one.key]
    if (rec && picked?.id !== value) {
      setPicked(source.toItem(rec))
    }
  }, [value, one.data, source, picked?.id])

  const list = useAdminQuery<Record<string, Record<string, unknown>[]>>(
    source.path,
    { ...source.query, q: debounced || undefined, limit: 10 },
    { enabled: open && !disabled }
  )
  const items = (list.data?.[source.key] ?? []).map(source.toItem)

  useEffect(() => {
    const close = (e: MouseEvent) => {
      if (box.current && !box.current.contains(e.target as Node)) {
        setOpen(false)
      }
    }
    document.addEventListener("mousedown", close)
    return () => document.removeEventListener("mousedown", close)
  }, [])

  const choose = (item: PickerItem) => {
    setPicked(item)
    setText("")
    setOpen(false)
    onChange(item.id, item)
  }

  return (
    <div ref={box} className="relative">
      <Input
        id={id}
        size="small"
        role="combobox"
        aria-expanded={open}
        aria-controls={listId}
        aria-invalid={invalid}
        autoComplete="off"
        disabled={disabled}
        placeholder={placeholder ?? t("common.picker.search")}
        value={open ? text : (picked?.label ?? (value ? value : ""))}
        onFocus={() => {
          setOpen(true)
          setActive(0)
        }}
        onChange={(e) => {
          setText(e.target.value)
          setOpen(true)
          setActive(0)
          if (!e.target.value && value) {
            onChange(null, null)
            setPicked(null)
          }
        }}
        onKeyDown={(e) => {
          if (e.key === "ArrowDown") {
            e.preventDefault()
            setActive((a) => Math.min(a + 1, items.length - 1))
          } else if (e.key === "ArrowUp") {
            e.preventDefault()
            setActive((a) => Math.max(a - 1, 0))
          } else if (e.key === "Enter" && open && items[active]) {
            e.preventDefault()
            choose(items[active])
          } else if (e.key === "Escape") {
            setOpen(false)
          }
        }}
      />
      {open ? (
        <ul
          id={listId}
          role="listbox"
          className="bg-ui-bg-base shadow-elevation-flyout absolute z-50 mt-1 max-h-64 w-full overflow-auto rounded-lg p-1"
        >
          {list.isPending ? (
            <li className="px-2 py-1.5">
              <Text size="small" className="text-ui-fg-muted">
                {t("common.picker.loading")}
              </Text>
            </li>
          ) : list.isError ? (
            <li className="px-2 py-1.5" role="alert">
              <Text size="small" className="text-ui-fg-error">
                {list.error.message}
              </Text>
            </li>
          ) : items.length === 0 ? (
            <li className="px-2 py-1.5">
              <Text size="small" className="text-ui-fg-muted">
                {t("common.picker.none")}
              </Text>
            </li>
          ) : (
            items.map((item, i) => (
              <li
                key={item.id}
                role="option"
                aria-selected={item.id === value}
                className={clx(
                  "flex cursor-pointer flex-col rounded-md px-2 py-1.5",
                  i === active && "bg-ui-bg-base-hover"
                )}
                onMouseEnter={() => setActive(i)}
                onMouseDown={(e) => {
                  e.preventDefault()
                  choose(item)
                }}
              >
                <Text size="small" weight="plus">
                  {item.label}
                </Text>
                {item.sub ? (
                  <Text size="xsmall" className="text-ui-fg-subtle">
                    {item.sub}
                  </Text>
                ) : null}
              </li>
            ))
          )}
        </ul>
      ) : null}
    </div>
  )
}

/** The name of one record of a source (a product's title), its id meanwhile. */
export function EntityName({
  source,
  id,
}: {
  source: PickerSource
  id: string
}) {
  const one = source.one
  const q = useAdminQuery<Record<string, Record<string, unknown>>>(
    one ? one.path(id) : source.path,
    {},
    { enabled: !!one, staleTime: 60_000, retry: false }
  )
  const rec = one ? q.data?.[one.key] : undefined
  return <>{rec ? source.toItem(rec).label : id}</>
}
