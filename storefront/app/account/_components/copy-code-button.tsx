"use client"

import { useEffect, useState } from "react"
import styles from "./promo-codes.module.css"

/**
 * Copies a promo code to the clipboard. The button shows the result
 * ("Copied"); a visually hidden live region announces it once to screen
 * readers ("LIN10 copied"), so nobody reads it twice. A failure also shows
 * a hint next to the button. Rendered hidden and shown once hydrated:
 * without JavaScript there is no dead button, and the code next to it is
 * plain, selectable text.
 */
export function CopyCodeButton({ code }: { code: string }) {
  const [mounted, setMounted] = useState(false)
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle")
  useEffect(() => setMounted(true), [])
  return (
    <>
      <button
        type="button"
        className={styles.copy}
        hidden={!mounted}
        aria-label={`Copy code ${code}`}
        onClick={async () => {
          try {
            await navigator.clipboard.writeText(code)
            setState("copied")
          } catch {
            setState("failed")
          }
        }}
      >
        {state === "copied" ? "Copied" : "Copy"}
      </button>
      <span role="status" className={styles.visuallyHidden}>
        {state === "copied"
          ? `${code} copied`
          : state === "failed"
            ? "Copy failed: select the code"
            : ""}
      </span>
      {state === "failed" ? (
        <span className={styles.failed} aria-hidden="true">
          Copy failed: select the code
        </span>
      ) : null}
    </>
  )
}
