import type { ReactNode } from "react"
import styles from "./form-messages.module.css"

/**
 * A form's outcome, announced: the success line in a live status region
 * (always present, so screen readers hear it change), an error as an alert.
 */
export function FormMessages({
  state,
  children,
}: {
  state: { ok?: string; error?: string } | null
  /** Shown after the success line (a link onwards). */
  children?: ReactNode
}) {
  return (
    <>
      <p role="status" className={styles.status}>
        {state?.ok && (
          <>
            {state.ok} {children}
          </>
        )}
      </p>
      {state?.error && (
        <p role="alert" className={styles.error}>
          {state.error}
        </p>
      )}
    </>
  )
}
