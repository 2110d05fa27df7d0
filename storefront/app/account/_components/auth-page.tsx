import { redirect } from "next/navigation"
import { getCustomer, safeNext } from "@/lib/auth"
import styles from "../account.module.css"
import { AuthForm } from "./auth-form"

const TEXT = {
  login: {
    title: "Log in",
    other: "register",
    prompt: "New here?",
    link: "Create an account",
  },
  register: {
    title: "Create an account",
    other: "login",
    prompt: "Already have an account?",
    link: "Log in",
  },
} as const

/**
 * The login or the register page; a customer already logged in goes on
 * to `next` at once.
 */
export async function AuthPage({
  mode,
  searchParams,
}: {
  mode: "login" | "register"
  searchParams: Promise<{ next?: string }>
}) {
  const next = safeNext((await searchParams).next)
  if (await getCustomer()) {
    redirect(next)
  }
  const t = TEXT[mode]
  return (
    <div className={styles.narrow}>
      <h1 className={styles.pageTitle}>{t.title}</h1>
      <AuthForm mode={mode} next={next} />
      <p className={styles.switch}>
        {t.prompt}{" "}
        <a href={`/account/${t.other}?next=${encodeURIComponent(next)}`}>
          {t.link}
        </a>
      </p>
    </div>
  )
}
