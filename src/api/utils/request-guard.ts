import {
  errorHandler,
  type MedusaNextFunction,
  type MedusaRequest,
  type MedusaResponse,
} from "@medusajs/framework/http"

/**
 * The plugin's front door: one middleware in front of every plugin route
 * that refuses, with a 4xx naming the part of the request at fault, what no
 * route can handle and what would otherwise reach PostgreSQL or Express and
 * come back as a 500:
 * - a path whose percent-encoding does not decode (Express would throw
 *   "Failed to decode param" while matching the route);
 * - a NUL character or an unpaired UTF-16 surrogate anywhere in the path,
 *   the query or the body, keys included (PostgreSQL refuses both in text
 *   and jsonb);
 * - a body that is not JSON (415: a money route must never read a body it
 *   cannot parse as "no filters"), not UTF-8, not an object, nested deeper
 *   than {@link MAX_DEPTH} levels, or larger than the limit (413).
 *
 * It replaces Medusa's body parser on the plugin's routes (their
 * `bodyParser` is off), so the body is read once, here, with the raw bytes
 * kept on `req.rawBody` for signature checks.
 */

/** The deepest nesting a body may have (a note is 4 levels deep). */
export const MAX_DEPTH = 32
/** The largest body, in bytes (a 20,000-character note with its images fits many times over). */
export const MAX_BODY_BYTES = 1024 * 1024

type Failure = { status: number; type: string; message: string }

const BODY_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"])

/** NUL, or a UTF-16 surrogate that is not part of a pair. */
export function badCharacter(s: string): string | null {
  if (s.includes("\u0000")) {
    return "must not contain a NUL character"
  }
  if (!(s as unknown as { isWellFormed(): boolean }).isWellFormed()) {
    return "must not contain an unpaired UTF-16 surrogate"
  }
  return null
}

/** `images[0].alt`, `metadata.key`, `["odd key"]`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = ""
  for (const part of path) {
    if (typeof part === "number") {
      out += `[${part}]`
    } else {
      const key = String(part)
      out += /^[A-Za-z_$][\w$-]*$/.test(key)
        ? `${out ? "." : ""}${key}`
        : `[${JSON.stringify(key)}]`
    }
  }
  return out
}

/**
 * The first string (value or key) of a parsed JSON value or query that
 * PostgreSQL cannot store: its path (`metadata.k`, `images[0].alt`; for a
 * bad key, the object holding it, `label` at the top) and what is wrong.
 * Iterative: a walk must never be what overflows the stack.
 */
export function findBadString(
  value: unknown,
  label: string
): { path: string; problem: string } | null {
  const stack: { v: unknown; path: PropertyKey[] }[] = [{ v: value, path: [] }]
  const at = (path: PropertyKey[]) => (path.length ? formatPath(path) : label)
  while (stack.length) {
    const { v, path } = stack.pop()!
    if (typeof v === "string") {
      const problem = badCharacter(v)
      if (problem) {
        return { path: at(path), problem }
      }
    } else if (Array.isArray(v)) {
      v.forEach((item, i) => stack.push({ v: item, path: [...path, i] }))
    } else if (v && typeof v === "object") {
      for (const [k, item] of Object.entries(v)) {
        const problem = badCharacter(k)
        if (problem) {
          return { path: at(path), problem: `a key ${problem}` }
        }
        stack.push({ v: item, path: [...path, k] })
      }
    }
  }
  return null
}

/**
 * The deepest nesting of a JSON text, counted without parsing it (strings
 * skipped), stopping as soon as `max` is passed.
 */
export function jsonDepthExceeds(text: string, max: number): boolean {
  let depth = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (inString) {
      if (c === 92 /* \ */) {
        i++
      } else if (c === 34 /* " */) {
        inString = false
      }
    } else if (c === 34) {
      inString = true
    } else if (c === 91 /* [ */ || c === 123 /* { */) {
      if (++depth > max) {
        return true
      }
    } else if (c === 93 /* ] */ || c === 125 /* } */) {
      depth--
    }
  }
  return false
}

/**
 * The names of a route's path parameters, by segment, from the plugin's
 * route patterns (`/admin/notes/:id/hide`): a bad segment is named after
 * its parameter.
 */
export function paramNameAt(
  patterns: readonly string[],
  segments: string[],
  index: number
): string {
  for (const pattern of patterns) {
    const parts = pattern.split("/")
    if (
      parts.length === segments.length &&
      parts.every(
        (p, i) => p.startsWith(":") || p === segments[i] || i === index
      )
    ) {
      const part = parts[index]
      return part.startsWith(":") ? part.slice(1) : "path"
    }
  }
  return "path"
}

/** The message for a path segment that is not valid percent-encoding. */
export function undecodableSegment(name: string, segment: string): string {
  return `${name}: the path segment '${segment.slice(0, 100)}' is not valid percent-encoded UTF-8`
}

/**
 * The 400 for a request whose path does not decode, naming the segment's
 * parameter, or null when the path decodes.
 */
export function checkPath(
  originalUrl: string,
  patterns: readonly string[]
): Failure | null {
  const segments = originalUrl.split("?", 1)[0].split("/")
  for (let i = 0; i < segments.length; i++) {
    let decoded: string
    try {
      decoded = decodeURIComponent(segments[i])
    } catch {
      return invalid(
        undecodableSegment(paramNameAt(patterns, segments, i), segments[i])
      )
    }
    const problem = badCharacter(decoded)
    if (problem) {
      return invalid(`${paramNameAt(patterns, segments, i)}: ${problem}`)
    }
  }
  return null
}

/** What is wrong with the path and the query, or null. */
export function checkUrl(
  originalUrl: string,
  query: unknown,
  patterns: readonly string[]
): Failure | null {
  const pathFailure = checkPath(originalUrl, patterns)
  if (pathFailure) {
    return pathFailure
  }
  const bad = findBadString(query, "query")
  return bad ? invalid(`${bad.path}: ${bad.problem}`) : null
}

function invalid(message: string): Failure {
  return { status: 400, type: "invalid_data", message }
}

/** The media type of a Content-Type header, lower-cased, and its charset. */
function mediaType(header: string | undefined): {
  type: string
  charset: string | null
} {
  const [type, ...params] = (header ?? "").split(";")
  const charset = params
    .map((p) => p.trim().toLowerCase())
    .find((p) => p.startsWith("charset="))
  return {
    type: type.trim().toLowerCase(),
    charset: charset ? charset.slice(8).replace(/"/g, "") : null,
  }
}

/** Parses a JSON body that has been read whole. */
export function parseJsonBody(
  buffer: Buffer,
  contentType: string | undefined
): { body: Record<string, unknown> } | Failure {
  if (!buffer.length) {
    return { body: {} }
  }
  const { type, charset } = mediaType(contentType)
  if (type !== "application/json") {
    return {
      status: 415,
      type: "unsupported_media_type",
      message: `The body must be JSON sent as 'Content-Type: application/json' (got '${type || "none"}')`,
    }
  }
  if (charset && charset !== "utf-8" && charset !== "utf8") {
    return {
      status: 415,
      type: "unsupported_media_type",
      message: `The body must be UTF-8 (got charset '${charset}')`,
    }
  }
  let text: string
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(buffer)
  } catch {
    return invalid("body: not valid UTF-8")
  }
  if (jsonDepthExceeds(text, MAX_DEPTH)) {
    return invalid(`body: nested deeper than ${MAX_DEPTH} levels`)
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (e) {
    return invalid(`body: not valid JSON (${(e as Error).message})`)
  }
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) {
    return invalid("body: must be a JSON object")
  }
  const bad = findBadString(parsed, "body")
  if (bad) {
    return invalid(`${bad.path}: ${bad.problem}`)
  }
  return { body: parsed as Record<string, unknown> }
}

function tooLarge(limit: number): Failure {
  return {
    status: 413,
    type: "payload_too_large",
    message: `The body is larger than ${Math.round(limit / 1024)} KB`,
  }
}

/** Reads the request body, refusing it once it passes `limit` bytes. */
function readBody(req: MedusaRequest, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    let done = false
    req.on("data", (chunk: Buffer) => {
      if (done) {
        return
      }
      size += chunk.length
      if (size > limit) {
        done = true
        resolve(null)
        return
      }
      chunks.push(chunk)
    })
    req.on("end", () => {
      if (!done) {
        done = true
        resolve(Buffer.concat(chunks))
      }
    })
    req.on("error", (e) => {
      if (!done) {
        done = true
        reject(e)
      }
    })
  })
}

export function fail(res: MedusaResponse, f: Failure) {
  if (f.status === 413) {
    // The rest of the body is not read: the connection cannot be reused.
    res.setHeader("Connection", "close")
  }
  res.status(f.status).json({ type: f.type, message: f.message })
}

/**
 * The guard for the plugin's API routes. `patterns` are the route patterns
 * it stands in front of, to name a bad path segment after its parameter.
 */
export function requestGuard(
  patterns: readonly string[],
  { limitBytes = MAX_BODY_BYTES } = {}
) {
  return async function notesRequestGuard(
    req: MedusaRequest,
    res: MedusaResponse,
    next: MedusaNextFunction
  ) {
    const urlFailure = checkUrl(req.originalUrl, req.query, patterns)
    if (urlFailure) {
      return fail(res, urlFailure)
    }
    const parsedAlready = (req as { _body?: boolean })._body === true
    if (!BODY_METHODS.has(req.method) || parsedAlready) {
      return next()
    }
    const declared = Number(req.headers["content-length"] ?? 0)
    if (declared > limitBytes) {
      return fail(res, tooLarge(limitBytes))
    }
    const raw = await readBody(req, limitBytes)
    if (!raw) {
      return fail(res, tooLarge(limitBytes))
    }
    const parsed = parseJsonBody(raw, req.headers["content-type"])
    if ("status" in parsed) {
      return fail(res, parsed)
    }
    req.body = parsed.body
    ;(req as MedusaRequest & { rawBody?: Buffer }).rawBody = raw
    ;(req as { _body?: boolean })._body = true
    next()
  }
}

/**
 * The guard for `GET /r/{code}`: a buy link answers a redirect, never an
 * error, so a path that does not decode goes to the storefront home.
 */
export function redirectPathGuard(home: (req: MedusaRequest) => string) {
  return function notesRedirectGuard(
    req: MedusaRequest,
    res: MedusaResponse,
    next: MedusaNextFunction
  ) {
    const path = req.originalUrl.split("?", 1)[0]
    try {
      if (badCharacter(decodeURIComponent(path)) === null) {
        return next()
      }
    } catch {
      // falls through to the redirect home
    }
    redirect(res, home(req))
  }
}

/**
 * The application's error handler: Medusa's own, except for a path that
 * Express could not decode while matching a route. Medusa's `/admin*`
 * middleware decodes every admin path before any plugin middleware runs,
 * and its handler answers that error with a 500: here it is a 400 naming
 * the parameter (on every route, Medusa's included), and a buy link goes
 * to the storefront home. A store that sets its own `errorHandler` replaces
 * this one.
 */
export function pathAwareErrorHandler(
  patterns: readonly string[],
  redirectHome: (req: MedusaRequest) => string
) {
  const medusa = errorHandler()
  return function notesErrorHandler(
    err: unknown,
    req: MedusaRequest,
    res: MedusaResponse,
    next: MedusaNextFunction
  ) {
    const e = err as { name?: string; message?: string }
    if (
      e?.name === "URIError" &&
      e.message?.startsWith("Failed to decode param") &&
      !res.headersSent
    ) {
      if (req.originalUrl.startsWith("/r/")) {
        return redirect(res, redirectHome(req))
      }
      return fail(
        res,
        checkPath(req.originalUrl, patterns) ??
          invalid("path: not valid percent-encoded UTF-8")
      )
    }
    return medusa(err, req, res, next)
  }
}

function redirect(res: MedusaResponse, location: string) {
  res.statusCode = 302
  res.setHeader("Location", location)
  res.setHeader("Cache-Control", "no-store")
  res.setHeader("Content-Length", "0")
  res.end()
}
