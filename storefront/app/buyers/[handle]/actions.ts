"use server"

import { revalidatePath } from "next/cache"
import { redirect } from "next/navigation"
import { getAuthHeaders } from "@/lib/auth"
import { httpStatus, notesClient } from "@/lib/medusa"
import { HANDLE_SHAPE } from "./handle"

/**
 * The Follow / Following button's form (works without JavaScript): follows
 * or unfollows the buyer for the logged-in customer, then shows the page
 * again. Without a login (or with an expired one) it goes to the login
 * page, which comes back here.
 */
export async function setFollow(formData: FormData): Promise<void> {
  const handle = String(formData.get("handle") ?? "")
  if (!HANDLE_SHAPE.test(handle)) {
    redirect("/")
  }
  const page = `/buyers/${handle}`
  const login = `/account/login?next=${encodeURIComponent(page)}`
  const auth = await getAuthHeaders()
  if (!auth.authorization) {
    redirect(login)
  }
  try {
    await notesClient.buyers.follow(
      handle,
      formData.get("follow") === "1",
      auth
    )
  } catch (e) {
    const status = httpStatus(e)
    if (status === 401) {
      redirect(login)
    }
    // A buyer who is gone (404) or one's own profile (400): the page says
    // what there is to say.
    if (status !== 404 && status !== 400) {
      throw e
    }
  }
  revalidatePath(page)
  redirect(page)
}
