"use server"

import { revalidatePath } from "next/cache"
import { getOrSetCart } from "./cart"
import { sdk } from "./medusa"

/** What a form shows after its action ran: a message, or an error. */
export type FormState = { ok?: string; error?: string } | null

const text = (form: FormData, name: string) =>
  String(form.get(name) ?? "").trim()

/** Medusa's message for a refused request (the SDK's `FetchError`). */
function message(e: unknown): string {
  const m = (e as { message?: unknown } | null)?.message
  return typeof m === "string" && m ? m : "Something went wrong. Try again."
}

/** Adds one of the chosen variant to the cart (made on first use). */
export async function addToCart(
  _prev: FormState,
  form: FormData
): Promise<FormState> {
  const variant_id = text(form, "variant_id")
  if (!variant_id) {
    return { error: "Choose an option first." }
  }
  try {
    const cart = await getOrSetCart()
    await sdk.store.cart.createLineItem(cart.id, { variant_id, quantity: 1 })
  } catch (e) {
    return { error: message(e) }
  }
  revalidatePath("/cart")
  return { ok: "Added to your cart." }
}
