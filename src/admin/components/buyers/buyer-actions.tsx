import { Button, toast } from "@medusajs/ui"
import { z } from "zod"
import { type Buyer, keys, post, useAction } from "../earnings/api"
import { useT } from "../../lib/i18n"
import { ReasonDrawer } from "../../lib/reason-drawer"

type BuyerResponse = { buyer: Buyer }

export function useBuyerAction() {
  return useAction(
    ({ path, body }: { path: string; body?: Record<string, unknown> }) =>
      post<BuyerResponse>(path, body ?? {}),
    [keys.buyers]
  )
}

/** Suspend a buyer with a reason (their links stop earning): a Drawer. */
export const SuspendDrawer = ({ buyer }: { buyer: Buyer }) => {
  const t = useT()
  const action = useBuyerAction()
  const required = t("buyers.detail.reasonRequired")
  return (
    <ReasonDrawer
      trigger={
        <Button size="small" variant="danger">
          {t("buyers.detail.suspend")}
        </Button>
      }
      title={t("buyers.detail.suspendTitle", { handle: buyer.handle })}
      description={t("buyers.detail.suspendDescription")}
      // The rule `POST /admin/buyers/{id}/suspend` enforces.
      rule={z.string().trim().min(1, required).max(500, required)}
      name="reason"
      id="suspend-reason"
      label={t("buyers.detail.reason")}
      rows={4}
      submitText={t("buyers.detail.suspend")}
      danger
      onSubmit={async (reason) => {
        await action.mutateAsync({
          path: `/admin/buyers/${buyer.id}/suspend`,
          body: { reason },
        })
        toast.success(t("buyers.detail.suspended", { handle: buyer.handle }))
      }}
    />
  )
}

/** Set a buyer's tier (tier rules then apply to them): a Drawer. */
export const TierDrawer = ({ buyer }: { buyer: Buyer }) => {
  const t = useT()
  const action = useBuyerAction()
  const invalid = t("buyers.detail.tierInvalid")
  return (
    <ReasonDrawer
      trigger={
        <Button size="small" variant="secondary">
          {t("buyers.detail.setTier")}
        </Button>
      }
      title={t("buyers.detail.setTier")}
      // The rule `POST /admin/buyers/{id}` enforces on `tier`.
      rule={z
        .string()
        .trim()
        .min(1, invalid)
        .max(50, invalid)
        .regex(/^[A-Za-z0-9_.-]+$/, invalid)}
      name="tier"
      id="buyer-tier"
      label={t("buyers.detail.tier")}
      hint={t("buyers.detail.tierHint")}
      initialValue={buyer.tier}
      submitText={t("common.actions.save")}
      onSubmit={async (tier) => {
        await action.mutateAsync({
          path: `/admin/buyers/${buyer.id}`,
          body: { tier },
        })
        toast.success(t("buyers.detail.tierSaved", { tier }))
      }}
    />
  )
}

/** Approve (or reinstate) a buyer. */
export const ApproveButton = ({ buyer }: { buyer: Buyer }) => {
  const t = useT()
  const action = useBuyerAction()
  return (
    <Button
      size="small"
      isLoading={action.isPending}
      onClick={async () => {
        try {
          await action.mutateAsync({
            path: `/admin/buyers/${buyer.id}/approve`,
          })
          toast.success(t("buyers.detail.approved", { handle: buyer.handle }))
        } catch (e) {
          toast.error((e as Error).message)
        }
      }}
    >
      {buyer.status === "suspended"
        ? t("buyers.detail.reinstate")
        : t("buyers.detail.approve")}
    </Button>
  )
}
