import {
  generateEntityId,
  InjectManager,
  InjectTransactionManager,
  MedusaContext,
  MathBN,
  MedusaError,
  MedusaService,
} from "@medusajs/framework/utils"
import type { Context } from "@medusajs/framework/types"
import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/postgresql"
import CommissionEntry from "./models/commission-entry"
import CommissionRule from "./models/commission-rule"
import PayoutAccount from "./models/payout-account"
import ProviderEvent from "./models/provider-event"
import Settlement from "./models/settlement"
import SettlementRun from "./models/settlement-run"
import SettlementSkip from "./models/settlement-skip"
import {
  createPayoutProvider,
  PayoutProvider,
  ProviderWebhookEvent,
} from "./providers"
import type { LedgerRollupRow, RollupQuery } from "../../types/reports"
import { readLedgerRollup } from "./rollup/read"
import { ReturnSignalRow, readReturnSignals } from "./rollup/signals"
import {
  RebuildLedgerRollupsOptions,
  rebuildLedgerRollups,
} from "./rollup/rebuild"
import { capApplies, computeAccrualAmount } from "./utils/compute-commission"
import { decimal } from "./utils/money"
import { sqlFilters } from "./utils/sql-filters"
import { CommissionOptions, parseCommissionOptions } from "./utils/options"
import {
  EntryStatus,
  LedgerEntryView,
  NewLedgerEntry,
  OrderLedgerFacts,
  planOrderLedger,
} from "./utils/plan-order"
import {
  RuleCandidate,
  RuleContext,
  resolveCommissionRule,
} from "./utils/resolve-rule"

/** One attributed order line, with what rule resolution needs. */
export type AccrualLineInput = {
  order_id: string
  order_line_id: string
  attribution_line_id: string | null
  buyer_id: string
  tier: string | null
  note_id: string | null
  product_id: string | null
  variant_id: string | null
  collection_id: string | null
  category_ids: string[]
  currency_code: string
  quantity: number
  base_amount: string
  /** When the order was placed: the rules valid then apply. */
  at: Date
}

/** What a ledger write did, enough to undo it and to announce it. */
export type LedgerChanges = {
  created: {
    id: string
    type: string
    status: string
    buyer_id: string
    currency_code: string
    amount: string
    order_id: string | null
  }[]
  status_changes: {
    id: string
    from: EntryStatus
    to: EntryStatus
    approved_at: Date | null
  }[]
  available_changes: { id: string; from: Date | null }[]
}

export type LedgerBalance = {
  buyer_id: string
  currency_code: string
  accrued: string
  reversed: string
  adjusted: string
  pending: string
  approved: string
  on_hold: string
  paid: string
  payable: string
}

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

export const emptyChanges = (): LedgerChanges => ({
  created: [],
  status_changes: [],
  available_changes: [],
})

export type SettlementStatus = "pending" | "processing" | "paid" | "failed"

export type SkipReason =
  | "buyer_not_approved"
  | "payouts_not_enabled"
  | "under_threshold"
  | "negative_balance"
  | "on_hold"

/** A buyer and currency a run could pay (see `listSettlementCandidates`). */
export type SettlementCandidate = {
  buyer_id: string
  currency_code: string
  payable: string
  payable_count: number
  on_hold: string
  account_id: string | null
  payouts_enabled: boolean
}

export type ClaimSettlementInput = {
  buyer_id: string
  currency_code: string
  account_id: string | null
  /** Minimum amount (decimal string). */
  threshold: string
  run_id: string | null
  /** A failed settlement claimed again (retry); otherwise a new one. */
  settlement_id?: string
}

export type ClaimOutcome =
  | { settlement: SettlementView; skip?: undefined }
  | { skip: { reason: SkipReason; amount: string }; settlement?: undefined }

export type SettlementView = {
  id: string
  buyer_id: string
  currency_code: string
  amount: string
  entry_count: number
  status: SettlementStatus
  provider: string
  provider_account_id: string | null
  provider_reference: string | null
  failure_reason: string | null
  attempts: number
  generation: number
  run_id: string | null
}

export type SettlementSkipInput = {
  buyer_id: string
  currency_code: string
  reason: SkipReason
  amount: string
}

export type SettlementFilters = {
  id?: string | string[]
  buyer_id?: string | string[]
  currency_code?: string | string[]
  status?: string | string[]
  provider?: string | string[]
  run_id?: string | string[]
  created_at?: { $gte?: Date; $lte?: Date }
}

export type ProviderEventResult = {
  /** Null when the event id was processed before. */
  record_id: string | null
  outcome: string
  changes: LedgerChanges
  account: {
    buyer_id: string
    account_id: string
    payouts_enabled: boolean
  } | null
  settlement: {
    id: string
    previous_reversed: string
    applied_reversed: string
  } | null
}

const SETTLEMENT_VIEW_COLUMNS = `id, buyer_id, currency_code, amount::text AS amount, entry_count,
  status, provider, provider_account_id, provider_reference, failure_reason, attempts,
  generation, run_id`

function normaliseSettlement(row: SettlementView): SettlementView {
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

const ENTRY_VIEW_COLUMNS = `id, type, status, amount::text AS amount, quantity, buyer_id, currency_code,
  order_id, order_line_id, attribution_line_id, note_id, product_id, variant_id, reverses_id,
  available_at, approved_at, settlement_id`

class CommissionModuleService extends MedusaService({
  CommissionRule,
  CommissionEntry,
  Settlement,
  SettlementRun,
  SettlementSkip,
  PayoutAccount,
  ProviderEvent,
}) {
  protected readonly options_: CommissionOptions
  protected readonly provider_: PayoutProvider

  constructor(container: Record<string, unknown>, options?: unknown) {
    // eslint-disable-next-line prefer-rest-params
    super(...arguments)
    this.options_ = parseCommissionOptions(options)
    this.provider_ = createPayoutProvider(this.options_)
  }

  getOptions(): CommissionOptions {
    return this.options_
  }

  /**
   * The rules that could apply to any of these contexts (one query): every
   * default rule and the rules naming one of their buyers, products,
   * variants, collections, categories or tiers. Soft-deleted rules are out.
   */
  @InjectManager()
  async listCandidateRules(
    contexts: Omit<RuleContext, "at" | "currency_code">[],
    @MedusaContext() sharedContext: Context = {}
  ): Promise<RuleCandidate[]> {
    const uniq = (xs: (string | null | undefined)[]) => [
      ...new Set(xs.filter((x): x is string => !!x)),
    ]
    const buyers = uniq(contexts.map((c) => c.buyer_id))
    const products = uniq(contexts.map((c) => c.product_id))
    const variants = uniq(contexts.map((c) => c.variant_id))
    const collections = uniq(contexts.map((c) => c.collection_id))
    const categories = uniq(contexts.flatMap((c) => c.category_ids))
    const tiers = uniq(contexts.map((c) => c.tier))
    const rules = await this.listCommissionRules(
      {
        $or: [
          { scope: "default" },
          ...(buyers.length ? [{ buyer_id: buyers }] : []),
          ...(products.length ? [{ product_id: products }] : []),
          ...(variants.length ? [{ variant_id: variants }] : []),
          ...(collections.length ? [{ collection_id: collections }] : []),
          ...(categories.length ? [{ category_id: categories }] : []),
          ...(tiers.length ? [{ tier: tiers }] : []),
        ],
      },
      {},
      sharedContext
    )
    return rules as unknown as RuleCandidate[]
  }

  /**
   * Writes one accrual per attributed line that has none yet: resolves the
   * rule valid when the order was placed, snapshots it and computes the
   * amount (rounded once). Serialised per order by a transaction-scoped
   * advisory lock, and keyed by order line, so re-delivered or concurrent
   * events write each accrual once.
   */
  @InjectTransactionManager()
  async accrueLines(
    lines: AccrualLineInput[],
    @MedusaContext() sharedContext: Context = {}
  ): Promise<LedgerChanges> {
    const changes = emptyChanges()
    if (!lines.length) {
      return changes
    }
    const manager = sharedContext.transactionManager as SqlEntityManager
    await this.lockOrders_([...new Set(lines.map((l) => l.order_id))], manager)
    const keys = lines.map((l) => `accrual:${l.order_line_id}`)
    const existing = new Set(
      (
        (await manager.execute(
          `SELECT source_key FROM commission_entry WHERE source_key IN (?) AND deleted_at IS NULL`,
          [keys]
        )) as { source_key: string }[]
      ).map((r) => r.source_key)
    )
    const todo = lines.filter(
      (l) => !existing.has(`accrual:${l.order_line_id}`)
    )
    if (!todo.length) {
      return changes
    }
    const rules = await this.listCandidateRules(todo, sharedContext)
    const rows: Record<string, unknown>[] = []
    for (const l of todo) {
      // Workflow step inputs arrive serialised: dates as strings.
      const { rule } = resolveCommissionRule(rules, {
        ...l,
        at: new Date(l.at),
      })
      if (!rule) {
        continue
      }
      const full = rule as RuleCandidate & {
        rate: string | null
        amount: string | null
        cap_amount: string | null
        cap_currency_code: string | null
      }
      const { amount } = computeAccrualAmount({
        rule: full,
        base_amount: l.base_amount,
        quantity: l.quantity,
        currency_code: l.currency_code,
      })
      rows.push({
        source_key: `accrual:${l.order_line_id}`,
        type: "accrual",
        status: "pending",
        buyer_id: l.buyer_id,
        currency_code: l.currency_code.toLowerCase(),
        amount,
        base_amount: decimal(l.base_amount),
        quantity: l.quantity,
        order_id: l.order_id,
        order_line_id: l.order_line_id,
        attribution_line_id: l.attribution_line_id,
        note_id: l.note_id,
        product_id: l.product_id,
        variant_id: l.variant_id,
        rule_id: rule.id,
        rule_scope: rule.scope,
        rule_type: rule.type,
        rule_rate: full.rate,
        rule_amount: full.amount,
        rule_cap_amount: capApplies(full, l.currency_code)
          ? full.cap_amount
          : null,
      })
    }
    await this.insertEntries_(rows, changes, sharedContext)
    return changes
  }

  /**
   * Brings an order's ledger in line with the order's current facts (see
   * `planOrderLedger`): voids, reversals, and the start of the hold once a
   * line is fulfilled. Serialised per order; applying the same facts twice
   * writes nothing the second time.
   */
  @InjectTransactionManager()
  async syncOrderLedger(
    facts: OrderLedgerFacts,
    now: Date = new Date(),
    @MedusaContext() sharedContext: Context = {}
  ): Promise<LedgerChanges> {
    const manager = sharedContext.transactionManager as SqlEntityManager
    await this.lockOrders_([facts.order_id], manager)
    await this.lockOrderEntries_(facts.order_id, manager)
    const entries = (await manager.execute(
      `SELECT ${ENTRY_VIEW_COLUMNS} FROM commission_entry
       WHERE order_id = ? AND deleted_at IS NULL ORDER BY created_at, id`,
      [facts.order_id]
    )) as LedgerEntryView[]
    const plan = planOrderLedger({
      entries,
      facts,
      now,
      hold_days: this.options_.commission_hold_days,
    })
    return this.applyPlan_(
      entries,
      plan.create,
      plan.void,
      plan.make_available,
      manager,
      sharedContext
    )
  }

  /**
   * Approves the pending entries whose hold has ended (at most `limit`),
   * skipping rows another run holds, so two jobs at once never approve an
   * entry twice.
   */
  @InjectTransactionManager()
  async approveDueEntries(
    now: Date = new Date(),
    limit: number = this.options_.commission_approval_batch_size,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<LedgerChanges> {
    const manager = sharedContext.transactionManager as SqlEntityManager
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
   * approved before or is due, pending otherwise.
   */
  @InjectTransactionManager()
  async setOrderHold(
    input: { order_id: string; hold: boolean },
    now: Date = new Date(),
    @MedusaContext() sharedContext: Context = {}
  ): Promise<LedgerChanges> {
    const manager = sharedContext.transactionManager as SqlEntityManager
    await this.lockOrders_([input.order_id], manager)
    await this.lockOrderEntries_(input.order_id, manager)
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
    await this.setStatuses_(changes.status_changes, now, manager)
    return changes
  }

  /** A signed manual adjustment, payable at once. */
  @InjectTransactionManager()
  async createAdjustment(
    input: {
      buyer_id: string
      currency_code: string
      amount: string
      reason: string
      actor_id: string | null
    },
    now: Date = new Date(),
    @MedusaContext() sharedContext: Context = {}
  ): Promise<LedgerChanges> {
    const changes = emptyChanges()
    await this.insertEntries_(
      [
        {
          source_key: `adjustment:${crypto.randomUUID()}`,
          type: "adjustment",
          status: "approved",
          buyer_id: input.buyer_id,
          currency_code: input.currency_code.toLowerCase(),
          amount: decimal(input.amount),
          reason: input.reason,
          actor_id: input.actor_id,
          available_at: now,
          approved_at: now,
        },
      ],
      changes,
      sharedContext
    )
    return changes
  }

  /**
   * Undoes ledger writes, for workflow compensation only: deletes the
   * entries created and restores statuses and hold dates. The guard
   * trigger allows it inside this transaction only (a transaction-local
   * setting), never otherwise.
   */
  @InjectTransactionManager()
  async revertLedgerChanges(
    changes: LedgerChanges,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<void> {
    const manager = sharedContext.transactionManager as SqlEntityManager
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
   * approved + on_hold + paid` always. One aggregate query (raw SQL for
   * the filtered sums).
   */
  @InjectManager()
  async listBalances(
    filters: { buyer_id?: string | string[]; currency_code?: string } = {},
    @MedusaContext() sharedContext: Context = {}
  ): Promise<LedgerBalance[]> {
    const manager = sharedContext.manager as SqlEntityManager
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
  @InjectManager()
  async sumEntriesByCurrency(
    filters: Record<string, unknown>,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ currency_code: string; amount: string; count: number }[]> {
    const manager = sharedContext.manager as SqlEntityManager
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

  // ---------------------------------------------------------------- payouts

  /** The payout provider the options chose (`stripe` or `manual`). */
  getPayoutProvider(): PayoutProvider {
    return this.provider_
  }

  /**
   * Per buyer and currency, what a settlement run could pay: the approved,
   * unsettled entries (negative ones included, so a clawback is carried),
   * what is on hold, and the buyer's payout account at the provider. One
   * aggregate query; no entry is loaded.
   */
  @InjectManager()
  async listSettlementCandidates(
    filters: { buyer_id?: string; currency_code?: string } = {},
    @MedusaContext() sharedContext: Context = {}
  ): Promise<SettlementCandidate[]> {
    const manager = sharedContext.manager as SqlEntityManager
    const { where, bindings } = sqlFilters(
      filters,
      ["buyer_id", "currency_code"],
      {
        alias: "e",
        fixed: [
          "e.settlement_id IS NULL",
          "e.status IN ('approved', 'on_hold')",
        ],
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
      [this.provider_.id, ...bindings]
    )) as SettlementCandidate[]
    return rows.map((r) => ({
      ...r,
      payable: decimal(r.payable),
      on_hold: decimal(r.on_hold),
    }))
  }

  /**
   * Claims a buyer's approved, unsettled entries in one currency for a
   * settlement (a new one, or a failed one being retried, which must be
   * `failed`) and records it `pending`, in one transaction. See
   * `claimSettlementBatch`; nothing claimable is a `negative_balance` of 0.
   */
  @InjectTransactionManager()
  async claimSettlement(
    input: ClaimSettlementInput,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<ClaimOutcome> {
    const {
      settlements: [settlement],
      skips: [skip],
    } = await this.claimSettlementBatch([input], sharedContext)
    if (settlement) {
      return { settlement }
    }
    return {
      skip: skip
        ? { reason: skip.reason, amount: skip.amount }
        : { reason: "negative_balance", amount: "0" },
    }
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
  @InjectTransactionManager()
  async claimSettlementBatch(
    groups: ClaimSettlementInput[],
    @MedusaContext() sharedContext: Context = {}
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
    const manager = sharedContext.transactionManager as SqlEntityManager
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
        provider: this.provider_.id,
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
  @InjectTransactionManager()
  async beginSettlementAttempts(
    ids: string[],
    @MedusaContext() sharedContext: Context = {}
  ): Promise<SettlementView[]> {
    if (!ids.length) {
      return []
    }
    const manager = sharedContext.transactionManager as SqlEntityManager
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
  @InjectTransactionManager()
  async completeSettlements(
    items: { id: string; reference: string }[],
    now: Date = new Date(),
    @MedusaContext() sharedContext: Context = {}
  ): Promise<string[]> {
    if (!items.length) {
      return []
    }
    const manager = sharedContext.transactionManager as SqlEntityManager
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

  /**
   * Marks an attempt to pay: `processing`, one more attempt. Answers the
   * settlement as sent, or null if it is no longer pending or processing.
   */
  async beginSettlementAttempt(
    id: string,
    sharedContext: Context = {}
  ): Promise<SettlementView | null> {
    const [sent] = await this.beginSettlementAttempts([id], sharedContext)
    return sent ?? null
  }

  /**
   * Records a settlement paid with the provider's reference and its
   * entries `paid`, in one transaction (`actor_id`: the admin who recorded
   * a manual payment). False if it was already paid or failed (a healing
   * run or a retry that came second).
   */
  @InjectTransactionManager()
  async completeSettlement(
    input: { id: string; reference: string; actor_id?: string | null },
    now: Date = new Date(),
    @MedusaContext() sharedContext: Context = {}
  ): Promise<boolean> {
    const [done] = await this.completeSettlements(
      [{ id: input.id, reference: input.reference }],
      now,
      sharedContext
    )
    if (done && input.actor_id) {
      const manager = sharedContext.transactionManager as SqlEntityManager
      await manager.execute(
        `UPDATE settlement SET metadata = coalesce(metadata, '{}'::jsonb)
           || jsonb_build_object('paid_by', ?::text)
         WHERE id = ?`,
        [input.actor_id, input.id]
      )
    }
    return !!done
  }

  /**
   * Fails a settlement that was never paid: `failed` with the reason, its
   * entries released (payable again). False if it was not pending or
   * processing (`only_unsent`: not pending, i.e. never sent; checked in
   * the same statement, so a settlement sent meanwhile is never failed).
   */
  async failSettlement(
    input: { id: string; reason: string; only_unsent?: boolean },
    now: Date = new Date(),
    sharedContext: Context = {}
  ): Promise<boolean> {
    return (
      (await this.failSettlementReleasing(input, now, sharedContext)) !== null
    )
  }

  /** `failSettlement`, answering the ids of the entries it released (null: not failed). */
  @InjectTransactionManager()
  async failSettlementReleasing(
    input: { id: string; reason: string; only_unsent?: boolean },
    now: Date = new Date(),
    @MedusaContext() sharedContext: Context = {}
  ): Promise<string[] | null> {
    const manager = sharedContext.transactionManager as SqlEntityManager
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
  @InjectTransactionManager()
  async revertSettlementFailed(
    input: { id: string; entry_ids: string[] },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<void> {
    const manager = sharedContext.transactionManager as SqlEntityManager
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
  @InjectTransactionManager()
  async revertSettlementPaid(
    id: string,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<void> {
    const manager = sharedContext.transactionManager as SqlEntityManager
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
  @InjectTransactionManager()
  async noteSettlementProblem(
    input: { id: string; message: string },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<void> {
    const manager = sharedContext.transactionManager as SqlEntityManager
    await manager.execute(
      `UPDATE settlement SET failure_reason = ?, updated_at = now()
       WHERE id = ? AND status = 'processing'`,
      [input.message.slice(0, 1000), input.id]
    )
  }

  /** Settlements sent but not known to be paid (healing), oldest first. */
  @InjectManager()
  async listUnfinishedSettlements(
    filters: { buyer_id?: string; currency_code?: string } = {},
    @MedusaContext() sharedContext: Context = {}
  ): Promise<SettlementView[]> {
    const manager = sharedContext.manager as SqlEntityManager
    const { where, bindings } = sqlFilters(
      { ...filters, provider: this.provider_.id },
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

  async retrieveSettlementView(id: string): Promise<SettlementView | null> {
    const rows = (await this.listSettlements(
      { id },
      { take: 1 }
    )) as unknown as Record<string, unknown>[]
    if (!rows.length) {
      return null
    }
    const s = rows[0]
    return normaliseSettlement({
      ...(s as unknown as SettlementView),
      amount: decimal(
        (s.raw_amount as { value: string } | undefined)?.value ??
          (s.amount as string)
      ),
    })
  }

  /** Totals per currency and status of the settlements a filter selects. */
  @InjectManager()
  async sumSettlements(
    filters: SettlementFilters,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<
    {
      currency_code: string
      status: string
      amount: string
      count: number
    }[]
  > {
    const manager = sharedContext.manager as SqlEntityManager
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
  @InjectManager()
  async listLatestSkips(
    buyerId: string,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<
    { currency_code: string; reason: string; amount: string; at: Date }[]
  > {
    const manager = sharedContext.manager as SqlEntityManager
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

  /** Records why a run passed over buyers (bulk, in chunks). */
  @InjectTransactionManager()
  async recordSettlementSkips(
    runId: string,
    skips: SettlementSkipInput[],
    @MedusaContext() sharedContext: Context = {}
  ): Promise<void> {
    for (let i = 0; i < skips.length; i += 1000) {
      await this.createSettlementSkips(
        skips
          .slice(i, i + 1000)
          .map((s) => ({ ...s, run_id: runId })) as never[],
        sharedContext
      )
    }
  }

  /**
   * Applies a verified provider webhook once: the event id is recorded in
   * the same transaction, so a re-delivery changes nothing. Answers what
   * changed (for events and for undo).
   */
  @InjectTransactionManager()
  async applyProviderEvent(
    event: ProviderWebhookEvent,
    now: Date = new Date(),
    @MedusaContext() sharedContext: Context = {}
  ): Promise<ProviderEventResult> {
    const manager = sharedContext.transactionManager as SqlEntityManager
    const inserted = (await manager.execute(
      `INSERT INTO payout_provider_event (id, provider, event_id, type, created_at, updated_at)
       VALUES (?, ?, ?, ?, now(), now())
       ON CONFLICT (provider, event_id) WHERE deleted_at IS NULL DO NOTHING
       RETURNING id`,
      [
        generateEntityId(undefined, "ppev"),
        this.provider_.id,
        event.id,
        event.type,
      ]
    )) as { id: string }[]
    const result: ProviderEventResult = {
      record_id: inserted[0]?.id ?? null,
      outcome: "duplicate",
      changes: emptyChanges(),
      account: null,
      settlement: null,
    }
    if (!result.record_id) {
      return result
    }
    const change = event.change
    if (change.kind === "account" || change.kind === "payout_failed") {
      const rows = (await manager.execute(
        // An older event than the one applied last carries older state.
        change.kind === "account"
          ? `UPDATE payout_account SET payouts_enabled = ?, details_submitted = ?,
               disabled_reason = ?, updated_at = now(),
               metadata = coalesce(metadata, '{}'::jsonb)
                 || jsonb_build_object('provider_event_created', ?::bigint)
             WHERE provider = ? AND account_id = ? AND deleted_at IS NULL
               AND coalesce((metadata->>'provider_event_created')::bigint, 0) <= ?
             RETURNING buyer_id, account_id, payouts_enabled`
          : `UPDATE payout_account SET last_payout_failure = ?, updated_at = now()
             WHERE provider = ? AND account_id = ? AND deleted_at IS NULL
             RETURNING buyer_id, account_id, payouts_enabled`,
        change.kind === "account"
          ? [
              change.payouts_enabled,
              change.details_submitted,
              change.disabled_reason,
              event.created,
              this.provider_.id,
              change.account_id,
              event.created,
            ]
          : [change.message, this.provider_.id, change.account_id]
      )) as {
        buyer_id: string
        account_id: string
        payouts_enabled: boolean
      }[]
      result.account = rows[0] ?? null
      if (rows[0]) {
        result.outcome = change.kind
      } else {
        const known = (await manager.execute(
          `SELECT 1 FROM payout_account WHERE provider = ? AND account_id = ? AND deleted_at IS NULL`,
          [this.provider_.id, change.account_id]
        )) as unknown[]
        result.outcome = known.length ? "stale" : "unknown_account"
      }
    } else if (change.kind === "transfer_reversed") {
      const [s] = (await manager.execute(
        `SELECT id, buyer_id, currency_code, coalesce(reversed_amount, 0)::text AS reversed
         FROM settlement
         WHERE provider = ? AND deleted_at IS NULL
           AND (provider_reference = ? OR id = ?)
         ORDER BY (provider_reference = ?) DESC NULLS LAST LIMIT 1 FOR UPDATE`,
        [
          this.provider_.id,
          change.reference,
          change.settlement_id ?? "",
          change.reference,
        ]
      )) as {
        id: string
        buyer_id: string
        currency_code: string
        reversed: string
      }[]
      if (!s) {
        result.outcome = "unknown_settlement"
      } else {
        const delta = MathBN.sub(change.amount_reversed, s.reversed)
        result.settlement = {
          id: s.id,
          previous_reversed: decimal(s.reversed),
          applied_reversed: decimal(change.amount_reversed),
        }
        if (MathBN.gt(delta, 0)) {
          await this.insertEntries_(
            [
              {
                source_key: `transfer_reversal:${change.reference}:${decimal(change.amount_reversed)}`,
                type: "adjustment",
                // Part of the reversed settlement: what it paid, net.
                status: "paid",
                settlement_id: s.id,
                buyer_id: s.buyer_id,
                currency_code: s.currency_code,
                amount: decimal(MathBN.mult(delta, -1)),
                reason: `Transfer ${change.reference} of settlement ${s.id} was reversed at the payout provider: ${decimal(delta)} ${s.currency_code.toUpperCase()} taken back from the buyer`,
                available_at: now,
                approved_at: now,
                metadata: {
                  settlement_id: s.id,
                  provider_reference: change.reference,
                  provider_event_id: event.id,
                },
              },
            ],
            result.changes,
            sharedContext
          )
          await this.updateSettlements(
            {
              id: s.id,
              reversed_amount: decimal(change.amount_reversed),
            } as never,
            sharedContext
          )
          result.outcome = "transfer_reversed"
        } else {
          result.outcome = "already_reversed"
        }
      }
    } else {
      result.outcome = "ignored"
    }
    await manager.execute(
      `UPDATE payout_provider_event SET outcome = ? WHERE id = ?`,
      [result.outcome, result.record_id]
    )
    return result
  }

  /** Undoes `applyProviderEvent` (workflow compensation): forget the event. */
  @InjectTransactionManager()
  async revertProviderEvent(
    result: ProviderEventResult,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<void> {
    if (!result.record_id) {
      return
    }
    const manager = sharedContext.transactionManager as SqlEntityManager
    await this.revertLedgerChanges(result.changes, sharedContext)
    // Only if no later event moved it since (then it already includes ours).
    if (result.settlement) {
      const prev = result.settlement.previous_reversed
      const zero = MathBN.eq(prev, 0)
      await manager.execute(
        `UPDATE settlement SET reversed_amount = ?, raw_reversed_amount = ?::jsonb, updated_at = now()
         WHERE id = ? AND reversed_amount = ?`,
        [
          zero ? null : prev,
          zero ? null : JSON.stringify({ value: prev, precision: 20 }),
          result.settlement.id,
          result.settlement.applied_reversed,
        ]
      )
    }
    await manager.execute(`DELETE FROM payout_provider_event WHERE id = ?`, [
      result.record_id,
    ])
  }

  // ---------------------------------------------------------------- reports

  /** The ledger's money from its rollups (rollup/read.ts). */
  @InjectManager()
  async readLedgerRollup(
    q: RollupQuery,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<LedgerRollupRow[]> {
    return readLedgerRollup(sharedContext.manager as SqlEntityManager, q)
  }

  /** Accrued and reversed per buyer and currency, for the review signals (rollup/signals.ts). */
  @InjectManager()
  async readReturnSignals(
    range: { from: Date; to: Date },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<ReturnSignalRow[]> {
    return readReturnSignals(sharedContext.manager as SqlEntityManager, range)
  }

  /** Recomputes the rollups from the ledger, buyers in batches (rollup/rebuild.ts). */
  @InjectManager()
  async rebuildLedgerRollups(
    options: RebuildLedgerRollupsOptions = {},
    @MedusaContext() sharedContext: Context = {}
  ) {
    return rebuildLedgerRollups(
      sharedContext.manager as SqlEntityManager,
      options
    )
  }

  /**
   * Row-locks an order's entries (in id order): a settlement run's claim
   * skips them while this transaction decides on them (`SKIP LOCKED`; the
   * next run claims them), and what it reads next is what it changes (a
   * claim that committed first is seen, and its entries left alone).
   */
  protected async lockOrderEntries_(
    orderId: string,
    manager: SqlEntityManager
  ) {
    await manager.execute(
      `SELECT id FROM commission_entry WHERE order_id = ? AND deleted_at IS NULL
       ORDER BY id FOR UPDATE`,
      [orderId]
    )
  }

  // Serialises ledger writes per order for the rest of the transaction.
  protected async lockOrders_(orderIds: string[], manager: SqlEntityManager) {
    for (const id of [...orderIds].sort()) {
      await manager.execute(
        `SELECT pg_advisory_xact_lock(hashtextextended(?, 0))`,
        [`commission:order:${id}`]
      )
    }
  }

  protected async applyPlan_(
    entries: LedgerEntryView[],
    create: NewLedgerEntry[],
    voids: string[],
    available: { id: string; available_at: Date }[],
    manager: SqlEntityManager,
    sharedContext: Context
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
      await this.setStatuses_(changes.status_changes, new Date(), manager)
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
    await this.insertEntries_(create, changes, sharedContext)
    return changes
  }

  // Appends entries (never updates) and records them for undo and events.
  protected async insertEntries_(
    rows: object[],
    changes: LedgerChanges,
    sharedContext: Context
  ) {
    if (!rows.length) {
      return
    }
    const created = await this.createCommissionEntries(
      rows as never[],
      sharedContext
    )
    changes.created.push(
      ...created.map((e) => this.createdView_(e as unknown as Row))
    )
  }

  protected async setStatuses_(
    changes: LedgerChanges["status_changes"],
    now: Date,
    manager: SqlEntityManager
  ) {
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

  protected createdView_(e: Row): LedgerChanges["created"][number] {
    return {
      id: e.id,
      type: e.type,
      status: e.status,
      buyer_id: e.buyer_id,
      currency_code: e.currency_code,
      amount: decimal(e.raw_amount ?? e.amount),
      order_id: e.order_id ?? null,
    }
  }
}

type Row = {
  id: string
  type: string
  status: string
  buyer_id: string
  currency_code: string
  amount: string
  raw_amount?: { value: string }
  order_id?: string | null
}

export default CommissionModuleService
