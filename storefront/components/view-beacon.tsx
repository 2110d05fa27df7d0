"use client"

import { useEffect } from "react"

/**
 * Counts a read of the note: once the page is shown to a person (now, or
 * when a background tab or prerendered page becomes visible), the browser
 * posts the view to Medusa itself, with credentials, so that Medusa's
 * visitor cookie (the one buy links set) goes along and a reader is one
 * visitor for views and clicks. Prefetches and server renders never run
 * this. Medusa counts one view per visitor, note and UTC day and drops
 * bots; a failure is ignored (a view is not worth an error).
 */
export function ViewBeacon({
  noteId,
  backendUrl,
  publishableKey,
}: {
  noteId: string
  backendUrl: string
  publishableKey?: string
}) {
  useEffect(() => {
    let sent = false
    const send = () => {
      if (sent || document.visibilityState !== "visible") {
        return
      }
      sent = true
      document.removeEventListener("visibilitychange", send)
      fetch(
        new URL(`/store/notes/${encodeURIComponent(noteId)}/views`, backendUrl),
        {
          method: "POST",
          keepalive: true,
          credentials: "include",
          headers: publishableKey
            ? { "x-publishable-api-key": publishableKey }
            : {},
        }
      ).catch(() => undefined)
    }
    send()
    document.addEventListener("visibilitychange", send)
    return () => document.removeEventListener("visibilitychange", send)
  }, [noteId, backendUrl, publishableKey])
  return null
}
