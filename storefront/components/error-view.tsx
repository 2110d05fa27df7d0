import styles from "./error-view.module.css"

/** The body of the not-found and error pages. */
export function ErrorView({
  title,
  text,
  onRetry,
}: {
  title: string
  text: string
  onRetry?: () => void
}) {
  return (
    <main className={styles.page}>
      <h1 className={styles.title}>{title}</h1>
      <p>{text}</p>
      <p className={styles.actions}>
        {onRetry && (
          <button type="button" onClick={onRetry} className={styles.button}>
            Try again
          </button>
        )}
        <a href="/">Back to the notes</a>
      </p>
    </main>
  )
}

/** Every part's `not-found.tsx`. */
export function NotFoundView() {
  return (
    <ErrorView
      title="Not found"
      text="This page does not exist, or is no longer available."
    />
  )
}
