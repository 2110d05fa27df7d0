import {
  InjectManager,
  InjectTransactionManager,
  MedusaContext,
  MedusaError,
  MedusaService,
} from "@medusajs/framework/utils"
import type { Context } from "@medusajs/framework/types"
import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/postgresql"
import CommissionEntry from "./models/commission-entry"
import CommissionRule from "./models/commission-rule"
import { capApplies, computeAccrualAmount } from "./utils/compute-commission"
import { decimal } from "./utils/money"
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

const ENTRY_VIEW_COLUMNS = `id, type, status, amount::text AS amount, quantity, buyer_id, currency_code,
  order_id, order_line_id, attribution_line_id, note_id, product_id, variant_id, reverses_id,
  available_at, approved_at, settlement_id`

class CommissionModuleService extends MedusaService({
  CommissionRule,
  CommissionEntry,
}) {
  protected readonly options_: CommissionOptions

  constructor(container: Record<string, unknown>, options?: unknown) {
    // eslint-disable-next-line prefer-rest-params
    super(...arguments)
    this.options_ = parseCommissionOptions(options)
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
   * Marks approved entries paid by a settlement. Used by settlements; every
   * entry must be approved and unsettled (or already in this settlement).
   */
  @InjectTransactionManager()
  async markEntriesPaid(
    input: { entry_ids: string[]; settlement_id: string },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<number> {
    const manager = sharedContext.transactionManager as SqlEntityManager
    const rows = (await manager.execute(
      `UPDATE commission_entry SET status = 'paid', settlement_id = ?, updated_at = now()
       WHERE id IN (?) AND status = 'approved'
         AND (settlement_id IS NULL OR settlement_id = ?) AND deleted_at IS NULL
       RETURNING id`,
      [input.settlement_id, input.entry_ids, input.settlement_id]
    )) as { id: string }[]
    if (rows.length !== input.entry_ids.length) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `Only approved, unsettled entries can be paid: ${input.entry_ids.length - rows.length} of ${input.entry_ids.length} are not`
      )
    }
    return rows.length
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
    for (const s of changes.status_changes) {
      await manager.execute(
        `UPDATE commission_entry SET status = ?, approved_at = ?, updated_at = now() WHERE id = ?`,
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
      await manager.execute(`DELETE FROM commission_entry WHERE id IN (?)`, [
        changes.created.map((c) => c.id),
      ])
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
    const where: string[] = ["deleted_at IS NULL", "status <> 'void'"]
    const bindings: unknown[] = []
    if (filters.buyer_id) {
      where.push("buyer_id IN (?)")
      bindings.push([filters.buyer_id].flat())
    }
    if (filters.currency_code) {
      where.push("currency_code = ?")
      bindings.push(filters.currency_code.toLowerCase())
    }
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
       FROM commission_entry WHERE ${where.join(" AND ")}
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
    const where: string[] = ["deleted_at IS NULL"]
    const bindings: unknown[] = []
    for (const col of [
      "buyer_id",
      "order_id",
      "status",
      "type",
      "currency_code",
    ]) {
      const v = filters[col]
      if (v !== undefined) {
        where.push(`${col} IN (?)`)
        bindings.push([v].flat())
      }
    }
    const created = filters.created_at as
      { $gte?: Date; $lte?: Date } | undefined
    if (created?.$gte) {
      where.push("created_at >= ?")
      bindings.push(created.$gte)
    }
    if (created?.$lte) {
      where.push("created_at <= ?")
      bindings.push(created.$lte)
    }
    const rows = (await manager.execute(
      `SELECT currency_code, sum(amount)::text AS amount, count(*)::int AS count
       FROM commission_entry WHERE ${where.join(" AND ")}
       GROUP BY currency_code ORDER BY currency_code`,
      bindings
    )) as { currency_code: string; amount: string; count: number }[]
    return rows.map((r) => ({ ...r, amount: decimal(r.amount) }))
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
