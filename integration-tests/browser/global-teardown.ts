import fs from "node:fs"
import path from "node:path"
import { SHOTS, stopServer, writeSharedServer, type Server } from "./harness"

export default async function globalTeardown(): Promise<void> {
  const file = path.join(SHOTS, ".server.json")
  if (!fs.existsSync(file)) {
    return
  }
  const server = JSON.parse(fs.readFileSync(file, "utf8")) as Server
  writeSharedServer(null)
  await stopServer(server)
}
