import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/postgresql"
import {
  generateEntityId,
  MathBN,
  MedusaError,
} from "@medusajs/framework/utils"
import type {
  ClaimSettlementInput,
  SettlementCandidate,
  SettlementFilters,
  SettlementSkipInput,
  SettlementView,
  SkipReason,
} from "../types"
import { decimal } from "../utils/money"
import { sqlFilters } from "../utils/sql-filters"

/*
 * The settlement lifecycle in SQL, each on the caller's manager (the module
 * service opens the transaction): what a run could pay, claiming entries,
 * attempts, paid, failed, their undo, and the reads of the admin and the
 * buyer. Raw SQL throughout: a run claims a million entries.
 */

export const SETTLEMENT_VIEW_COLUMNS = `id, buyer_id, currency_code, amount::text AS amount, entry_count,
  status, provider, provider_account_id, provider_reference, failure_reason, attempts,
  generation, run_id`

export function normaliseSettlement(row: SettlementView): SettlementView {
  return { ...row, amount: decimal(row.amount) }
}

/**
 * The idempotency key a settlement is paid with: the same for every
 * attempt of one generation (a generation ends only when the provider has
 * definitively declined it).
 */
export function settlementIdempotencyKey(s: {
  id: string
  generation: number
}): string {
  return s.generation
    ? `settlement:${s.id}:${s.generation}`
    : `settlement:${s.id}`
}

/**
 * Per buyer and currency, what a settlement run could pay: the approved,
 * unsettled entries (negative ones included, so a clawback is carried),
 * what is on hold, and the buyer's payout account at the provider. One
 * aggregate query; no entry is loaded.
 */
export async function listSettlementCandidates(
  manager: SqlEntityManager,
  providerId: string,
  filters: { buyer_id?: string; currency_code?: string } = {}
): Promise<SettlementCandidate[]> {
  const { where, bindings } = sqlFilters(
    filters,
    ["buyer_id", "currency_code"],
    {
      alias: "e",
      fixed: ["e.settlement_id IS NULL", "e.status IN ('approved', 'on_hold')"],
    }
  )
  const rows = (await manager.execute(
    `SELECT e.buyer_id, e.currency_code,
       coalesce(sum(e.amount) FILTER (WHERE e.status = 'approved'), 0)::text AS payable,
       (count(*) FILTER (WHERE e.status = 'approved'))::int AS payable_count,
       coalesce(sum(e.amount) FILTER (WHERE e.status = 'on_hold'), 0)::text AS on_hold,
       min(pa.account_id) AS account_id,
       coalesce(bool_or(pa.payouts_enabled), false) AS payouts_enabled
     FROM commission_entry e
     LEFT JOIN payout_account pa
       ON pa.buyer_id = e.buyer_id AND pa.provider = ? AND pa.deleted_at IS NULL
     WHERE ${where}
     GROUP BY e.buyer_id, e.currency_code
     ORDER BY e.buyer_id, e.currency_code`,
    [providerId, ...bindings]
  )) as SettlementCandidate[]
  return rows.map((r) => ({
    ...r,
    payable: decimal(r.payable),
    on_hold: decimal(r.on_hold),
  }))
}
/**
 * Claims, for many buyers and currencies at once (a settlement run's
 * batch), their approved, unsettled entries, and records a `pending`
 * settlement for each payable group, in one transaction: one claiming
 * UPDATE over rows taken `FOR UPDATE SKIP LOCKED` (rows an order event is
 * deciding on are left for the next run), so no entry can ever be in two
 * settlements. A group whose claimed total is not positive or is under
 * its threshold is released and answered as a skip; a group with
 * nothing left to claim is neither. A group naming `settlement_id`
 * claims again for that failed settlement, under its next key
 * generation. Raw SQL throughout: a run claims a million entries.
 */
/**
 * Serialises claims per buyer and currency for the rest of the transaction
 * (keys taken in one sorted order, so two batches cannot deadlock). `SKIP
 * LOCKED` alone let two concurrent claims split one balance: each took the
 * rows the other had not locked yet, so a credit could be paid in one
 * settlement while the debit beside it was released by the other. A claim
 * that waited here sees the first one's committed claim and finds nothing.
 */
async function lockClaims(
  manager: SqlEntityManager,
  groups: { buyer_id: string; currency_code: string }[]
): Promise<void> {
  const keys = [
    ...new Set(
      groups.map((g) => `commission:claim:${g.buyer_id}:${g.currency_code}`)
    ),
  ].sort()
  await manager.execute(
    `SELECT count(pg_advisory_xact_lock(hashtextextended(k, 0)))
     FROM unnest(ARRAY[?]::text[]) AS k`,
    [keys]
  )
}
export async function claimSettlementBatch(
  manager: SqlEntityManager,
  providerId: string,
  groups: ClaimSettlementInput[]
): Promise<{
  settlements: SettlementView[]
  skips: SettlementSkipInput[]
}> {
  const out = {
    settlements: [] as SettlementView[],
    skips: [] as SettlementSkipInput[],
  }
  if (!groups.length) {
    return out
  }
  const retried = groups.flatMap((g) => g.settlement_id ?? [])
  const previous = new Map<string, SettlementView>()
  if (retried.length) {
    const rows = (await manager.execute(
      `SELECT ${SETTLEMENT_VIEW_COLUMNS} FROM settlement
       WHERE id IN (?) AND deleted_at IS NULL FOR UPDATE`,
      [retried]
    )) as SettlementView[]
    rows.forEach((r) => previous.set(r.id, r))
    for (const id of retried) {
      const status = previous.get(id)?.status
      if (status !== "failed") {
        throw new MedusaError(
          MedusaError.Types.NOT_ALLOWED,
          `Settlement ${id} is ${status ?? "missing"}; only a failed settlement is claimed again`
        )
      }
    }
  }
  const planned = groups.map((g) => ({
    ...g,
    currency_code: g.currency_code.toLowerCase(),
    id: g.settlement_id ?? generateEntityId(undefined, "stl"),
  }))
  await lockClaims(manager, planned)
  const claimed = (await manager.execute(
    `WITH g(settlement_id, buyer_id, currency_code) AS (VALUES ${planned
      .map(() => "(?, ?, ?)")
      .join(", ")}),
     l AS (
       SELECT e.id, g.settlement_id FROM commission_entry e
       JOIN g ON e.buyer_id = g.buyer_id AND e.currency_code = g.currency_code
       WHERE e.status = 'approved' AND e.settlement_id IS NULL AND e.deleted_at IS NULL
       FOR UPDATE OF e SKIP LOCKED),
     c AS (
       UPDATE commission_entry e SET settlement_id = l.settlement_id, updated_at = now()
       FROM l
       WHERE e.id = l.id AND e.status = 'approved' AND e.settlement_id IS NULL
       RETURNING e.settlement_id, e.amount, e.approved_at)
     SELECT settlement_id, sum(amount)::text AS amount, count(*)::int AS entry_count,
       min(approved_at) AS period_start, max(approved_at) AS period_end
     FROM c GROUP BY settlement_id`,
    planned.flatMap((g) => [g.id, g.buyer_id, g.currency_code])
  )) as {
    settlement_id: string
    amount: string
    entry_count: number
    period_start: Date | null
    period_end: Date | null
  }[]
  const byId = new Map(claimed.map((c) => [c.settlement_id, c]))
  const release: string[] = []
  const inserts: unknown[][] = []
  for (const g of planned) {
    const c = byId.get(g.id)
    if (!c) {
      // Nothing left to claim since the plan (held, or paid by a retry):
      // no settlement, and nothing to explain.
      continue
    }
    const amount = decimal(c.amount)
    const reason: SkipReason | null = MathBN.lte(amount, 0)
      ? "negative_balance"
      : MathBN.lt(amount, g.threshold)
        ? "under_threshold"
        : null
    if (reason) {
      out.skips.push({
        buyer_id: g.buyer_id,
        currency_code: g.currency_code,
        reason,
        amount,
      })
      release.push(g.id)
      continue
    }
    const before = previous.get(g.id)
    const view: SettlementView = {
      id: g.id,
      buyer_id: g.buyer_id,
      currency_code: g.currency_code,
      amount,
      entry_count: c.entry_count,
      status: "pending",
      provider: providerId,
      provider_account_id: g.account_id,
      provider_reference: null,
      failure_reason: null,
      attempts: before?.attempts ?? 0,
      generation: before ? before.generation + 1 : 0,
      run_id: g.run_id,
    }
    out.settlements.push(view)
    const values = [
      amount,
      JSON.stringify({ value: amount, precision: 20 }),
      view.entry_count,
      c.period_start,
      c.period_end,
      view.provider,
      view.provider_account_id,
      view.run_id,
    ]
    if (before) {
      await manager.execute(
        `UPDATE settlement SET amount = ?, raw_amount = ?::jsonb, entry_count = ?,
           period_start = ?, period_end = ?, provider = ?, provider_account_id = ?,
           run_id = ?, status = 'pending', generation = generation + 1,
           failure_reason = NULL, failed_at = NULL, updated_at = now()
         WHERE id = ?`,
        [...values, view.id]
      )
    } else {
      inserts.push([view.id, view.buyer_id, view.currency_code, ...values])
    }
  }
  if (release.length) {
    await manager.execute(
      `UPDATE commission_entry SET settlement_id = NULL, updated_at = now()
       WHERE settlement_id IN (?) AND status = 'approved' AND deleted_at IS NULL`,
      [release]
    )
  }
  if (inserts.length) {
    await manager.execute(
      `INSERT INTO settlement (id, buyer_id, currency_code, amount, raw_amount, entry_count,
         period_start, period_end, provider, provider_account_id, run_id, status,
         attempts, generation, created_at, updated_at)
       VALUES ${inserts
         .map(
           () =>
             "(?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, 'pending', 0, 0, now(), now())"
         )
         .join(", ")}`,
      inserts.flat()
    )
  }
  return out
}
/** `beginSettlementAttempt` for many settlements: the ones still payable. */
export async function beginSettlementAttempts(
  manager: SqlEntityManager,
  ids: string[]
): Promise<SettlementView[]> {
  if (!ids.length) {
    return []
  }
  const rows = (await manager.execute(
    `UPDATE settlement SET status = 'processing', attempts = attempts + 1, updated_at = now()
     WHERE id IN (?) AND status IN ('pending', 'processing') AND deleted_at IS NULL
     RETURNING ${SETTLEMENT_VIEW_COLUMNS}`,
    [ids]
  )) as SettlementView[]
  return rows.map(normaliseSettlement)
}
/**
 * `completeSettlement` for many: each settlement `paid` with its
 * reference and its entries `paid`, in one transaction. Answers the ids
 * recorded paid now (not those paid or failed before).
 */
export async function completeSettlements(
  manager: SqlEntityManager,
  items: { id: string; reference: string }[],
  now: Date = new Date()
): Promise<string[]> {
  if (!items.length) {
    return []
  }
  const done = (await manager.execute(
    `UPDATE settlement s SET status = 'paid', provider_reference = v.reference,
       paid_at = ?, failure_reason = NULL, updated_at = now()
     FROM (VALUES ${items.map(() => "(?, ?)").join(", ")}) AS v(id, reference)
     WHERE s.id = v.id AND s.status IN ('pending', 'processing') AND s.deleted_at IS NULL
     RETURNING s.id, s.entry_count`,
    [now, ...items.flatMap((i) => [i.id, i.reference])]
  )) as { id: string; entry_count: number }[]
  if (!done.length) {
    return []
  }
  const counts = (await manager.execute(
    `WITH u AS (
       UPDATE commission_entry SET status = 'paid', updated_at = now()
       WHERE settlement_id IN (?) AND status = 'approved' AND deleted_at IS NULL
       RETURNING settlement_id)
     SELECT settlement_id, count(*)::int AS n FROM u GROUP BY settlement_id`,
    [done.map((d) => d.id)]
  )) as { settlement_id: string; n: number }[]
  const paid = new Map(counts.map((c) => [c.settlement_id, c.n]))
  for (const d of done) {
    if ((paid.get(d.id) ?? 0) !== d.entry_count) {
      throw new MedusaError(
        MedusaError.Types.CONFLICT,
        `Settlement ${d.id} holds ${paid.get(d.id) ?? 0} approved entries, expected ${d.entry_count}`
      )
    }
  }
  return done.map((d) => d.id)
}
/** `failSettlement`, answering the ids of the entries it released (null: not failed). */
export async function failSettlementReleasing(
  manager: SqlEntityManager,
  input: { id: string; reason: string; only_unsent?: boolean },
  now: Date = new Date()
): Promise<string[] | null> {
  const rows = (await manager.execute(
    `UPDATE settlement SET status = 'failed', failure_reason = ?, failed_at = ?, updated_at = now()
     WHERE id = ? AND status IN (${input.only_unsent ? "'pending'" : "'pending', 'processing'"})
       AND deleted_at IS NULL
     RETURNING id`,
    [input.reason.slice(0, 1000), now, input.id]
  )) as { id: string }[]
  if (!rows.length) {
    return null
  }
  const released = (await manager.execute(
    `UPDATE commission_entry SET settlement_id = NULL, updated_at = now()
     WHERE settlement_id = ? AND status = 'approved' AND deleted_at IS NULL
     RETURNING id`,
    [input.id]
  )) as { id: string }[]
  return released.map((r) => r.id)
}
/**
 * Undoes `failSettlementReleasing` (workflow compensation): the
 * settlement back to `processing` with the entries it released, those
 * still unclaimed.
 */
export async function revertSettlementFailed(
  manager: SqlEntityManager,
  input: { id: string; entry_ids: string[] }
): Promise<void> {
  const rows = (await manager.execute(
    `UPDATE settlement SET status = 'processing', failure_reason = NULL, failed_at = NULL,
       updated_at = now()
     WHERE id = ? AND status = 'failed' RETURNING id`,
    [input.id]
  )) as { id: string }[]
  if (rows.length && input.entry_ids.length) {
    await manager.execute(
      `UPDATE commission_entry SET settlement_id = ?, updated_at = now()
       WHERE id IN (?) AND settlement_id IS NULL AND status = 'approved'`,
      [input.id, input.entry_ids]
    )
  }
}
/**
 * Undoes `completeSettlement`, for workflow compensation only (a manual
 * payment recorded by a workflow that then failed): back to
 * `processing`, its entries approved. The guard trigger allows it inside
 * this transaction only.
 */
export async function revertSettlementPaid(
  manager: SqlEntityManager,
  id: string
): Promise<void> {
  await manager.execute(
    `SELECT set_config('commission.compensating', 'on', true)`
  )
  const rows = (await manager.execute(
    `UPDATE settlement SET status = 'processing', provider_reference = NULL, paid_at = NULL,
       updated_at = now()
     WHERE id = ? AND status = 'paid' RETURNING id`,
    [id]
  )) as { id: string }[]
  if (rows.length) {
    await manager.execute(
      `UPDATE commission_entry SET status = 'approved', updated_at = now()
       WHERE settlement_id = ? AND status = 'paid'`,
      [id]
    )
  }
}
/** Keeps a settlement `processing` (outcome unknown) with the last error. */
export async function noteSettlementProblem(
  manager: SqlEntityManager,
  input: { id: string; message: string }
): Promise<void> {
  await manager.execute(
    `UPDATE settlement SET failure_reason = ?, updated_at = now()
     WHERE id = ? AND status = 'processing'`,
    [input.message.slice(0, 1000), input.id]
  )
}
/** Settlements sent but not known to be paid (healing), oldest first. */
export async function listUnfinishedSettlements(
  manager: SqlEntityManager,
  providerId: string,
  filters: { buyer_id?: string; currency_code?: string } = {}
): Promise<SettlementView[]> {
  const { where, bindings } = sqlFilters(
    { ...filters, provider: providerId },
    ["buyer_id", "currency_code", "provider"],
    { fixed: ["status IN ('pending', 'processing')"] }
  )
  const rows = (await manager.execute(
    `SELECT ${SETTLEMENT_VIEW_COLUMNS} FROM settlement
     WHERE ${where} ORDER BY created_at, id`,
    bindings
  )) as SettlementView[]
  return rows.map(normaliseSettlement)
}
/** Totals per currency and status of the settlements a filter selects. */
export async function sumSettlements(
  manager: SqlEntityManager,
  filters: SettlementFilters
): Promise<
  {
    currency_code: string
    status: string
    amount: string
    count: number
  }[]
> {
  const { where, bindings } = sqlFilters(filters, [
    "id",
    "buyer_id",
    "currency_code",
    "status",
    "provider",
    "run_id",
  ])
  const rows = (await manager.execute(
    `SELECT currency_code, status, sum(amount)::text AS amount, count(*)::int AS count
     FROM settlement WHERE ${where}
     GROUP BY currency_code, status ORDER BY currency_code, status`,
    bindings
  )) as {
    currency_code: string
    status: string
    amount: string
    count: number
  }[]
  return rows.map((r) => ({ ...r, amount: decimal(r.amount) }))
}
/**
 * Why the last runs did not pay a buyer, per currency: the newest skip in
 * each currency since the buyer's last settlement in it.
 */
export async function listLatestSkips(
  manager: SqlEntityManager,
  buyerId: string
): Promise<
  { currency_code: string; reason: string; amount: string; at: Date }[]
> {
  const rows = (await manager.execute(
    `SELECT DISTINCT ON (k.currency_code) k.currency_code, k.reason,
       k.amount::text AS amount, k.created_at AS at
     FROM settlement_skip k
     WHERE k.buyer_id = ? AND k.deleted_at IS NULL
       AND k.created_at > coalesce((SELECT max(s.created_at) FROM settlement s
         WHERE s.buyer_id = k.buyer_id AND s.currency_code = k.currency_code
           AND s.deleted_at IS NULL), '-infinity')
     ORDER BY k.currency_code, k.created_at DESC`,
    [buyerId]
  )) as { currency_code: string; reason: string; amount: string; at: Date }[]
  return rows.map((r) => ({ ...r, amount: decimal(r.amount) }))
}

/** Who recorded a manual payment, on the settlement's metadata. */
export async function recordPaidBy(
  manager: SqlEntityManager,
  id: string,
  actorId: string
): Promise<void> {
  await manager.execute(
    `UPDATE settlement SET metadata = coalesce(metadata, '{}'::jsonb)
       || jsonb_build_object('paid_by', ?::text)
     WHERE id = ?`,
    [actorId, id]
  )
}
