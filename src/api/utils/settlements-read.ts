import type { MedusaContainer } from "@medusajs/framework/types"
import { MedusaError } from "@medusajs/framework/utils"
import { COMMISSION_MODULE } from "../../modules/commission"
import type CommissionModuleService from "../../modules/commission/service"
import type { SettlementFilters } from "../../modules/commission/types"
import { settlementIdempotencyKey } from "../../modules/commission/settlement/sql"
import { decimal } from "../../modules/commission/utils/money"
import { type ListPage, pageOptions, serializeEntry } from "./commissions-read"

const money = (raw: unknown, plain: unknown): string | null => {
  const v = (raw as { value?: string } | null)?.value ?? plain
  return v === null || v === undefined ? null : decimal(v as string)
}

/** A settlement as the API shows it: money as exact decimal strings. */
export function serializeSettlement(s: Record<string, unknown>) {
  return {
    id: s.id as string,
    buyer_id: s.buyer_id as string,
    currency_code: s.currency_code as string,
    amount: money(s.raw_amount, s.amount) as string,
    entry_count: s.entry_count as number,
    period_start: s.period_start ?? null,
    period_end: s.period_end ?? null,
    status: s.status as string,
    provider: s.provider as string,
    provider_account_id: s.provider_account_id ?? null,
    provider_reference: s.provider_reference ?? null,
    idempotency_key: settlementIdempotencyKey({
      id: s.id as string,
      generation: (s.generation as number) ?? 0,
    }),
    failure_reason: s.failure_reason ?? null,
    attempts: s.attempts as number,
    reversed_amount: money(s.raw_reversed_amount, s.reversed_amount),
    run_id: s.run_id ?? null,
    paid_at: s.paid_at ?? null,
    failed_at: s.failed_at ?? null,
    created_at: s.created_at,
    updated_at: s.updated_at,
  }
}

export type SerializedSettlement = ReturnType<typeof serializeSettlement>

/**
 * What a buyer sees of a settlement: no idempotency key, and a failure
 * reason only once it failed (the provider's message), not the internal
 * notes of a payout still in progress.
 */
export function forBuyer(s: SerializedSettlement) {
  const { idempotency_key: _key, ...rest } = s
  return {
    ...rest,
    failure_reason: s.status === "failed" ? s.failure_reason : null,
  }
}

export const SETTLEMENT_CSV_HEADER = [
  "id",
  "buyer_id",
  "currency_code",
  "amount",
  "entry_count",
  "status",
  "provider",
  "provider_account_id",
  "provider_reference",
  "period_start",
  "period_end",
  "created_at",
  "paid_at",
  "failure_reason",
  "attempts",
]

export const settlementCsvRow = (s: SerializedSettlement) => [
  s.id,
  s.buyer_id,
  s.currency_code,
  s.amount,
  s.entry_count,
  s.status,
  s.provider,
  s.provider_account_id,
  s.provider_reference,
  s.period_start,
  s.period_end,
  s.created_at,
  s.paid_at,
  s.failure_reason,
  s.attempts,
]

export const ENTRY_CSV_HEADER = [
  "entry_id",
  "settlement_id",
  "type",
  "status",
  "currency_code",
  "amount",
  "base_amount",
  "quantity",
  "order_id",
  "order_line_id",
  "note_id",
  "product_id",
  "rule_id",
  "rule_rate",
  "reason",
  "created_at",
  "approved_at",
]

export const entryCsvRow = (e: ReturnType<typeof serializeEntry>) => [
  e.id,
  e.settlement_id,
  e.type,
  e.status,
  e.currency_code,
  e.amount,
  e.base_amount,
  e.quantity,
  e.order_id,
  e.order_line_id,
  e.note_id,
  e.product_id,
  e.rule?.id,
  e.rule?.rate,
  e.reason,
  e.created_at,
  e.approved_at,
]

/** One page of settlements, newest first, with totals per currency and status. */
export async function listSettlementPage(
  scope: MedusaContainer,
  filters: SettlementFilters,
  page: ListPage
) {
  const service = scope.resolve<CommissionModuleService>(COMMISSION_MODULE)
  const [rows, count] = await service.listAndCountSettlements(
    filters as Record<string, unknown>,
    pageOptions(page)
  )
  return {
    settlements: rows.map((r) =>
      serializeSettlement(r as unknown as Record<string, unknown>)
    ),
    count,
    limit: page.limit,
    offset: page.offset,
    totals: await service.sumSettlements(filters),
  }
}

/**
 * One settlement, or 404. With `buyer_id`, only that buyer's: another
 * buyer's settlement is a 404 too.
 */
export async function fetchSettlement(
  scope: MedusaContainer,
  id: string,
  options: { buyer_id?: string } = {}
) {
  const service = scope.resolve<CommissionModuleService>(COMMISSION_MODULE)
  const [row] = await service.listSettlements(
    { id, ...(options.buyer_id ? { buyer_id: options.buyer_id } : {}) },
    { take: 1 }
  )
  if (!row) {
    throw new MedusaError(
      MedusaError.Types.NOT_FOUND,
      `Settlement ${id} was not found`
    )
  }
  return serializeSettlement(row as unknown as Record<string, unknown>)
}

/** A page of a settlement's entries, oldest first, with their count. */
export async function listSettlementEntries(
  scope: MedusaContainer,
  id: string,
  page: { limit: number; offset: number }
) {
  const service = scope.resolve<CommissionModuleService>(COMMISSION_MODULE)
  const [entries, count] = await service.listAndCountCommissionEntries(
    { settlement_id: id },
    pageOptions({ ...page, order: { created_at: "ASC", id: "ASC" } })
  )
  return {
    entries: entries.map((e) =>
      serializeEntry(e as unknown as Record<string, unknown>)
    ),
    entries_count: count,
    limit: page.limit,
    offset: page.offset,
  }
}

/** Every entry of a settlement, in pages of 1000 (for CSV exports). */
export async function allSettlementEntries(scope: MedusaContainer, id: string) {
  const out: ReturnType<typeof serializeEntry>[] = []
  for (let offset = 0; ; offset += 1000) {
    const { entries } = await listSettlementEntries(scope, id, {
      limit: 1000,
      offset,
    })
    out.push(...entries)
    if (entries.length < 1000) {
      return out
    }
  }
}

/** Settlement list filters from validated params. */
export function settlementFilters(p: {
  buyer_id?: string
  currency_code?: string
  status?: string[]
  provider?: string
  run_id?: string
  created_from?: Date
  created_to?: Date
}): SettlementFilters {
  const f: SettlementFilters = {}
  if (p.buyer_id) f.buyer_id = p.buyer_id
  if (p.currency_code) f.currency_code = p.currency_code.toLowerCase()
  if (p.status?.length) f.status = p.status
  if (p.provider) f.provider = p.provider
  if (p.run_id) f.run_id = p.run_id
  if (p.created_from || p.created_to) {
    f.created_at = {
      ...(p.created_from ? { $gte: p.created_from } : {}),
      ...(p.created_to ? { $lte: p.created_to } : {}),
    }
  }
  return f
}
