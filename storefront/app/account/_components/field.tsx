import type { InputHTMLAttributes } from "react"
import styles from "../account.module.css"

/**
 * A labelled input. When the form's error is about it, it is marked
 * invalid and described by the error (`{form}-error`).
 */
export function Field({
  label,
  name,
  hint,
  error,
  errorId,
  multiline,
  ...input
}: {
  label: string
  name: string
  hint?: string
  /** The form's error names this field. */
  error?: boolean
  errorId?: string
  multiline?: boolean
} & InputHTMLAttributes<HTMLInputElement>) {
  const hintId = hint ? `${name}-hint` : undefined
  const describedBy =
    [hintId, error ? errorId : undefined].filter(Boolean).join(" ") || undefined
  return (
    <div className={styles.field}>
      <label htmlFor={name}>{label}</label>
      {multiline ? (
        <textarea
          id={name}
          name={name}
          rows={4}
          maxLength={input.maxLength}
          defaultValue={input.defaultValue as string | undefined}
          aria-invalid={error || undefined}
          aria-describedby={describedBy}
        />
      ) : (
        <input
          id={name}
          name={name}
          aria-invalid={error || undefined}
          aria-describedby={describedBy}
          {...input}
        />
      )}
      {hint && (
        <p id={hintId} className={styles.hint}>
          {hint}
        </p>
      )}
    </div>
  )
}
