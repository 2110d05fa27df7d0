import { type CommissionsPage, keys, post, useAction } from "./api"

/** Hold or release an order's commission (`POST /admin/commissions/hold|release`). */
export function useHoldOrder() {
  return useAction(
    ({ order_id, hold }: { order_id: string; hold: boolean }) =>
      post<CommissionsPage>(`/admin/commissions/${hold ? "hold" : "release"}`, {
        order_id,
      }),
    [keys.commissions, keys.buyers, keys.attribution]
  )
}
