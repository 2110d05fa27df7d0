import type { Metadata, Viewport } from "next"
import type { ReactNode } from "react"
import { Html } from "@/components/html"
import { getCustomer } from "@/lib/auth"
import { AccountNav } from "./_components/account-nav"
import styles from "./account.module.css"

export const metadata: Metadata = {
  title: { default: "Account", template: "%s · Notes" },
  robots: { index: false },
}

export const viewport: Viewport = { width: "device-width", initialScale: 1 }

/**
 * The account's root layout: the buyer center's nav beside every page once
 * the customer is logged in (login and register pages stand alone).
 */
export default async function AccountLayout({
  children,
}: {
  children: ReactNode
}) {
  const customer = await getCustomer()
  return (
    <Html lang="en">
      {customer ? (
        <div className={styles.shell}>
          <AccountNav email={customer.email} />
          <main className={styles.main}>{children}</main>
        </div>
      ) : (
        <main>{children}</main>
      )}
    </Html>
  )
}
