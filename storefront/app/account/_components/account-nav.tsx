"use client"

import { usePathname } from "next/navigation"
import { logout } from "@/lib/account-actions"
import styles from "../account.module.css"

const LINKS = [
  { href: "/account", label: "Overview" },
  { href: "/account/report", label: "Report" },
  { href: "/account/commissions", label: "Commissions" },
  { href: "/account/settlements", label: "Settlements" },
  { href: "/account/payouts", label: "Payouts" },
  { href: "/account/notes", label: "My notes" },
  { href: "/account/saved", label: "Saved notes" },
]

/** The buyer center's pages; the current one marked for screen readers. */
export function AccountNav({ email }: { email: string }) {
  const path = usePathname()
  const current = (href: string) =>
    href === "/account" ? path === href : path.startsWith(href)
  return (
    <nav aria-label="Account" className={styles.nav}>
      <p className={styles.who}>{email}</p>
      <ul>
        {LINKS.map((l) => (
          <li key={l.href}>
            <a
              href={l.href}
              aria-current={current(l.href) ? "page" : undefined}
            >
              {l.label}
            </a>
          </li>
        ))}
        <li>
          <form action={logout}>
            <button type="submit" className={styles.logout}>
              Log out
            </button>
          </form>
        </li>
      </ul>
    </nav>
  )
}
