import type { Metadata } from "next"
import { AuthPage } from "../_components/auth-page"

export const metadata: Metadata = { title: "Log in" }

export default function LoginPage(props: {
  searchParams: Promise<{ next?: string }>
}) {
  return <AuthPage mode="login" {...props} />
}
