import type { ReactNode } from "react"
import { HydrationMark } from "./hydration-mark"
import "./globals.css"

/**
 * The document shell. Each part of the site is its own root layout (the
 * feed, a note) so that `<html lang>` can follow the note's locale.
 */
export function Html({
  lang,
  children,
}: {
  lang: string
  children: ReactNode
}) {
  return (
    <html lang={lang}>
      <body>
        <header className="site-header">
          <a href="/" className="site-logo">
            Notes
          </a>
          <a href="/account" className="site-account">
            {lang.startsWith("zh") ? "我的" : "Account"}
          </a>
          <a href="/cart" className="site-cart">
            {lang.startsWith("zh") ? "购物车" : "Cart"}
          </a>
        </header>
        {children}
        <HydrationMark />
      </body>
    </html>
  )
}
