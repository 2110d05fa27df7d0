import {
  InjectManager,
  InjectTransactionManager,
  MedusaContext,
  MedusaService,
} from "@medusajs/framework/utils"
import type { Context } from "@medusajs/framework/types"
import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/postgresql"
import { accrualKey, accrualRow } from "./ledger/accrual"
import * as ledger from "./ledger/sql"
import CommissionEntry from "./models/commission-entry"
import CommissionRule from "./models/commission-rule"
import PayoutAccount from "./models/payout-account"
import ProviderEvent from "./models/provider-event"
import Settlement from "./models/settlement"
import SettlementRun from "./models/settlement-run"
import SettlementSkip from "./models/settlement-skip"
import { applyProviderEvent, revertProviderEvent } from "./provider-events"
import {
  createPayoutProvider,
  PayoutProvider,
  ProviderWebhookEvent,
} from "./providers"
import type { LedgerRollupRow, RollupQuery } from "../../types/reports"
import { readLedgerRollup } from "./rollup/read"
import { foldLedgerRollups } from "./rollup/fold"
import { ReturnSignalRow, readReturnSignals } from "./rollup/signals"
import {
  RebuildLedgerRollupsOptions,
  rebuildLedgerRollups,
} from "./rollup/rebuild"
import * as settlements from "./settlement/sql"
import {
  emptyChanges,
  type AccrualLineInput,
  type ClaimOutcome,
  type ClaimSettlementInput,
  type LedgerBalance,
  type LedgerChanges,
  type ProviderEventResult,
  type SettlementCandidate,
  type SettlementFilters,
  type SettlementSkipInput,
  type SettlementView,
} from "./types"
import { decimal } from "./utils/money"
import { CommissionOptions, parseCommissionOptions } from "./utils/options"
import { OrderLedgerFacts, planOrderLedger } from "./utils/plan-order"
import { RuleCandidate, RuleContext } from "./utils/resolve-rule"

/*
 * The commission module: rules, the append-only ledger, settlements and
 * payout accounts, provider events, and the ledger's report rollups. The
 * service opens transactions and owns entity writes; the SQL lives by
 * concern beside it: ledger/ (accruals, statuses, holds, balances),
 * settlement/ (the settlement lifecycle), provider-events.ts (webhooks),
 * rollup/ (reports). Its types are in types.ts.
 */

const tx = (ctx: Context) => ctx.transactionManager as SqlEntityManager
const read = (ctx: Context) => ctx.manager as SqlEntityManager

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
    const manager = tx(sharedContext)
    await ledger.lockOrders(manager, [...new Set(lines.map((l) => l.order_id))])
    const existing = await ledger.existingSourceKeys(
      manager,
      lines.map(accrualKey)
    )
    const todo = lines.filter((l) => !existing.has(accrualKey(l)))
    if (!todo.length) {
      return changes
    }
    const rules = await this.listCandidateRules(todo, sharedContext)
    const rows = todo.flatMap((l) => {
      const row = accrualRow(l, rules)
      return row ? [row] : []
    })
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
    const manager = tx(sharedContext)
    await ledger.lockOrders(manager, [facts.order_id])
    await ledger.lockOrderEntries(manager, facts.order_id)
    const entries = await ledger.orderEntries(manager, facts.order_id)
    const plan = planOrderLedger({
      entries,
      facts,
      now,
      hold_days: this.options_.commission_hold_days,
    })
    const changes = await ledger.applyPlanChanges(
      manager,
      entries,
      plan.void,
      plan.make_available
    )
    await this.insertEntries_(plan.create, changes, sharedContext)
    return changes
  }

  /** Approves the pending entries whose hold has ended (ledger/sql.ts). */
  @InjectTransactionManager()
  async approveDueEntries(
    now: Date = new Date(),
    limit: number = this.options_.commission_approval_batch_size,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<LedgerChanges> {
    return ledger.approveDueEntries(tx(sharedContext), now, limit)
  }

  /** The orders of the next `limit` entries due for approval. */
  @InjectManager()
  async listDueOrderIds(
    now: Date = new Date(),
    limit: number = this.options_.commission_approval_batch_size,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<string[]> {
    return ledger.listDueOrderIds(read(sharedContext), now, limit)
  }

  /** Holds (or releases) an order's unsettled entries, under the order's locks. */
  @InjectTransactionManager()
  async setOrderHold(
    input: { order_id: string; hold: boolean },
    now: Date = new Date(),
    @MedusaContext() sharedContext: Context = {}
  ): Promise<LedgerChanges> {
    const manager = tx(sharedContext)
    await ledger.lockOrders(manager, [input.order_id])
    await ledger.lockOrderEntries(manager, input.order_id)
    return ledger.setOrderHold(manager, input, now)
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

  /** Undoes ledger writes, for workflow compensation only (ledger/sql.ts). */
  @InjectTransactionManager()
  async revertLedgerChanges(
    changes: LedgerChanges,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<void> {
    await ledger.revertLedgerChanges(tx(sharedContext), changes)
  }

  /** Balances per buyer and currency, exact decimal strings (ledger/sql.ts). */
  @InjectManager()
  async listBalances(
    filters: { buyer_id?: string | string[]; currency_code?: string } = {},
    @MedusaContext() sharedContext: Context = {}
  ): Promise<LedgerBalance[]> {
    return ledger.listBalances(read(sharedContext), filters)
  }

  /** Sum of amounts per currency of the entries a filter selects (list totals). */
  @InjectManager()
  async sumEntriesByCurrency(
    filters: Record<string, unknown>,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ currency_code: string; amount: string; count: number }[]> {
    return ledger.sumEntriesByCurrency(read(sharedContext), filters)
  }

  // ---------------------------------------------------------------- payouts

  /** The payout provider the options chose (`stripe` or `manual`). */
  getPayoutProvider(): PayoutProvider {
    return this.provider_
  }

  /**
   * Per buyer and currency, what a settlement run could pay: the approved,
   * unsettled entries (negative ones included, so a clawback is carried),
   * what is on hold, and the buyer's payout account at the provider
   * (settlement/sql.ts).
   */
  @InjectManager()
  async listSettlementCandidates(
    filters: { buyer_id?: string; currency_code?: string } = {},
    @MedusaContext() sharedContext: Context = {}
  ): Promise<SettlementCandidate[]> {
    return settlements.listSettlementCandidates(
      read(sharedContext),
      this.provider_.id,
      filters
    )
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
   * settlement for each payable group, in one transaction; no entry can
   * ever be in two settlements (settlement/sql.ts).
   */
  @InjectTransactionManager()
  async claimSettlementBatch(
    groups: ClaimSettlementInput[],
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{
    settlements: SettlementView[]
    skips: SettlementSkipInput[]
  }> {
    return settlements.claimSettlementBatch(
      tx(sharedContext),
      this.provider_.id,
      groups
    )
  }

  /** `beginSettlementAttempt` for many settlements: the ones still payable. */
  @InjectTransactionManager()
  async beginSettlementAttempts(
    ids: string[],
    @MedusaContext() sharedContext: Context = {}
  ): Promise<SettlementView[]> {
    return settlements.beginSettlementAttempts(tx(sharedContext), ids)
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
    return settlements.completeSettlements(tx(sharedContext), items, now)
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
    const manager = tx(sharedContext)
    const [done] = await settlements.completeSettlements(
      manager,
      [{ id: input.id, reference: input.reference }],
      now
    )
    if (done && input.actor_id) {
      await settlements.recordPaidBy(manager, input.id, input.actor_id)
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
    return settlements.failSettlementReleasing(tx(sharedContext), input, now)
  }

  /** Undoes `failSettlementReleasing` (workflow compensation). */
  @InjectTransactionManager()
  async revertSettlementFailed(
    input: { id: string; entry_ids: string[] },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<void> {
    await settlements.revertSettlementFailed(tx(sharedContext), input)
  }

  /** Undoes `completeSettlement`, for workflow compensation only. */
  @InjectTransactionManager()
  async revertSettlementPaid(
    id: string,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<void> {
    await settlements.revertSettlementPaid(tx(sharedContext), id)
  }

  /** Keeps a settlement `processing` (outcome unknown) with the last error. */
  @InjectTransactionManager()
  async noteSettlementProblem(
    input: { id: string; message: string },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<void> {
    await settlements.noteSettlementProblem(tx(sharedContext), input)
  }

  /** Settlements sent but not known to be paid (healing), oldest first. */
  @InjectManager()
  async listUnfinishedSettlements(
    filters: { buyer_id?: string; currency_code?: string } = {},
    @MedusaContext() sharedContext: Context = {}
  ): Promise<SettlementView[]> {
    return settlements.listUnfinishedSettlements(
      read(sharedContext),
      this.provider_.id,
      filters
    )
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
    return settlements.normaliseSettlement({
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
    { currency_code: string; status: string; amount: string; count: number }[]
  > {
    return settlements.sumSettlements(read(sharedContext), filters)
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
    return settlements.listLatestSkips(read(sharedContext), buyerId)
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
   * changed (for events and for undo). See provider-events.ts.
   */
  @InjectTransactionManager()
  async applyProviderEvent(
    event: ProviderWebhookEvent,
    now: Date = new Date(),
    @MedusaContext() sharedContext: Context = {}
  ): Promise<ProviderEventResult> {
    return applyProviderEvent(
      tx(sharedContext),
      this.provider_.id,
      event,
      (rows, changes) => this.insertEntries_(rows, changes, sharedContext),
      now
    )
  }

  /** Undoes `applyProviderEvent` (workflow compensation): forget the event. */
  @InjectTransactionManager()
  async revertProviderEvent(
    result: ProviderEventResult,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<void> {
    await revertProviderEvent(tx(sharedContext), result)
  }

  // ---------------------------------------------------------------- reports

  /** Folds the pending ledger deltas into the rollups (rollup/fold.ts). */
  @InjectManager()
  async foldLedgerRollups(
    @MedusaContext() sharedContext: Context = {}
  ): Promise<number> {
    return foldLedgerRollups(read(sharedContext))
  }

  /**
   * The ledger's money from its rollups (rollup/read.ts), folded first
   * unless the caller just did (`q.folded`).
   */
  @InjectManager()
  async readLedgerRollup(
    q: RollupQuery,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<LedgerRollupRow[]> {
    if (!q.folded) {
      await foldLedgerRollups(read(sharedContext))
    }
    return readLedgerRollup(read(sharedContext), q)
  }

  /** Accrued and reversed per buyer and currency, for the review signals (rollup/signals.ts). */
  @InjectManager()
  async readReturnSignals(
    range: { from: Date; to: Date },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<ReturnSignalRow[]> {
    await foldLedgerRollups(read(sharedContext))
    return readReturnSignals(read(sharedContext), range)
  }

  /** Recomputes the rollups from the ledger, buyers in batches (rollup/rebuild.ts). */
  @InjectManager()
  async rebuildLedgerRollups(
    options: RebuildLedgerRollupsOptions = {},
    @MedusaContext() sharedContext: Context = {}
  ) {
    return rebuildLedgerRollups(read(sharedContext), options)
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
      ...created.map((e) => createdView(e as unknown as Row))
    )
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

function createdView(e: Row): LedgerChanges["created"][number] {
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

export default CommissionModuleService
