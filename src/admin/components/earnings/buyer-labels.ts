import { useAdminQuery } from "../../lib/api"
import type { Buyer } from "./api"

/**
 * The buyers named on a page of rows (one request for up to 100 ids), so
 * that tables show a handle instead of an id.
 */
export function useBuyerLabels(ids: (string | null | undefined)[]) {
  const unique = [...new Set(ids.filter((i): i is string => !!i))]
    .sort()
    .slice(0, 100)
  const q = useAdminQuery<{ buyers: Buyer[] }>(
    "/admin/buyers",
    { id: unique.join(","), limit: 100 },
    { enabled: unique.length > 0, staleTime: 60_000 }
  )
  const map = new Map<string, Buyer>()
  for (const b of q.data?.buyers ?? []) {
    map.set(b.id, b)
  }
  return map
}
