import type { Metadata } from "next"
import { notFound } from "next/navigation"
import { formatPrice } from "@/lib/format"
import { notesClient } from "@/lib/medusa"
import { getProduct, type Product } from "@/lib/products"
import { NoteStrip } from "@/components/note-strip"
import { AddToCart, type VariantChoice } from "./add-to-cart"
import styles from "../../shop.module.css"

type Props = { params: Promise<{ handle: string }> }

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const product = await getProduct((await params).handle)
  if (!product) {
    return { title: "Product not found" }
  }
  const description = product.subtitle ?? product.description ?? undefined
  return {
    title: product.title,
    description: description?.slice(0, 160),
    // A buy link's `?ref=` is the shopper's own: never part of the address.
    alternates: { canonical: `/products/${product.handle}` },
    openGraph: {
      title: product.title,
      images: product.thumbnail ? [product.thumbnail] : [],
    },
  }
}

/** Each variant, its option values and its price in the region. */
function choices(product: Product): VariantChoice[] {
  return (product.variants ?? []).map((v) => ({
    id: v.id,
    title: v.title ?? "",
    options: Object.fromEntries(
      (v.options ?? []).map((o) => [o.option_id ?? "", o.value])
    ),
    price:
      v.calculated_price?.calculated_amount != null &&
      v.calculated_price.currency_code
        ? formatPrice(
            v.calculated_price.calculated_amount,
            v.calculated_price.currency_code,
            "en"
          )
        : null,
  }))
}

export default async function ProductPage({ params }: Props) {
  const product = await getProduct((await params).handle)
  if (!product) {
    notFound()
  }
  const { notes } = await notesClient.notes.list({
    product_id: product.id,
    limit: 6,
  })
  const images = product.images?.length
    ? product.images.map((i) => i.url)
    : product.thumbnail
      ? [product.thumbnail]
      : []

  return (
    <main className={styles.productPage}>
      <div className={styles.gallery}>
        {images.length ? (
          images.map((url, i) => (
            <img
              key={url}
              src={url}
              alt={i === 0 ? product.title : ""}
              className={styles.galleryImage}
              loading={i === 0 ? "eager" : "lazy"}
            />
          ))
        ) : (
          <div className={styles.galleryEmpty} aria-hidden="true">
            {product.title.slice(0, 1)}
          </div>
        )}
      </div>

      <div className={styles.buyBox}>
        <h1 className={styles.productTitle}>{product.title}</h1>
        {product.subtitle && (
          <p className={styles.subtitle}>{product.subtitle}</p>
        )}
        <AddToCart
          options={(product.options ?? []).map((o) => ({
            id: o.id,
            title: o.title,
            values: (o.values ?? []).map((v) => v.value),
          }))}
          variants={choices(product)}
        />
        {product.description && (
          <div className={styles.description}>
            <h2 className={styles.sectionTitle}>Description</h2>
            <p>{product.description}</p>
          </div>
        )}
      </div>

      {notes.length > 0 && (
        <section className={styles.notes} aria-labelledby="notes-title">
          <h2 id="notes-title" className={styles.sectionTitle}>
            Notes about this product
          </h2>
          <NoteStrip notes={notes} />
        </section>
      )}
    </main>
  )
}
