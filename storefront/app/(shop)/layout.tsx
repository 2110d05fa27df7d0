import type { Metadata, Viewport } from "next"
import type { ReactNode } from "react"
import { Html } from "@/components/html"

export const metadata: Metadata = {
  title: { default: "Shop", template: "%s · Notes" },
}

export const viewport: Viewport = { width: "device-width", initialScale: 1 }

/** The shop's root layout: product, cart, checkout and order pages. */
export default function ShopLayout({ children }: { children: ReactNode }) {
  return <Html lang="en">{children}</Html>
}
