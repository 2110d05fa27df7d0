import { useMemo } from "react"
import { useAdminQuery } from "../../lib/api"

/** A review signal of the program report (docs/reports.md, Review signals). */
export type Signal = {
  buyer_id: string
  label: string | null
  kind: string
  value: string | number
  threshold: string | number
  since: string | null
}

/**
 * The program's review signals over the last 30 days, per buyer: what the
 * buyers list flags. One request for the whole program (it reads every
 * 15-minute click row of the range, so it is kept for a minute).
 */
export function useFlaggedBuyers() {
  const q = useAdminQuery<{ signals: Signal[] }>(
    "/admin/program-report",
    { signals: "only", preset: "30d" },
    { staleTime: 60_000 }
  )
  const data = useMemo(() => {
    if (!q.data) {
      return undefined
    }
    const byBuyer = new Map<string, Signal[]>()
    for (const s of q.data.signals) {
      byBuyer.set(s.buyer_id, [...(byBuyer.get(s.buyer_id) ?? []), s])
    }
    return byBuyer
  }, [q.data])
  return { ...q, data }
}
