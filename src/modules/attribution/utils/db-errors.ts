/**
 * Why a click write failed, as the click sink acts on it:
 * - `outage`: the database cannot take any write right now (unreachable,
 *   restarting, out of connections, a lock or serialization conflict, the
 *   table or a permission missing). No row is at fault: keep the whole batch
 *   and retry it later.
 * - `row`: the database refused what was sent (a data error, a constraint,
 *   a malformed message such as a NUL byte in a value, a value too large),
 *   or an error that names no cause. Some row is at fault: split the batch to
 *   find it, and write the others.
 */
export type WriteFailure = "outage" | "row"

const NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ECONNABORTED",
  "ETIMEDOUT",
  "EPIPE",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ENOTCONN",
])

// SQLSTATEs (or their classes) where the statement is not at fault.
const OUTAGE_STATES = new Set([
  "40001", // serialization_failure
  "40P01", // deadlock_detected
  "55P03", // lock_not_available
  "55006", // object_in_use
  "57P01", // admin_shutdown
  "57P02", // crash_shutdown
  "57P03", // cannot_connect_now
  "57014", // query_canceled (statement timeout)
  "42P01", // undefined_table: migrations not run yet
  "42501", // insufficient_privilege
  "3D000", // invalid_catalog_name: no such database
])
const OUTAGE_CLASSES = new Set(["08", "28", "53", "58"])

const OUTAGE_MESSAGES =
  /connection terminated|connection (?:ended|closed)|timeout (?:acquiring|exceeded)|not queryable|client has encountered a connection error|the database system is (?:starting up|shutting down)/i

function codeOf(e: unknown): string {
  const err = e as { code?: unknown; sqlState?: unknown }
  const code = typeof err?.code === "string" ? err.code : ""
  return code || (typeof err?.sqlState === "string" ? err.sqlState : "")
}

/**
 * Classifies an error thrown by a click write (pg, knex or MikroORM, which
 * copies the driver's `code`). The protocol violation 08P01 ("invalid message
 * format", what a NUL byte in a value gives) is a row error although its
 * class is the connection class.
 *
 * @example
 * classifyWriteFailure({ code: "ECONNREFUSED" }) // "outage"
 * classifyWriteFailure({ code: "22021" }) // "row"
 */
export function classifyWriteFailure(e: unknown): WriteFailure {
  const code = codeOf(e)
  if (code === "08P01") {
    return "row"
  }
  if (
    NETWORK_CODES.has(code) ||
    OUTAGE_STATES.has(code) ||
    (/^[0-9A-Z]{5}$/.test(code) && OUTAGE_CLASSES.has(code.slice(0, 2)))
  ) {
    return "outage"
  }
  const err = e as { name?: unknown; message?: unknown }
  if (err?.name === "KnexTimeoutError" || err?.name === "ConnectionException") {
    return "outage"
  }
  if (!code && typeof err?.message === "string") {
    return OUTAGE_MESSAGES.test(err.message) ? "outage" : "row"
  }
  return "row"
}
