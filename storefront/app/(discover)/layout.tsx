import type { Metadata, Viewport } from "next"
import type { ReactNode } from "react"
import { Html } from "@/components/html"

export const metadata: Metadata = {
  title: { default: "Notes", template: "%s · Notes" },
  description: "Notes from our buyers, with the products they use.",
}

export const viewport: Viewport = { width: "device-width", initialScale: 1 }

export default function DiscoverLayout({ children }: { children: ReactNode }) {
  return <Html lang="en">{children}</Html>
}
