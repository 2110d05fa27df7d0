import { zodResolver } from "@hookform/resolvers/zod"
import { Button, Drawer, Input, Text } from "@medusajs/ui"
import { useState } from "react"
import { useForm } from "react-hook-form"
import { z } from "zod"
import { fieldErrors } from "./api"
import { Field as FormField } from "../../lib/form"
import { useHoldOrder } from "./hold"
import { useT } from "../../lib/i18n"

const schema = z.object({
  order_id: z.string().trim().min(1).max(100),
})
type Values = z.infer<typeof schema>

/**
 * Hold an order's commission (its pending and approved entries stop short
 * of any settlement) or release it: a Drawer that takes the order id.
 */
export const HoldDrawer = () => {
  const t = useT()
  const [open, setOpen] = useState(false)
  const form = useForm<Values>({
    resolver: zodResolver(schema),
    defaultValues: { order_id: "" },
  })
  const holdOrder = useHoldOrder()

  const run = (hold: boolean) =>
    form.handleSubmit(async ({ order_id }) => {
      try {
        if (await holdOrder.run({ order_id, hold, label: order_id })) {
          form.reset()
          setOpen(false)
        }
      } catch (e) {
        const { fields, message } = fieldErrors(e)
        form.setError("order_id", { message: fields.order_id ?? message })
      }
    })()

  return (
    <Drawer open={open} onOpenChange={setOpen}>
      <Drawer.Trigger asChild>
        <Button size="small" variant="secondary">
          {t("commissions.hold.open")}
        </Button>
      </Drawer.Trigger>
      <Drawer.Content>
        <Drawer.Header>
          <Drawer.Title>{t("commissions.hold.title")}</Drawer.Title>
        </Drawer.Header>
        <Drawer.Body className="flex flex-col gap-y-4">
          <Text size="small" className="text-ui-fg-subtle">
            {t("commissions.hold.description")}
          </Text>
          <FormField
            id="hold-order"
            label={t("commissions.hold.order")}
            error={form.formState.errors.order_id?.message}
          >
            <Input
              id="hold-order"
              placeholder="order_…"
              autoComplete="off"
              {...form.register("order_id")}
            />
          </FormField>
        </Drawer.Body>
        <Drawer.Footer>
          <Drawer.Close asChild>
            <Button size="small" variant="secondary">
              {t("common.actions.cancel")}
            </Button>
          </Drawer.Close>
          <HoldButtons holdOrder={holdOrder} onRun={run} holdVariant="danger" />
        </Drawer.Footer>
      </Drawer.Content>
    </Drawer>
  )
}

/**
 * "Release" and "Hold" for `useHoldOrder`, each spinning while its own
 * request runs; `onRun(hold)`. `canRelease`/`canHold` leave one out.
 */
export const HoldButtons = ({
  holdOrder,
  onRun,
  canHold = true,
  canRelease = true,
  holdVariant = "secondary",
}: {
  holdOrder: { holding: boolean; releasing: boolean }
  onRun: (hold: boolean) => void
  canHold?: boolean
  canRelease?: boolean
  holdVariant?: "secondary" | "danger"
}) => {
  const t = useT()
  return (
    <>
      {canRelease ? (
        <Button
          size="small"
          variant="secondary"
          isLoading={holdOrder.releasing}
          onClick={() => onRun(false)}
        >
          {t("commissions.hold.release")}
        </Button>
      ) : null}
      {canHold ? (
        <Button
          size="small"
          variant={holdVariant}
          isLoading={holdOrder.holding}
          onClick={() => onRun(true)}
        >
          {t("commissions.hold.hold")}
        </Button>
      ) : null}
    </>
  )
}
