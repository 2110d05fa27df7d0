import type { MedusaContainer } from "@medusajs/framework/types"
import { COMMISSION_MODULE } from "../../modules/commission"
import type CommissionModuleService from "../../modules/commission/service"
import type { LedgerBalance } from "../../modules/commission/types"
import { decimal } from "../../modules/commission/utils/money"

export type CommissionEntryFilters = {
  buyer_id?: string | string[]
  order_id?: string | string[]
  status?: string | string[]
  type?: string | string[]
  currency_code?: string | string[]
  created_at?: { $gte?: Date; $lte?: Date }
}

const raw = (v: unknown): string | null =>
  v == null ? null : decimal((v as { value?: string }).value ?? (v as string))

/**
 * A ledger entry as the API shows it: money as exact decimal strings (never
 * floats), with its rule snapshot.
 */
export function serializeEntry(e: Record<string, unknown>) {
  return {
    id: e.id,
    type: e.type,
    status: e.status,
    buyer_id: e.buyer_id,
    currency_code: e.currency_code,
    amount: raw(e.raw_amount),
    base_amount: raw(e.raw_base_amount),
    quantity: e.quantity ?? null,
    order_id: e.order_id ?? null,
    order_line_id: e.order_line_id ?? null,
    note_id: e.note_id ?? null,
    product_id: e.product_id ?? null,
    variant_id: e.variant_id ?? null,
    rule: e.rule_id
      ? {
          id: e.rule_id,
          scope: e.rule_scope,
          type: e.rule_type,
          rate: raw(e.raw_rule_rate),
          amount: raw(e.raw_rule_amount),
          cap_amount: raw(e.raw_rule_cap_amount),
        }
      : null,
    reverses_id: e.reverses_id ?? null,
    reason: e.reason ?? null,
    actor_id: e.actor_id ?? null,
    available_at: e.available_at ?? null,
    approved_at: e.approved_at ?? null,
    settlement_id: e.settlement_id ?? null,
    created_at: e.created_at,
  }
}

/** A ledger list route's page: newest first unless `order` says otherwise. */
export type ListPage = {
  limit: number
  offset: number
  order?: Record<string, "ASC" | "DESC">
}

/** The list options of a page (`take`, `skip`, `order`). */
export const pageOptions = (page: ListPage) => ({
  take: page.limit,
  skip: page.offset,
  order: page.order ?? { created_at: "DESC" as const, id: "DESC" as const },
})

/** One page of entries, newest first, with the matching total per currency. */
export async function listCommissionPage(
  scope: MedusaContainer,
  filters: CommissionEntryFilters,
  page: ListPage
) {
  const service = scope.resolve<CommissionModuleService>(COMMISSION_MODULE)
  const [rows, count] = await service.listAndCountCommissionEntries(
    filters,
    pageOptions(page)
  )
  const totals = await service.sumEntriesByCurrency(filters)
  return {
    commissions: rows.map((r) =>
      serializeEntry(r as unknown as Record<string, unknown>)
    ),
    count,
    limit: page.limit,
    offset: page.offset,
    totals,
  }
}

/** Balances per buyer and currency (see `CommissionModuleService.listBalances`). */
export function listBalances(
  scope: MedusaContainer,
  filters: { buyer_id?: string; currency_code?: string }
): Promise<LedgerBalance[]> {
  return scope
    .resolve<CommissionModuleService>(COMMISSION_MODULE)
    .listBalances(filters)
}

/** Filters shared by the admin and store list routes, from validated params. */
export function entryFilters(p: {
  buyer_id?: string
  order_id?: string
  status?: string[]
  type?: string[]
  currency_code?: string
  created_from?: Date
  created_to?: Date
}): CommissionEntryFilters {
  const f: CommissionEntryFilters = {}
  if (p.buyer_id) f.buyer_id = p.buyer_id
  if (p.order_id) f.order_id = p.order_id
  if (p.status?.length) f.status = p.status
  if (p.type?.length) f.type = p.type
  if (p.currency_code) f.currency_code = p.currency_code.toLowerCase()
  if (p.created_from || p.created_to) {
    f.created_at = {
      ...(p.created_from ? { $gte: p.created_from } : {}),
      ...(p.created_to ? { $lte: p.created_to } : {}),
    }
  }
  return f
}
