"use server"

import { revalidatePath } from "next/cache"
import { redirect } from "next/navigation"
import {
  carryReferral,
  forgetCart,
  getOrSetCart,
  retrieveCart,
  type Cart,
} from "./cart"
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

/** The cart being checked out; without one, back to the (empty) cart page. */
async function checkoutCart(): Promise<Cart> {
  const cart = await retrieveCart()
  if (!cart) {
    redirect("/cart")
  }
  return cart
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

/** A line's new quantity (0 removes it). */
export async function setQuantity(form: FormData): Promise<void> {
  const cart = await retrieveCart()
  const line = text(form, "line_id")
  const quantity = Number(text(form, "quantity"))
  if (!cart || !line || !Number.isInteger(quantity) || quantity < 0) {
    return
  }
  if (quantity === 0) {
    await sdk.store.cart.deleteLineItem(cart.id, line)
  } else {
    await sdk.store.cart.updateLineItem(cart.id, line, { quantity })
  }
  revalidatePath("/cart")
}

/** Contact and delivery address; the billing address is the same. */
export async function saveAddress(
  _prev: FormState,
  form: FormData
): Promise<FormState> {
  const cart = await checkoutCart()
  const email = text(form, "email")
  const address = {
    first_name: text(form, "first_name"),
    last_name: text(form, "last_name"),
    address_1: text(form, "address_1"),
    postal_code: text(form, "postal_code"),
    city: text(form, "city"),
    country_code: text(form, "country_code").toLowerCase(),
    phone: text(form, "phone") || undefined,
  }
  const missing = Object.entries({ email, ...address })
    .filter(([k, v]) => !v && k !== "phone")
    .map(([k]) => k)
  if (missing.length) {
    return { error: `Please fill in: ${missing.join(", ")}.` }
  }
  try {
    await sdk.store.cart.update(cart.id, {
      email,
      shipping_address: address,
      billing_address: address,
    })
    // The summary shows what the order will cost: a cart that ships gets
    // the first delivery option the address allows until the shopper
    // picks another.
    const { shipping_options } = await sdk.store.fulfillment.listCartOptions({
      cart_id: cart.id,
    })
    const current = cart.shipping_methods?.[0]?.shipping_option_id
    if (
      shipping_options.length &&
      !shipping_options.some((o) => o.id === current)
    ) {
      await sdk.store.cart.addShippingMethod(cart.id, {
        option_id: shipping_options[0].id,
      })
    }
  } catch (e) {
    return { error: message(e) }
  }
  revalidatePath("/checkout")
  return { ok: "Address saved." }
}

/**
 * The delivery option the shopper picked, so that the summary follows. A
 * failure here changes nothing: placing the order sets the picked option
 * again and reports what Medusa says.
 */
export async function chooseShipping(optionId: string): Promise<void> {
  const cart = await checkoutCart()
  try {
    await sdk.store.cart.addShippingMethod(cart.id, { option_id: optionId })
  } catch (e) {
    console.warn(`delivery option not set on cart ${cart.id}:`, e)
    return
  }
  revalidatePath("/checkout")
}

/**
 * Places the order: the chosen delivery option (when the store ships and
 * it is not on the cart yet),
 * a payment session with the system provider (`pp_system_default`, which
 * authorizes at once), then Medusa completes the cart.
 */
export async function placeOrder(
  _prev: FormState,
  form: FormData
): Promise<FormState> {
  const cart = await checkoutCart()
  let orderId: string
  try {
    await carryReferral(cart)
    const option_id = text(form, "shipping_option_id")
    if (
      option_id &&
      option_id !== cart.shipping_methods?.[0]?.shipping_option_id
    ) {
      await sdk.store.cart.addShippingMethod(cart.id, { option_id })
    }
    const { cart: fresh } = await sdk.store.cart.retrieve(cart.id, {
      fields: "id,*payment_collection",
    })
    await sdk.store.payment.initiatePaymentSession(fresh, {
      provider_id: "pp_system_default",
    })
    const result = await sdk.store.cart.complete(cart.id)
    if (result.type !== "order") {
      return { error: result.error?.message ?? "The order was not placed." }
    }
    orderId = result.order.id
  } catch (e) {
    return { error: message(e) }
  }
  await forgetCart()
  redirect(`/order/${orderId}/confirmed`)
}
