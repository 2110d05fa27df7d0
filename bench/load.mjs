// A small closed-loop HTTP load generator: `connections` keep-alive clients
// each send the next request as soon as the previous answer has been read,
// for `durationMs`. Records every latency, so percentiles are exact (p95
// included). Bounded in time; targets only the URL it is given.
import http from "node:http"

export async function load({
  base,
  paths,
  headers = {},
  connections = 4,
  durationMs = 10_000,
  // Instead of `paths`: `request(connection, i)` gives the i-th request of
  // each connection, `{ path, method?, headers? }` (per-connection
  // sequences, e.g. a customer's like then unlike).
  request,
}) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections })
  const latencies = []
  let errors = 0
  const errorKinds = {}
  let next = 0
  const deadline = Date.now() + durationMs
  const url = new URL(base)

  const one = ({ path, method = "GET", headers: own = {} }) =>
    new Promise((resolve) => {
      const started = process.hrtime.bigint()
      const req = http.request(
        {
          host: url.hostname,
          port: url.port,
          path,
          method,
          headers: { ...headers, ...own },
          agent,
        },
        (res) => {
          res.resume()
          res.on("end", () => {
            latencies.push(Number(process.hrtime.bigint() - started) / 1e6)
            if (res.statusCode !== 200) {
              errors++
              errorKinds[res.statusCode] = (errorKinds[res.statusCode] ?? 0) + 1
            }
            resolve()
          })
        }
      )
      req.on("error", (e) => {
        errors++
        errorKinds[e.code] = (errorKinds[e.code] ?? 0) + 1
        resolve()
      })
      req.end()
    })

  await Promise.all(
    Array.from({ length: connections }, async (_, c) => {
      for (let i = 0; Date.now() < deadline; i++) {
        await one(
          request ? request(c, i) : { path: paths[next++ % paths.length] }
        )
      }
    })
  )
  agent.destroy()
  latencies.sort((a, b) => a - b)
  const pct = (p) =>
    latencies[
      Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))
    ]
  return {
    requests: latencies.length,
    rps: latencies.length / (durationMs / 1000),
    p50: pct(50),
    p95: pct(95),
    p99: pct(99),
    errors,
    errorKinds,
  }
}
