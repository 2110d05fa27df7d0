import { zodResolver } from "@hookform/resolvers/zod"
import {
  Button,
  Drawer,
  Input,
  Text,
  Textarea,
  toast,
  usePrompt,
} from "@medusajs/ui"
import { useState } from "react"
import { useForm } from "react-hook-form"
import { z } from "zod"
import {
  type Settlement,
  fieldErrors,
  keys,
  post,
  useAction,
} from "../earnings/api"
import { Field as FormField } from "../../lib/form"
import { useT } from "../../lib/i18n"

const INVALID = "invalid"
const shown = (message: string | undefined, fallback: string) =>
  !message || message === INVALID ? fallback : message

function useSettlementAction() {
  return useAction(
    ({ path, body }: { path: string; body: Record<string, unknown> }) =>
      post<{ settlement: Settlement }>(path, body),
    [keys.settlements, keys.commissions, keys.buyers]
  )
}

/** The rules `POST /admin/settlements/{id}/mark-paid` and `/mark-failed` enforce. */
const paidSchema = z.object({
  reference: z.string().trim().min(1, INVALID).max(200, INVALID),
})
const failedSchema = z.object({
  reason: z.string().trim().min(3, INVALID).max(500, INVALID),
})

/** Record a manual payout as paid, with the payment's reference: a Drawer. */
export const MarkPaidDrawer = ({ settlement }: { settlement: Settlement }) => {
  const t = useT()
  const [open, setOpen] = useState(false)
  const action = useSettlementAction()
  const form = useForm<{ reference: string }>({
    resolver: zodResolver(paidSchema),
    defaultValues: { reference: "" },
  })
  const submit = form.handleSubmit(async ({ reference }) => {
    try {
      await action.mutateAsync({
        path: `/admin/settlements/${settlement.id}/mark-paid`,
        body: { reference },
      })
      toast.success(t("settlements.detail.markedPaid"))
      setOpen(false)
    } catch (e) {
      const { fields, message } = fieldErrors(e)
      if (fields.reference) {
        form.setError("reference", { message: fields.reference })
      } else {
        toast.error(message)
      }
    }
  })
  return (
    <Drawer open={open} onOpenChange={setOpen}>
      <Drawer.Trigger asChild>
        <Button size="small">{t("settlements.detail.markPaid")}</Button>
      </Drawer.Trigger>
      <Drawer.Content>
        <form onSubmit={submit} className="flex h-full flex-col" noValidate>
          <Drawer.Header>
            <Drawer.Title>{t("settlements.detail.markPaid")}</Drawer.Title>
          </Drawer.Header>
          <Drawer.Body className="flex flex-col gap-y-4">
            <Text size="small" className="text-ui-fg-subtle">
              {t("settlements.detail.markPaidDescription")}
            </Text>
            <FormField
              id="paid-reference"
              label={t("settlements.detail.reference")}
              hint={t("settlements.detail.referenceHint")}
              error={
                form.formState.errors.reference
                  ? shown(
                      form.formState.errors.reference.message,
                      t("settlements.detail.referenceInvalid")
                    )
                  : undefined
              }
            >
              <Input
                id="paid-reference"
                autoComplete="off"
                aria-invalid={!!form.formState.errors.reference}
                {...form.register("reference")}
              />
            </FormField>
          </Drawer.Body>
          <Drawer.Footer>
            <Drawer.Close asChild>
              <Button size="small" variant="secondary" type="button">
                {t("common.actions.cancel")}
              </Button>
            </Drawer.Close>
            <Button size="small" type="submit" isLoading={action.isPending}>
              {t("settlements.detail.markPaid")}
            </Button>
          </Drawer.Footer>
        </form>
      </Drawer.Content>
    </Drawer>
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
  const prompt = usePrompt()
  const [open, setOpen] = useState(false)
  const action = useSettlementAction()
  const form = useForm<{ reason: string }>({
    resolver: zodResolver(failedSchema),
    defaultValues: { reason: "" },
  })
  const submit = form.handleSubmit(async ({ reason }) => {
    const ok = await prompt({
      title: t("settlements.detail.failConfirmTitle"),
      description: t("settlements.detail.failConfirmDescription"),
      confirmText: t("settlements.detail.markFailed"),
      cancelText: t("common.actions.cancel"),
    })
    if (!ok) {
      return
    }
    try {
      await action.mutateAsync({
        path: `/admin/settlements/${settlement.id}/mark-failed`,
        body: { reason },
      })
      toast.success(t("settlements.detail.markedFailed"))
      setOpen(false)
    } catch (e) {
      const { fields, message } = fieldErrors(e)
      if (fields.reason) {
        form.setError("reason", { message: fields.reason })
      } else {
        toast.error(message)
      }
    }
  })
  return (
    <Drawer open={open} onOpenChange={setOpen}>
      <Drawer.Trigger asChild>
        <Button size="small" variant="danger">
          {t("settlements.detail.markFailed")}
        </Button>
      </Drawer.Trigger>
      <Drawer.Content>
        <form onSubmit={submit} className="flex h-full flex-col" noValidate>
          <Drawer.Header>
            <Drawer.Title>{t("settlements.detail.markFailed")}</Drawer.Title>
          </Drawer.Header>
          <Drawer.Body className="flex flex-col gap-y-4">
            <FormField
              id="failed-reason"
              label={t("settlements.detail.failReason")}
              error={
                form.formState.errors.reason
                  ? shown(
                      form.formState.errors.reason.message,
                      t("settlements.detail.failReasonInvalid")
                    )
                  : undefined
              }
            >
              <Textarea
                id="failed-reason"
                rows={3}
                aria-invalid={!!form.formState.errors.reason}
                {...form.register("reason")}
              />
            </FormField>
          </Drawer.Body>
          <Drawer.Footer>
            <Drawer.Close asChild>
              <Button size="small" variant="secondary" type="button">
                {t("common.actions.cancel")}
              </Button>
            </Drawer.Close>
            <Button
              size="small"
              variant="danger"
              type="submit"
              isLoading={action.isPending}
            >
              {t("settlements.detail.markFailed")}
            </Button>
          </Drawer.Footer>
        </form>
      </Drawer.Content>
    </Drawer>
  )
}

/** Pay a failed or unfinished settlement again (never twice): confirm first. */
export const RetryButton = ({ settlement }: { settlement: Settlement }) => {
  const t = useT()
  const prompt = usePrompt()
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
        const ok = await prompt({
          title: t("settlements.detail.retryConfirmTitle"),
          description: t("settlements.detail.retryConfirmDescription"),
          confirmText: t("settlements.detail.retry"),
          cancelText: t("common.actions.cancel"),
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
