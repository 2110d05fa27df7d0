"use client"

import {
  startTransition,
  useActionState,
  useEffect,
  useRef,
  useState,
} from "react"
import { saveNote } from "@/app/account/notes/actions"
import styles from "./note-editor.module.css"
import { ProductSearch, PinBoard, TaggedProducts } from "./note-editor-products"
import type {
  EditorField,
  EditorImage,
  EditorProduct,
  NoteFormState,
} from "./note-editor-types"

export type NoteEditorInitial = {
  id: string | null
  title: string
  body: string
  locale: string
  status: "draft" | "published" | "hidden"
  tags: string[]
  images: EditorImage[]
  products: EditorProduct[]
}

const LOCALES = [
  { value: "", label: "Not set" },
  { value: "en", label: "English" },
  { value: "zh-CN", label: "中文 (简体)" },
  { value: "zh-TW", label: "中文 (繁體)" },
  { value: "ja", label: "日本語" },
  { value: "fr", label: "Français" },
  { value: "de", label: "Deutsch" },
  { value: "nl", label: "Nederlands" },
]

/** An error line under a field; the input points at it. */
function FieldError({ id, text }: { id: string; text?: string }) {
  return text ? (
    <p id={id} className={styles.fieldError}>
      {text}
    </p>
  ) : null
}

/**
 * The buyer's note editor: title, Markdown body, tags, language, images
 * by URL, tagged products with their pins, and draft or published. Saved
 * by a server action (the customer's token never reaches the browser);
 * the API's errors show beside the fields they name and in a live summary.
 */
export function NoteEditor({
  initial,
  created,
}: {
  initial: NoteEditorInitial
  created?: boolean
}) {
  const [state, action, pending] = useActionState<NoteFormState, FormData>(
    saveNote,
    {
      fields: {},
      savedAt: null,
      ok: created ? "Note created." : undefined,
    }
  )
  const [title, setTitle] = useState(initial.title)
  const [body, setBody] = useState(initial.body)
  const [locale, setLocale] = useState(initial.locale)
  const [status, setStatus] = useState<"draft" | "published">(
    initial.status === "published" ? "published" : "draft"
  )
  const [tags, setTags] = useState(initial.tags)
  const [tagDraft, setTagDraft] = useState("")
  const [images, setImages] = useState(initial.images)
  const [newUrl, setNewUrl] = useState("")
  const [newAlt, setNewAlt] = useState("")
  const [products, setProducts] = useState(initial.products)
  const [selected, setSelected] = useState<string | null>(
    initial.products[0]?.product_id ?? null
  )
  const summary = useRef<HTMLDivElement>(null)
  // Fields changed since the last refused save: their errors are stale.
  const [edited, setEdited] = useState<EditorField[]>([])
  const touch = (f: EditorField) =>
    setEdited((old) => (old.includes(f) ? old : [...old, f]))

  // After a refused save, the summary takes focus so the errors are read.
  useEffect(() => {
    setEdited([])
    if (state.error) {
      summary.current?.focus()
    }
  }, [state])

  const addTags = (text: string) => {
    const more = text
      .split(/[,，\n]/)
      .map((t) => t.trim().replace(/^#/, ""))
      .filter(Boolean)
    if (more.length) {
      setTags((old) => [...new Set([...old, ...more])])
    }
  }

  const addImage = () => {
    const url = newUrl.trim()
    if (!url) {
      return
    }
    setImages((old) => [...old, { url, alt: newAlt.trim() }])
    setNewUrl("")
    setNewAlt("")
  }

  /** Image `from` goes to `to`; pins follow their image. */
  const moveImage = (from: number, to: number) => {
    setImages((old) => {
      const next = [...old]
      const [item] = next.splice(from, 1)
      next.splice(to, 0, item)
      return next
    })
    setProducts((old) =>
      old.map((p) => {
        if (p.image_index === from) {
          return { ...p, image_index: to }
        }
        if (p.image_index === to) {
          return { ...p, image_index: from }
        }
        return p
      })
    )
  }

  /** Removing an image removes its pins and renumbers the later ones. */
  const removeImage = (index: number) => {
    setImages((old) => old.filter((_, i) => i !== index))
    setProducts((old) =>
      old.map((p) =>
        p.image_index === index
          ? { ...p, image_index: null, x: null, y: null }
          : p.image_index !== null && p.image_index > index
            ? { ...p, image_index: p.image_index - 1 }
            : p
      )
    )
  }

  const payload = JSON.stringify({
    // A tag typed but not yet added is kept too.
    tags: [
      ...new Set([
        ...tags,
        ...tagDraft
          .split(/[,，]/)
          .map((t) => t.trim().replace(/^#/, ""))
          .filter(Boolean),
      ]),
    ],
    images,
    products,
  })
  const err = Object.fromEntries(
    Object.entries(state.fields).filter(
      ([f]) => !edited.includes(f as EditorField)
    )
  ) as NoteFormState["fields"]
  const described = (f: EditorField, hint?: string) =>
    [hint, err[f] ? `${f}-error` : undefined].filter(Boolean).join(" ") ||
    undefined

  return (
    <form
      action={action}
      // Submitted by hand: React resets a form after its action, which
      // would put the radios and selects back to their first values.
      onSubmit={(e) => {
        e.preventDefault()
        const data = new FormData(e.currentTarget)
        startTransition(() => action(data))
      }}
      className={styles.editor}
      noValidate
    >
      <input type="hidden" name="id" value={initial.id ?? ""} />
      <input type="hidden" name="payload" value={payload} />

      <div
        ref={summary}
        tabIndex={-1}
        className={styles.summary}
        aria-live="assertive"
        aria-atomic="true"
      >
        {state.error && (
          <div className={styles.errorBox}>
            <p className={styles.errorTitle}>The note was not saved:</p>
            <ul>
              {Object.keys(state.fields).length ? (
                (Object.keys(state.fields) as EditorField[]).map((f) => (
                  <li key={f}>
                    <a href={`#${f === "status" ? "status-draft" : f}`}>
                      {state.fields[f]}
                    </a>
                  </li>
                ))
              ) : (
                <li>{state.error}</li>
              )}
            </ul>
          </div>
        )}
      </div>

      <div className={styles.field}>
        <label htmlFor="title">Title</label>
        <input
          id="title"
          name="title"
          value={title}
          onChange={(e) => {
            setTitle(e.target.value)
            touch("title")
          }}
          maxLength={200}
          aria-invalid={err.title ? true : undefined}
          aria-describedby={described("title")}
        />
        <FieldError id="title-error" text={err.title} />
      </div>

      <div className={styles.field}>
        <label htmlFor="body">Body</label>
        <textarea
          id="body"
          name="body"
          rows={8}
          value={body}
          onChange={(e) => {
            setBody(e.target.value)
            touch("body")
          }}
          maxLength={20000}
          aria-invalid={err.body ? true : undefined}
          aria-describedby={described("body", "body-hint")}
        />
        <p id="body-hint" className={styles.hint}>
          Markdown: **bold**, *italic*, [a link](https://…); lines starting with
          - make a list. Raw HTML is removed.
        </p>
        <FieldError id="body-error" text={err.body} />
      </div>

      <div className={styles.field}>
        <label htmlFor="tag-input">Tags</label>
        {tags.length > 0 && (
          <ul className={styles.chips} aria-label="Added tags">
            {tags.map((t) => (
              <li key={t} className={styles.chip}>
                #{t}
                <button
                  type="button"
                  className={styles.chipRemove}
                  aria-label={`Remove tag ${t}`}
                  onClick={() => setTags((old) => old.filter((x) => x !== t))}
                >
                  ×
                </button>
              </li>
            ))}
          </ul>
        )}
        <input
          id="tag-input"
          value={tagDraft}
          onChange={(e) => setTagDraft(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter" || e.key === ",") {
              e.preventDefault()
              addTags(tagDraft)
              setTagDraft("")
            } else if (e.key === "Backspace" && !tagDraft && tags.length) {
              setTags((old) => old.slice(0, -1))
            }
          }}
          onBlur={() => {
            addTags(tagDraft)
            setTagDraft("")
          }}
          aria-invalid={err.tags ? true : undefined}
          aria-describedby={described("tags", "tags-hint")}
        />
        <p id="tags-hint" className={styles.hint}>
          Press Enter or type a comma after each tag.
        </p>
        <FieldError id="tags-error" text={err.tags} />
      </div>

      <div className={styles.field}>
        <label htmlFor="locale">Language</label>
        <select
          id="locale"
          name="locale"
          value={locale}
          onChange={(e) => {
            setLocale(e.target.value)
            touch("locale")
          }}
          aria-invalid={err.locale ? true : undefined}
          aria-describedby={described("locale")}
        >
          {LOCALES.some((l) => l.value === locale) ? null : (
            <option value={locale}>{locale}</option>
          )}
          {LOCALES.map((l) => (
            <option key={l.value} value={l.value}>
              {l.label}
            </option>
          ))}
        </select>
        <FieldError id="locale-error" text={err.locale} />
      </div>

      <fieldset className={styles.group} id="images">
        <legend>Images</legend>
        {images.length > 0 && (
          <ol className={styles.imageList}>
            {images.map((img, i) => (
              <li key={`${img.url}-${i}`} className={styles.imageRow}>
                <img src={img.url} alt="" className={styles.thumb} />
                <div className={styles.imageFields}>
                  <span className={styles.mono}>{img.url}</span>
                  <label>
                    <span className={styles.small}>
                      Alt text, image {i + 1}
                    </span>
                    <input
                      value={img.alt}
                      maxLength={300}
                      onChange={(e) =>
                        setImages((old) =>
                          old.map((o, j) =>
                            j === i ? { ...o, alt: e.target.value } : o
                          )
                        )
                      }
                    />
                  </label>
                </div>
                <div className={styles.rowActions}>
                  <button
                    type="button"
                    className={styles.small}
                    disabled={i === 0}
                    onClick={() => moveImage(i, i - 1)}
                    aria-label={`Move image ${i + 1} up`}
                  >
                    ↑
                  </button>
                  <button
                    type="button"
                    className={styles.small}
                    disabled={i === images.length - 1}
                    onClick={() => moveImage(i, i + 1)}
                    aria-label={`Move image ${i + 1} down`}
                  >
                    ↓
                  </button>
                  <button
                    type="button"
                    className={styles.small}
                    onClick={() => removeImage(i)}
                    aria-label={`Remove image ${i + 1}`}
                  >
                    Remove
                  </button>
                </div>
              </li>
            ))}
          </ol>
        )}
        <div className={styles.addImage}>
          <label>
            <span className={styles.small}>Image URL</span>
            <input
              type="url"
              inputMode="url"
              value={newUrl}
              placeholder="https://…"
              onChange={(e) => setNewUrl(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === "Enter") {
                  e.preventDefault()
                  addImage()
                }
              }}
            />
          </label>
          <label>
            <span className={styles.small}>Alt text</span>
            <input
              value={newAlt}
              maxLength={300}
              onChange={(e) => setNewAlt(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === "Enter") {
                  e.preventDefault()
                  addImage()
                }
              }}
            />
          </label>
          <button
            type="button"
            className={styles.secondary}
            onClick={addImage}
            disabled={!newUrl.trim()}
          >
            Add image
          </button>
        </div>
        <FieldError id="images-error" text={err.images} />
      </fieldset>

      <fieldset className={styles.group} id="products">
        <legend>Tagged products</legend>
        <ProductSearch
          onPick={(hit) => {
            setProducts((old) =>
              old.some((p) => p.product_id === hit.id)
                ? old
                : [
                    ...old,
                    {
                      product_id: hit.id,
                      title: hit.title,
                      thumbnail: hit.thumbnail,
                      image_index: null,
                      x: null,
                      y: null,
                    },
                  ]
            )
            setSelected(hit.id)
          }}
        />
        <TaggedProducts
          products={products}
          selected={selected}
          onSelect={setSelected}
          onChange={setProducts}
          imageCount={images.length}
        />
        {images.length > 0 ? (
          <PinBoard
            images={images}
            products={products}
            selected={selected}
            onSelect={setSelected}
            onChange={setProducts}
          />
        ) : (
          <p className={styles.hint}>
            Add an image to place the products&apos; pins on it.
          </p>
        )}
        <FieldError id="products-error" text={err.products} />
      </fieldset>

      <fieldset
        className={styles.group}
        aria-describedby={err.status ? "status-error" : undefined}
      >
        <legend>Status</legend>
        <div className={styles.radios}>
          <label>
            <input
              type="radio"
              id="status-draft"
              name="status"
              value="draft"
              checked={status === "draft"}
              disabled={initial.status === "hidden"}
              onChange={() => {
                setStatus("draft")
                touch("status")
              }}
            />{" "}
            Draft (only you see it)
          </label>
          <label>
            <input
              type="radio"
              name="status"
              value="published"
              checked={status === "published"}
              disabled={initial.status === "hidden"}
              onChange={() => setStatus("published")}
            />{" "}
            Published
          </label>
        </div>
        {initial.status === "hidden" && (
          <p className={styles.hint}>
            The store has hidden this note; it stays hidden until the store
            shows it again.
          </p>
        )}
        <FieldError id="status-error" text={err.status} />
      </fieldset>

      <div className={styles.actions}>
        <button type="submit" className={styles.primary} disabled={pending}>
          {pending ? "Saving…" : "Save note"}
        </button>
        <p role="status" aria-live="polite" className={styles.ok}>
          {!pending && !state.error ? state.ok : null}
        </p>
      </div>
    </form>
  )
}
