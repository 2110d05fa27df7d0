import type { Viewport } from "next"
import type { ReactNode } from "react"
import { Html } from "@/components/html"

export const viewport: Viewport = { width: "device-width", initialScale: 1 }

/** A buyer's public page: its own root layout, as the feed and notes have. */
export default function BuyerLayout({ children }: { children: ReactNode }) {
  return <Html lang="en">{children}</Html>
}
