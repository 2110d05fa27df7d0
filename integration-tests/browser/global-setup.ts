import { bootServer, serverFile, writeSharedServer } from "./harness"
import { storefrontUrl } from "./storefront-harness"

/**
 * One server for the whole browser run (`TEST_TYPE=browser`): built admin,
 * fresh database, admin user, and the origin the storefront journeys serve
 * the storefront on (STOREFRONT_URL, the server's buy-link target). Spec
 * files find it through `BROWSER_SHARED_SERVER` and a file in the
 * screenshots folder; each still launches its own chromium.
 */
export default async function globalSetup(): Promise<void> {
  // Buy links redirect to the storefront: its origin is fixed before boot.
  await storefrontUrl()
  const server = await bootServer()
  process.env.BROWSER_SHARED_SERVER = serverFile()
  writeSharedServer(server)
}
