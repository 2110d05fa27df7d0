// Helpers shared by the benchmarks: their database and the server they start.
import pg from "pg"

/** Creates the benchmark database if missing (dropped first with `reseed`). */
export async function ensureDatabase(url, { reseed = false } = {}) {
  const u = new URL(url)
  const name = u.pathname.slice(1)
  u.pathname = "/postgres"
  const admin = new pg.Client({ connectionString: u.toString() })
  await admin.connect()
  const { rowCount } = await admin.query(
    "select 1 from pg_database where datname = $1",
    [name]
  )
  if (rowCount && reseed) {
    await admin.query(`drop database "${name}" with (force)`)
  }
  if (!rowCount || reseed) {
    await admin.query(`create database "${name}"`)
  }
  await admin.end()
}

/** Resolves once `GET {base}/health` answers 200; throws after two minutes. */
export async function waitForHealth(base) {
  const deadline = Date.now() + 120_000
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${base}/health`)).ok) {
        return
      }
    } catch {
      // Not up yet.
    }
    await new Promise((r) => setTimeout(r, 500))
  }
  throw new Error("server did not start")
}
