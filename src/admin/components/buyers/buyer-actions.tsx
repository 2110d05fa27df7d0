import { zodResolver } from "@hookform/resolvers/zod"
import { Button, Drawer, Input, Text, Textarea, toast } from "@medusajs/ui"
import { useState } from "react"
import { useForm } from "react-hook-form"
import { z } from "zod"
import { type Buyer, fieldErrors, keys, post, useAction } from "../earnings/api"
import { Field as FormField } from "../../lib/form"
import { useT } from "../../lib/i18n"

type BuyerResponse = { buyer: Buyer }

/** A client-side issue; the page shows its own words for it. The API's own message is shown as it is. */
const INVALID = "invalid"
const shown = (message: string | undefined, fallback: string) =>
  !message || message === INVALID ? fallback : message

export function useBuyerAction() {
  return useAction(
    ({ path, body }: { path: string; body?: Record<string, unknown> }) =>
      post<BuyerResponse>(path, body ?? {}),
    [keys.buyers]
  )
}

/** The rule `POST /admin/buyers/{id}/suspend` enforces. */
const suspendSchema = z.object({
  reason: z.string().trim().min(1, INVALID).max(500, INVALID),
})

/** Suspend a buyer with a reason (their links stop earning): a Drawer. */
export const SuspendDrawer = ({ buyer }: { buyer: Buyer }) => {
  const t = useT()
  const [open, setOpen] = useState(false)
  const action = useBuyerAction()
  const form = useForm<{ reason: string }>({
    resolver: zodResolver(suspendSchema),
    defaultValues: { reason: "" },
  })
  const submit = form.handleSubmit(async ({ reason }) => {
    try {
      await action.mutateAsync({
        path: `/admin/buyers/${buyer.id}/suspend`,
        body: { reason },
      })
      toast.success(t("buyers.detail.suspended", { handle: buyer.handle }))
      form.reset()
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
          {t("buyers.detail.suspend")}
        </Button>
      </Drawer.Trigger>
      <Drawer.Content>
        <form onSubmit={submit} className="flex h-full flex-col" noValidate>
          <Drawer.Header>
            <Drawer.Title>
              {t("buyers.detail.suspendTitle", { handle: buyer.handle })}
            </Drawer.Title>
          </Drawer.Header>
          <Drawer.Body className="flex flex-col gap-y-4">
            <Text size="small" className="text-ui-fg-subtle">
              {t("buyers.detail.suspendDescription")}
            </Text>
            <FormField
              id="suspend-reason"
              label={t("buyers.detail.reason")}
              error={
                form.formState.errors.reason
                  ? shown(
                      form.formState.errors.reason.message,
                      t("buyers.detail.reasonRequired")
                    )
                  : undefined
              }
            >
              <Textarea
                id="suspend-reason"
                rows={4}
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
              {t("buyers.detail.suspend")}
            </Button>
          </Drawer.Footer>
        </form>
      </Drawer.Content>
    </Drawer>
  )
}

/** The rule `POST /admin/buyers/{id}` enforces on `tier`. */
const tierSchema = z.object({
  tier: z
    .string()
    .trim()
    .min(1, INVALID)
    .max(50, INVALID)
    .regex(/^[A-Za-z0-9_.-]+$/, INVALID),
})

/** Set a buyer's tier (tier rules then apply to them): a Drawer. */
export const TierDrawer = ({ buyer }: { buyer: Buyer }) => {
  const t = useT()
  const [open, setOpen] = useState(false)
  const action = useBuyerAction()
  const form = useForm<{ tier: string }>({
    resolver: zodResolver(tierSchema),
    values: { tier: buyer.tier },
  })
  const submit = form.handleSubmit(async ({ tier }) => {
    try {
      await action.mutateAsync({
        path: `/admin/buyers/${buyer.id}`,
        body: { tier },
      })
      toast.success(t("buyers.detail.tierSaved", { tier }))
      setOpen(false)
    } catch (e) {
      const { fields, message } = fieldErrors(e)
      if (fields.tier) {
        form.setError("tier", { message: fields.tier })
      } else {
        toast.error(message)
      }
    }
  })
  return (
    <Drawer open={open} onOpenChange={setOpen}>
      <Drawer.Trigger asChild>
        <Button size="small" variant="secondary">
          {t("buyers.detail.setTier")}
        </Button>
      </Drawer.Trigger>
      <Drawer.Content>
        <form onSubmit={submit} className="flex h-full flex-col" noValidate>
          <Drawer.Header>
            <Drawer.Title>{t("buyers.detail.setTier")}</Drawer.Title>
          </Drawer.Header>
          <Drawer.Body className="flex flex-col gap-y-4">
            <FormField
              id="buyer-tier"
              label={t("buyers.detail.tier")}
              hint={t("buyers.detail.tierHint")}
              error={
                form.formState.errors.tier
                  ? shown(
                      form.formState.errors.tier.message,
                      t("buyers.detail.tierInvalid")
                    )
                  : undefined
              }
            >
              <Input
                id="buyer-tier"
                autoComplete="off"
                aria-invalid={!!form.formState.errors.tier}
                {...form.register("tier")}
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
              {t("common.actions.save")}
            </Button>
          </Drawer.Footer>
        </form>
      </Drawer.Content>
    </Drawer>
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
