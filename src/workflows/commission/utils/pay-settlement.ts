import {
  ContainerRegistrationKeys,
  MathBN,
  MedusaError,
} from "@medusajs/framework/utils"
import type CommissionModuleService from "../../../modules/commission/service"
import {
  SettlementSkipInput,
  SettlementView,
} from "../../../modules/commission/types"
import { settlementIdempotencyKey } from "../../../modules/commission/settlement/sql"
import type { TransferOutcome } from "../../../modules/commission/providers"

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

/**
 * An admin's record of how a manual payment ended (`pays`: paid, `fails`:
 * failed): the settlement by id (NOT_FOUND; CONFLICT for another
 * provider), then `write`. An empty answer of `write` (false, null) means
 * the settlement was no longer open: a CONFLICT naming its status.
 */
export async function markManualSettlement<T>(
  service: CommissionModuleService,
  id: string,
  action: "pays" | "fails",
  write: (s: SettlementView) => Promise<T | false | null>
): Promise<{ settlement: SettlementView; written: T }> {
  const s = await getSettlementOrThrow(service, id, { manual_only: action })
  const written = await write(s)
  if (!written) {
    throw new MedusaError(
      MedusaError.Types.CONFLICT,
      `Settlement ${s.id} is ${s.status}`
    )
  }
  return { settlement: s, written }
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
export async function unrecordedPayment(
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
export async function transfer(
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
export async function recordOutcome(
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

export type SettlementRunResult = {
  created: SettlementOutcome[]
  healed: SettlementOutcome[]
  skips: SettlementSkipInput[]
}

/**
 * A settlement that hit an internal error: failed (entries payable again)
 * if it was never sent; otherwise left `processing` with the message, for
 * the next run to heal from the provider's answer.
 */
export async function settleTrouble(
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
