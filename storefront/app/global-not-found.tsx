import type { Metadata } from "next"
import { Html } from "@/components/html"
import { NotFoundView } from "@/components/error-view"

export const metadata: Metadata = { title: "Not found · Notes" }

/**
 * An address no part of the site matches. Each part has its own root
 * layout (for `<html lang>`), so this page brings its own document.
 */
export default function GlobalNotFound() {
  return (
    <Html lang="en">
      <NotFoundView />
    </Html>
  )
}
