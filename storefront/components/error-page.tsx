"use client"

import { useEffect } from "react"
import { ErrorView } from "./error-view"

/** What every part's `error.tsx` renders: a calm message and a retry. */
export function ErrorPage({
  error,
  reset,
}: {
  error: Error & { digest?: string }
  reset: () => void
}) {
  useEffect(() => {
    // The server logged the details; the digest ties this view to them.
    console.warn("page error", error.digest ?? error.message)
  }, [error])
  return (
    <ErrorView
      title="Something went wrong"
      text="The page could not be loaded. Please try again in a moment."
      onRetry={reset}
    />
  )
}
