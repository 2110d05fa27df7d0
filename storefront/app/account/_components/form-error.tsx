import styles from "@/components/form-messages.module.css"
import type { AccountFormState } from "@/lib/account-actions"

/**
 * A form's outcome in live regions that are always present, so that
 * screen readers announce a change: the error (assertive) and the
 * success line (polite).
 */
export function FormOutcome({
  id,
  state,
}: {
  id: string
  state: AccountFormState
}) {
  return (
    <div>
      <div id={id} aria-live="assertive" aria-atomic="true">
        {state?.error && <p className={styles.error}>{state.error}</p>}
      </div>
      <p aria-live="polite" role="status" className={styles.status}>
        {state?.ok}
      </p>
    </div>
  )
}
