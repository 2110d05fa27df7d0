import type { MedusaContainer } from "@medusajs/framework/types"
import { ATTRIBUTION_MODULE } from "../../src/modules/attribution"
import type AttributionModuleService from "../../src/modules/attribution/service"
import type { ClickRecord } from "../../src/modules/attribution/service"
import { mintClickId } from "../../src/modules/attribution/utils/ids"
import { sql } from "./fixtures"

/**
 * Polls `check` until it returns a value that is not `false`/`undefined`,
 * or fails with `what` (and the last value seen) after `timeoutMs`.
 */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | false | undefined>,
  timeoutMs = 30_000,
  intervalMs = 100
): Promise<T> {
  const deadline = Date.now() + timeoutMs
  let last: unknown
  for (;;) {
    last = await check()
    if (last !== false && last !== undefined) {
      return last as T
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what} (last: ${String(last)})`)
    }
    await new Promise((r) => setTimeout(r, intervalMs))
  }
}

/**
 * A click for buy link `code` as the redirect would hand it to the sink,
 * straight to `acceptClick` (the redirect cleans its inputs, so poison is
 * injected this way). `over` replaces fields: a NUL in one makes a row that
 * PostgreSQL refuses.
 */
export async function clickFor(
  container: MedusaContainer,
  code: string,
  over: Partial<ClickRecord> = {}
): Promise<ClickRecord> {
  const [np] = await sql<{
    id: string
    note_id: string
    product_id: string
    variant_id: string | null
    buyer_id: string | null
  }>(
    container,
    `select np.id, np.note_id, np.product_id, np.variant_id, n.buyer_id
       from note_product np join note n on n.id = np.note_id
      where np.code = ? and np.deleted_at is null`,
    [code]
  )
  const id = mintClickId()
  return {
    id,
    code,
    note_id: np.note_id,
    note_product_id: np.id,
    buyer_id: np.buyer_id,
    product_id: np.product_id,
    variant_id: np.variant_id,
    visitor_id: `visitor_${id.slice(-16)}`,
    ip_hash: "0".repeat(32),
    user_agent: "Mozilla/5.0 (integration test)",
    referer: null,
    utm_source: null,
    utm_medium: null,
    utm_campaign: null,
    utm_term: null,
    utm_content: null,
    clicked_at: new Date(),
    dropped_reason: null,
    ...over,
  }
}

/** Which of `ids` are stored in `referral_click`. */
export async function storedClickIds(
  container: MedusaContainer,
  ids: string[]
): Promise<Set<string>> {
  const rows = await sql<{ id: string }>(
    container,
    "select id from referral_click where id = any(?)",
    [ids]
  )
  return new Set(rows.map((r) => r.id))
}

export type FailureRow = {
  id: string
  kind: string
  click_id: string | null
  reason: string
  payload: string
  clicks: number
  attempts: number
}

/** The dead letters, oldest first. */
export async function clickFailures(
  container: MedusaContainer
): Promise<FailureRow[]> {
  return sql<FailureRow>(
    container,
    "select id, kind, click_id, reason, payload, clicks, attempts from referral_click_failure order by first_seen_at, id"
  )
}

export const attributionOf = (container: MedusaContainer) =>
  container.resolve<AttributionModuleService>(ATTRIBUTION_MODULE)
