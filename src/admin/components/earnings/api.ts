import { useMutation } from "@tanstack/react-query"
import {
  type Query,
  apiErrors,
  fetchAdmin,
  useAdminQuery,
  useInvalidate,
} from "../../lib/api"
import type {
  BuyerDTO,
  BuyerStatus,
  CommissionEntryDTO,
  CommissionEntryStatus,
  LedgerBalance,
  PayoutAccountResponse,
  SettlementDTO,
  SettlementStatus,
  Wire,
} from "../../../types"

export type { Query }

/** What the plugin's admin routes answer (money as exact decimal strings). */

export type { BuyerStatus }

export type Buyer = Wire<BuyerDTO>

export type EntryStatus = CommissionEntryStatus | (string & {})

export type CommissionEntry = CommissionEntryDTO

export type CurrencyTotal = {
  currency_code: string
  amount: string
  count: number
}

export type CommissionsPage = {
  commissions: CommissionEntry[]
  count: number
  limit: number
  offset: number
  totals: CurrencyTotal[]
}

export type Balance = LedgerBalance

export type { SettlementStatus }

export type Settlement = SettlementDTO

export type SettlementTotal = CurrencyTotal & { status: SettlementStatus }

export type SettlementsPage = {
  settlements: Settlement[]
  count: number
  limit: number
  offset: number
  totals: SettlementTotal[]
}

export type SettlementDetail = {
  settlement: Settlement
  entries: CommissionEntry[]
  entries_count: number
  limit: number
  offset: number
}

export type SettlementRunResult = {
  run: Record<string, unknown> & { id: string }
  settlements: (Partial<Settlement> & {
    id: string
    buyer_id: string
    currency_code: string
    amount: string
    status: SettlementStatus
    reason?: string | null
  })[]
  skipped: {
    buyer_id: string
    currency_code: string
    reason: string
    amount: string
  }[]
}

export type PayoutAccountState = PayoutAccountResponse

export const get = <T>(path: string, query: Query = {}) =>
  fetchAdmin<T>(path, { query })

export const post = <T>(path: string, body: Record<string, unknown> = {}) =>
  fetchAdmin<T>(path, { method: "POST", body })

/**
 * The route prefixes a write of this area refreshes (query keys are
 * `["shoppable", path, query]`; see lib/api).
 */
export const keys = {
  buyers: "/admin/buyers",
  commissions: "/admin/commissions",
  settlements: "/admin/settlements",
  attribution: "/admin/orders",
  reports: "/admin/program-report",
  notes: "/admin/notes",
} as const

export const useBuyers = (query: Query, enabled = true) =>
  useAdminQuery<{
    buyers: Buyer[]
    count: number
    limit: number
    offset: number
  }>("/admin/buyers", query, { enabled })

export const useBuyer = (id: string | undefined) =>
  useAdminQuery<{ buyer: Buyer }>(`/admin/buyers/${id}`, {}, { enabled: !!id })

export const useCommissions = (query: Query, enabled = true) =>
  useAdminQuery<CommissionsPage>("/admin/commissions", query, { enabled })

export const useBalances = (query: Query) =>
  useAdminQuery<{ balances: Balance[] }>("/admin/commissions/balances", query)

export const useSettlements = (query: Query, enabled = true) =>
  useAdminQuery<SettlementsPage>("/admin/settlements", query, { enabled })

export const useSettlement = (id: string | undefined, query: Query) =>
  useAdminQuery<SettlementDetail>(`/admin/settlements/${id}`, query, {
    enabled: !!id,
  })

/**
 * A write that refreshes every query under the given route prefixes when
 * it succeeds (a ledger change shows on the buyers, the overview, …).
 */
export function useAction<TVars, TResult>(
  fn: (vars: TVars) => Promise<TResult>,
  refresh: readonly string[]
) {
  const invalidate = useInvalidate()
  return useMutation({
    mutationFn: fn,
    onSuccess: async () => {
      await invalidate([...refresh])
    },
  })
}

/**
 * A failed request's message split by the field it names (lib/api's
 * `apiErrors`): `{ fields: { reason: "must not be empty" }, message }`.
 */
export function fieldErrors(error: unknown): {
  fields: Record<string, string>
  message: string
} {
  const fields: Record<string, string> = {}
  for (const { field, message } of apiErrors(error)) {
    if (field) {
      fields[field] = message
    }
  }
  return {
    fields,
    message: (error as { message?: string } | null)?.message ?? String(error),
  }
}
