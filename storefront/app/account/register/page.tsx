import type { Metadata } from "next"
import { AuthPage } from "../_components/auth-page"

export const metadata: Metadata = { title: "Create an account" }

export default function RegisterPage(props: {
  searchParams: Promise<{ next?: string }>
}) {
  return <AuthPage mode="register" {...props} />
}
