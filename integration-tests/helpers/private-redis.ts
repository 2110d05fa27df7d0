import { ChildProcess, spawn } from "node:child_process"
import fs from "node:fs"
import os from "node:os"
import path from "node:path"

/**
 * A private Redis for one suite (append-only file, fsync always: what an
 * operator needs so that queued clicks survive a Redis restart), so that
 * stopping it does not disturb anything else on the machine. `start`
 * resolves once it answers PING; `stop` once the process has exited.
 */
export function privateRedis(port: number) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "notes-redis-"))
  let redis: ChildProcess | null = null

  const ping = () =>
    new Promise<boolean>((resolve) => {
      const p = spawn("redis-cli", ["-p", String(port), "ping"], {
        stdio: ["ignore", "pipe", "ignore"],
      })
      let out = ""
      p.stdout!.on("data", (d) => (out += d))
      p.on("exit", () => resolve(out.includes("PONG")))
    })

  return {
    url: `redis://127.0.0.1:${port}`,
    async start() {
      redis = spawn(
        "redis-server",
        [
          ...["--port", String(port), "--bind", "127.0.0.1", "--dir", dir],
          ...["--appendonly", "yes", "--appendfsync", "always", "--save", ""],
        ],
        { stdio: "ignore" }
      )
      for (let i = 0; i < 100; i++) {
        if (await ping()) {
          return
        }
        await new Promise((r) => setTimeout(r, 100))
      }
      throw new Error("private redis did not start")
    },
    async stop() {
      if (!redis) {
        return
      }
      const r = redis
      redis = null
      await new Promise<void>((resolve) => {
        r.once("exit", () => resolve())
        r.kill("SIGTERM")
      })
    },
    remove() {
      fs.rmSync(dir, { recursive: true, force: true })
    },
  }
}
