/** Dates and times in the admin's language (`useLocale()` from ./i18n). */

export function formatDate(
  iso: string | null | undefined,
  locale: string
): string {
  if (!iso) {
    return "–"
  }
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium" }).format(
    new Date(iso)
  )
}

export function formatDateTime(
  iso: string | null | undefined,
  locale: string
): string {
  if (!iso) {
    return "–"
  }
  return new Intl.DateTimeFormat(locale, {
    dateStyle: "medium",
    timeStyle: "short",
  }).format(new Date(iso))
}

/** `YYYY-MM-DD` of a Date in local time (for `<input type="date">` and report queries). */
export function toDateInput(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0")
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
}

/** The browser's IANA time zone (what report queries send as `tz`). */
export function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC"
  } catch {
    return "UTC"
  }
}
