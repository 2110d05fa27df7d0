import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/postgresql"
import type { LedgerBalance, LedgerChanges } from "../types"
import { emptyChanges } from "../types"
import { decimal } from "../utils/money"
import type { EntryStatus, LedgerEntryView } from "../utils/plan-order"
import { sqlFilters } from "../utils/sql-filters"

/*
 * The ledger's reads and writes in SQL, each on the caller's manager (the
 * module service opens the transaction and owns the entity inserts). The
 * ledger is append-only: these change statuses and hold dates, never
 * amounts; a database trigger refuses anything else outside compensation.
 */

export const ENTRY_VIEW_COLUMNS = `id, type, status, amount::text AS amount, quantity, buyer_id, currency_code,
  order_id, order_line_id, attribution_line_id, note_id, product_id, variant_id, reverses_id,
  available_at, approved_at, settlement_id`

const BALANCE_KEYS = [
  "accrued",
  "reversed",
  "adjusted",
  "pending",
  "approved",
  "on_hold",
  "paid",
  "payable",
] as const

/** Serialises ledger writes per order for the rest of the transaction. */
export async function lockOrders(
  manager: SqlEntityManager,
  orderIds: string[]
): Promise<void> {
  for (const id of [...orderIds].sort()) {
    await manager.execute(
      `SELECT pg_advisory_xact_lock(hashtextextended(?, 0))`,
      [`commission:order:${id}`]
    )
  }
}

/**
 * Row-locks an order's entries (in id order): a settlement run's claim
 * skips them while this transaction decides on them (`SKIP LOCKED`; the
 * next run claims them), and what it reads next is what it changes (a
 * claim that committed first is seen, and its entries left alone).
 */
export async function lockOrderEntries(
  manager: SqlEntityManager,
  orderId: string
): Promise<void> {
  await manager.execute(
    `SELECT id FROM commission_entry WHERE order_id = ? AND deleted_at IS NULL
     ORDER BY id FOR UPDATE`,
    [orderId]
  )
}

/** The source keys among `keys` that already have an entry. */
export async function existingSourceKeys(
  manager: SqlEntityManager,
  keys: string[]
): Promise<Set<string>> {
  const rows = (await manager.execute(
    `SELECT source_key FROM commission_entry WHERE source_key IN (?) AND deleted_at IS NULL`,
    [keys]
  )) as { source_key: string }[]
  return new Set(rows.map((r) => r.source_key))
}

/** An order's entries, oldest first. */
export async function orderEntries(
  manager: SqlEntityManager,
  orderId: string
): Promise<LedgerEntryView[]> {
  return (await manager.execute(
    `SELECT ${ENTRY_VIEW_COLUMNS} FROM commission_entry
     WHERE order_id = ? AND deleted_at IS NULL ORDER BY created_at, id`,
    [orderId]
  )) as LedgerEntryView[]
}

/** Writes status changes, one statement per target status. */
export async function setStatuses(
  manager: SqlEntityManager,
  changes: LedgerChanges["status_changes"],
  now: Date
): Promise<void> {
  for (const to of ["void", "on_hold", "pending", "approved"] as const) {
    const ids = changes.filter((c) => c.to === to).map((c) => c.id)
    if (!ids.length) {
      continue
    }
    await manager.execute(
      `UPDATE commission_entry SET status = ?, updated_at = now()${
        to === "approved" ? ", approved_at = coalesce(approved_at, ?)" : ""
      } WHERE id IN (?)`,
      to === "approved" ? [to, now, ids] : [to, ids]
    )
  }
}

/**
 * Voids entries and starts holds as a plan says (see `planOrderLedger`),
 * recording each change for undo; the plan's new entries are the caller's
 * to insert.
 */
export async function applyPlanChanges(
  manager: SqlEntityManager,
  entries: LedgerEntryView[],
  voids: string[],
  available: { id: string; available_at: Date }[]
): Promise<LedgerChanges> {
  const changes = emptyChanges()
  const byId = new Map(entries.map((e) => [e.id, e]))
  if (voids.length) {
    for (const id of voids) {
      const e = byId.get(id)!
      changes.status_changes.push({
        id,
        from: e.status,
        to: "void",
        approved_at: e.approved_at,
      })
    }
    await setStatuses(manager, changes.status_changes, new Date())
  }
  for (const a of available) {
    changes.available_changes.push({
      id: a.id,
      from: byId.get(a.id)?.available_at ?? null,
    })
    await manager.execute(
      `UPDATE commission_entry SET available_at = ?, updated_at = now() WHERE id = ?`,
      [a.available_at, a.id]
    )
  }
  return changes
}

/**
 * Approves the pending entries whose hold has ended (at most `limit`),
 * skipping rows another run holds, so two jobs at once never approve an
 * entry twice.
 */
/**
 * The orders of the next `limit` entries `approveDueEntries` would approve
 * (the approval job syncs them first: docs/deploying.md).
 */
export async function listDueOrderIds(
  manager: SqlEntityManager,
  now: Date,
  limit: number
): Promise<string[]> {
  const rows = (await manager.execute(
    `SELECT DISTINCT order_id FROM (
       SELECT order_id FROM commission_entry
       WHERE status = 'pending' AND available_at <= ? AND deleted_at IS NULL
       ORDER BY available_at, id LIMIT ?) d
     WHERE order_id IS NOT NULL`,
    [now, limit]
  )) as { order_id: string }[]
  return rows.map((r) => r.order_id)
}

export async function approveDueEntries(
  manager: SqlEntityManager,
  now: Date,
  limit: number
): Promise<LedgerChanges> {
  const rows = (await manager.execute(
    `UPDATE commission_entry SET status = 'approved', approved_at = ?, updated_at = now()
     WHERE id IN (
       SELECT id FROM commission_entry
       WHERE status = 'pending' AND available_at <= ? AND deleted_at IS NULL
       ORDER BY available_at, id LIMIT ? FOR UPDATE SKIP LOCKED)
     RETURNING id`,
    [now, now, limit]
  )) as { id: string }[]
  const changes = emptyChanges()
  changes.status_changes = rows.map((r) => ({
    id: r.id,
    from: "pending",
    to: "approved",
    approved_at: null,
  }))
  return changes
}

/**
 * Holds (or releases) an order's unsettled entries that are pending or
 * approved. A released entry is approved if its hold has ended and it was
 * approved before or is due, pending otherwise. The caller holds the
 * order's locks.
 */
export async function setOrderHold(
  manager: SqlEntityManager,
  input: { order_id: string; hold: boolean },
  now: Date
): Promise<LedgerChanges> {
  const rows = (await manager.execute(
    `SELECT id, status, approved_at, available_at FROM commission_entry
     WHERE order_id = ? AND settlement_id IS NULL AND deleted_at IS NULL
       AND status IN (${input.hold ? "'pending', 'approved'" : "'on_hold'"})`,
    [input.order_id]
  )) as {
    id: string
    status: EntryStatus
    approved_at: Date | null
    available_at: Date | null
  }[]
  const changes = emptyChanges()
  for (const r of rows) {
    const to: EntryStatus = input.hold
      ? "on_hold"
      : r.approved_at || (r.available_at && new Date(r.available_at) <= now)
        ? "approved"
        : "pending"
    changes.status_changes.push({
      id: r.id,
      from: r.status,
      to,
      approved_at: r.approved_at,
    })
  }
  await setStatuses(manager, changes.status_changes, now)
  return changes
}

/**
 * Undoes ledger writes, for workflow compensation only: deletes the
 * entries created and restores statuses and hold dates. The guard trigger
 * allows it inside this transaction only (a transaction-local setting),
 * never otherwise.
 */
export async function revertLedgerChanges(
  manager: SqlEntityManager,
  changes: LedgerChanges
): Promise<void> {
  await manager.execute(
    `SELECT set_config('commission.compensating', 'on', true)`
  )
  // An entry a settlement run claimed since is the settlement's now: left
  // as it is (its money may be on its way).
  for (const s of changes.status_changes) {
    await manager.execute(
      `UPDATE commission_entry SET status = ?, approved_at = ?, updated_at = now()
       WHERE id = ? AND settlement_id IS NULL`,
      [s.from, s.approved_at, s.id]
    )
  }
  for (const a of changes.available_changes) {
    await manager.execute(
      `UPDATE commission_entry SET available_at = ?, updated_at = now() WHERE id = ?`,
      [a.from, a.id]
    )
  }
  if (changes.created.length) {
    await manager.execute(
      `DELETE FROM commission_entry WHERE id IN (?)
         AND (settlement_id IS NULL OR source_key LIKE 'transfer_reversal:%')`,
      [changes.created.map((c) => c.id)]
    )
  }
}

/**
 * Balances per buyer and currency, as exact decimal strings: what was
 * accrued, reversed and adjusted (voided entries count nowhere), and
 * where it stands: pending, approved (payable, or in a settlement being
 * paid), on hold, paid. `accrued + reversed + adjusted = pending +
 * approved + on_hold + paid` always. One aggregate query.
 */
export async function listBalances(
  manager: SqlEntityManager,
  filters: { buyer_id?: string | string[]; currency_code?: string }
): Promise<LedgerBalance[]> {
  const { where, bindings } = sqlFilters(
    filters,
    ["buyer_id", "currency_code"],
    { fixed: ["status <> 'void'"] }
  )
  const sum = (cond: string) =>
    `coalesce(sum(amount) FILTER (WHERE ${cond}), 0)::text`
  const rows = (await manager.execute(
    `SELECT buyer_id, currency_code,
       ${sum("type = 'accrual'")} AS accrued,
       ${sum("type = 'reversal'")} AS reversed,
       ${sum("type = 'adjustment'")} AS adjusted,
       ${sum("status = 'pending'")} AS pending,
       ${sum("status = 'approved'")} AS approved,
       ${sum("status = 'on_hold'")} AS on_hold,
       ${sum("status = 'paid'")} AS paid,
       ${sum("status = 'approved' AND settlement_id IS NULL")} AS payable
     FROM commission_entry WHERE ${where}
     GROUP BY buyer_id, currency_code ORDER BY buyer_id, currency_code`,
    bindings
  )) as LedgerBalance[]
  // numeric sums keep trailing zeros ("0.0"): normalise.
  return rows.map((r) => {
    const out = { ...r }
    for (const k of BALANCE_KEYS) {
      out[k] = decimal(r[k])
    }
    return out
  })
}

/** Sum of amounts per currency of the entries a filter selects (list totals). */
export async function sumEntriesByCurrency(
  manager: SqlEntityManager,
  filters: Record<string, unknown>
): Promise<{ currency_code: string; amount: string; count: number }[]> {
  const { where, bindings } = sqlFilters(filters, [
    "buyer_id",
    "order_id",
    "status",
    "type",
    "currency_code",
    "settlement_id",
  ])
  const rows = (await manager.execute(
    `SELECT currency_code, sum(amount)::text AS amount, count(*)::int AS count
     FROM commission_entry WHERE ${where}
     GROUP BY currency_code ORDER BY currency_code`,
    bindings
  )) as { currency_code: string; amount: string; count: number }[]
  return rows.map((r) => ({ ...r, amount: decimal(r.amount) }))
}
