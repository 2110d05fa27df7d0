"use client"

import { useActionState } from "react"
import { applyAsBuyer } from "@/lib/account-actions"
import styles from "../account.module.css"
import { Field } from "./field"
import { FormOutcome } from "./form-error"

/** Apply to be a buyer: handle, display name and bio. */
export function ApplyForm() {
  const [state, action, pending] = useActionState(applyAsBuyer, null)
  const errorId = "apply-error"
  const invalid = (f: string) => state?.field === f
  // After a success the page shows the application, not the form.
  const typed = state?.error ? (state.values ?? {}) : {}
  return (
    <form action={action} className={styles.form} noValidate>
      <Field
        label="Handle"
        name="handle"
        defaultValue={typed.handle}
        required
        autoComplete="username"
        pattern="[a-z0-9_\-]{3,30}"
        hint="3 to 30 characters: a-z, 0-9, - and _. It is in your notes' links."
        error={invalid("handle")}
        errorId={errorId}
      />
      <Field
        label="Display name"
        name="display_name"
        defaultValue={typed.display_name}
        required
        autoComplete="nickname"
        error={invalid("display_name")}
        errorId={errorId}
      />
      <Field
        label="Bio (optional)"
        name="bio"
        defaultValue={typed.bio}
        multiline
        maxLength={1000}
        error={invalid("bio")}
        errorId={errorId}
      />
      <FormOutcome id={errorId} state={state} />
      <button type="submit" className={styles.primary} disabled={pending}>
        Apply
      </button>
    </form>
  )
}
