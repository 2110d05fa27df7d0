import styles from "../account.module.css"

const TONE: Record<string, string | undefined> = {
  approved: styles.badgeGood,
  enabled: styles.badgeGood,
  "not enabled": styles.badgeWait,
  paid: styles.badgeGood,
  pending: styles.badgeWait,
  processing: styles.badgeWait,
  on_hold: styles.badgeWait,
  suspended: styles.badgeBad,
  failed: styles.badgeBad,
  void: styles.badgeBad,
}

/** A status as a word in a coloured pill (the word carries the meaning). */
export function StatusBadge({ status }: { status: string }) {
  return (
    <span className={`${styles.badge} ${TONE[status] ?? ""}`}>
      {status.replace(/_/g, " ")}
    </span>
  )
}
