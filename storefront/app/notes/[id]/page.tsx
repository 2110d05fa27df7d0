import type { Metadata } from "next"
import { notFound } from "next/navigation"
import type { StoreNoteResponse } from "@shoppable-notes/client"
import { excerpt, formatPrice } from "@/lib/format"
import { NoteStrip } from "@/components/note-strip"
import { ViewBeacon } from "@/components/view-beacon"
import { buyHref, viewBeaconTarget } from "@/lib/medusa"
import { getNote, moreByAuthor } from "@/lib/notes"
import { getAuthToken } from "@/lib/auth"
import { Comments } from "./comments"
import { Reactions } from "./reactions"
import styles from "./note.module.css"

type Props = {
  params: Promise<{ id: string }>
  searchParams?: Promise<{
    comments?: string
    thread?: string
    replies?: string
  }>
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const note = await getNote((await params).id)
  if (!note) {
    return { title: "Note not found" }
  }
  const description = excerpt(note.body)
  const image = note.images?.[0]
  const images = image ? [{ url: image.url, alt: image.alt ?? note.title }] : []
  return {
    title: note.title,
    description,
    openGraph: {
      type: "article",
      title: note.title,
      description,
      images,
      locale: note.locale?.replace("-", "_") ?? undefined,
      publishedTime: note.published_at ?? undefined,
      authors: note.buyer ? [note.buyer.display_name] : undefined,
      tags: note.tags,
    },
    twitter: {
      card: image ? "summary_large_image" : "summary",
      title: note.title,
      description,
      images: images.map((i) => i.url),
    },
  }
}

type StoreNote = StoreNoteResponse["note"]
type Product = StoreNote["products"][number]

export default async function NotePage({ params, searchParams }: Props) {
  const note = await getNote((await params).id)
  if (!note) {
    notFound()
  }
  // Only a login cookie makes the reader's state worth asking for.
  const loggedIn = Boolean(await getAuthToken())
  const query = await searchParams
  const commentsOffset = pageOffset(query?.comments)
  // One thread opened to all its replies (`?thread=`, paged by `?replies=`).
  const thread =
    typeof query?.thread === "string" &&
    /^[A-Za-z0-9_]{1,64}$/.test(query.thread)
      ? { id: query.thread, offset: pageOffset(query.replies) }
      : null
  const more = note.buyer ? await moreByAuthor(note.buyer.handle, note.id) : []
  const zh = note.locale?.startsWith("zh")
  const images = note.images ?? []
  const pinsOn = (index: number) =>
    note.products.filter(
      (p) => p.image_index === index && p.x !== null && p.y !== null
    )

  return (
    <main className={styles.page}>
      <ViewBeacon noteId={note.id} {...viewBeaconTarget()} />
      <article className={styles.note}>
        {images.length > 0 && (
          <div className={styles.gallery} aria-label="Images">
            {images.map((image, i) => (
              <figure key={`${image.url}-${i}`} className={styles.slide}>
                <img
                  src={image.url}
                  alt={image.alt ?? note.title}
                  className={styles.image}
                  loading={i === 0 ? "eager" : "lazy"}
                  fetchPriority={i === 0 ? "high" : "auto"}
                />
                {pinsOn(i).map((p) => (
                  <a
                    key={p.id}
                    href={`#product-${p.id}`}
                    className={styles.pin}
                    style={{ left: `${p.x! * 100}%`, top: `${p.y! * 100}%` }}
                  >
                    <span className={styles.pinDot} aria-hidden="true" />
                    <span className={styles.pinLabel}>
                      {p.product?.title ?? "Product"}
                    </span>
                  </a>
                ))}
                {images.length > 1 && (
                  <figcaption className={styles.counter}>
                    {i + 1}/{images.length}
                  </figcaption>
                )}
              </figure>
            ))}
          </div>
        )}

        <div className={styles.content}>
          {note.buyer && <Author author={note.buyer} />}
          <h1 className={styles.title}>{note.title}</h1>
          <div
            className={styles.body}
            // The API renders the Markdown and sanitises it (body_html).
            dangerouslySetInnerHTML={{ __html: note.body_html }}
          />
          {note.tags.length > 0 && (
            <ul className={styles.tags} aria-label="Tags">
              {note.tags.map((tag) => (
                <li key={tag}>
                  <a href={`/?tag=${encodeURIComponent(tag)}`}>#{tag}</a>
                </li>
              ))}
            </ul>
          )}
          {note.published_at && (
            <p className={styles.date}>
              <time dateTime={note.published_at}>
                {new Date(note.published_at).toLocaleDateString(
                  note.locale ?? "en",
                  { year: "numeric", month: "long", day: "numeric" }
                )}
              </time>
            </p>
          )}
          <Reactions
            noteId={note.id}
            liked={note.liked === true}
            saved={note.saved === true}
            likes={note.likes_count}
            saves={note.saves_count}
            loggedIn={loggedIn}
            zh={Boolean(zh)}
          />
        </div>

        {note.products.length > 0 && (
          <section className={styles.products} aria-labelledby="products">
            <h2 id="products" className={styles.productsTitle}>
              {zh ? "笔记中的商品" : "In this note"}
            </h2>
            <ul className={styles.productList}>
              {note.products.map((p) => (
                <ProductCard key={p.id} product={p} locale={note.locale} />
              ))}
            </ul>
          </section>
        )}
      </article>

      <Comments
        noteId={note.id}
        loggedIn={loggedIn}
        offset={commentsOffset}
        thread={thread}
        locale={note.locale}
      />

      {note.buyer && more.length > 0 && (
        <section className={styles.more} aria-labelledby="more-title">
          <h2 id="more-title" className={styles.productsTitle}>
            {zh
              ? `${note.buyer.display_name} 的更多笔记`
              : `More from ${note.buyer.display_name}`}
          </h2>
          <NoteStrip notes={more} showAuthor={false} />
        </section>
      )}
    </main>
  )
}

/** The comments' page offset from `?comments=`: a whole number ≥ 0. */
function pageOffset(v: string | undefined): number {
  const n = Number(v)
  return Number.isInteger(n) && n > 0 ? n : 0
}

function Author({ author }: { author: NonNullable<StoreNote["buyer"]> }) {
  return (
    <a
      href={`/buyers/${encodeURIComponent(author.handle)}`}
      className={styles.author}
    >
      {author.avatar_url ? (
        <img src={author.avatar_url} alt="" className={styles.avatar} />
      ) : (
        <span className={styles.avatar} aria-hidden="true">
          {author.display_name.slice(0, 1)}
        </span>
      )}
      <span>
        <span className={styles.authorName}>{author.display_name}</span>
        <span className={styles.authorHandle}>@{author.handle}</span>
      </span>
    </a>
  )
}

function ProductCard({
  product: p,
  locale,
}: {
  product: Product
  locale: string | null
}) {
  const zh = locale?.startsWith("zh")
  const title = p.product?.title ?? (zh ? "商品" : "Product")
  return (
    <li id={`product-${p.id}`} className={styles.product}>
      {p.product?.thumbnail ? (
        <img src={p.product.thumbnail} alt="" className={styles.thumb} />
      ) : (
        <span className={styles.thumb} aria-hidden="true" />
      )}
      <div className={styles.productInfo}>
        <span className={styles.productTitle}>{title}</span>
        {p.caption && <span className={styles.caption}>{p.caption}</span>}
        {p.price ? (
          <span className={styles.price}>
            {formatPrice(
              p.price.calculated_amount,
              p.price.currency_code,
              locale
            )}
            {p.price.original_amount !== null &&
              p.price.original_amount > p.price.calculated_amount && (
                <s className={styles.was}>
                  {formatPrice(
                    p.price.original_amount,
                    p.price.currency_code,
                    locale
                  )}
                </s>
              )}
          </span>
        ) : (
          <span className={styles.caption}>
            {zh ? "本地区暂不可售" : "Not sold in your region"}
          </span>
        )}
      </div>
      <a
        href={buyHref(p.buy_url)}
        className={styles.buy}
        aria-label={`${zh ? "购买" : "Buy"} ${title}`}
        rel="nofollow"
      >
        {zh ? "购买" : "Buy"}
      </a>
    </li>
  )
}
