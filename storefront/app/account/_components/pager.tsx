import styles from "../account.module.css"

/**
 * Previous and next links of a list page: `href(offset)` builds a page's
 * address with the list's other filters.
 */
export function Pager({
  count,
  limit,
  offset,
  href,
  noun,
}: {
  count: number
  limit: number
  offset: number
  href: (offset: number) => string
  noun: string
}) {
  if (count === 0) {
    return null
  }
  const last = Math.min(offset + limit, count)
  return (
    <nav aria-label="Pages" className={styles.pager}>
      <span>
        {offset + 1}–{last} of {count} {noun}
      </span>
      <span>
        {offset > 0 && (
          <a href={href(Math.max(0, offset - limit))} className={styles.link}>
            Previous
          </a>
        )}
        {offset > 0 && last < count && " · "}
        {last < count && (
          <a href={href(offset + limit)} className={styles.link}>
            Next
          </a>
        )}
      </span>
    </nav>
  )
}

/** A page offset from the query: a whole number ≥ 0, else 0. */
export function offsetParam(v: string | undefined): number {
  const n = Number(v)
  return Number.isInteger(n) && n > 0 ? n : 0
}
