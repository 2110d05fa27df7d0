"use client"

import { useActionState } from "react"
import { login, register } from "@/lib/account-actions"
import styles from "../account.module.css"
import { Field } from "./field"
import { FormOutcome } from "./form-error"

/** Log in, or create an account; both come back to `next`. */
export function AuthForm({
  mode,
  next,
}: {
  mode: "login" | "register"
  next: string
}) {
  const [state, action, pending] = useActionState(
    mode === "login" ? login : register,
    null
  )
  const errorId = `${mode}-error`
  const invalid = (f: string) => state?.field === f
  const typed = state?.values ?? {}
  return (
    <form action={action} className={styles.form} noValidate>
      <input type="hidden" name="next" value={next} />
      {mode === "register" && (
        <>
          <Field
            label="First name (optional)"
            name="first_name"
            defaultValue={typed.first_name}
            autoComplete="given-name"
          />
          <Field
            label="Last name (optional)"
            name="last_name"
            defaultValue={typed.last_name}
            autoComplete="family-name"
          />
        </>
      )}
      <Field
        label="Email"
        name="email"
        defaultValue={typed.email}
        type="email"
        autoComplete="email"
        required
        error={invalid("email")}
        errorId={errorId}
      />
      <Field
        label="Password"
        name="password"
        type="password"
        autoComplete={mode === "login" ? "current-password" : "new-password"}
        required
        minLength={mode === "register" ? 8 : undefined}
        hint={mode === "register" ? "At least 8 characters." : undefined}
        error={invalid("password")}
        errorId={errorId}
      />
      <FormOutcome id={errorId} state={state} />
      <button type="submit" className={styles.primary} disabled={pending}>
        {mode === "login" ? "Log in" : "Create account"}
      </button>
    </form>
  )
}
