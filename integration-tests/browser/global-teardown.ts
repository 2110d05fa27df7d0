import fs from "node:fs"
import {
  serverFile,
  stopServer,
  writeSharedServer,
  type Server,
} from "./harness"

export default async function globalTeardown(): Promise<void> {
  const file = serverFile()
  if (!fs.existsSync(file)) {
    return
  }
  const server = JSON.parse(fs.readFileSync(file, "utf8")) as Server
  writeSharedServer(null)
  await stopServer(server)
}
