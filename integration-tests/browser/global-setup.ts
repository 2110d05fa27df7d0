import { bootServer, writeSharedServer } from "./harness"

/**
 * One server for the whole browser run (`TEST_TYPE=browser`): built admin,
 * fresh database, admin user. Spec files find it through
 * `BROWSER_SHARED_SERVER` and a file in the screenshots folder; each still
 * launches its own chromium.
 */
export default async function globalSetup(): Promise<void> {
  const server = await bootServer()
  writeSharedServer(server)
  process.env.BROWSER_SHARED_SERVER = "1"
}
