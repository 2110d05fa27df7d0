import Medusa from "@medusajs/js-sdk"

/** The admin's JS SDK client, authenticated by the admin session. */
export const sdk = new Medusa({
  baseUrl: "/",
  auth: { type: "session" },
})
