"use client"

import { useActionState, useState } from "react"
import { FormMessages } from "@/components/form-messages"
import { addToCart } from "@/lib/actions"
import styles from "../../shop.module.css"

export type VariantChoice = {
  id: string
  title: string
  /** option id → value */
  options: Record<string, string>
  /** Formatted for the region, or null when not sold there. */
  price: string | null
}

type Option = { id: string; title: string; values: string[] }

/**
 * The variant picker (one radio group per option), the chosen variant's
 * price and "Add to cart". A form posting to a server action. With one
 * option to pick (the common case), each radio carries its variant's id,
 * so the form adds the picked variant before (or without) JavaScript;
 * with several, script keeps a hidden `variant_id` in step.
 */
export function AddToCart({
  options,
  variants,
}: {
  options: Option[]
  variants: VariantChoice[]
}) {
  const [chosen, setChosen] = useState<Record<string, string>>(
    variants[0]?.options ?? {}
  )
  const [state, action, pending] = useActionState(addToCart, null)
  const variant = variants.find((v) =>
    options.every((o) => v.options[o.id] === chosen[o.id])
  )
  const picked = options.filter((o) => o.values.length > 1)
  const single = picked.length === 1
  const variantOf = (optionId: string, value: string) =>
    variants.find((v) => v.options[optionId] === value)?.id ?? ""

  return (
    <form action={action} className={styles.addForm}>
      <p className={styles.price} aria-live="polite">
        {variant?.price ??
          (variant ? "Not sold in your region" : "Unavailable")}
      </p>
      {picked.map((o) => (
        <fieldset key={o.id} className={styles.option}>
          <legend className={styles.optionTitle}>{o.title}</legend>
          <div className={styles.optionValues}>
            {o.values.map((value) => (
              <label key={value} className={styles.optionValue}>
                <input
                  type="radio"
                  name={single ? "variant_id" : `option_${o.id}`}
                  value={single ? variantOf(o.id, value) : value}
                  checked={chosen[o.id] === value}
                  onChange={() => setChosen({ ...chosen, [o.id]: value })}
                />
                <span>{value}</span>
              </label>
            ))}
          </div>
        </fieldset>
      ))}
      {!single && (
        <input type="hidden" name="variant_id" value={variant?.id ?? ""} />
      )}
      <button
        type="submit"
        className={styles.primary}
        disabled={pending || !variant?.price}
      >
        {pending ? "Adding…" : "Add to cart"}
      </button>
      <FormMessages state={state}>
        <a href="/cart">View cart</a>
      </FormMessages>
    </form>
  )
}
