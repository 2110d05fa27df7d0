import { Button, toast } from "@medusajs/ui"
import { z } from "zod"
import { type Settlement, keys, post, useAction } from "../earnings/api"
import { useT } from "../../lib/i18n"
import { ReasonDrawer } from "../../lib/reason-drawer"
import { useConfirm } from "../../lib/confirm"

function useSettlementAction() {
  return useAction(
    ({ path, body }: { path: string; body: Record<string, unknown> }) =>
      post<{ settlement: Settlement }>(path, body),
    [keys.settlements, keys.commissions, keys.buyers]
  )
}

/** Record a manual payout as paid, with the payment's reference: a Drawer. */
export const MarkPaidDrawer = ({ settlement }: { settlement: Settlement }) => {
  const t = useT()
  const action = useSettlementAction()
  const invalid = t("settlements.detail.referenceInvalid")
  return (
    <ReasonDrawer
      trigger={<Button size="small">{t("settlements.detail.markPaid")}</Button>}
      title={t("settlements.detail.markPaid")}
      description={t("settlements.detail.markPaidDescription")}
      // The rule `POST /admin/settlements/{id}/mark-paid` enforces.
      rule={z.string().trim().min(1, invalid).max(200, invalid)}
      name="reference"
      id="paid-reference"
      label={t("settlements.detail.reference")}
      hint={t("settlements.detail.referenceHint")}
      submitText={t("settlements.detail.markPaid")}
      onSubmit={async (reference) => {
        await action.mutateAsync({
          path: `/admin/settlements/${settlement.id}/mark-paid`,
          body: { reference },
        })
        toast.success(t("settlements.detail.markedPaid"))
      }}
    />
  )
}

/**
 * Record that a manual payout did not go through (the entries become
 * payable again): a Drawer for the reason, then a Prompt to confirm.
 */
export const MarkFailedDrawer = ({
  settlement,
}: {
  settlement: Settlement
}) => {
  const t = useT()
  const confirm = useConfirm()
  const action = useSettlementAction()
  const invalid = t("settlements.detail.failReasonInvalid")
  return (
    <ReasonDrawer
      trigger={
        <Button size="small" variant="danger">
          {t("settlements.detail.markFailed")}
        </Button>
      }
      title={t("settlements.detail.markFailed")}
      // The rule `POST /admin/settlements/{id}/mark-failed` enforces.
      rule={z.string().trim().min(3, invalid).max(500, invalid)}
      name="reason"
      id="failed-reason"
      label={t("settlements.detail.failReason")}
      rows={3}
      submitText={t("settlements.detail.markFailed")}
      danger
      confirm={() =>
        confirm({
          title: t("settlements.detail.failConfirmTitle"),
          description: t("settlements.detail.failConfirmDescription"),
          confirmText: t("settlements.detail.markFailed"),
        })
      }
      onSubmit={async (reason) => {
        await action.mutateAsync({
          path: `/admin/settlements/${settlement.id}/mark-failed`,
          body: { reason },
        })
        toast.success(t("settlements.detail.markedFailed"))
      }}
    />
  )
}

/** Pay a failed or unfinished settlement again (never twice): confirm first. */
export const RetryButton = ({ settlement }: { settlement: Settlement }) => {
  const t = useT()
  const confirm = useConfirm()
  const action = useAction(
    () =>
      post<{ settlement: Settlement; outcome: unknown }>(
        `/admin/settlements/${settlement.id}/retry`,
        {}
      ),
    [keys.settlements, keys.commissions, keys.buyers]
  )
  return (
    <Button
      size="small"
      variant="secondary"
      isLoading={action.isPending}
      onClick={async () => {
        const ok = await confirm({
          title: t("settlements.detail.retryConfirmTitle"),
          description: t("settlements.detail.retryConfirmDescription"),
          confirmText: t("settlements.detail.retry"),
          variant: "confirmation",
        })
        if (!ok) {
          return
        }
        try {
          const r = await action.mutateAsync(undefined)
          toast.success(
            t("settlements.detail.retried", {
              status: t(`settlements.status.${r.settlement.status}`),
            })
          )
        } catch (e) {
          toast.error((e as Error).message)
        }
      }}
    >
      {t("settlements.detail.retry")}
    </Button>
  )
}
