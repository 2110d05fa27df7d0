import { cookies, headers } from "next/headers"
import {
  REFERRAL_COOKIE,
  cartMetadata,
  readReferral,
} from "@shoppable-notes/client"
import { defaultRegionId, httpStatus, notesClient, sdk } from "./medusa"
import { referralOptions } from "./referral"

/** The cookie that remembers the shopper's cart, as Medusa's starter names it. */
export const CART_COOKIE = "_medusa_cart_id"

/** What the cart, cart and checkout pages read of a cart. */
const CART_FIELDS =
  "*items,*items.variant,*items.product,*region,*region.countries,*shipping_address,*shipping_methods,*payment_collection,+metadata"

export type Cart = Awaited<ReturnType<typeof sdk.store.cart.retrieve>>["cart"]

/** The shopper's cart, or null (no cookie, or Medusa no longer has it). */
export async function retrieveCart(): Promise<Cart | null> {
  const id = (await cookies()).get(CART_COOKIE)?.value
  if (!id) {
    return null
  }
  try {
    const { cart } = await sdk.store.cart.retrieve(id, { fields: CART_FIELDS })
    return cart.completed_at ? null : cart
  } catch (e) {
    if (httpStatus(e) === 404) {
      return null
    }
    throw e
  }
}

async function secure(): Promise<boolean> {
  return (await headers()).get("x-forwarded-proto") === "https"
}

/**
 * The shopper's cart, created in the storefront's region when there is
 * none (server actions only: it may set cookies). A kept buy-link click
 * rides along: in the new cart's metadata, or on an existing cart through
 * the plugin's referral route (`carryReferral`).
 */
export async function getOrSetCart(): Promise<Cart> {
  const existing = await retrieveCart()
  if (existing) {
    await carryReferral(existing)
    return existing
  }
  const jar = await cookies()
  const ref = readReferral(jar, referralOptions)
  const { cart } = await sdk.store.cart.create(
    {
      region_id: await defaultRegionId(),
      metadata: { ...cartMetadata(ref, referralOptions) },
    },
    { fields: CART_FIELDS }
  )
  jar.set(CART_COOKIE, cart.id, {
    httpOnly: true,
    sameSite: "lax",
    secure: await secure(),
    path: "/",
    maxAge: 60 * 60 * 24 * 7,
  })
  return cart
}

/**
 * Puts the kept click on a cart that does not carry it yet (a cart made
 * before the shopper followed the buy link). A click the API refuses (a
 * bot's, a duplicate, too old) can never earn: its cookie is dropped. Any
 * other failure leaves the cart as it is: attribution never stands in the
 * way of a purchase.
 */
export async function carryReferral(cart: Cart): Promise<void> {
  const jar = await cookies()
  const ref = readReferral(jar, referralOptions)
  if (!ref || cart.metadata?.referral_click_id === ref) {
    return
  }
  try {
    await notesClient.attachReferral(cart.id, ref, referralOptions)
  } catch (e) {
    if (httpStatus(e) === 400) {
      jar.delete(REFERRAL_COOKIE)
    } else {
      console.warn(`referral not carried to cart ${cart.id}:`, e)
    }
  }
}

/** Forgets the cart (once it became an order). */
export async function forgetCart(): Promise<void> {
  ;(await cookies()).delete(CART_COOKIE)
}
