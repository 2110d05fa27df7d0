import {
  ContainerRegistrationKeys,
  MathBN,
  MedusaError,
} from "@medusajs/framework/utils"
import { COMMISSION_MODULE } from "../../../modules/commission"
import type CommissionModuleService from "../../../modules/commission/service"
import {
  ClaimSettlementInput,
  SettlementCandidate,
  SettlementSkipInput,
  SettlementView,
} from "../../../modules/commission/types"
import { settlementIdempotencyKey } from "../../../modules/commission/settlement/sql"
import { payoutSkipReason } from "../../../modules/commission/utils/eligibility"
import { thresholdFor } from "../../../modules/commission/utils/options"
import { createLimiter, mapPool } from "../../../utils/map-pool"
import { extendSettlementLock } from "./settlement-lock"
import type { TransferOutcome } from "../../../modules/commission/providers"

/** Buyers and currencies claimed, sent and recorded together in a run. */
const SETTLEMENT_BATCH = 100
/** Batches worked on at once: one's transfers overlap the others' writes. */
const BATCHES_IN_FLIGHT = 2

type Container = { resolve<T>(key: string): T }

/** Where one settlement ended after an attempt. */
export type SettlementOutcome = {
  id: string
  buyer_id: string
  currency_code: string
  amount: string
  status: "paid" | "failed" | "processing"
  provider_reference: string | null
  reason: string | null
}

/**
 * A settlement by id, or NOT_FOUND. With `manual_only`, a settlement of
 * another provider is a CONFLICT naming the action (only the provider's
 * answer pays or fails it).
 */
export async function getSettlementOrThrow(
  service: CommissionModuleService,
  id: string,
  options: { manual_only?: string } = {}
): Promise<SettlementView> {
  const s = await service.retrieveSettlementView(id)
  if (!s) {
    throw new MedusaError(
      MedusaError.Types.NOT_FOUND,
      `Settlement ${id} was not found`
    )
  }
  if (options.manual_only && s.provider !== "manual") {
    throw new MedusaError(
      MedusaError.Types.CONFLICT,
      `Settlement ${s.id} is paid through ${s.provider}: only its answer ${options.manual_only} it`
    )
  }
  return s
}

/** A settlement's outcome: where it stands, with the provider's reference or why. */
export function outcomeOf(
  s: Pick<SettlementView, "id" | "buyer_id" | "currency_code" | "amount">,
  status: SettlementOutcome["status"],
  provider_reference: string | null,
  reason: string | null
): SettlementOutcome {
  return {
    id: s.id,
    buyer_id: s.buyer_id,
    currency_code: s.currency_code,
    amount: s.amount,
    status,
    provider_reference,
    reason,
  }
}

/**
 * Sends one settlement to the payout provider and records the answer.
 *
 * A settlement already `processing` was sent before without a known
 * outcome (a crash between the transfer and the database, a timeout, a lost
 * response): the provider is first asked whether it made a transfer for it
 * (Stripe: the settlement id is the transfer group), and only then is it
 * sent again, with the same idempotency key. So nothing is paid twice, even
 * after the provider has forgotten the key.
 *
 * - paid → settlement `paid`, its entries `paid`;
 * - declined → settlement `failed` with the provider's message, its entries
 *   released (payable again);
 * - unknown → stays `processing` with the message, healed by the next run.
 */
export async function sendSettlement(
  service: CommissionModuleService,
  settlement: SettlementView
): Promise<SettlementOutcome> {
  const provider = service.getPayoutProvider()
  const view = (
    status: SettlementOutcome["status"],
    reference: string | null,
    reason: string | null
  ) => outcomeOf(settlement, status, reference, reason)
  if (settlement.status === "processing") {
    if (provider.id === "manual") {
      return view("processing", null, "awaiting manual payment")
    }
    const found = await provider.findTransfer(settlement.id)
    if (found.status === "found") {
      // Ours: this generation, this amount and currency. Anything else in
      // the group means money already went out for this settlement in a
      // way the ledger does not know: never send more; flag it.
      const ours = found.transfers.find(
        (t) =>
          (t.generation === null || t.generation === settlement.generation) &&
          t.currency_code.toLowerCase() === settlement.currency_code &&
          MathBN.eq(t.amount, settlement.amount)
      )
      if (ours && found.transfers.length === 1) {
        const recorded = await service.completeSettlement({
          id: settlement.id,
          reference: ours.reference,
        })
        return recorded
          ? view("paid", ours.reference, null)
          : unrecordedPayment(service, settlement, ours.reference)
      }
      const message = `Needs attention: the provider holds ${found.transfers
        .map(
          (t) => `${t.reference} (${t.amount} ${t.currency_code.toUpperCase()})`
        )
        .join(
          ", "
        )} for this settlement of ${settlement.amount}; nothing more is sent`
      await service.noteSettlementProblem({ id: settlement.id, message })
      return view("processing", null, message)
    }
    if (found.status === "unknown") {
      await service.noteSettlementProblem({
        id: settlement.id,
        message: found.message,
      })
      return view("processing", null, found.message)
    }
  }
  const sent = await service.beginSettlementAttempt(settlement.id)
  if (!sent) {
    const now = await service.retrieveSettlementView(settlement.id)
    return view(
      now?.status === "paid" ? "paid" : "failed",
      now?.provider_reference ?? null,
      now?.failure_reason ?? null
    )
  }
  const outcome = await transfer(service, sent)
  if (
    outcome.status === "paid" &&
    !(await service.completeSettlement({
      id: sent.id,
      reference: outcome.reference,
    }))
  ) {
    return unrecordedPayment(service, sent, outcome.reference)
  }
  return recordOutcome(service, sent, outcome)
}

/**
 * The provider paid a settlement that was meanwhile failed or paid by
 * someone else (only possible if two runs overlapped past the lock): the
 * ledger cannot take the money back by itself; say so loudly.
 */
async function unrecordedPayment(
  service: CommissionModuleService,
  s: SettlementView,
  reference: string
): Promise<SettlementOutcome> {
  const now = await service.retrieveSettlementView(s.id)
  const paidHere =
    now?.status === "paid" && now.provider_reference === reference
  const reason = paidHere
    ? null
    : `Needs attention: paid at the provider as ${reference} while the settlement was ${now?.status ?? "missing"}`
  if (reason) {
    await service.noteSettlementProblem({ id: s.id, message: reason })
  }
  return outcomeOf(
    s,
    now?.status === "paid" ? "paid" : "processing",
    now?.provider_reference ?? reference,
    reason
  )
}

/** Asks the provider to pay a settlement marked sent; never throws. */
async function transfer(
  service: CommissionModuleService,
  sent: SettlementView
): Promise<TransferOutcome> {
  try {
    return await service.getPayoutProvider().transfer({
      settlement_id: sent.id,
      idempotency_key: settlementIdempotencyKey(sent),
      generation: sent.generation,
      buyer_id: sent.buyer_id,
      currency_code: sent.currency_code,
      amount: sent.amount,
      destination: sent.provider_account_id,
      description: `Commission settlement ${sent.id}`,
    })
  } catch (error) {
    return { status: "unknown", message: (error as Error)?.message ?? "" }
  }
}

/**
 * Records what the provider answered, except a payment (recorded by the
 * caller, alone or in a batch): declined → failed and released; unknown →
 * kept `processing` with the message.
 */
async function recordOutcome(
  service: CommissionModuleService,
  s: SettlementView,
  outcome: TransferOutcome
): Promise<SettlementOutcome> {
  switch (outcome.status) {
    case "paid":
      return outcomeOf(s, "paid", outcome.reference, null)
    case "awaiting_manual":
      return outcomeOf(s, "processing", null, "awaiting manual payment")
    case "declined":
      await service.failSettlement({ id: s.id, reason: outcome.message })
      return outcomeOf(s, "failed", null, outcome.message)
    case "unknown":
      await service.noteSettlementProblem({
        id: s.id,
        message: outcome.message,
      })
      return outcomeOf(s, "processing", null, outcome.message)
  }
}

/**
 * Pays one batch of a run: claims its buyers' entries (one transaction),
 * marks the settlements sent (one), asks the provider for each within the
 * shared limit, and records the payments (one) and the rest.
 */
async function payBatch(
  service: CommissionModuleService,
  groups: ClaimSettlementInput[],
  limit: <R>(fn: () => Promise<R>) => Promise<R>,
  onCreated: (id: string) => void
): Promise<{ outcomes: SettlementOutcome[]; skips: SettlementSkipInput[] }> {
  const claim = await service.claimSettlementBatch(groups)
  claim.settlements.forEach((s) => onCreated(s.id))
  let sent: SettlementView[]
  try {
    sent = await service.beginSettlementAttempts(
      claim.settlements.map((s) => s.id)
    )
  } catch (error) {
    const outcomes = await mapPool(claim.settlements, 1, (s) =>
      settleTrouble(service, s, error)
    )
    return { outcomes, skips: claim.skips }
  }
  const answers = await Promise.all(
    sent.map((s) => limit(() => transfer(service, s)))
  )
  const paid = sent
    .map((s, i) => ({ s, a: answers[i] }))
    .filter(({ a }) => a.status === "paid")
  let recorded: Set<string> | null = null
  try {
    recorded = new Set(
      await service.completeSettlements(
        paid.map(({ s, a }) => ({
          id: s.id,
          reference: (a as { reference: string }).reference,
        }))
      )
    )
  } catch {
    recorded = null
  }
  const outcomes = await mapPool(sent, 1, async (s, i) => {
    const a = answers[i]
    if (a.status === "paid" && recorded && !recorded.has(s.id)) {
      return unrecordedPayment(service, s, a.reference)
    }
    if (a.status === "paid" && !recorded) {
      // Paid at the provider, not yet in the database: the next run finds
      // the transfer by its group and records it.
      return recordOutcome(service, s, {
        status: "unknown",
        message: `Paid as ${a.reference}; recording failed, healed next run`,
      })
    }
    return recordOutcome(service, s, a)
  })
  return { outcomes, skips: claim.skips }
}

export type SettlementRunInput = {
  buyer_id?: string
  currency_code?: string
  /** The run's settlement lock, extended before each batch. */
  lock?: { owner_id: string; ttl_seconds: number }
}

export type SettlementRunResult = {
  created: SettlementOutcome[]
  healed: SettlementOutcome[]
  skips: SettlementSkipInput[]
}

/**
 * One settlement run: heal what earlier runs left unfinished, then per
 * buyer and currency pay the payable balance or record why not. Work is
 * bounded by `settlement_concurrency`; entries are claimed and summed in
 * SQL, never loaded. `onCreated` hears each settlement id as it is
 * created, so a caller can undo a run cut short.
 */
export async function runSettlements(
  container: Container,
  input: SettlementRunInput & { run_id: string },
  onCreated: (id: string) => void = () => {}
): Promise<SettlementRunResult> {
  const service = container.resolve<CommissionModuleService>(COMMISSION_MODULE)
  const options = service.getOptions()
  const provider = service.getPayoutProvider()
  const filters = {
    buyer_id: input.buyer_id,
    currency_code: input.currency_code,
  }

  // A manual settlement in `processing` waits for an admin, not for us.
  const unfinished = (await service.listUnfinishedSettlements(filters)).filter(
    (s) => provider.id !== "manual" || s.status === "pending"
  )
  const healed = await mapPool(
    unfinished,
    options.settlement_concurrency,
    (s) => sendSettlement(service, s).catch((e) => settleTrouble(service, s, e))
  )

  const candidates = await service.listSettlementCandidates(filters)
  const statuses = await buyerStatuses(container, [
    ...new Set(candidates.map((c) => c.buyer_id)),
  ])
  const skips: SettlementSkipInput[] = []
  const payable: SettlementCandidate[] = []
  for (const c of candidates) {
    const threshold = thresholdFor(options, c.currency_code)
    const skip = (reason: SettlementSkipInput["reason"], amount = c.payable) =>
      skips.push({
        buyer_id: c.buyer_id,
        currency_code: c.currency_code,
        reason,
        amount,
      })
    const reason = payoutSkipReason({
      ...c,
      buyer_status: statuses.get(c.buyer_id),
      threshold,
      needs_account: provider.needsAccount,
    })
    if (reason) {
      skip(reason, reason === "on_hold" ? c.on_hold : c.payable)
    } else {
      payable.push(c)
    }
  }

  // Batches of buyers: a claim, a mark-sent and a record per batch instead
  // of per buyer; several batches in flight so one's transfers overlap
  // the others' database work; at most `settlement_concurrency` transfers at
  // once across both.
  const limit = createLimiter(options.settlement_concurrency)
  const batches: (typeof payable)[] = []
  for (let i = 0; i < payable.length; i += SETTLEMENT_BATCH) {
    batches.push(payable.slice(i, i + SETTLEMENT_BATCH))
  }
  const created: SettlementOutcome[] = []
  await mapPool(batches, BATCHES_IN_FLIGHT, async (batch) => {
    if (input.lock) {
      await extendSettlementLock(container, input.lock)
    }
    const done = await payBatch(
      service,
      batch.map((c) => ({
        buyer_id: c.buyer_id,
        currency_code: c.currency_code,
        account_id: c.account_id,
        threshold: thresholdFor(options, c.currency_code),
        run_id: input.run_id,
      })),
      limit,
      onCreated
    )
    // A balance that moved between the plan and the claim is a skip too.
    skips.push(...done.skips)
    created.push(...done.outcomes)
  })
  return { created, healed, skips }
}

async function settleTrouble(
  service: CommissionModuleService,
  s: SettlementView,
  error: unknown
): Promise<SettlementOutcome> {
  const message = `Internal error: ${(error as Error)?.message ?? error}`
  let status: SettlementOutcome["status"] = "failed"
  const failed = await service.failSettlement({
    id: s.id,
    reason: message,
    only_unsent: true,
  })
  const now = await service.retrieveSettlementView(s.id)
  if (!failed) {
    status = (now?.status ?? "processing") as SettlementOutcome["status"]
    if (now?.status === "processing") {
      await service.noteSettlementProblem({ id: s.id, message })
    }
  }
  return outcomeOf(s, status, now?.provider_reference ?? null, message)
}

/** Buyer statuses by id, read in pages (buyers live in another module). */
export async function buyerStatuses(
  container: Container,
  ids: string[]
): Promise<Map<string, string>> {
  const query = container.resolve<{
    graph(args: object): Promise<{ data: { id: string; status: string }[] }>
  }>(ContainerRegistrationKeys.QUERY)
  const out = new Map<string, string>()
  for (let i = 0; i < ids.length; i += 1000) {
    const { data } = await query.graph({
      entity: "buyer",
      fields: ["id", "status"],
      filters: { id: ids.slice(i, i + 1000) },
    })
    for (const b of data) {
      out.set(b.id, b.status)
    }
  }
  return out
}
