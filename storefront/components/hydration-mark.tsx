"use client"

import { useEffect } from "react"

/**
 * Marks the document once React has hydrated it: `<html data-hydrated>`.
 * Before that, a form submitted at once (the login form, typed into and
 * sent within milliseconds of the page arriving) is handled as React
 * hydrates, and under load its answer met the hydration (React #418: the
 * page re-rendered in the browser). People do not type that fast; the
 * browser journeys wait for this mark before they do. Without JavaScript
 * the forms post as plain forms and the mark never appears.
 */
export function HydrationMark() {
  useEffect(() => {
    document.documentElement.dataset.hydrated = ""
  }, [])
  return null
}
