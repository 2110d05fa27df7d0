import http from "node:http"

export type RawResponse = {
  status: number
  headers: http.IncomingHttpHeaders
  body: string
  /** The body parsed as JSON, or null. */
  json: any
}

/**
 * One HTTP request with the path and body sent byte for byte as given:
 * axios normalises paths and always sets a content type, which hides the
 * malformed requests a fuzzer or an attacker sends.
 */
export function rawRequest(
  baseURL: string,
  opts: {
    method: string
    path: string
    headers?: Record<string, string>
    body?: string | Buffer
  }
): Promise<RawResponse> {
  const base = new URL(baseURL)
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: base.hostname,
        port: base.port,
        method: opts.method,
        path: opts.path,
        headers: {
          ...(opts.body !== undefined
            ? { "content-length": String(Buffer.byteLength(opts.body)) }
            : {}),
          ...opts.headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on("data", (c: Buffer) => chunks.push(c))
        res.on("end", () => {
          const body = Buffer.concat(chunks).toString("utf8")
          let json: unknown = null
          try {
            json = body ? JSON.parse(body) : null
          } catch {
            json = null
          }
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body,
            json,
          })
        })
        res.on("error", reject)
      }
    )
    req.on("error", reject)
    if (opts.body !== undefined) {
      req.write(opts.body)
    }
    req.end()
  })
}
