"use client"

import { useActionState } from "react"
import { startPayoutOnboarding } from "@/lib/account-actions"
import styles from "../account.module.css"
import { FormOutcome } from "./form-error"

/** Gets a fresh onboarding link from the provider and goes there. */
export function OnboardingButton({ label }: { label: string }) {
  const [state, action, pending] = useActionState(startPayoutOnboarding, null)
  return (
    <form action={action} className={styles.form}>
      <FormOutcome id="onboarding-error" state={state} />
      <button
        type="submit"
        className={`${styles.primary} ${styles.inline}`}
        disabled={pending}
        aria-describedby={state?.error ? "onboarding-error" : undefined}
      >
        {label}
      </button>
    </form>
  )
}
