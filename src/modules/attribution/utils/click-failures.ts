import { cleanText } from "./clean-text"
import { classifyWriteFailure } from "./db-errors"
import type { ClickRecord } from "./redirect"

// Dead letters of the click sink (`referral_click_failure`): the Medusa
// sink (attribution service) and the edge (src/edge/clicks.ts) keep a click
// the database refuses for its content the same way.

/** Length of a stored or shown failure reason. */
export const REASON_MAX = 1000
// How the click statements end, as knex quotes them before an error.
const STATEMENT_END = "RETURNING id - "

/**
 * A click as dead-letter text: JSON, in which every character PostgreSQL or
 * a jsonb column could refuse (C0 controls and lone surrogates, which
 * JSON.stringify escapes; DEL and C1, escaped here) is a `\u` escape, so the
 * row can always be written.
 */
export function payloadOf(click: ClickRecord): string {
  return JSON.stringify(click).replace(
    /[\u007f-\u009f]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`
  )
}

/**
 * The database's reason, stored and shown: its code and message without the
 * statement knex puts in front (`<sql> - <message>`: it quotes the refused
 * values), short and storable.
 */
export function reasonOf(e: unknown): string {
  const err = e as { code?: unknown; message?: unknown }
  const code = typeof err?.code === "string" ? `${err.code}: ` : ""
  let message =
    typeof err?.message === "string" ? err.message : String(e ?? "unknown")
  const statementEnd = message.lastIndexOf(STATEMENT_END)
  if (statementEnd >= 0) {
    message = message.slice(statementEnd + STATEMENT_END.length)
  } else if (message.length > REASON_MAX) {
    // The cause comes last: keep the tail.
    message = `…${message.slice(-REASON_MAX)}`
  }
  return cleanText(`${code}${message}`, REASON_MAX) ?? "unknown error"
}

/**
 * The dead-letter insert of refused clicks: one `rejected` row per click; a
 * click already dead-lettered (a re-run queue job, a retried batch) counts
 * one more attempt (the partial unique index on `click_id`). `newId` mints
 * the row ids, `placeholder(i)` is the driver's i-th parameter.
 */
export function rejectedClicksInsert(
  failures: { click: ClickRecord; reason: string }[],
  newId: () => string,
  placeholder: (i: number) => string
): { sql: string; bindings: unknown[] } {
  const bindings: unknown[] = []
  const rows: string[] = []
  for (const f of failures) {
    const i = bindings.length
    rows.push(
      `(${placeholder(i + 1)}, 'rejected', ${placeholder(i + 2)}, ${placeholder(i + 3)}, ${placeholder(i + 4)}, 1, 1, now(), now(), now(), now())`
    )
    bindings.push(
      newId(),
      cleanText(f.click.id, 200),
      cleanText(f.reason, REASON_MAX) ?? "unknown error",
      payloadOf(f.click)
    )
  }
  return {
    sql: `INSERT INTO referral_click_failure
         (id, kind, click_id, reason, payload, clicks, attempts, first_seen_at, last_seen_at, created_at, updated_at)
       VALUES ${rows.join(", ")}
       ON CONFLICT (click_id) WHERE deleted_at IS NULL DO UPDATE SET
         reason = excluded.reason,
         attempts = referral_click_failure.attempts + 1,
         last_seen_at = now(),
         updated_at = now()`,
    bindings,
  }
}

const byId = (a: ClickRecord, b: ClickRecord) =>
  a.id < b.id ? -1 : a.id > b.id ? 1 : 0

/**
 * Writes a batch of clicks with `insert` and isolates the ones the database
 * refuses: when the batch fails for a reason of its rows, it is split in
 * halves until the refused clicks stand alone (k bad rows in n cost about
 * k·log2(n) extra statements). Returns the refused clicks with the
 * database's reason, and the rows `insert` reported written; throws only
 * when the database is unreachable (`classifyWriteFailure`: outage).
 *
 * The clicks are written in the order of their ids (and the refused ones
 * come back in it): two writers holding the same clicks (the click worker
 * and a process that wrote them itself when their enqueue timed out) then
 * take the rows' locks in the same order, where in different orders each
 * waited for the other's uncommitted row and PostgreSQL aborted one with a
 * deadlock (40P01), a whole batch failed back to its retry
 * (integration-tests/modules/click-write-concurrency.spec.ts).
 */
export async function writeIsolatingRefused(
  clicks: ClickRecord[],
  insert: (part: ClickRecord[]) => Promise<number>
): Promise<{
  written: number
  rejected: { click: ClickRecord; reason: string }[]
}> {
  const rejected: { click: ClickRecord; reason: string }[] = []
  let written = 0
  const write = async (part: ClickRecord[]): Promise<void> => {
    try {
      written += await insert(part)
    } catch (e) {
      if (classifyWriteFailure(e) === "outage") {
        throw e
      }
      if (part.length === 1) {
        rejected.push({ click: part[0], reason: reasonOf(e) })
        return
      }
      const half = Math.ceil(part.length / 2)
      await write(part.slice(0, half))
      await write(part.slice(half))
    }
  }
  await write([...clicks].sort(byId))
  return { written, rejected }
}
