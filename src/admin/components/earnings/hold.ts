import { toast } from "@medusajs/ui"
import { useConfirm } from "../../lib/confirm"
import { useT } from "../../lib/i18n"
import { type CommissionsPage, keys, post, useAction } from "./api"

/**
 * Hold or release an order's commission (`POST /admin/commissions/hold|release`).
 * A hold is confirmed first (the Prompt names the order as `label`); what
 * it did shows as a toast. `run` answers false when the merchant cancelled
 * and throws what the API refused.
 */
export function useHoldOrder() {
  const t = useT()
  const confirm = useConfirm()
  const action = useAction(
    ({ order_id, hold }: { order_id: string; hold: boolean }) =>
      post<CommissionsPage>(`/admin/commissions/${hold ? "hold" : "release"}`, {
        order_id,
      }),
    [keys.commissions, keys.buyers, keys.attribution]
  )
  const run = async ({
    order_id,
    hold,
    label,
  }: {
    order_id: string
    hold: boolean
    label: string
  }): Promise<boolean> => {
    if (
      hold &&
      !(await confirm({
        title: t("commissions.hold.confirmTitle"),
        description: t("commissions.hold.confirmDescription", { order: label }),
        confirmText: t("commissions.hold.hold"),
      }))
    ) {
      return false
    }
    const res = await action.mutateAsync({ order_id, hold })
    toast.success(
      t(hold ? "commissions.hold.held" : "commissions.hold.released", {
        count: res.count,
      })
    )
    return true
  }
  return {
    run,
    holding: action.isPending && !!action.variables?.hold,
    releasing: action.isPending && !action.variables?.hold,
  }
}
