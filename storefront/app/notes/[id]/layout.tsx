import type { Viewport } from "next"
import type { ReactNode } from "react"
import { Html } from "@/components/html"
import { htmlLang } from "@/lib/format"
import { getNote } from "@/lib/notes"

export const viewport: Viewport = { width: "device-width", initialScale: 1 }

/** A note's own root layout: the document's language is the note's. */
export default async function NoteLayout({
  children,
  params,
}: {
  children: ReactNode
  params: Promise<{ id: string }>
}) {
  const note = await getNote((await params).id)
  return <Html lang={htmlLang(note?.locale)}>{children}</Html>
}
